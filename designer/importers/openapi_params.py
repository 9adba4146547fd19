"""Parameters of an OpenAPI operation: path-item and operation ``parameters`` merged (the
operation's win), with their location, type and required flag; header names must be valid
HTTP tokens; ``Authorization``/``Accept``/``Content-Type`` belong to the auth scheme and
the runtime, cookies are not sent by the apps (both counted, not imported)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from .base import Warnings

_TOKEN = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,128}$")
_RUNTIME_HEADERS = {"authorization", "accept", "content-type", "content-length", "user-agent",
                    "host", "cookie", "if-match", "if-none-match", "accept-encoding",
                    "accept-language"}
_TYPES = {"integer": "integer", "number": "decimal", "boolean": "boolean"}


@dataclass
class Param:
    """One parameter as the contract declares it."""

    name: str            # the spec's name (wire)
    location: str        # path / query / header / formData / body / cookie
    required: bool
    type: str            # ParamType
    ptr: str


def param_type(schema: Any) -> str:
    """The model ParamType of a parameter (its ``schema`` in 3.x, itself in 2.0)."""
    if not isinstance(schema, dict):
        return "string"
    t = schema.get("type")
    if isinstance(t, list):
        t = next((x for x in t if x != "null"), "string")
    fmt = str(schema.get("format") or "")
    if t == "string" and fmt == "date":
        return "date"
    if t == "string" and fmt in ("date-time", "datetime"):
        return "datetime"
    return _TYPES.get(str(t), "string")


def declared(item: dict[str, Any], op: dict[str, Any], item_ptr: str, op_ptr: str,
             deref: Callable[[Any, str], tuple[Any, str]], w: Warnings) -> list[Param]:
    """The parameters of ``op`` under path item ``item`` (``(name, in)`` unique)."""
    found: dict[tuple[str, str], Param] = {}
    for params, ptr in ((item.get("parameters"), item_ptr), (op.get("parameters"), op_ptr)):
        if not isinstance(params, list):
            continue
        for i, raw in enumerate(params[:200]):
            param, pptr = deref(raw, f"{ptr}/parameters/{i}")
            if not isinstance(param, dict) or not isinstance(param.get("name"), str):
                continue
            where = str(param.get("in") or "")
            schema = param.get("schema") if isinstance(param.get("schema"), dict) else param
            if isinstance(schema, dict) and "$ref" in schema:
                schema, _ = deref(schema, f"{pptr}/schema")
            found[(param["name"], where)] = Param(
                param["name"], where, bool(param.get("required")) or where == "path",
                param_type(schema), pptr)
    return list(found.values())


def usable_header(param: Param, w: Warnings) -> bool:
    """True for a header the app can send as a parameter (a valid token, not one the runtime
    or the auth scheme sets)."""
    if param.name.lower() in _RUNTIME_HEADERS:
        return False
    if not _TOKEN.match(param.name):
        w.add(f"header parameter `{param.name[:100]}` is not a valid HTTP header name; not "
              "imported", param.ptr, "import.param")
        return False
    return True
