"""OpenAPI servers and security schemes → base URL and ``Auth`` (secrets never copied)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from designer.model.data import Auth
from designer.model.secrets_scan import find_secret

from .base import Warnings, to_identifier


def _esc(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def base_url(doc: dict[str, Any], v2: bool, w: Warnings) -> str:
    """The source base URL from ``servers`` (3.x) or ``schemes``/``host``/``basePath`` (2.0)."""
    if v2:
        host = doc.get("host")
        base = str(doc.get("basePath") or "")
        schemes = doc.get("schemes")
        schemes = [str(x) for x in schemes] if isinstance(schemes, list) and schemes else ["https"]
        scheme = "https" if "https" in schemes else str(schemes[0])
        if not isinstance(host, str) or not host:
            w.add("no `host`; set the base URL of the source", "#/host", "import.server")
            return _safe_url(base, w, "#/basePath")
        return _safe_url(f"{scheme}://{host}{base}", w, "#/host")
    servers = doc.get("servers")
    if not isinstance(servers, list) or not servers or not isinstance(servers[0], dict):
        w.add("no `servers`; set the base URL of the source", "#/servers", "import.server")
        return ""
    url = _with_defaults(servers[0])
    if url.startswith("/") or "://" not in url:
        w.add(f"the server URL `{url[:200]}` is relative; set the full base URL",
                   "#/servers/0/url", "import.server")
    return _safe_url(url, w, "#/servers/0/url")

def _with_defaults(server: dict[str, Any]) -> str:
    """A Server Object's URL with its variables replaced by their defaults."""
    url = str(server.get("url") or "")
    variables = server.get("variables") if isinstance(server.get("variables"), dict) else {}
    for var, spec in variables.items():
        default = spec.get("default") if isinstance(spec, dict) else None
        if default is not None:
            url = url.replace("{" + str(var) + "}", str(default))
    return url


def operation_server(server: dict[str, Any], base: str, w: Warnings, ptr: str) -> str:
    """The base URL of a path- or operation-level Server Object; "" when it is the source's.

    Variables take their defaults; a relative URL (``/upload``) is resolved on the source's
    base URL, as the spec resolves it on where the document is served; without an absolute
    base it cannot be, and the operation keeps the source's base with a warning."""
    url = _with_defaults(server).strip()
    if "://" not in url:
        if "://" not in base:
            w.add(f"the operation's server `{url[:200]}` is relative and the source has no full "
                  "base URL; the operation uses the source's", ptr, "import.server")
            return ""
        url = urljoin(base if base.endswith("/") else base + "/", url)
    url = _safe_url(url, w, ptr)
    return "" if url.rstrip("/") == base.rstrip("/") else url


def auth_for(doc: dict[str, Any], v2: bool, source_name: str, w: Warnings, deref: Any,
             get: Any) -> Auth:
    """The auth scheme of the (first required) security scheme, with a suggested credential
    name; descriptions, examples and defaults are never copied."""
    ptr = "#/securityDefinitions" if v2 else "#/components/securitySchemes"
    schemes = get(ptr)
    if not isinstance(schemes, dict) or not schemes:
        return Auth()
    chosen = None
    for requirement in doc.get("security") or []:
        if isinstance(requirement, dict):
            chosen = next((k for k in requirement if k in schemes), None)
            if chosen:
                break
    chosen = chosen or next(iter(schemes))
    if len(schemes) > 1:
        others = ", ".join(f"`{k}`" for k in schemes if k != chosen)
        w.add(f"several security schemes; using `{chosen}` (also defined: {others})",
                   ptr, "import.auth")
    spec, sptr = deref(schemes[chosen], f"{ptr}/{_esc(str(chosen))}")
    if not isinstance(spec, dict):
        return Auth()
    kind = str(spec.get("type") or "").lower()
    credential = f"{source_name}_{to_identifier(str(chosen)).lower()}"[:128]
    if kind == "basic" or (kind == "http" and str(spec.get("scheme")).lower() == "basic"):
        return Auth(scheme="basic", credential=credential)
    if kind == "http":
        if str(spec.get("scheme")).lower() != "bearer":
            w.add(f"HTTP auth scheme `{spec.get('scheme')}` mapped to bearer", sptr,
                       "import.auth")
        return Auth(scheme="bearer", credential=credential)
    if kind == "apikey":
        where = str(spec.get("in") or "header")
        header = str(spec.get("name") or "")[:128]
        if where != "header":
            w.add(f"the API key is sent in the {where} (`{header}`); Fieldcraft sends "
                       "API keys as a header", sptr, "import.auth")
            header = ""
        return Auth(scheme="api_key", credential=credential,
                    header=header if re.fullmatch(r"[A-Za-z0-9!#$%&'*+.^_`|~-]+", header) else "")
    if kind in ("oauth2", "openidconnect"):
        token_url, scopes = "", []
        if v2:
            token_url = str(spec.get("tokenUrl") or "")
            scopes = sorted(str(s) for s in (spec.get("scopes") or {}))
        flows = spec.get("flows") if isinstance(spec.get("flows"), dict) else {}
        for flow_name in ("clientCredentials", "authorizationCode", "password", "implicit"):
            flow = flows.get(flow_name)
            if isinstance(flow, dict):
                token_url = token_url or str(flow.get("tokenUrl") or "")
                scopes = scopes or sorted(str(s) for s in (flow.get("scopes") or {}))
        if kind == "openidconnect":
            w.add("OpenID Connect mapped to OAuth2: set the token URL", sptr, "import.auth")
        return Auth(scheme="oauth2", credential=credential,
                    token_url=_safe_url(token_url, w, sptr)[:2048],
                    scopes=[s[:200] for s in scopes[:100]])
    w.add(f"unsupported security scheme type `{kind}`", sptr, "import.auth")
    return Auth()


def _safe_url(url: str, w: Warnings, ptr: str) -> str:
    """The URL without user:password and without a query that holds a secret."""
    url = url.strip()[:2048]
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        w.add("the URL is not valid and was dropped", ptr, "import.server")
        return ""
    if parts.username or parts.password:
        w.add("credentials in the URL were removed (store them in the keyring instead)", ptr,
              "import.secret")
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        parts = parts._replace(netloc=host)
    if parts.query and find_secret(url):
        w.add("a secret-looking query string was removed from the URL", ptr, "import.secret")
        parts = parts._replace(query="")
    return urlunsplit(parts)
