"""Binding expressions: parse, type-check, complete, evaluate (preview) and compile (export).

Qt-free and dependency-free. See ``docs/expressions.md`` for the language reference.
"""

from __future__ import annotations

from .errors import ExpressionError
from .nodes import Binary, Call, Literal, Node, Path, Unary, walk
from .parser import MAX_DEPTH, MAX_LENGTH, parse
from .printer import unparse
from .types import (ANY, BOOLEAN, DATE, DATETIME, DECIMAL, GEO, IMAGE, INTEGER, NULL, STRING,
                    EnumType, ExprType, ListType, RecordType)

__all__ = [
    "ANY", "BOOLEAN", "DATE", "DATETIME", "DECIMAL", "GEO", "IMAGE", "INTEGER", "NULL", "STRING",
    "MAX_DEPTH", "MAX_LENGTH",
    "Binary", "Call", "EnumType", "ExprType", "ExpressionError",
    "ListType", "Literal", "Node", "Path", "RecordType", "Unary",
    "parse", "unparse", "walk",
]
