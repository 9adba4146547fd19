"""The function registry: one entry per function with its parameters, types, docs and behaviour.

``impl`` is the Python reference implementation used by the preview evaluator; it receives an
EvalContext then the arguments (defaults filled in, varargs as one list). ``rule`` refines the
result type or checks literal arguments after the generic argument checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import runtime as rt
from .errors import ExpressionError, closest
from .nodes import Call, Literal, Node
from .printer import quote
from .scope import Scope
from .types import (ANY, BOOLEAN, DATE, DATETIME, DECIMAL, INTEGER, NULL, STRING, ExprType,
                    ListType, RecordType, is_dateish, is_numeric, is_text, unify)

TypeRule = Callable[[Call, Sequence[ExprType], Scope], ExprType]


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()

_KINDS: dict[str, Callable[[ExprType], bool]] = {
    "number": is_numeric,
    "integer": lambda t: t == INTEGER,
    "string": is_text,
    "boolean": lambda t: t == BOOLEAN,
    "date": is_dateish,
    "list": lambda t: isinstance(t, ListType),
    "any": lambda t: True,
}


def accepts(spec: str, t: ExprType) -> bool:
    """Whether type ``t`` fits a parameter spec such as ``number`` or ``string|list``."""
    return t in (ANY, NULL) or any(_KINDS[kind](t) for kind in spec.split("|"))


@dataclass(frozen=True)
class Param:
    """A parameter: ``accepts`` is a spec like ``string|list``; ``default`` a Python value."""

    name: str
    accepts: str
    default: Any = REQUIRED

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def describe(self) -> str:
        if self.required:
            return self.name
        if self.default is None:
            return f"{self.name}?"
        shown = quote(self.default) if isinstance(self.default, str) else str(self.default)
        return f"{self.name} = {shown}"


@dataclass(frozen=True)
class Function:
    """One built-in function."""

    name: str
    params: tuple[Param, ...]
    returns: ExprType
    doc: str
    example: str
    impl: Callable[..., Any]
    variadic: bool = False
    rule: TypeRule | None = None
    returns_doc: str = ""

    def signature(self) -> str:
        """``format_currency(number, currency_code = "EUR")``; varargs show as ``values...``."""
        shown = [p.describe() for p in self.params]
        if self.variadic:
            shown[-1] += "..."
        return f"{self.name}({', '.join(shown)})"

    def result_doc(self) -> str:
        return self.returns_doc or self.returns.describe()

    def check_arity(self, call: Call) -> None:
        """Raise ExpressionError (spanning the call) if ``call`` has the wrong number of args."""
        low = sum(p.required for p in self.params)
        high = None if self.variadic else len(self.params)
        count = len(call.args)
        if count >= low and (high is None or count <= high):
            return
        if high is None:
            wanted = f"at least {low}"
        else:
            wanted = str(low) if low == high else f"{low} to {high}"
        noun = "argument" if wanted in ("1", "at least 1") else "arguments"
        raise ExpressionError(f"`{self.name}` takes {wanted} {noun}, got {count}", call.start,
                              call.end)

    def param_for(self, index: int) -> Param:
        """The parameter argument ``index`` binds to."""
        return self.params[min(index, len(self.params) - 1)]

    def defaults(self, count: int) -> tuple[Any, ...]:
        """Default values of the parameters after the first ``count`` (fixed-arity functions)."""
        return () if self.variadic else tuple(p.default for p in self.params[count:])


# -- type rules -------------------------------------------------------------------------------

def _literal_string(node: Node) -> str | None:
    return node.value if isinstance(node, Literal) and isinstance(node.value, str) else None


def _same_type(what: str) -> TypeRule:
    def rule(call: Call, types: Sequence[ExprType], scope: Scope) -> ExprType:
        args = call.args[1:] if call.name == "if" else call.args
        found = types[1:] if call.name == "if" else types
        result: ExprType | None = found[0]
        for node, t in zip(args[1:], found[1:]):
            merged = unify(result, t) if result is not None else None
            if merged is None:
                raise ExpressionError(f"{what} of `{call.name}` must have the same type: "
                                      f"{result} and {t}", node.start, node.end)
            result = merged
        return result if result is not None else ANY
    return rule


def _aggregate(call: Call, types: Sequence[ExprType], scope: Scope) -> ExprType:
    fallback = INTEGER if call.name == "sum" else DECIMAL
    listed = types[0]
    if not isinstance(listed, ListType):
        return ANY if listed == ANY else fallback
    item, field = listed.item, call.args[1] if len(call.args) > 1 else None
    if field is None:
        if not accepts("number", item):
            raise ExpressionError(f"`{call.name}` needs a field name for a {listed}, e.g. "
                                  f'{call.name}(items, "total")', call.start, call.end)
        found = item
    else:
        name = _literal_string(field)
        if name is None:
            raise ExpressionError('the field name must be quoted text, like "total"',
                                  field.start, field.end)
        if item == ANY:
            return ANY
        if not isinstance(item, RecordType):
            raise ExpressionError(f"items of a {listed} have no fields", field.start, field.end)
        fields = item.fields()
        if name not in fields:
            guess = closest(name, fields)
            raise ExpressionError(f"{item} has no field `{name}`", field.start, field.end,
                                  quote(guess) if guess else None)
        found = fields[name]
        if not accepts("number", found):
            raise ExpressionError(f"`{call.name}` needs a number field; `{name}` is {found}",
                                  field.start, field.end)
    if call.name == "avg":
        return DECIMAL
    return found if is_numeric(found) else fallback


def _round(call: Call, types: Sequence[ExprType], scope: Scope) -> ExprType:
    return INTEGER if types[0] == INTEGER else DECIMAL


def _choice(index: int, allowed: Callable[[str], bool], message: str,
            options: Sequence[str] = ()) -> TypeRule:
    def rule(call: Call, types: Sequence[ExprType], scope: Scope) -> ExprType:
        arg = call.args[index] if len(call.args) > index else None
        value = _literal_string(arg) if arg is not None else None
        if arg is not None and value is not None and not allowed(value):
            guess = closest(value, options)
            raise ExpressionError(message, arg.start, arg.end, quote(guess) if guess else None)
        return STRING
    return rule


def _translate(call: Call, types: Sequence[ExprType], scope: Scope) -> ExprType:
    arg = call.args[0]
    key = _literal_string(arg)
    if key is None:
        raise ExpressionError('`t` needs a quoted text key, like t("greeting")', arg.start,
                              arg.end)
    keys = tuple(scope.string_keys())
    if key not in keys:
        guess = closest(key, keys)
        raise ExpressionError(f"unknown text key `{key}`", arg.start, arg.end,
                              quote(guess) if guess else None)
    return STRING


# -- implementations --------------------------------------------------------------------------

def _text_fn(op: Callable[[str], str]) -> Callable[..., Any]:
    return lambda ctx, s: op(s) if isinstance(s, str) else None


def _int_arg(value: Any, high: int = 20) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and \
        0 <= value <= high else None


def _numbers(items: Any, field: Any) -> list[rt.Number] | None:
    """The numbers of a list (of a field of its records); a missing list (null) has none."""
    if items is None:
        return []
    if not isinstance(items, list):
        return None
    values = items if field is None else [rt.get(i, (field,)) for i in items]
    return [x for x in map(rt.number, values) if x is not None]


def _sum(ctx: rt.EvalContext, items: Any, field: Any) -> rt.Number | None:
    numbers = _numbers(items, field)
    return None if numbers is None else sum(numbers)


def _count(ctx: rt.EvalContext, items: Any) -> int | None:
    return 0 if items is None else len(items) if isinstance(items, list) else None


def _avg(ctx: rt.EvalContext, items: Any, field: Any) -> float | None:
    numbers = _numbers(items, field)
    return sum(numbers) / len(numbers) if numbers else None


def _pick(choose: Callable[[rt.Number, rt.Number], rt.Number]) -> Callable[..., Any]:
    def impl(ctx: rt.EvalContext, a: Any, b: Any) -> rt.Number | None:
        x, y = rt.number(a), rt.number(b)
        return None if x is None or y is None else choose(x, y)
    return impl


def _round_impl(ctx: rt.EvalContext, value: Any, decimals: Any) -> rt.Number | None:
    x, places = rt.number(value), _int_arg(decimals)
    if x is None or places is None:
        return None
    rounded = rt.round_half_up(x, places)
    return int(rounded) if isinstance(x, int) else float(rounded)


def _format_number(ctx: rt.EvalContext, value: Any, decimals: Any) -> str | None:
    x, places = rt.number(value), _int_arg(decimals)
    return None if x is None or places is None else rt.grouped(x, places)


def _concat(ctx: rt.EvalContext, values: list[Any]) -> str | None:
    parts = [rt.text(v) for v in values]
    return None if any(p is None for p in parts) else "".join(p for p in parts if p)


def _len(ctx: rt.EvalContext, value: Any) -> int | None:
    return len(value) if isinstance(value, (str, list)) else None


def _contains(ctx: rt.EvalContext, s: Any, part: Any) -> bool | None:
    return part in s if isinstance(s, str) and isinstance(part, str) else None


def _t(ctx: rt.EvalContext, key: Any) -> str | None:
    return ctx.strings.get(key, key) if isinstance(key, str) else None


_P = Param
_REGISTRY: tuple[Function, ...] = (
    Function("format_currency", (_P("number", "number"), _P("currency_code", "string", "EUR")),
             STRING, "Formats an amount of money with its currency.",
             'format_currency(order.total, "EUR")', lambda c, n, code: rt.format_currency(n, code),
             rule=_choice(1, lambda v: re.fullmatch("[A-Z]{3}", v) is not None,
                          'a currency code is 3 capital letters, like "EUR"')),
    Function("format_number", (_P("number", "number"), _P("decimals", "integer", 0)), STRING,
             "Formats a number with thousands separators and fixed decimals.",
             "format_number(order.total, 2)", _format_number),
    Function("format_date", (_P("date", "date"), _P("pattern", "string", "short")), STRING,
             'Formats a date: "short" (5 Mar 2024), "long" (Tuesday, 5 March 2024) or "iso".',
             'format_date(order.placed_on, "long")', lambda c, d, p: rt.format_date(d, p),
             rule=_choice(1, lambda v: v in rt.DATE_PATTERNS,
                          'the pattern must be "short", "long" or "iso"', rt.DATE_PATTERNS)),
    Function("upper", (_P("text", "string"),), STRING, "Text in capital letters.",
             "upper(customer.city)", _text_fn(str.upper)),
    Function("lower", (_P("text", "string"),), STRING, "Text in small letters.",
             "lower(customer.email)", _text_fn(str.lower)),
    Function("trim", (_P("text", "string"),), STRING, "Text without leading/trailing spaces.",
             "trim(customer.name)", _text_fn(str.strip)),
    Function("mask", (_P("text", "string"), _P("visible", "integer", 4)), STRING,
             "Hides all but the last `visible` characters behind `•`, for showing personal data "
             "such as phone numbers (lint counts it as masked with at most 4 visible).",
             "mask(customer.phone)", lambda c, s, visible: rt.mask(s, visible)),
    Function("concat", (_P("values", "string|number|boolean|date"),), STRING,
             "Joins values into one text; null values are skipped.",
             'concat(customer.first_name, " ", customer.last_name)', _concat, variadic=True),
    Function("if", (_P("condition", "boolean"), _P("then", "any"), _P("else", "any")), ANY,
             "`then` when the condition is true, otherwise `else`.",
             'if(customer.blocked, "Blocked", "Active")',
             lambda c, cond, a, b: a if rt.truthy(cond) else b,
             rule=_same_type("the results"), returns_doc="type of then/else"),
    Function("coalesce", (_P("values", "any"),), ANY, "The first value that is not null.",
             'coalesce(customer.phone, customer.email, "—")',
             lambda c, values: next((v for v in values if v is not None), None), variadic=True,
             rule=_same_type("the values"), returns_doc="type of the values"),
    Function("len", (_P("value", "string|list"),), INTEGER,
             "Number of characters in a text or items in a list.", "len(customer.orders)", _len),
    Function("sum", (_P("list", "list"), _P("field", "string", None)), DECIMAL,
             "Adds up a number field over a list (or a list of numbers); 0 for an empty or "
             "missing (null) list.",
             'sum(customer.orders, "total")', _sum, rule=_aggregate,
             returns_doc="integer or decimal"),
    Function("avg", (_P("list", "list"), _P("field", "string", None)), DECIMAL,
             "Average of a number field over a list; null for an empty or missing list.",
             'avg(customer.orders, "total")', _avg, rule=_aggregate),
    Function("count", (_P("list", "list"),), INTEGER,
             "Number of items in a list; 0 for a missing (null) list.", "count(customer.orders)",
             _count),
    Function("min", (_P("a", "number"), _P("b", "number")), DECIMAL, "The smaller of two numbers.",
             "min(order.discount, 20)", _pick(min), rule=_same_type("the numbers"),
             returns_doc="integer or decimal"),
    Function("max", (_P("a", "number"), _P("b", "number")), DECIMAL, "The larger of two numbers.",
             "max(order.total - 10, 0)", _pick(max), rule=_same_type("the numbers"),
             returns_doc="integer or decimal"),
    Function("round", (_P("number", "number"), _P("decimals", "integer", 0)), DECIMAL,
             "Rounds half away from zero to a number of decimals.", "round(order.total * 1.2, 2)",
             _round_impl, rule=_round, returns_doc="integer or decimal"),
    Function("contains", (_P("text", "string"), _P("part", "string")), BOOLEAN,
             "Whether the text contains the part (case-sensitive).",
             'contains(customer.email, "@")', _contains),
    Function("today", (), DATE, "Today's date.", "today()", lambda c: c.today),
    Function("now", (), DATETIME, "The current date and time.", "now()", lambda c: c.now),
    Function("t", (_P("key", "string"),), STRING,
             "The text for a localization key in the user's language.", 't("greeting")', _t,
             rule=_translate),
)

FUNCTIONS: Mapping[str, Function] = {f.name: f for f in _REGISTRY}
