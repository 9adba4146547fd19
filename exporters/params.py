"""Operation parameters as the exported data layers take them: where each value comes from.

The runtimes (``runtime_ts/src/request.ts``) fill parameters without an expression evaluator
of their own, so each parameter's expression is classified here: ``record.<field>`` (the record
read or written), a bare name (a screen parameter or variable), a literal, or a named run-time
configuration value. Other expressions are refused with the parameter's location.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from designer.expressions.nodes import Literal, Path
from designer.expressions.parser import parse

from .base import ExportFailed


def param_spec(param: Any, where: str) -> dict[str, Any]:
    """``{in, name, required, field|scope|config|literal}`` of one ``OperationParam``."""
    name = param.name if param.location == "path" else (param.wire_name or param.name)
    spec: dict[str, Any] = {"in": param.location, "name": name,
                            "required": bool(param.required or param.location == "path")}
    if param.config:
        spec["config"] = param.config
        return spec
    if not param.value:
        if param.location == "path":
            spec["field"] = param.name
        return spec
    try:
        node = parse(param.value)
    except Exception as exc:  # noqa: BLE001 - any parse error is the model's, located here
        raise ExportFailed(f"{where}: cannot read the value `{param.value}`: {exc}") from None
    if isinstance(node, Literal):
        value = node.value
        spec["literal"] = float(value) if isinstance(value, Decimal) else value
    elif isinstance(node, Path) and len(node.parts) == 2 and node.parts[0] == "record":
        spec["field"] = node.parts[1]
    elif isinstance(node, Path) and len(node.parts) == 1:
        spec["scope"] = node.parts[0]
    else:
        raise ExportFailed(f"{where}: a parameter's value must be record.<field>, a screen "
                           f"parameter or variable, a literal or a configuration value, not "
                           f"`{param.value}`")
    return spec


def param_specs(operation: Any, where: str) -> list[dict[str, Any]]:
    """The specs of an operation's parameters (``where`` locates errors). A call's carry
    their type (sent as OData literals) and, when they have no value of their own, ``arg``:
    the name the ``call_operation`` action gives them by."""
    specs = [param_spec(p, f"{where}.params.{i}") for i, p in enumerate(operation.params)]
    if operation.kind == "call":
        for spec, p in zip(specs, operation.params):
            spec["type"] = p.type
            if not p.value and not p.config:
                spec.pop("field", None)
                spec["arg"] = p.name
    return specs


def paging_spec(operation: Any) -> dict[str, Any] | None:
    """The operation's paging as the runtimes take it, or None for an unpaged list."""
    paging = operation.paging
    if paging.style == "none":
        return None
    return {"style": paging.style, "next": list(paging.next), "param": paging.param,
            "size_param": paging.size_param, "page_size": paging.page_size,
            "first_page": paging.first_page, "max_pages": paging.max_pages,
            "max_rows": paging.max_rows}


def operation_spec(op: Any, path: str, where: str) -> dict[str, Any]:
    """An operation as the JS data layers take it: kind, method, path (with the back end's
    names), and what else it declares: name, default, server, result path, body encoding,
    parameters and paging."""
    out: dict[str, Any] = {"kind": op.kind, "method": op.method, "path": path}
    if op.name:
        out["name"] = op.name
    if op.default:
        out["default"] = True
    if op.server:
        out["server"] = op.server
    if op.result:
        out["result"] = list(op.result)
    if op.body != "json":
        out["body"] = op.body
    if op.params:
        out["params"] = param_specs(op, where)
    if paging := paging_spec(op):
        out["paging"] = paging
    return out
