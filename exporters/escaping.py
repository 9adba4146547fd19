"""Escaping for every output context an exporter writes model strings into.

Model strings are untrusted: each interpolation goes through the filter for its exact context.
HTML autoescaping does not protect script, style or URL contexts, so each has its own function.
Every function is total: any ``str`` (lone surrogates, control characters, bidi controls) gives
output that is valid in its context and shows the original text literally.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any
from urllib.parse import quote

from designer.expressions import dart_string_literal, js_string_literal

__all__ = ["css_color", "css_number", "css_str", "dart_str", "html_attr", "html_text", "js_str",
           "json_pretty", "json_value", "md_code", "md_text", "safe_url", "url_component", "EscapingError"]


class EscapingError(ValueError):
    """A value cannot be written into its context at all (e.g. a colour that is not a colour)."""


#: Characters written as ``\\uXXXX`` in JS/JSON output although they are legal there: markup
#: breakers (``<>&`` so ``</script>`` and ``<!--`` never appear), line terminators JS treats
#: specially (U+2028/9), invisible or direction-changing characters (Trojan Source) and lone
#: surrogates (not encodable in UTF-8).
_JS_UNSAFE = re.compile("[<>&\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
                        "\u2060-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]")


def _u_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_value(value: Any) -> str:
    """``value`` as JSON that is also a safe JS expression inside a module or a ``.json`` file."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False,
                      default=_json_default)
    return _JS_UNSAFE.sub(_u_escape, text)


def json_pretty(value: Any) -> str:
    """Indented JSON with the same escaping as ``json_value`` (for files people edit)."""
    text = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False, default=_json_default)
    return _JS_UNSAFE.sub(_u_escape, text) + "\n"


def _json_default(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def js_str(value: str) -> str:
    """A double-quoted JS (and TS) string literal showing ``value`` literally."""
    return js_string_literal(str(value))


def dart_str(value: str) -> str:
    """A single-quoted Dart string literal (``$`` escaped, so no interpolation)."""
    return dart_string_literal(str(value))


_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;"}
_HTML_RE = re.compile("[&<>\"'`\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ud800-\udfff]")


def _html_sub(match: re.Match[str]) -> str:
    ch = match.group()
    return _HTML.get(ch) or "\ufffd"


def html_text(value: str) -> str:
    """Text content of an HTML element (not ``<script>``/``<style>``)."""
    return _HTML_RE.sub(_html_sub, str(value))


def html_attr(value: str) -> str:
    """The value of a double-quoted HTML attribute (newlines kept as character references)."""
    return html_text(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")


def css_str(value: str) -> str:
    """A double-quoted CSS string: everything but letters, digits, space, ``_`` and ``-`` as
    a hex escape, so neither ``"`` nor ``</style>`` nor a newline can end it."""
    out = ['"']
    for ch in str(value):
        if ch.isascii() and (ch.isalnum() or ch in " _-"):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\{code if not 0xD800 <= code <= 0xDFFF else 0xFFFD:x} ")
    out.append('"')
    return "".join(out)


_COLOR_RE = re.compile(r"#[0-9a-fA-F]{6}(?:[0-9a-fA-F]{2})?")


def css_color(value: str) -> str:
    """A ``#rrggbb``/``#rrggbbaa`` colour, validated (the model allows nothing else)."""
    if not isinstance(value, str) or not _COLOR_RE.fullmatch(value):
        raise EscapingError(f"not a colour: {value!r}")
    return value.lower()


def css_number(value: float | int, unit: str = "") -> str:
    """A finite number for CSS, e.g. ``12px``; integers without a decimal point."""
    number = float(value)
    if not math.isfinite(number):
        raise EscapingError(f"not a finite number: {value!r}")
    text = str(int(number)) if number.is_integer() else f"{number:.4f}".rstrip("0")
    if unit and not re.fullmatch(r"[a-z%]{1,4}", unit):
        raise EscapingError(f"bad CSS unit {unit!r}")
    return text + unit


_SAFE_SCHEMES = ("https:", "http:", "mailto:", "tel:")


def safe_url(value: str, *, schemes: tuple[str, ...] = _SAFE_SCHEMES) -> str:
    """A URL allowed in ``href``/``src``: an allowed scheme or a relative path without ``..``;
    anything else (``javascript:``, ``data:``, ``//host``) becomes ``#``. Percent-encodes
    characters that are not URL characters; still needs ``html_attr`` in an attribute."""
    text = str(value).strip()
    lowered = re.sub(r"[\x00-\x20\x7f]", "", text).lower()
    scheme = re.match(r"^[a-z][a-z0-9+.-]*:", lowered)
    if scheme:
        if scheme.group() not in schemes:
            return "#"
    elif lowered.startswith(("//", "\\")) or "/../" in f"/{lowered}/" or "\\" in lowered:
        return "#"
    return quote(text, safe="/:?#[]@!$&'()*+,;=%-._~", errors="replace")


def url_component(value: str) -> str:
    """One URL path segment or query value, like JS ``encodeURIComponent``."""
    return quote(str(value), safe="-_.!~*'()", errors="replace")


_MD_RE = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~])")


def md_text(value: str) -> str:
    """Inline Markdown text: punctuation backslash-escaped, one line, no raw HTML."""
    flat = re.sub(r"\s+", " ", str(value)).strip()
    flat = _JS_UNSAFE.sub(lambda m: "" if m.group() not in "<>&" else m.group(), flat)
    return _MD_RE.sub(r"\\\1", flat)


def md_code(value: str) -> str:
    """An inline Markdown code span showing ``value`` literally: backslash escapes do not work
    inside code spans, so the fence is one backtick longer than any backtick run in the text."""
    flat = _JS_UNSAFE.sub(lambda m: "" if m.group() not in "<>&" else m.group(), str(value))
    flat = re.sub(r"\s+", " ", flat).strip()
    fence = "`" * (max((len(run) for run in re.findall("`+", flat)), default=0) + 1)
    pad = " " if flat[:1] == "`" or flat[-1:] == "`" or not flat else ""
    return f"{fence}{pad}{flat}{pad}{fence}"
