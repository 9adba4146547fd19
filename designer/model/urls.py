"""Web addresses as the exported apps build them and as a browser reads them.

**The join rule** (all three runtimes implement exactly this; see ``request_url``)::

    request URL = base_url without its trailing "/" characters
                + the operation path, each {param} replaced by its percent-encoded value

A **base URL** must be a plain absolute ``http://`` or ``https://`` address (``BASE_URL_PATTERN``):
a host of ASCII letters, digits, ``-`` and ``.`` (international names in punycode) or a bracketed
IPv6 literal, an optional port and path — no user info (``…@``), backslash, whitespace, query or
fragment, the places where RFC 3986 parsers and browsers disagree about the host. An **operation
path** is empty or starts with ``/``. Together they guarantee that every request goes to the base
URL's host whatever the parameters hold (encoded values contain no ``/``, ``\\``, ``@``, ``?`` or
``#``). The runtimes check the same pattern at request time, so an edited ``config.json`` cannot
point them elsewhere either.

Links and image sources are read the way a browser reads them (WHATWG URL rules, through
ada-url), relative ones resolved against the page that shows them.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import ada_url

#: A base URL the apps accept; mirrored in the PWA, React Native and Flutter runtimes.
BASE_URL_PATTERN = (r"^https?://(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?"
                    r"(?:/[^\s\x00-\x1f\x7f\\?#]*)?$")
BASE_URL_RE = re.compile(BASE_URL_PATTERN)
#: Source kinds whose base URL is always a web address (a ``json`` or ``csv`` source may name a
#: file instead: a relative name that stays on the app's own host).
HTTP_SOURCE_KINDS = ("rest", "odata")

_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
#: Stand-in pages for resolving relative URLs; both schemes, since ``https:host`` is relative
#: on an https page but absolute on an http one.
_PAGE_HOST = "app.fieldcraft.invalid"
_PAGES = (f"https://{_PAGE_HOST}/app/", f"http://{_PAGE_HOST}/app/")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")


class Resolved(NamedTuple):
    """Where a browser sends a URL: ``scheme`` without ``:``, ``host`` ("" for the page's own
    host or a host-less scheme), and whether the text was relative or scheme-relative."""

    href: str
    scheme: str
    host: str
    relative: bool


def join(base_url: str, path: str) -> str:
    """``base_url + path`` by the join rule, ``{param}`` placeholders kept."""
    return base_url.rstrip("/") + path


def request_url(base_url: str, path: str) -> str:
    """The URL the apps request for ``path`` (placeholders filled with a sample value)."""
    return join(base_url, _PLACEHOLDER.sub("1", path))


def path_problem(path: str) -> str | None:
    """Why the apps cannot append operation path ``path`` to a base URL, or None."""
    if not path or path.startswith("/"):
        return None
    return (f"an operation path must start with `/`: it is appended to the base URL, so "
            f"`{_short(path)}` would continue the host name or port")


def base_url_problem(base_url: str, file_allowed: bool = False) -> str | None:
    """Why ``base_url`` is not a base URL the apps accept (``BASE_URL_PATTERN``), or None.

    ``file_allowed`` (file-based source kinds) also accepts a plain relative file name.
    """
    if not base_url or BASE_URL_RE.fullmatch(base_url):
        return None
    if file_allowed and re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", base_url):
        return None
    if _CONTROL.search(base_url):
        return "the base URL must not contain spaces or control characters"
    if "\\" in base_url:
        return ("the base URL must not contain `\\`: browsers read it as `/`, so the host is not "
                "the one it seems to name")
    found = resolve(base_url)
    if found is None:
        return f"`{_short(base_url)}` is not a valid URL"
    if found.relative:
        how = "scheme-relative (`//…`)" if found.host else "relative"
        return (f"the base URL is {how}: the app would resolve it against the page that runs "
                "it; give the back end's full https:// address")
    if found.scheme not in ("http", "https"):
        return (f"the base URL uses `{found.scheme}:`; the apps only send requests to http:// "
                "and https:// addresses")
    parsed = ada_url.URL(base_url)
    if parsed.username or parsed.password:
        return ("the base URL must not contain user info (`…@`): the request goes to the host "
                "after `@`; pass credentials through the source's auth")
    if "?" in base_url or "#" in base_url:
        return ("the base URL must not have a query (`?`) or fragment (`#`): operation paths are "
                "appended to it")
    return ("the base URL's host must be ASCII letters, digits, `-` and `.` (international "
            "names in punycode, `xn--…`), with an optional port of digits")


def resolve(text: str) -> Resolved | None:
    """``text`` read by a browser on a page (WHATWG rules), or None if it is no URL at all.

    A relative URL that stays on the page's own host gets ``host=""``; one that leaves it
    (``//evil.example``, ``/\\evil.example``, ``https:evil.example`` on an http page) gets the
    host it reaches, the farthest of both page schemes.
    """
    absolute = ada_url.check_url(text)
    seen: Resolved | None = None
    for page in ((None,) if absolute else _PAGES):
        try:
            url = ada_url.URL(text, page) if page else ada_url.URL(text)
        except ValueError:
            return None
        host = url.hostname
        if page and host == _PAGE_HOST:
            host = ""
        found = Resolved(url.href, url.protocol.rstrip(":"), host, not absolute)
        if seen is None or (host and not seen.host):
            seen = found
    return seen


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:79] + "…"


__all__ = ["BASE_URL_PATTERN", "BASE_URL_RE", "HTTP_SOURCE_KINDS", "Resolved", "base_url_problem",
           "join", "path_problem", "request_url", "resolve"]
