"""Syntax tree of binding expressions: frozen dataclasses with character spans.

``start``/``end`` are keyword-only and excluded from equality, so two trees compare equal when
they have the same structure, wherever they came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from .types import ExprType

LiteralValue = str | int | Decimal | bool | None


@dataclass(frozen=True)
class Node:
    """Base of all nodes; the node covers ``text[start:end]``."""

    start: int = field(default=0, kw_only=True, compare=False)
    end: int = field(default=0, kw_only=True, compare=False)


@dataclass(frozen=True)
class Literal(Node):
    """A constant; ``type`` is STRING, INTEGER, DECIMAL (value is a Decimal), BOOLEAN or NULL."""

    value: LiteralValue
    type: ExprType


@dataclass(frozen=True)
class Path(Node):
    """A root name followed by field names: ``customer.address.city``."""

    parts: tuple[str, ...]


@dataclass(frozen=True)
class Unary(Node):
    """``-operand`` or ``not operand``."""

    op: str
    operand: Node


@dataclass(frozen=True)
class Binary(Node):
    """``left op right`` for arithmetic, comparison, ``and`` and ``or``."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Call(Node):
    """A function call ``name(args...)``."""

    name: str
    args: tuple[Node, ...]


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-nodes of ``node``."""
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Call):
        return node.args
    return ()


def walk(node: Node) -> Iterator[Node]:
    """``node`` and all its descendants, depth first (iterative, any depth)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))
