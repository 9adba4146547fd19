"""Call operations on the mock back end, refused as a real OData service refuses them: the
wrong HTTP method (405), a missing parameter, a query value that is not an OData literal of
the parameter's type, a body that is not a JSON object or misses, mistypes or adds a member
(400). A call it takes is recorded in ``Backend.calls`` and answered by ``Backend.answers``
(operation name → function of the decoded parameters), else with the parameters it got."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, unquote

_STRING = re.compile(r"^'((?:[^']|'')*)'$")
_V4 = {"integer": r"-?\d+", "decimal": r"-?\d+(\.\d+)?", "boolean": r"true|false",
       "date": r"\d{4}-\d{2}-\d{2}",
       "datetime": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})"}
_V2 = {**_V4, "decimal": r"-?\d+(\.\d+)?M", "date": r"datetime'\d{4}-\d{2}-\d{2}T00:00:00'",
       "datetime": r"datetime'\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?'"}
_JSON = {"string": str, "integer": int, "decimal": (int, float), "boolean": bool,
         "date": str, "datetime": str}


def _refuse(status: int, message: str) -> tuple[int, Any]:
    return status, {"error": {"code": str(status), "message": message}}


def _literal(text: str, kind: str, v2: bool) -> Any:
    """The value of an OData literal of ``kind``, or raises ValueError."""
    if kind == "string":
        m = _STRING.match(text)
        if not m:
            raise ValueError(f"`{text}` is not a string literal (quote it: '…')")
        return m.group(1).replace("''", "'")
    if not re.fullmatch((_V2 if v2 else _V4)[kind], text):
        raise ValueError(f"`{text}` is not an Edm literal of type {kind}")
    if kind == "integer":
        return int(text)
    if kind == "decimal":
        return float(text.rstrip("M"))
    return text == "true" if kind == "boolean" else text


def answer_call(backend: Any, route: Any, method: str, path: str, body: Any,
                query: str) -> tuple[int, Any]:
    """The answer to a request on a call operation's route."""
    op, source = route.op, backend.source(route.source)
    if method != op.method:
        return _refuse(405, f"{op.name} takes {op.method}, not {method}")
    v2 = source.odata_version == "2.0"
    args = dict(parse_qsl(query, keep_blank_values=True))
    m = route.pattern.match(path)
    got: dict[str, Any] = dict(zip(route.params, (unquote(v) for v in m.groups()))) if m else {}
    for p in op.params:
        if p.location != "query":
            continue
        if p.wire not in args:
            if p.required:
                return _refuse(400, f"missing parameter {p.wire}")
            continue
        try:
            got[p.name] = _literal(args[p.wire], p.type, v2) if source.kind == "odata" \
                else args[p.wire]
        except ValueError as exc:
            return _refuse(400, f"parameter {p.wire}: {exc}")
    members = {p.wire: p for p in op.params if p.location == "body"}
    if method != "GET":
        if not isinstance(body, dict):
            return _refuse(400, "the body of an action is a JSON object")
        for name in body:
            if name not in members:
                return _refuse(400, f"{op.name} has no parameter {name}")
        for name, p in members.items():
            if name not in body:
                if p.required:
                    return _refuse(400, f"missing parameter {name}")
                continue
            value = body[name]
            if not isinstance(value, _JSON[p.type]) or (p.type != "boolean" and isinstance(value, bool)):
                return _refuse(400, f"parameter {name}: not a {p.type}")
            got[p.name] = value
    with backend.lock:
        backend.calls.append({"name": op.name, "method": method, "path": path, "query": query,
                              "params": got})
        answer = backend.answers.get(op.name)
        value = answer(got) if answer else got
    if isinstance(value, tuple):  # (status, payload): the service's business rule said no
        return value
    if v2:
        return 200, {"d": value}
    return 200, {"@odata.context": "$metadata#Edm.Untyped", "value": value}
