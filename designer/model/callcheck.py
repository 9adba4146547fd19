"""Validation of ``call_operation`` actions against the call operation they name.

A call operation's parameters that take no value of their own (a function import's
``SalesOrderID``, an action's ``userName``) are given by each action that runs it, by name;
one the back end needs and the action leaves out is an error at the action, not a refused
request at run time.
"""

from __future__ import annotations

import difflib
from typing import Any, Iterator

from .actions import CallOperation

P = tuple[str | int, ...]


def _near(name: str, names: Any) -> str | None:
    found = difflib.get_close_matches(name, list(names), n=1)
    return found[0] if found else None


def call_problems(check: Any, action: CallOperation, path: P, scope: Any,
                  variables: set[str]) -> Iterator[Any]:
    """Problems of one ``call_operation`` action (``check`` is the running validator)."""
    source = check.sources.get(action.source)
    if source is None:
        yield check.problem(f"no data source named `{action.source}`", path + ("source",),
                            "ref.source", suggestion=_near(action.source, check.sources))
        return
    entity = source.entity(action.entity)
    if entity is None:
        yield check.problem(f"`{source.name}` has no entity `{action.entity}`",
                            path + ("entity",), "ref.entity",
                            suggestion=_near(action.entity, (e.name for e in source.entities)))
        return
    calls = [o for o in entity.operations if o.kind == "call" and o.name]
    op = next((o for o in calls if o.name == action.operation), None)
    if op is None:
        yield check.problem(f"`{entity.name}` has no call operation `{action.operation}`",
                            path + ("operation",), "ref.operation",
                            suggestion=_near(action.operation, (o.name for o in calls)))
        return
    given = {p.name for p in op.params if not p.value and not p.config}
    for name in action.args:
        if name not in given:
            why = "no parameter" if op.param(name) is None else "a parameter with its own value"
            yield check.problem(f"`{entity.name}.{op.name}` has {why} `{name}`",
                                path + ("args", name), "ref.param",
                                suggestion=_near(name, given))
    for param in op.params:
        if param.name in given and param.needed and param.name not in action.args:
            yield check.problem(f"`{entity.name}.{op.name}` needs its {param.location} "
                                f"parameter `{param.name}`: give it in `args`",
                                path + ("args",), "ref.param")
    uses_record = any(p.value.startswith("record.") for p in op.params)
    if uses_record and not action.record:
        yield check.problem(f"`{entity.name}.{op.name}` is a call on a record: set `record` "
                            "(the record it is about)", path + ("record",), "ref.param")
    if action.target and action.target.split(".")[0] not in variables:
        name = action.target.split(".")[0]
        yield check.problem(f"the screen has no variable `{name}`", path + ("target",),
                            "ref.variable", suggestion=_near(name, variables))


__all__ = ["call_problems"]
