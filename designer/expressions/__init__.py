"""Binding expressions: parse, type-check, complete, evaluate (preview) and compile (export).

Qt-free and dependency-free. See ``docs/expressions.md`` for the language reference.
"""

from __future__ import annotations

from .checker import check, paths, resolve_path
from .codegen import (DART_RUNTIME_FUNCTIONS, RUNTIME_FUNCTIONS, compile_expr,
                      dart_string_literal, js_string_literal, runtime_functions)
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
    "DART_RUNTIME_FUNCTIONS", "FUNCTIONS", "MAX_DEPTH", "MAX_LENGTH", "RUNTIME_FUNCTIONS",
    "Binary", "Call", "DictScope", "EnumType", "ExprType", "ExpressionError", "Function",
    "ListType", "Literal", "Node", "Param", "Path", "RecordType", "Scope", "Unary",
    "check", "compile_expr", "complete", "dart_string_literal", "evaluate", "js_string_literal",
    "parse", "paths", "resolve_path", "runtime_functions", "unparse", "walk",
]
