"""Compile expressions to JS/TS/Dart source that calls a runtime object ``rt``.

Compiled code is one pure expression over a state variable (``s`` by default). Every exporter
ships an ``rt`` implementing exactly the members in ``runtime_functions(dialect)``; the Python
module ``designer.expressions.runtime`` is the reference for their behaviour.

Core members (same names in every dialect):

- ``get(s, [parts])`` - follow field names through nested records; null or a non-record at any
  step gives null. Only own fields are read (never ``__proto__`` or inherited members).
- ``truthy(v)`` - true only for the boolean ``true`` (null and everything else are false).
  ``a and b`` compiles to ``(rt.truthy(a) && rt.truthy(b))``, ``not a`` to ``!rt.truthy(a)``.
- ``add(a, b)`` - if either side is a string: concatenation where null reads as ``""``, whole
  numbers read without decimals (``2.0`` → ``"2"``), booleans as ``true``/``false``, dates as ISO;
  lists or records give null. Otherwise numeric sum; a non-number operand gives null.
- ``sub mul div mod (a, b)``, ``neg(a)`` - numbers only, else null. ``div`` is true division;
  ``div``/``mod`` by zero give null; ``mod`` is floored (sign of the divisor: -7 % 3 == 2).
  A non-finite result gives null.
- ``eq ne (a, b)`` - null equals only null; booleans only equal booleans; numbers by value;
  a date equals an ISO string of the same date; never throws.
- ``lt le gt ge (a, b)`` - compare two numbers, two strings or two dates (ISO strings count as
  dates next to a date); false when the values cannot be ordered (e.g. null).

Function members: ``fn_<name>`` in JS/TS, ``fn<Name>`` (camelCase) in Dart, one per function in
``designer.expressions.functions.FUNCTIONS``. Calls always pass every parameter (defaults are
filled in by the compiler; an omitted optional field is passed as null) and variadic functions
(``concat``, ``coalesce``) receive a single list. Functions return null for arguments of the
wrong kind, except the list totals: ``sum``/``count`` of null (a missing list) give 0 and
``avg`` of null or an empty list gives null. ``round`` rounds half away from zero on the shortest decimal representation
(2.675 → 2.68); ``len`` counts Unicode code points; ``t`` falls back to the key itself.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Literal as TypingLiteral

from .errors import ExpressionError
from .functions import FUNCTIONS
from .nodes import Binary, Call, Literal, Node, Path, Unary
from .parser import parse
from .printer import decimal_text

Dialect = TypingLiteral["js", "ts", "dart"]
DIALECTS: tuple[str, ...] = ("js", "ts", "dart")
CORE_RUNTIME: tuple[str, ...] = ("get", "truthy", "add", "sub", "mul", "div", "mod", "neg", "eq",
                                 "ne", "lt", "le", "gt", "ge")
_BINARY = {"+": "add", "-": "sub", "*": "mul", "/": "div", "%": "mod", "==": "eq", "!=": "ne",
           "<": "lt", "<=": "le", ">": "gt", ">=": "ge"}
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def function_member(name: str, dialect: str) -> str:
    """The rt member implementing function ``name``: ``fn_format_date`` / ``fnFormatDate``."""
    if dialect == "dart":
        return "fn" + "".join(part[:1].upper() + part[1:] for part in name.split("_"))
    return "fn_" + name


def runtime_functions(dialect: str) -> tuple[str, ...]:
    """Every rt member compiled code of ``dialect`` may use."""
    return CORE_RUNTIME + tuple(function_member(name, dialect) for name in FUNCTIONS)


RUNTIME_FUNCTIONS: tuple[str, ...] = runtime_functions("js")
"""rt members for JS and TS (the same names)."""
DART_RUNTIME_FUNCTIONS: tuple[str, ...] = runtime_functions("dart")
"""rt members for Dart (camelCase function members)."""


def _needs_unicode_escape(code: int) -> bool:
    """Control, line/paragraph separator, bidi/direction marks, BOM and lone surrogates."""
    return (code < 0x20 or 0x7F <= code <= 0x9F or code in (0x061C, 0x200E, 0x200F, 0xFEFF)
            or 0x2028 <= code <= 0x202E or 0x2066 <= code <= 0x2069 or 0xD800 <= code <= 0xDFFF)


def js_string_literal(s: str) -> str:
    """A double-quoted JS/TS literal for ``s``, safe inside HTML ``<script>`` and JSON."""
    out = ['"']
    for i, ch in enumerate(s):
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif _needs_unicode_escape(code):
            out.append(f"\\u{code:04x}")
        elif ch == "/" and i > 0 and s[i - 1] == "<":
            out.append("\\/")
        elif ch == "<" and s.startswith("!--", i + 1):
            out.append("\\u003c")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def dart_string_literal(s: str) -> str:
    """A single-quoted Dart literal for ``s`` (``$`` escaped, no interpolation)."""
    out = ["'"]
    for ch in s:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == "'":
            out.append("\\'")
        elif ch == "$":
            out.append("\\$")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif _needs_unicode_escape(code):
            out.append(f"\\u{{{code:04X}}}")
        else:
            out.append(ch)
    out.append("'")
    return "".join(out)


def compile_expr(node: Node | str, dialect: str, path_root: str = "s") -> str:
    """Source for ``node`` in ``dialect`` (``js``, ``ts`` or ``dart``) over state ``path_root``."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown dialect {dialect!r}; expected one of {', '.join(DIALECTS)}")
    if not _IDENT.fullmatch(path_root):
        raise ValueError(f"path_root must be an identifier, got {path_root!r}")
    tree = parse(node) if isinstance(node, str) else node
    return _Compiler(dialect, path_root).emit(tree)


class _Compiler:
    def __init__(self, dialect: str, root: str) -> None:
        self.dialect = dialect
        self.root = root
        self.quote = dart_string_literal if dialect == "dart" else js_string_literal

    def value(self, value: Any) -> str:
        if value is None:
            return "null"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, str):
            return self.quote(value)
        if isinstance(value, Decimal):
            return decimal_text(value)
        if isinstance(value, int):
            return str(value)
        raise TypeError(f"cannot compile literal {value!r}")

    def emit(self, node: Node) -> str:
        if isinstance(node, Literal):
            if isinstance(node.value, Decimal) and not node.value.is_finite():
                raise ExpressionError("not a finite number", node.start, node.end)
            return self.value(node.value)
        if isinstance(node, Path):
            return f"rt.get({self.root}, [{', '.join(self.quote(p) for p in node.parts)}])"
        if isinstance(node, Unary):
            operand = self.emit(node.operand)
            return f"!rt.truthy({operand})" if node.op == "not" else f"rt.neg({operand})"
        if isinstance(node, Binary):
            left, right = self.emit(node.left), self.emit(node.right)
            if node.op in ("and", "or"):
                joiner = "&&" if node.op == "and" else "||"
                return f"(rt.truthy({left}) {joiner} rt.truthy({right}))"
            return f"rt.{_BINARY[node.op]}({left}, {right})"
        if isinstance(node, Call):
            return self.call(node)
        raise TypeError(f"not an expression node: {node!r}")

    def call(self, node: Call) -> str:
        function = FUNCTIONS.get(node.name)
        if function is None:
            raise ExpressionError(f"unknown function `{node.name}`", node.start,
                                  node.start + len(node.name))
        function.check_arity(node)
        args = [self.emit(arg) for arg in node.args]
        if function.variadic:
            args = [f"[{', '.join(args)}]"]
        else:
            args += [self.value(default) for default in function.defaults(len(args))]
        return f"rt.{function_member(node.name, self.dialect)}({', '.join(args)})"
