"""Operations as Dart constants (``Operation``, ``ParamSpec``, ``PagingSpec`` of
``lib/runtime/request.dart``), printed from the same specs ``exporters/params.py`` gives the JS
targets, so the three runtimes send what one description says."""

from __future__ import annotations

import math
from typing import Any

from ..escaping import EscapingError, dart_str

#: ``operation_spec`` paging keys → PagingSpec's named parameters.
_PAGING = (("next", "next"), ("param", "param"), ("size_param", "sizeParam"),
           ("page_size", "pageSize"), ("first_page", "firstPage"), ("max_pages", "maxPages"),
           ("max_rows", "maxRows"))


def dart_value(value: Any) -> str:
    """A Dart constant for a JSON scalar or a list of strings."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise EscapingError(f"not a finite number: {value!r}")
        return str(int(value)) if value.is_integer() and abs(value) < 2 ** 53 else repr(value)
    if isinstance(value, str):
        return dart_str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(dart_value(v) for v in value) + "]"
    raise EscapingError(f"not a parameter value: {value!r}")


def _strings(values: Any) -> str:
    return "<String>[" + ", ".join(dart_str(v) for v in values) + "]"


def param_code(spec: dict[str, Any]) -> str:
    """``ParamSpec('query', '$top', literal: 50)`` of one parameter spec."""
    args = [dart_str(spec["in"]), dart_str(spec["name"])]
    if spec.get("required"):
        args.append("required: true")
    for key in ("field", "scope", "config", "arg", "type"):
        if spec.get(key) is not None:
            args.append(f"{key}: {dart_str(spec[key])}")
    if "literal" in spec and spec["literal"] is not None:
        args.append(f"literal: {dart_value(spec['literal'])}")
    return "ParamSpec(" + ", ".join(args) + ")"


def paging_code(spec: dict[str, Any]) -> str:
    """``PagingSpec('cursor', next: ['cursor'], param: 'after', …)`` of a paging spec; keys the
    spec leaves out (or null) take the runtime's defaults."""
    args = [dart_str(spec["style"])]
    for key, name in _PAGING:
        value = spec.get(key)
        if value is None or value == "" or (key == "next" and not value):
            continue
        args.append(f"{name}: {_strings(value) if key == 'next' else dart_value(value)}")
    return "PagingSpec(" + ", ".join(args) + ")"


def operation_code(spec: dict[str, Any]) -> str:
    """The ``Operation(...)`` constant of an ``operation_spec``."""
    args = [dart_str(spec["kind"]), dart_str(spec["method"]), dart_str(spec["path"])]
    if spec.get("name"):
        args.append(f"name: {dart_str(spec['name'])}")
    if spec.get("default"):
        args.append("isDefault: true")
    if spec.get("server"):
        args.append(f"server: {dart_str(spec['server'])}")
    if spec.get("result"):
        args.append(f"result: {_strings(spec['result'])}")
    if spec.get("body", "json") != "json":
        args.append(f"body: {dart_str(spec['body'])}")
    if spec.get("params"):
        args.append("params: [" + ", ".join(param_code(p) for p in spec["params"]) + "]")
    if spec.get("paging"):
        args.append(f"paging: {paging_code(spec['paging'])}")
    return "Operation(" + ", ".join(args) + ")"


def config_names(specs: list[dict[str, Any]]) -> list[str]:
    """The configuration values the operations' parameters read, sorted."""
    return sorted({p["config"] for s in specs for p in s.get("params", ()) if p.get("config")})
