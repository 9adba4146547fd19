"""The runtime behaviour table (``cases/*.json``) and its preparation for a runner: expressions
compiled per language by the one expression compiler, rules' expressions likewise."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from designer.expressions import compile_expr
from exporters.strings import defaults

CASES = Path(__file__).resolve().parent / "cases"
#: Table file → the runner that plays it.
KINDS = {"expressions": "expression", "formatting": "expression", "validation": "validation",
         "wire": "call", "outbox": "call", "conflicts": "call", "links": "call",
         "status": "call", "request": "call",
         "body": "call", "calls": "call"}


def table(name: str) -> dict[str, Any]:
    return json.loads((CASES / f"{name}.json").read_text("utf-8"))


def tables() -> dict[str, dict[str, Any]]:
    return {name: table(name) for name in KINDS}


def prepare(name: str, lang: str) -> dict[str, Any]:
    """One table with code compiled for ``lang`` ("js", "ts" or "dart")."""
    doc, kind = table(name), KINDS[name]
    group: dict[str, Any] = {"kind": kind}
    if kind == "expression":
        group.update(strings=doc["strings"], now=doc["now"], data=doc["data"],
                     cases=[{"code": compile_expr(c["expr"], lang)} for c in doc["cases"]])
    elif kind == "validation":
        group.update(scope=doc["scope"], messages=defaults(), cases=[
            {"value": c["value"], "rules": [
                {**r, "code": compile_expr(r["expression"], lang)} if r["rule"] == "expression"
                else r for r in c["rules"]]} for c in doc["cases"]])
    else:
        group.update(module=doc["module"], entities=doc.get("entities", {}),
                     cases=[{"fn": c["fn"], "args": c["args"]} for c in doc["cases"]])
    return group


def same(actual: Any, expected: Any) -> bool:
    """Equal as JSON values, numbers within 1e-12 relative (bools are not numbers)."""
    if isinstance(actual, bool) or isinstance(expected, bool):
        return actual is expected
    if isinstance(actual, (int, float)) and isinstance(expected, (int, float)):
        return math.isclose(actual, expected, rel_tol=1e-12)
    if isinstance(actual, list) and isinstance(expected, list):
        return len(actual) == len(expected) and all(map(same, actual, expected))
    if isinstance(actual, dict) and isinstance(expected, dict):
        return actual.keys() == expected.keys() and all(same(actual[k], expected[k])
                                                        for k in actual)
    return actual == expected


def describe(name: str, case: dict[str, Any]) -> str:
    if "fn" in case:
        return f"{name}: {case['fn']}{json.dumps(case['args'], ensure_ascii=False)}"
    return f"{name}: " + (case["expr"] if "expr" in case else json.dumps(
        {k: v for k, v in case.items() if k != "expect"}, ensure_ascii=False))
