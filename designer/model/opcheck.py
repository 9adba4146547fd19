"""Validation of an entity's operations: placeholders, parameters, paging, names, servers.

A call the exported app cannot fill is an error located at the operation (a required
parameter with no value, a path placeholder nothing fills), not a request to
``/items/undefined`` at run time.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from designer.expressions.types import ExprType

from .data import DataSource, Entity, Operation
from .exprcheck import AnyScope, expr_issues
from .names import key_problem
from .urls import base_url_problem, path_problem

P = tuple[str | int, ...]
#: (message, path inside the entity, code, severity, suggestion)
Finding = tuple[str, P, str, str, str | None]


class RecordScope(AnyScope):
    """The scope of a parameter value: ``record`` is the entity's record (the one read or
    written); any other name (a screen parameter or variable of the calling screen) is only
    known where the operation is used, so it has type ``any`` here."""

    def __init__(self, record: ExprType, keys: Iterable[str] = ()) -> None:
        super().__init__(keys)
        self._record = record

    def lookup(self, name: str) -> ExprType:
        return self._record if name == "record" else super().lookup(name)

    def names(self) -> Iterable[str]:
        return ("record",)


def operation_findings(source: DataSource, entity: Entity, record: ExprType) -> Iterator[Finding]:
    """Every problem of ``entity``'s operations (paths start at the entity)."""
    scope = RecordScope(record)
    names: dict[str, int] = {}
    defaults: dict[str, int] = {}
    for oi, op in enumerate(entity.operations):
        base: P = ("operations", oi)
        problem = path_problem(op.path)
        if problem is not None:
            yield problem, base + ("path",), "url.path", "error", None
        if op.server:
            problem = base_url_problem(op.server)
            if problem is not None:
                yield problem, base + ("server",), "url.base", "error", None
        if op.kind == "call" and not op.name:
            yield ("a `call` operation needs a name: the `call_operation` actions pick it by "
                   "name", base + ("name",), "op.name", "error", None)
        if op.name:
            if op.name in names:
                yield (f"operation name `{op.name}` is used twice in `{entity.name}`",
                       base + ("name",), "name.duplicate", "error", None)
            names.setdefault(op.name, oi)
        if op.default:
            if op.kind in defaults:
                yield (f"`{entity.name}` has two default `{op.kind}` operations (also "
                       f"operations[{defaults[op.kind]}])", base + ("default",), "op.default",
                       "error", None)
            defaults.setdefault(op.kind, oi)
        yield from _params(entity, op, base, scope)
        yield from _paging(op, base)


def screen_names(op: Operation) -> list[str]:
    """The screen parameters or variables ``op``'s parameters take their values from (values
    that are one bare name other than ``record``), in order."""
    from designer.expressions.nodes import Path
    from designer.expressions.parser import parse

    found: list[str] = []
    for param in op.params:
        if not param.value or param.config:
            continue
        try:
            node = parse(param.value)
        except Exception:  # noqa: BLE001 - an unreadable value is reported by expr_issues
            continue
        if isinstance(node, Path) and len(node.parts) == 1 and node.parts[0] != "record" \
                and node.parts[0] not in found:
            found.append(str(node.parts[0]))
    return found


def _params(entity: Entity, op: Operation, base: P, scope: Any) -> Iterator[Finding]:
    where = f"`{entity.name}.{op.label}` ({op.method} {op.path or '/'})"
    declared = {p.name for p in op.params if p.location == "path"}
    for name in dict.fromkeys(op.placeholders()):
        if name not in declared:
            yield (f"{where}: nothing fills the path placeholder `{{{name}}}`; declare a path "
                   f"parameter `{name}` with a value", base + ("path",), "op.placeholder", "error",
                   None)
    if op.kind in ("create", "update", "delete"):
        for name in screen_names(op):
            yield (f"{where}: a {op.kind} is sent from the outbox, later and from any screen, so "
                   f"its parameters cannot come from the screen (`{name}`); fill them from the "
                   "record (`record.<field>`), a literal or a configuration value",
                   base + ("params",), "op.param", "error", None)
    placeholders = set(op.placeholders())
    seen: set[tuple[str, str]] = set()
    for pi, param in enumerate(op.params):
        ppath = base + ("params", pi)
        slot = (param.location, param.wire.lower() if param.location == "header" else param.wire)
        if slot in seen:
            yield (f"{where}: {param.location} parameter `{param.wire}` is declared twice",
                   ppath + ("name",), "name.duplicate", "error", None)
        seen.add(slot)
        wire = key_problem(param.wire, "header name" if param.location == "header"
                           else f"{param.location} parameter name")
        if wire is not None:
            yield f"{where}: {wire}", ppath + ("wire_name",), "name.characters", "error", None
        if param.location == "path" and param.name not in placeholders:
            yield (f"{where}: path parameter `{param.name}` has no `{{{param.name}}}` in the "
                   "path", ppath + ("name",), "op.placeholder", "warning", None)
        if param.location == "body" and op.kind != "call":
            yield (f"{where}: only a `call` operation takes body parameters (a {op.kind} "
                   "sends the record)", ppath + ("location",), "op.param", "error", None)
        if param.needed and not param.value and not param.config and op.kind != "call":
            yield (f"{where}: required {param.location} parameter `{param.wire}` has no value "
                   "(give it an expression such as `record.id` or a configuration value)",
                   ppath, "op.param", "error", None)
        if param.value:
            for issue in expr_issues(param.value, scope):
                yield issue.message, ppath + ("value",), issue.code, "error", issue.suggestion


def _paging(op: Operation, base: P) -> Iterator[Finding]:
    paging = op.paging
    ppath = base + ("paging",)
    if paging.style == "none":
        return
    if op.kind != "list":
        yield (f"only a list operation pages (this is a `{op.kind}`)", ppath + ("style",),
               "op.paging", "error", None)
        return
    if paging.style in ("next_link", "cursor") and not paging.next:
        yield (f"`{paging.style}` paging needs `next`: where the response holds the next "
               f"{'link' if paging.style == 'next_link' else 'cursor'}", ppath + ("next",),
               "op.paging", "error", None)
    if paging.style in ("cursor", "offset", "page") and not paging.param:
        yield (f"`{paging.style}` paging needs `param`: the query parameter that carries the "
               f"{ {'cursor': 'cursor', 'offset': 'offset', 'page': 'page number'}[paging.style] }",
               ppath + ("param",), "op.paging", "error", None)


__all__ = ["Finding", "RecordScope", "operation_findings"]
