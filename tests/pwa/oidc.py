"""A real OpenID Connect provider for the sign-in tests, and the API's check of its tokens.

``oidc-provider`` (a certified implementation, pinned in ``oidc/package-lock.json``) is installed
with ``npm ci`` into ``~/.cache/fieldcraft/oidc/<hash of the lock>`` once per machine, as the
accessibility tests install axe-core, and started on 127.0.0.1 by ``Provider``. ``JwtCheck``
verifies access tokens as a resource server must: signature against the provider's JWKS
(PyJWT's ``PyJWKClient``), issuer, audience and expiry.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
import urllib.request
from pathlib import Path
from typing import Any

import jwt

SPEC = Path(__file__).resolve().parent / "oidc"
_FILES = ("package.json", "package-lock.json", ".npmrc")


def _hash() -> str:
    digest = hashlib.sha256()
    for name in _FILES:
        digest.update(name.encode() + b"\0" + (SPEC / name).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def installed() -> Path:
    """The folder holding ``node_modules/oidc-provider``, running ``npm ci`` first if needed."""
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is required (./dev installs nodejs and npm)")
    base = os.environ.get("FIELDCRAFT_CACHE") or os.path.join(Path.home(), ".cache", "fieldcraft")
    root = Path(base) / "oidc"
    root.mkdir(parents=True, exist_ok=True)
    target = root / _hash()
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / ".installed").is_file():
            work = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
            for name in _FILES:
                shutil.copy2(SPEC / name, work / name)
            result = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund",
                                     "--loglevel=error"], cwd=work, capture_output=True,
                                    text=True, timeout=600)
            if result.returncode != 0:
                shutil.rmtree(work, ignore_errors=True)
                raise RuntimeError(f"npm ci failed:\n{result.stdout}\n{result.stderr}")
            (work / ".installed").write_text(_hash() + "\n")
            shutil.rmtree(target, ignore_errors=True)
            os.rename(work, target)
    return target


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
