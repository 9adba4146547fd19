"""Security and privacy rules: HTTPS, host allow-list, blocked source kinds, pii handling."""

from __future__ import annotations

import re
from typing import Any, Iterator

from designer.expressions import ExpressionError, Literal, parse, walk
from designer.model.urls import Resolved, request_url, resolve
from widgets import InputBase

from .fields import SHOWN_BINDINGS
from .rules import Hit, LintContext, P, rule

_URL = re.compile(r"\b([a-z][a-z0-9+.-]*)://[^\s\"'<>()]+", re.I)
_NETWORK_SCHEMES = ("http", "https", "ws", "wss", "ftp")
_UNENCRYPTED = ("http", "ws", "ftp")
_NOT_WEB = ("javascript", "file", "vbscript")
#: Action fields and widget properties (static or bound) that hold one URL.
_URL_ACTION_FIELDS = {"open_url": ("url",)}
_URL_PROPS = ("url", "src")


def endpoint_urls(ctx: LintContext) -> Iterator[tuple[str, P, str]]:
    """``(url, path, what)`` for every address the exported app may contact or open, each as
    the app builds it (``urls.request_url``: base URL + operation path)."""
    for di, source in enumerate(ctx.app.data_sources):
        base: P = ("data_sources", di)
        if source.base_url:
            yield source.base_url, base + ("base_url",), f"data source `{source.name}`"
        if source.auth.token_url:
            yield source.auth.token_url, base + ("auth", "token_url"), \
                f"token endpoint of `{source.name}`"
        if not source.base_url:
            continue
        where = _where(resolve(source.base_url))
        for ei, entity in enumerate(source.entities):
            for oi, op in enumerate(entity.operations):
                url = request_url(source.base_url, op.path)
                if op.path and _where(resolve(url)) != where:  # else the base URL's findings
                    yield url, base + ("entities", ei, "operations", oi, "path"), \
                        f"`{entity.name}` {op.kind} operation"
    for _si, widget, _parent, path in ctx.widget_paths:
        for prop in _URL_PROPS:
            value = getattr(widget, prop, "")
            if isinstance(value, str) and value:
                yield value, path + (prop,), f"{widget.kind} `{widget.name}`"  # type: ignore[attr-defined]
        for prop, expr in widget.bindings.items():  # type: ignore[attr-defined]
            for url in _literal_urls(expr, whole=prop in _URL_PROPS):
                yield url, path + ("bindings", prop), f"binding of `{widget.name}`"  # type: ignore[attr-defined]
    from .checks_data import iter_actions

    for action, path, _si in iter_actions(ctx):
        for prop in _URL_ACTION_FIELDS.get(action.type, ()):
            for url in _literal_urls(getattr(action, prop, ""), whole=True):
                yield url, path + (prop,), f"{action.type} action"
    if ctx.app.theme.logo:
        yield ctx.app.theme.logo, ("theme", "logo"), "theme logo"


def _where(found: Resolved | None) -> tuple[str, str, bool] | None:
    return None if found is None else (found.scheme, found.host, found.relative)


def _literal_urls(expr: str, whole: bool = False) -> list[str]:
    """URLs inside the string literals of an expression; with ``whole`` (a property holding one
    URL) every non-empty literal, since a relative one resolves against the page."""
    if not whole and "://" not in expr:
        return []
    try:
        node = parse(expr)
    except ExpressionError:
        return [m.group(0) for m in _URL.finditer(expr)]
    texts = [n.value for n in walk(node) if isinstance(n, Literal) and isinstance(n.value, str)]
    if whole:
        return [t for t in texts if t.strip()]
    return [m.group(0) for t in texts for m in _URL.finditer(t)]


@rule("FC302", "insecure-endpoint", "Endpoint not on HTTPS", "error", "security",
      """Plain HTTP sends credentials, customer data and session tokens readable and
      modifiable by anyone on the network (public Wi-Fi on a field visit). Browsers block
      mixed content in the PWA export and mobile platforms block cleartext traffic by
      default. A scheme-relative address (`//host/…`) takes its scheme from the page and its
      host from the text, whatever the rest of the model says; `javascript:` and `file:`
      addresses are no web endpoints at all.""",
      """Use the service's full `https://` address. If the back end has none, put it behind a
      TLS-terminating gateway.""")
def insecure_endpoint(ctx: LintContext) -> Iterator[Hit]:
    for url, path, what in endpoint_urls(ctx):
        found = resolve(url)
        if found is None:
            continue
        if found.relative and found.host:
            yield Hit(f"{what} is scheme-relative ({_short(url)}): it reaches `{found.host}` "
                      "over whatever scheme the page uses; write the full https:// address", path,
                      "https://" + found.href.split("://", 1)[1])
        elif found.relative:
            continue
        elif found.scheme in _UNENCRYPTED:
            yield Hit(f"{what} uses unencrypted {found.scheme}:// ({_short(url)})", path,
                      "https://" + url.split("://", 1)[1] if "://" in url and
                      found.scheme == "http" else None)
        elif found.scheme in _NOT_WEB:
            yield Hit(f"{what} uses `{found.scheme}:` ({_short(url)}), not an https:// address",
                      path)


@rule("FC303", "host-not-allowed", "Host not in the policy's allow-list", "error", "security",
      """The IT policy lists the hosts apps may talk to (data-loss prevention: company data
      must not flow to unapproved services). An endpoint, token URL, link or image outside
      that list needs an explicit decision. Hosts are read the way the generated app builds
      the address (base URL + operation path) and the way a browser parses it (WHATWG URL
      rules: `\\` counts as `/`, the host follows the last `@`, `//host` is a host).""",
      """Use an approved host, or ask IT to add the host to `allowed_hosts` in the policy
      file.""", needs_policy="allowed_hosts")
def host_not_allowed(ctx: LintContext) -> Iterator[Hit]:
    if ctx.policy.allowed_hosts is None:
        return
    for url, path, what in endpoint_urls(ctx):
        found = resolve(url)
        if found is None:
            if "://" in url:
                yield Hit(f"{what}: cannot read the host of {_short(url)}", path)
        elif found.scheme in _NETWORK_SCHEMES and found.host \
                and not ctx.policy.host_allowed(found.host):
            yield Hit(f"{what} contacts `{found.host}`, which the policy does not allow", path)


@rule("FC304", "blocked-source-kind", "Data source kind blocked by policy", "error", "security",
      """Some source kinds are ruled out by IT, e.g. local SQLite files that bypass the
      company's back-end access control and audit, or CSV files carrying data exports.""",
      """Replace the source with an approved kind (usually the REST/OData service of the
      system of record).""", needs_policy="blocked_source_kinds")
def blocked_source_kind(ctx: LintContext) -> Iterator[Hit]:
    for di, source in enumerate(ctx.app.data_sources):
        if source.kind in ctx.policy.blocked_source_kinds:
            yield Hit(f"data source `{source.name}` is a {source.kind} source, which the policy "
                      "blocks", ("data_sources", di, "kind"))


@rule("FC305", "pii-offline", "Personal data cached offline against policy", "error", "privacy",
      """Fields marked `pii` hold personal data. A lost or stolen phone exposes whatever the
      app cached offline; policies therefore forbid caching personal data or require it to be
      encrypted at rest by the export target.""",
      """Set the entity's (or source's) offline mode to `online_only`, stop marking fields
      that are not personal data as `pii`, or export only to targets that encrypt their
      offline store (see `export_targets`).""", needs_policy="pii.offline")
def pii_offline(ctx: LintContext) -> Iterator[Hit]:
    mode = ctx.policy.pii_offline
    if mode == "allow":
        return
    from .targets import encrypts_offline

    plain = [t for t in ctx.targets if not encrypts_offline(t)]
    if mode == "encrypted" and ctx.targets and not plain:
        return
    for di, source in enumerate(ctx.app.data_sources):
        for ei, entity in enumerate(source.entities):
            pii = [f.name for f in entity.fields if f.pii]
            policy = source.offline_for(entity)
            if not pii or policy.mode == "online_only":
                continue
            path: P = ("data_sources", di) + (("entities", ei, "offline", "mode") if entity.offline
                                              else ("offline", "mode"))
            fields = ", ".join(f"`{n}`" for n in pii)
            if mode == "forbid":
                why = "the policy forbids caching personal data"
            elif ctx.targets:
                why = ("the policy requires it encrypted, and these export targets do not "
                       f"encrypt their offline store: {', '.join(plain)}")
            else:
                why = ("the policy requires it encrypted, and no export target that encrypts "
                       "its offline store is chosen")
            yield Hit(f"`{source.name}.{entity.name}` caches pii fields {fields} on the device "
                      f"({policy.mode}); {why}", path)


@rule("FC306", "pii-unmasked", "Personal data shown unmasked", "error", "privacy",
      """Where the policy requires masking, personal data (fields marked `pii`) must not be
      displayed in clear text, where it can be read over a shoulder or captured in
      screenshots.""",
      """Do not display the field, show it through `mask(…)` (at most 4 characters left visible,
      e.g. `mask(customer.phone)`), or use a password-type text input.""",
      needs_policy="pii.display")
def pii_unmasked(ctx: LintContext) -> Iterator[Hit]:
    if ctx.policy.pii_display != "masked":
        return
    roots: dict[str, Any] = {}
    for screen in ctx.app.screens:
        roots.update(ctx.fields.widget_roots(screen))
    for _si, widget, _parent, path in ctx.widget_paths:
        if isinstance(widget, InputBase) and getattr(widget, "input_type", "") == "password":
            continue
        for prop, use in ctx.fields.widget_uses(widget, roots.get(widget.id, {})):  # type: ignore[attr-defined]
            if prop in SHOWN_BINDINGS and use.field.pii and not use.masked:
                where = ("bindings", prop) if prop in widget.bindings else (prop,)  # type: ignore[attr-defined]
                yield Hit(f"{widget.kind} `{widget.name}` shows pii field "  # type: ignore[attr-defined]
                          f"`{use.qualified}` unmasked", path + where)


def _short(url: str) -> str:
    return url if len(url) <= 80 else url[:79] + "…"


__all__: list[Any] = ["endpoint_urls"]
