"""The app's sign-in declaration: none, OpenID Connect (Authorization Code + PKCE) or username
and password against a token endpoint.

Only public clients: there is no client secret field (an export is readable by anyone who has
it), and no implicit flow — the apps always use the authorization code with PKCE (S256), so an
access token never travels in a redirect URL.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator

from .base import Model, Name

SignInMethod = Literal["none", "oidc", "password"]
ClaimType = Literal["string", "integer", "decimal", "boolean", "list"]
#: Hosts where plain http is allowed for the issuer / token endpoint (a provider under test).
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
#: ``user.*`` names every signed-in user has, with their expression types.
STANDARD_CLAIMS: dict[str, str] = {"id": "string", "name": "string", "email": "string",
                                   "roles": "list"}


def secure_url_problem(value: str) -> str | None:
    """Why ``value`` cannot be an issuer/token endpoint, or None: it must be an absolute
    https:// URL (plain http only on 127.0.0.1/localhost) without user info, query or fragment."""
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
    except ValueError:
        return "is not a valid URL"
    if parts.scheme not in ("https", "http") or not host:
        return "must be an absolute https:// URL"
    if parts.scheme == "http" and host not in LOOPBACK_HOSTS:
        return "must use https:// (plain http only for 127.0.0.1 or localhost)"
    if "@" in parts.netloc or parts.query or parts.fragment or any(c in value for c in " \\\t\n"):
        return "must not hold user info, a query, a fragment, spaces or backslashes"
    return None


class Claim(Model):
    """A claim of the ID token offered as ``user.<name>`` in expressions."""

    name: Name
    type: ClaimType = "string"
    claim: str = Field(default="", max_length=128, pattern=r"^([A-Za-z0-9_.:/-]{1,128})?$",
                       description="The claim's name in the token when it differs from `name`, "
                                   "e.g. `https://example.com/region`.")


class SignIn(Model):
    """How users sign in to the exported app. Public clients only: never a client secret."""

    method: SignInMethod = "none"
    issuer: str = Field(default="", max_length=2048, description=(
        "OpenID Connect issuer; the apps read `<issuer>/.well-known/openid-configuration`."))
    client_id: str = Field(default="", max_length=256, pattern=r"^[\x21-\x7e]{0,256}$",
                           description="The public client id registered at the provider.")
    scopes: list[str] = Field(default_factory=lambda: ["openid", "profile", "email"],
                              description="Scopes requested at sign-in (`openid` is always sent).")
    audience: str = Field(default="", max_length=2048, description=(
        "The API audience (resource indicator) the access token is for; empty: the provider's "
        "default."))
    redirect_path: str = Field(default="", max_length=256, pattern=r"^(/[A-Za-z0-9._~/-]*)?$",
                               description="Path of the app the provider redirects back to; "
                                           "empty: the app's start page.")
    token_endpoint: str = Field(default="", max_length=2048, description=(
        "For method=password: the endpoint the username and password are posted to."))
    roles_claim: str = Field(default="roles", max_length=128,
                             pattern=r"^[A-Za-z0-9_.:/-]{1,128}$",
                             description="The token claim that lists the user's roles.")
    claims: list[Claim] = Field(default_factory=list, description=(
        "Further claims offered as `user.<name>` in expressions."))
    roles: list[Name] = Field(default_factory=list, description=(
        "The roles screens and actions may require (`requires_role`), as the provider puts "
        "them in `roles_claim`."))

    @field_validator("scopes")
    @classmethod
    def _scope_tokens(cls, value: list[str]) -> list[str]:
        for scope in value:
            if not scope or len(scope) > 128 or any(c in scope for c in ' "\\') \
                    or not scope.isprintable() or not scope.isascii():
                raise ValueError(f"scope {scope!r} must be a non-empty printable ASCII word "
                                 "without spaces, quotes or backslashes")
        return value

    @property
    def enabled(self) -> bool:
        """True when users sign in (the apps have a ``user``)."""
        return self.method != "none"

    def user_fields(self) -> dict[str, str]:
        """``user.*`` name → expression type (standard claims, then declared ones)."""
        return {**STANDARD_CLAIMS, **{c.name: c.type for c in self.claims}}
