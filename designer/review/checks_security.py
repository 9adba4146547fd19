"""Security and privacy rules: HTTPS, host allow-list, blocked source kinds, pii handling."""

from __future__ import annotations

import re
from typing import Any, Iterator
from urllib.parse import urlsplit

from designer.expressions import ExpressionError, Literal, parse, walk
from widgets import InputBase

from .fields import SHOWN_BINDINGS
from .rules import Hit, LintContext, P, rule

_URL = re.compile(r"\b([a-z][a-z0-9+.-]*)://[^\s\"'<>()]+", re.I)
_NETWORK_SCHEMES = ("http", "https", "ws", "wss", "ftp")
_URL_ACTION_FIELDS = {"open_url": ("url",)}


def endpoint_urls(ctx: LintContext) -> Iterator[tuple[str, P, str]]:
    """``(url, path, what)`` for every network address the exported app may contact or open."""
    for di, source in enumerate(ctx.app.data_sources):
        base: P = ("data_sources", di)
        if source.base_url and "://" in source.base_url:
            yield source.base_url, base + ("base_url",), f"data source `{source.name}`"
        if source.auth.token_url:
            yield source.auth.token_url, base + ("auth", "token_url"), \
                f"token endpoint of `{source.name}`"
        for ei, entity in enumerate(source.entities):
            for oi, op in enumerate(entity.operations):
                if "://" in op.path:
                    yield op.path, base + ("entities", ei, "operations", oi, "path"), \
                        f"`{entity.name}` {op.kind} operation"
    for _si, widget, _parent, path in ctx.widget_paths:
        for prop in ("url", "src"):
            value = getattr(widget, prop, "")
            if isinstance(value, str) and "://" in value:
                yield value, path + (prop,), f"{widget.kind} `{widget.name}`"  # type: ignore[attr-defined]
        for prop, expr in widget.bindings.items():  # type: ignore[attr-defined]
            for url in _literal_urls(expr):
                yield url, path + ("bindings", prop), f"binding of `{widget.name}`"  # type: ignore[attr-defined]
    from .checks_data import iter_actions

    for action, path, _si in iter_actions(ctx):
        for prop in _URL_ACTION_FIELDS.get(action.type, ()):
            for url in _literal_urls(getattr(action, prop, "")):
                yield url, path + (prop,), f"{action.type} action"
    if "://" in ctx.app.theme.logo:
        yield ctx.app.theme.logo, ("theme", "logo"), "theme logo"


def _literal_urls(expr: str) -> list[str]:
    """URLs inside the string literals of an expression."""
    if "://" not in expr:
        return []
    try:
        node = parse(expr)
    except ExpressionError:
        return [m.group(0) for m in _URL.finditer(expr)]
    return [m.group(0) for n in walk(node) if isinstance(n, Literal) and isinstance(n.value, str)
            for m in _URL.finditer(n.value)]


def _host(url: str) -> str | None:
    try:
        return urlsplit(url.strip()).hostname
    except ValueError:
        return None


@rule("FC302", "insecure-endpoint", "Endpoint not on HTTPS", "error", "security",
      """Plain HTTP sends credentials, customer data and session tokens readable and
      modifiable by anyone on the network (public Wi-Fi on a field visit). Browsers block
      mixed content in the PWA export and mobile platforms block cleartext traffic by
      default.""",
      """Use the service's `https://` address. If the back end has none, put it behind a
      TLS-terminating gateway.""")
def insecure_endpoint(ctx: LintContext) -> Iterator[Hit]:
    for url, path, what in endpoint_urls(ctx):
        scheme = url.split("://", 1)[0].lower()
        if scheme in ("http", "ws", "ftp"):
            yield Hit(f"{what} uses unencrypted {scheme}:// ({_short(url)})", path,
                      "https://" + url.split("://", 1)[1] if scheme == "http" else None)


@rule("FC303", "host-not-allowed", "Host not in the policy's allow-list", "error", "security",
      """The IT policy lists the hosts apps may talk to (data-loss prevention: company data
      must not flow to unapproved services). An endpoint, token URL, link or image outside
      that list needs an explicit decision.""",
      """Use an approved host, or ask IT to add the host to `allowed_hosts` in the policy
      file.""", needs_policy="allowed_hosts")
def host_not_allowed(ctx: LintContext) -> Iterator[Hit]:
    if ctx.policy.allowed_hosts is None:
        return
    for url, path, what in endpoint_urls(ctx):
        if url.split("://", 1)[0].lower() not in _NETWORK_SCHEMES:
            continue
        host = _host(url)
        if host is None:
            yield Hit(f"{what}: cannot read the host of {_short(url)}", path)
        elif not ctx.policy.host_allowed(host):
            yield Hit(f"{what} contacts `{host}`, which the policy does not allow", path)


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
