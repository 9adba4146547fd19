"""A real OpenID Connect provider for the sign-in tests, and the API's check of its tokens.

``oidc-provider`` (a certified implementation, pinned in ``oidc/package-lock.json``) is installed
with ``npm ci`` into ``~/.cache/fieldcraft/oidc/<hash of the lock>`` once per machine, as the
accessibility tests install axe-core, and started on 127.0.0.1 by ``Provider``. ``JwtCheck``
verifies access tokens as a resource server must: signature against the provider's JWKS
(PyJWT's ``PyJWKClient``), issuer, audience and expiry.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
import urllib.request
from pathlib import Path
from typing import Any

import jwt

from tests.exporters_rn.toolchain import install_spec

SPEC = Path(__file__).resolve().parent / "oidc"


def installed() -> Path:
    """The folder holding ``node_modules/oidc-provider``, running ``npm ci`` first if needed."""
    return install_spec(SPEC, "oidc", ("package.json", "package-lock.json", ".npmrc")).root


class Provider:
    """``oidc-provider`` on 127.0.0.1 (random port) with ``users`` (id → password, name, email),
    one public client (PKCE required) and JWT access tokens for ``audience`` lasting
    ``access_ttl`` seconds."""

    def __init__(self, *, client_id: str, redirect_uri: str, audience: str, access_ttl: int,
                 users: dict[str, dict[str, str]]) -> None:
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("node is required (./dev installs nodejs)")
        folder = installed()
        script = folder / "provider.mjs"
        shutil.copy2(SPEC / "provider.mjs", script)  # resolves oidc-provider from that folder
        settings = {"client_id": client_id, "redirect_uris": [redirect_uri], "audience": audience,
                    "access_ttl": access_ttl, "users": users}
        self.process = subprocess.Popen([node, str(script), json.dumps(settings)], cwd=folder,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline() if self.process.stdout else ""
        if not line:
            err = self.process.stderr.read() if self.process.stderr else ""
            raise RuntimeError(f"the OpenID provider did not start:\n{err}")
        self.issuer: str = json.loads(line)["issuer"]
        self.stderr: list[str] = []
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr.append(line)

    def _call(self, path: str, method: str = "GET") -> Any:
        req = urllib.request.Request(self.issuer + path, method=method, data=b"" if method == "POST" else None)
        with urllib.request.urlopen(req, timeout=10) as answer:
            return json.loads(answer.read())

    def revoke(self, account: str) -> int:
        """Drop every refresh token of ``account`` (an administrator ending their sessions)."""
        return int(self._call(f"/__test/revoke?account={account}", "POST")["dropped"])

    def grants(self) -> list[str]:
        """The grant types the token endpoint served, in order."""
        return list(self._call("/__test/log")["grants"])

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class JwtCheck:
    """The API's side: ``Authorization: Bearer <JWT>`` checked against the provider's JWKS;
    ``(subject, None)`` for a valid token, else ``(None, (401, error))``."""

    def __init__(self, issuer: str, audience: str) -> None:
        self.issuer = issuer
        self.audience = audience
        self.jwks = jwt.PyJWKClient(f"{issuer}/jwks", cache_keys=True)
        self.seen: list[dict[str, Any]] = []  # claims of every token accepted
        self.refused: list[str] = []
        self.refuse_next = 0  # refuse this many valid tokens (a key rotated, a session ended)

    def __call__(self, headers: Any) -> tuple[str | None, tuple[int, Any] | None]:
        value = headers.get("Authorization") or ""
        if not value.startswith("Bearer "):
            self.refused.append("no bearer token")
            return None, (401, {"error": "no bearer token"})
        token = value[len("Bearer "):]
        try:
            key = self.jwks.get_signing_key_from_jwt(token)
            claims = jwt.decode(token, key.key, algorithms=["RS256"], audience=self.audience,
                                issuer=self.issuer, options={"require": ["exp", "sub", "iss"]})
        except jwt.PyJWTError as exc:
            self.refused.append(type(exc).__name__)
            return None, (401, {"error": f"invalid token: {type(exc).__name__}"})
        if self.refuse_next:
            self.refuse_next -= 1
            self.refused.append("refused on purpose")
            return None, (401, {"error": "token no longer accepted"})
        self.seen.append(claims)
        return str(claims["sub"]), None
