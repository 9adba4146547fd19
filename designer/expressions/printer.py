"""Pretty printer: syntax tree → canonical expression text that parses back to the same tree."""

from __future__ import annotations

from decimal import Decimal

from .nodes import Binary, Call, Literal, Node, Path, Unary
from .parser import BINARY_PRECEDENCE, COMPARISONS, NEG_PRECEDENCE, NOT_PRECEDENCE
from .types import DECIMAL

_ATOM = 100
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t"}


def unparse(node: Node) -> str:
    """Canonical text for ``node``: minimal parentheses, one space around binary operators."""
    return _render(node, 0)


def _render(node: Node, min_precedence: int) -> str:
    text, precedence = _text(node)
    return f"({text})" if precedence < min_precedence else text


def _text(node: Node) -> tuple[str, int]:
    if isinstance(node, Literal):
        return literal_text(node), _ATOM
    if isinstance(node, Path):
        return ".".join(node.parts), _ATOM
    if isinstance(node, Call):
        return f"{node.name}({', '.join(_render(a, 0) for a in node.args)})", _ATOM
    if isinstance(node, Unary):
        if node.op == "-":
            return "-" + _render(node.operand, NEG_PRECEDENCE), NEG_PRECEDENCE
        return "not " + _render(node.operand, NOT_PRECEDENCE), NOT_PRECEDENCE
    if isinstance(node, Binary):
        precedence = BINARY_PRECEDENCE[node.op]
        left_min = precedence + 1 if node.op in COMPARISONS else precedence
        left = _render(node.left, left_min)
        return f"{left} {node.op} {_render(node.right, precedence + 1)}", precedence
    raise TypeError(f"not an expression node: {node!r}")


def literal_text(node: Literal) -> str:
    """Source text of a literal (strings double-quoted)."""
    value = node.value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return quote(value)
    if node.type == DECIMAL or isinstance(value, Decimal):
        return decimal_text(Decimal(value))
    return str(value)


def decimal_text(value: Decimal) -> str:
    """Plain positional notation that always contains a '.', e.g. ``100.0``."""
    text = format(value, "f")
    return text if "." in text else text + ".0"


def quote(value: str) -> str:
    """A double-quoted string literal of the expression language."""
    out = ['"']
    for ch in value:
        if ch in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or "\ud800" <= ch <= "\udfff":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)
