"""Binding expressions: parse, type-check, complete, evaluate (preview) and compile (export).

Qt-free and dependency-free. See ``docs/expressions.md`` for the language reference.
"""

from __future__ import annotations

from .checker import check, paths, resolve_path
from .complete import complete
from .errors import ExpressionError
from .evaluator import evaluate
from .functions import FUNCTIONS, Function, Param
from .nodes import Binary, Call, Literal, Node, Path, Unary, walk
from .parser import MAX_DEPTH, MAX_LENGTH, parse
from .printer import unparse
from .scope import DictScope, Scope
from .types import (ANY, BOOLEAN, DATE, DATETIME, DECIMAL, GEO, IMAGE, INTEGER, NULL, STRING,
                    EnumType, ExprType, ListType, RecordType)

__all__ = [
    "ANY", "BOOLEAN", "DATE", "DATETIME", "DECIMAL", "GEO", "IMAGE", "INTEGER", "NULL", "STRING",
    "FUNCTIONS", "MAX_DEPTH", "MAX_LENGTH",
    "Binary", "Call", "DictScope", "EnumType", "ExprType", "ExpressionError", "Function",
    "ListType", "Literal", "Node", "Param", "Path", "RecordType", "Scope", "Unary",
    "check", "complete", "evaluate", "parse", "paths", "resolve_path", "unparse", "walk",
]
