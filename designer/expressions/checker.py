"""Static type checking of expressions against a Scope, plus the paths an expression reads."""

from __future__ import annotations

from .errors import ExpressionError, closest
from .functions import FUNCTIONS, accepts
from .nodes import Binary, Call, Literal, Node, Path, Unary, walk
from .parser import COMPARISONS, parse
from .printer import quote
from .runtime import as_date
from .scope import Scope
from .types import (ANY, BOOLEAN, DECIMAL, GEO, IMAGE, INTEGER, NULL, STRING, EnumType, ExprType,
                    ListType, RecordType, UnavailableType, is_dateish, is_numeric, is_text,
                    unify)


def check(node_or_text: Node | str, scope: Scope) -> ExprType:
    """The type of an expression; raises ExpressionError spanning the offending node."""
    node = parse(node_or_text) if isinstance(node_or_text, str) else node_or_text
    return _Checker(scope).visit(node)


def paths(node: Node) -> set[tuple[str, ...]]:
    """Every field path the expression reads.

    ``sum(orders, "total")`` also reports ``("orders", "total")``, so renaming a field of the
    list's items shows up as a broken path.
    """
    found: set[tuple[str, ...]] = set()
    for current in walk(node):
        if isinstance(current, Path):
            found.add(current.parts)
        elif isinstance(current, Call) and current.name in ("sum", "avg") and \
                len(current.args) == 2 and isinstance(current.args[0], Path):
            field = current.args[1]
            if isinstance(field, Literal) and isinstance(field.value, str):
                found.add(current.args[0].parts + (field.value,))
    return found


def resolve_path(parts: tuple[str, ...], scope: Scope, start: int = 0, end: int = 0) -> ExprType:
    """The type of a path; raises ExpressionError (with a corrected path as suggestion)."""
    current = scope.lookup(parts[0])
    if current is None:
        guess = closest(parts[0], scope.names())
        if guess is None and parts[0] in FUNCTIONS and len(parts) == 1 and \
                not FUNCTIONS[parts[0]].params:
            suggestion: str | None = parts[0] + "()"
        else:
            suggestion = ".".join((guess,) + parts[1:]) if guess else None
        raise ExpressionError(f"unknown name `{parts[0]}`", start, end, suggestion)
    if isinstance(current, UnavailableType):
        raise ExpressionError(current.reason, start, end, code=current.code)
    for i, part in enumerate(parts[1:], start=1):
        prefix = ".".join(parts[:i])
        if current == ANY:
            return ANY
        if isinstance(current, RecordType):
            fields = current.fields()
            if part not in fields:
                guess = closest(part, fields)
                fixed = ".".join(parts[:i] + (guess,) + parts[i + 1:]) if guess else None
                raise ExpressionError(f"{current} has no field `{part}`", start, end, fixed)
            current = fields[part]
        elif isinstance(current, ListType):
            item = current.item
            numeric = isinstance(item, RecordType) and is_numeric(item.field(part) or NULL)
            hint = f'sum({prefix}, "{part}")' if numeric and i == len(parts) - 1 else None
            raise ExpressionError(f"`{prefix}` is a {current}; a list has no fields (use count, "
                                  "sum or avg)", start, end, hint)
        else:
            raise ExpressionError(f"`{prefix}` is {_a(current)} and has no fields", start, end)
    return current


def _a(t: ExprType) -> str:
    name = t.describe()
    return ("an " if name[:1] in "aeiou" else "a ") + name


class _Checker:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def visit(self, node: Node) -> ExprType:
        if isinstance(node, Literal):
            return node.type
        if isinstance(node, Path):
            return resolve_path(node.parts, self.scope, node.start, node.end)
        if isinstance(node, Unary):
            return self.unary(node)
        if isinstance(node, Binary):
            return self.binary(node)
        if isinstance(node, Call):
            return self.call(node)
        raise TypeError(f"not an expression node: {node!r}")

    def expect_boolean(self, node: Node, what: str) -> None:
        found = self.visit(node)
        if not accepts("boolean", found):
            raise ExpressionError(f"{what} needs true/false, got {found}", node.start, node.end)

    def unary(self, node: Unary) -> ExprType:
        if node.op == "not":
            self.expect_boolean(node.operand, "`not`")
            return BOOLEAN
        found = self.visit(node.operand)
        if not accepts("number", found):
            raise ExpressionError(f"cannot negate {_a(found)}", node.start, node.end)
        return INTEGER if found == NULL else found

    def binary(self, node: Binary) -> ExprType:
        if node.op in ("and", "or"):
            self.expect_boolean(node.left, f"`{node.op}`")
            self.expect_boolean(node.right, f"`{node.op}`")
            return BOOLEAN
        left, right = self.visit(node.left), self.visit(node.right)
        if node.op in COMPARISONS:
            self.compare(node, left, right)
            return BOOLEAN
        if node.op == "+" and (is_text(left) or is_text(right)):
            other = right if is_text(left) else left
            if isinstance(other, (ListType, RecordType)) or other in (IMAGE, GEO):
                raise ExpressionError(f"cannot join {_a(other)} to text", node.start, node.end)
            return STRING
        if accepts("number", left) and accepts("number", right):
            if ANY in (left, right):
                return ANY if node.op == "+" else DECIMAL
            if node.op == "/":
                return DECIMAL
            merged = unify(left, right)
            return INTEGER if merged == NULL else merged or DECIMAL
        verb = {"+": "add", "-": "subtract", "*": "multiply", "/": "divide", "%": "take the "
                "remainder of"}[node.op]
        raise ExpressionError(f"cannot {verb} {left} and {right} with `{node.op}`", node.start,
                              node.end)

    def compare(self, node: Binary, left: ExprType, right: ExprType) -> None:
        for enum_side, other in ((left, node.right), (right, node.left)):
            value = other.value if isinstance(other, Literal) else None
            if isinstance(enum_side, EnumType) and isinstance(value, str) and \
                    value not in enum_side.values:
                guess = closest(value, enum_side.values)
                raise ExpressionError(f'"{value}" is not one of {enum_side}', other.start,
                                      other.end, quote(guess) if guess else None)
        if left in (ANY, NULL) or right in (ANY, NULL):
            return
        for date_side, other in ((left, node.right), (right, node.left)):
            if is_dateish(date_side) and isinstance(other, Literal) and \
                    isinstance(other.value, str):
                if as_date(other.value) is None:
                    raise ExpressionError(f'"{other.value}" is not a date like "2024-03-05"',
                                          other.start, other.end)
                return
        ordered = node.op not in ("==", "!=")
        families = (is_numeric, is_text, is_dateish) if ordered else \
            (is_numeric, is_text, is_dateish, lambda t: t == BOOLEAN)
        if any(f(left) and f(right) for f in families):
            return
        if not ordered and unify(left, right) is not None and not isinstance(left, ListType):
            return
        raise ExpressionError(f"cannot compare {left} with {right} using `{node.op}`",
                              node.start, node.end)

    def call(self, node: Call) -> ExprType:
        function = FUNCTIONS.get(node.name)
        if function is None:
            guess = closest(node.name, FUNCTIONS)
            raise ExpressionError(f"unknown function `{node.name}`", node.start,
                                  node.start + len(node.name), guess)
        function.check_arity(node)
        types = []
        for index, arg in enumerate(node.args):
            found = self.visit(arg)
            param = function.param_for(index)
            if not accepts(param.accepts, found):
                raise ExpressionError(f"`{node.name}` expects {param.accepts.replace('|', ' or ')}"
                                      f" for `{param.name}`, got {found}", arg.start, arg.end)
            types.append(found)
        if function.rule is not None:
            return function.rule(node, types, self.scope)
        return function.returns
