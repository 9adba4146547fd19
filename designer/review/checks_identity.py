"""IT rules about who can open the app and what a lost phone gives away: personal data
without sign-in or device lock, the OAuth implicit flow, tokens kept in device storage."""

from __future__ import annotations

import re
from typing import Any, Iterator
from urllib.parse import parse_qs, urlsplit

from .rules import Hit, LintContext, P, rule

#: Field names that hold personal data even when nobody marked them `pii`.
_PERSONAL = re.compile(r"(^|_)(e_?mail|phone|mobile|telephone|tel|fax|address|street|postcode|"
                       r"zip(_?code)?|birth(day|date)?|dob|ssn|iban|passport|national_id)(_|$)",
                       re.I)
#: Field names that hold a credential: cached offline they sit in IndexedDB / device storage.
_TOKEN = re.compile(r"(^|_)(access_?token|refresh_?token|id_?token|bearer|token|password|passwd|"
                    r"secret|api_?key|session_?id)(_|$)", re.I)


def personal_fields(ctx: LintContext) -> Iterator[tuple[Any, Any, P, list[str]]]:
    """``(source, entity, path of its first personal field, names)`` per entity holding
    personal data: fields marked `pii`, with format email/phone, or named like personal data."""
    for di, source in enumerate(ctx.app.data_sources):
        for ei, entity in enumerate(source.entities):
            found = [(fi, f.name) for fi, f in enumerate(entity.fields)
                     if f.pii or f.format in ("email", "phone") or _PERSONAL.search(f.name)]
            if found:
                path: P = ("data_sources", di, "entities", ei, "fields", found[0][0], "name")
                yield source, entity, path, [name for _, name in found]


def _listed(names: list[str]) -> str:
    shown = ", ".join(f"`{n}`" for n in names[:4])
    return shown + (f" and {len(names) - 4} more" if len(names) > 4 else "")


@rule("FC307", "pii-without-sign-in", "Personal data in an app anyone can open", "warning",
      "privacy",
      """The app loads personal data (fields marked `pii`, with format email/phone, or named
      like email, phone or address) but declares no sign-in, so whoever holds the phone or the
      link opens it, and every user shares one back-end credential.""",
      """Declare the app's sign-in (`sign_in.method` oidc or password) and send the signed-in
      user's token (`auth.scheme: user`); or stop loading the personal fields.""")
def pii_without_sign_in(ctx: LintContext) -> Iterator[Hit]:
    if ctx.app.sign_in.enabled:
        return
    for source, entity, path, names in personal_fields(ctx):
        yield Hit(f"`{source.name}.{entity.name}` holds personal data ({_listed(names)}) in an "
                  "app without sign-in", path)


@rule("FC308", "pii-without-device-lock", "Personal data without an idle lock", "warning",
      "privacy",
      """A phone left unlocked on a car seat shows whatever the app shows. With personal data
      in the app, IT expects it to lock itself after a few idle minutes (biometric or PIN
      unlock) and to wipe its local data when it has not reached the server for a while.""",
      """Set `device_policy.idle_lock_minutes` (e.g. 5) and `device_policy.wipe_after_days`
      (e.g. 14).""")
def pii_without_device_lock(ctx: LintContext) -> Iterator[Hit]:
    policy = ctx.app.device_policy
    if policy.idle_lock_minutes:
        return
    entities = [f"`{s.name}.{e.name}`" for s, e, _path, _names in personal_fields(ctx)]
    if entities:
        wipe = "" if policy.wipe_after_days else " nor wipes its data after days offline"
        yield Hit(f"the app holds personal data ({', '.join(entities[:3])}) but never locks "
                  f"when idle{wipe}", ("device_policy", "idle_lock_minutes"))


@rule("FC309", "oauth-implicit-flow", "OAuth implicit flow", "error", "security",
      """The implicit flow (`response_type=token`) returns the access token in the redirect
      URL, where browser history, logs and other apps read it, and it cannot be bound to the
      client with PKCE; OAuth 2.0 Security BCP forbids it.""",
      """Use the authorization code flow with PKCE: declare the app's sign-in
      (`sign_in.method: oidc`) and `auth.scheme: user`, or the source's real token
      endpoint.""")
def oauth_implicit_flow(ctx: LintContext) -> Iterator[Hit]:
    for di, source in enumerate(ctx.app.data_sources):
        url = source.auth.token_url
        try:
            query = parse_qs(urlsplit(url).query) if url else {}
        except ValueError:
            continue
        kinds = {part for value in query.get("response_type", []) for part in value.split()}
        if kinds & {"token", "id_token"}:
            yield Hit(f"`{source.name}` asks for tokens with the implicit flow "
                      f"(response_type={' '.join(sorted(kinds))})",
                      ("data_sources", di, "auth", "token_url"))


@rule("FC310", "token-on-device", "Token or password kept in device storage", "error",
      "security",
      """A field named like a token, password or key on an entity the app caches offline is
      written to the device's storage (IndexedDB, localStorage, SQLite) in plain form, where
      any script on the origin or a backup of the phone reads it. The apps keep the signed-in
      user's tokens in memory or the platform's secure storage; records are not the place.""",
      """Keep the entity online only (`offline.mode: online_only`), drop the field from the
      model, or let the sign-in handle the token (`auth.scheme: user`).""")
def token_on_device(ctx: LintContext) -> Iterator[Hit]:
    for di, source in enumerate(ctx.app.data_sources):
        for ei, entity in enumerate(source.entities):
            if source.offline_for(entity).mode == "online_only":
                continue
            for fi, fld in enumerate(entity.fields):
                if _TOKEN.search(fld.name):
                    yield Hit(f"`{source.name}.{entity.name}.{fld.name}` looks like a credential "
                              f"and is cached on the device "
                              f"({source.offline_for(entity).mode})",
                              ("data_sources", di, "entities", ei, "fields", fi, "name"))
