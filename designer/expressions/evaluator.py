"""Preview interpreter: evaluates an expression against sample data (dicts and lists)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from . import runtime as rt
from .errors import ExpressionError
from .functions import FUNCTIONS
from .nodes import Binary, Call, Literal, Node, Path, Unary
from .parser import parse

BINARY_OPS: Mapping[str, Callable[[Any, Any], Any]] = {
    "+": rt.add, "-": rt.sub, "*": rt.mul, "/": rt.div, "%": rt.mod,
    "==": rt.eq, "!=": rt.ne, "<": rt.lt, "<=": rt.le, ">": rt.gt, ">=": rt.ge,
}


def evaluate(node_or_text: Node | str, env: Mapping[str, Any],
             strings: Mapping[str, str] | None = None, today: date | None = None, *,
             now: datetime | None = None) -> Any:
    """The value of an expression over ``env`` (root name → sample value).

    Odd data never raises: impossible operations give None. Unknown functions and wrong
    argument counts (which the checker reports) raise ExpressionError. ``now`` defaults to the
    current time (on ``today``'s date when that is given).
    """
    node = parse(node_or_text) if isinstance(node_or_text, str) else node_or_text
    current = datetime.now()
    if now is None:
        now = datetime.combine(today, current.time()) if today is not None else current
    context = rt.EvalContext(today or current.date(), now, dict(strings or {}))
    return _eval(node, env, context)


def _eval(node: Node, env: Mapping[str, Any], ctx: rt.EvalContext) -> Any:
    if isinstance(node, Literal):
        return float(node.value) if isinstance(node.value, Decimal) else node.value
    if isinstance(node, Path):
        return rt.get(env, node.parts)
    if isinstance(node, Unary):
        operand = _eval(node.operand, env, ctx)
        return not rt.truthy(operand) if node.op == "not" else rt.neg(operand)
    if isinstance(node, Binary):
        if node.op == "and":
            return rt.truthy(_eval(node.left, env, ctx)) and rt.truthy(_eval(node.right, env, ctx))
        if node.op == "or":
            return rt.truthy(_eval(node.left, env, ctx)) or rt.truthy(_eval(node.right, env, ctx))
        return BINARY_OPS[node.op](_eval(node.left, env, ctx), _eval(node.right, env, ctx))
    if isinstance(node, Call):
        return _call(node, env, ctx)
    raise TypeError(f"not an expression node: {node!r}")


def _call(node: Call, env: Mapping[str, Any], ctx: rt.EvalContext) -> Any:
    function = FUNCTIONS.get(node.name)
    if function is None:
        raise ExpressionError(f"unknown function `{node.name}`", node.start,
                              node.start + len(node.name))
    function.check_arity(node)
    args = [_eval(arg, env, ctx) for arg in node.args]
    bound = [args] if function.variadic else [*args, *function.defaults(len(args))]
    try:
        return function.impl(ctx, *bound)
    except (TypeError, ValueError, ArithmeticError, AttributeError, KeyError):
        return None
