"""Pratt parser: text → syntax tree, with exact error spans and hard size limits."""

from __future__ import annotations

from typing import NamedTuple

from .errors import ExpressionError
from .lexer import Token, tokenize
from .nodes import Binary, Call, Literal, Node, Path, Unary
from .types import BOOLEAN, DECIMAL, INTEGER, NULL, STRING

MAX_LENGTH = 4000
MAX_DEPTH = 64

BINARY_PRECEDENCE: dict[str, int] = {
    "or": 1, "and": 2,
    "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4,
    "+": 5, "-": 5, "*": 6, "/": 6, "%": 6,
}
NOT_PRECEDENCE = 3
NEG_PRECEDENCE = 7
COMPARISONS = frozenset({"==", "!=", "<", "<=", ">", ">="})
_LITERAL_TYPES = {"int": INTEGER, "decimal": DECIMAL, "string": STRING}
_CONSTANTS = {"true": (True, BOOLEAN), "false": (False, BOOLEAN), "null": (None, NULL)}


class _Item(NamedTuple):
    """A parsed operand: node, outer span (with parentheses), depth, bare comparison or not."""

    node: Node
    start: int
    end: int
    depth: int
    comparison: bool = False


def parse(text: str) -> Node:
    """Parse ``text`` into a syntax tree; raises ExpressionError with the exact span."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression is too long ({len(text)} characters; the limit is "
                              f"{MAX_LENGTH})", MAX_LENGTH, len(text))
    return _Parser(text).parse()


def _binary_precedence(token: Token) -> int | None:
    return BINARY_PRECEDENCE.get(token.text) if token.kind in ("op", "keyword") else None


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.pos = 0
        self.nesting = 0

    def peek(self) -> Token:
        return self.tokens[self.pos]

    def advance(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Node:
        first = self.peek()
        if first.kind == "end":
            raise ExpressionError("expression is empty", 0, first.end)
        item = self.expression(0)
        extra = self.peek()
        if extra.kind != "end":
            raise self.unexpected(extra)
        return item.node

    def unexpected(self, token: Token) -> ExpressionError:
        if token.kind == "end" and self.pos > 0:
            previous = self.tokens[self.pos - 1].text
            return ExpressionError(f"expected a value after '{previous}'", token.start, token.end)
        return ExpressionError(f"unexpected {token.describe()}", token.start, token.end)

    def expression(self, min_precedence: int) -> _Item:
        """Parse operators binding tighter than ``min_precedence``.

        Binary operators are folded with an explicit operator stack, so only parentheses,
        calls and prefix operators recurse (and count towards the nesting limit).
        """
        self.nesting += 1
        if self.nesting > MAX_DEPTH:
            token = self.peek()
            raise ExpressionError(f"expression is nested too deeply (the limit is {MAX_DEPTH})",
                                  token.start, token.end)
        operands = [self.prefix()]
        operators: list[Token] = []
        while True:
            token = self.peek()
            precedence = _binary_precedence(token)
            if precedence is None or precedence <= min_precedence:
                break
            while operators and BINARY_PRECEDENCE[operators[-1].text] >= precedence:
                self.reduce(operands, operators)
            if token.text in COMPARISONS and operands[-1].comparison:
                raise ExpressionError("comparisons cannot be chained; combine them with `and`",
                                      token.start, token.end)
            operators.append(self.advance())
            operands.append(self.prefix())
        while operators:
            self.reduce(operands, operators)
        self.nesting -= 1
        return operands[0]

    def reduce(self, operands: list[_Item], operators: list[Token]) -> None:
        """Combine the top operator with its two operands."""
        right, left, op = operands.pop(), operands.pop(), operators.pop().text
        node = Binary(op, left.node, right.node, start=left.start, end=right.end)
        item = self.make(node, left.start, right.end, left, right)
        operands.append(item._replace(comparison=op in COMPARISONS))

    def make(self, node: Node, start: int, end: int, *parts: _Item) -> _Item:
        """Wrap ``node``, enforcing the depth limit."""
        depth = 1 + max((p.depth for p in parts), default=0)
        if depth > MAX_DEPTH:
            raise ExpressionError(f"expression is nested too deeply (the limit is {MAX_DEPTH})",
                                  start, end)
        return _Item(node, start, end, depth)

    def prefix(self) -> _Item:
        token = self.advance()
        if token.kind in _LITERAL_TYPES:
            literal = Literal(token.value, _LITERAL_TYPES[token.kind], start=token.start,
                              end=token.end)  # type: ignore[arg-type]
            return _Item(literal, token.start, token.end, 1)
        if token.kind == "keyword" and token.text in _CONSTANTS:
            value, type_ = _CONSTANTS[token.text]
            return _Item(Literal(value, type_, start=token.start, end=token.end),
                         token.start, token.end, 1)
        if token.text in ("-", "not") and token.kind in ("op", "keyword"):
            operand = self.expression(NEG_PRECEDENCE if token.text == "-" else NOT_PRECEDENCE)
            node = Unary(token.text, operand.node, start=token.start, end=operand.end)
            return self.make(node, token.start, operand.end, operand)
        if token.kind == "op" and token.text == "(":
            inner = self.expression(0)
            close = self.advance()
            if close.text != ")" or close.kind != "op":
                raise self.unclosed(token, close)
            return _Item(inner.node, token.start, close.end, inner.depth)
        if token.kind == "name":
            return self.name(token)
        self.pos -= 1
        raise self.unexpected(token)

    def unclosed(self, opener: Token, found: Token) -> ExpressionError:
        if found.kind == "end":
            return ExpressionError("unclosed '('", opener.start, opener.end)
        return ExpressionError(f"unexpected {found.describe()}; expected ')'", found.start,
                               found.end)

    def name(self, first: Token) -> _Item:
        parts = [first.text]
        end = first.end
        while self.peek().text == "." and self.peek().kind == "op":
            dot = self.advance()
            part = self.advance()
            if part.kind != "name":
                self.pos -= 1
                raise ExpressionError(f"expected a field name after '.', found {part.describe()}",
                                      part.start if part.kind != "end" else dot.start,
                                      part.end if part.kind != "end" else dot.end)
            parts.append(part.text)
            end = part.end
        following = self.peek()
        if following.text == "(" and following.kind == "op":
            if len(parts) > 1:
                raise ExpressionError(f"`{'.'.join(parts)}` is not a function; only function "
                                      "names can be called", first.start, following.end)
            return self.call(first)
        return _Item(Path(tuple(parts), start=first.start, end=end), first.start, end, 1)

    def call(self, name: Token) -> _Item:
        opener = self.advance()
        args: list[_Item] = []
        if self.peek().text == ")" and self.peek().kind == "op":
            close = self.advance()
        else:
            while True:
                args.append(self.expression(0))
                close = self.advance()
                if close.kind == "op" and close.text == ",":
                    continue
                if close.kind == "op" and close.text == ")":
                    break
                if close.kind == "end":
                    raise self.unclosed(opener, close)
                raise ExpressionError(f"unexpected {close.describe()}; expected ',' or ')'",
                                      close.start, close.end)
        node = Call(name.text, tuple(a.node for a in args), start=name.start, end=close.end)
        return self.make(node, name.start, close.end, *args)
