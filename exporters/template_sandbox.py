"""The sandbox every export template (built-in and ``--templates`` override) renders in.

Jinja's ``ImmutableSandboxedEnvironment`` already refuses ``_``-prefixed and interpreter-internal
attributes (``__globals__``, ``__class__``, ``gi_frame`` …) and methods that mutate lists, dicts
and sets. On top of that a template may only *call* Jinja's own helpers (macros, ``loop``,
``range``, ``dict`` …) and methods of plain values (``str``, ``dict``, ``list`` …): a method of a
model object or of anything else the context holds (pydantic's ``parse_file``, a path's
``read_text``) is refused. ``*`` and ``**`` are bounded so a template cannot allocate gigabytes.
Errors name the template file and line (``located``).
"""

from __future__ import annotations

import operator
import types
from pathlib import Path
from typing import Any

import jinja2
from jinja2.runtime import BlockReference, Context, LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

#: Values whose (non-mutating) methods a template may call: ``name.split('-')``, ``d.items()``.
_VALUE_TYPES = (str, bytes, int, float, bool, dict, list, tuple, set, frozenset, type(None),
                types.MappingProxyType)
#: Jinja's own callables a template may use (bound methods of these are allowed too).
_JINJA_TYPES = (Macro, BlockReference, LoopContext, jinja2.utils.Cycler, jinja2.utils.Joiner,
                jinja2.utils.Namespace)
#: Largest string or list a ``*`` may build, and the largest exponent ``**`` takes.
MAX_REPEAT = 1_000_000
MAX_EXPONENT = 64


def _describe(obj: Any) -> str:
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
    return f"{name}()" if isinstance(name, str) else f"a {type(obj).__name__} object"


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """The stricter sandbox: calls allow-listed, repetition and powers bounded."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._allowed_globals = {id(v) for v in self.globals.values() if callable(v)}

    def is_safe_callable(self, obj: Any) -> bool:
        """Jinja helpers and methods of plain values only."""
        if not super().is_safe_callable(obj):
            return False
        if id(obj) in self._allowed_globals or isinstance(obj, _JINJA_TYPES):
            return True
        wrapped = getattr(obj, "__wrapped__", None)  # the sandbox's own str.format wrapper
        if isinstance(wrapped, types.BuiltinMethodType) and isinstance(wrapped.__self__, str) \
                and wrapped.__name__ in ("format", "format_map"):
            return True
        if isinstance(obj, (types.MethodType, types.BuiltinMethodType,
                            types.MethodWrapperType)):
            owner = getattr(obj, "__self__", None)
            return (type(owner) in _VALUE_TYPES or isinstance(owner, _JINJA_TYPES)) \
                and not isinstance(owner, type)
        return False

    def call(__self, __context: Context, __obj: Any, *args: Any,  # noqa: N805,B902
             **kwargs: Any) -> Any:
        """Call an allow-listed callable; anything else is a ``SecurityError``."""
        if not __self.is_safe_callable(__obj):
            raise SecurityError(f"calling {_describe(__obj)} is not allowed in a template "
                                "(only Jinja helpers and methods of plain values)")
        return __context.call(__obj, *args, **kwargs)

    def call_binop(self, context: Context, op: str, left: Any, right: Any) -> Any:
        """``*`` and ``**`` with bounded results."""
        if op == "**":
            if isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT \
                    and isinstance(left, (int, float)) and abs(left) > 1:
                raise SecurityError(f"exponent {right} is too large in a template "
                                    f"(at most {MAX_EXPONENT})")
            return operator.pow(left, right)
        for seq, count in ((left, right), (right, left)):
            if isinstance(seq, (str, bytes, list, tuple)) and isinstance(count, int) \
                    and len(seq) * count > MAX_REPEAT:
                raise SecurityError(f"repeating a value {count} times is too large in a "
                                    f"template (at most {MAX_REPEAT} items)")
        return operator.mul(left, right)


def located(exc: BaseException) -> str:
    """``FILE:LINE: message`` for a template error, from the frames Jinja maps to templates."""
    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if not (filename and line):
        tb = exc.__traceback__
        while tb is not None:
            code_file = tb.tb_frame.f_code.co_filename
            if code_file.endswith(".jinja") or tb.tb_frame.f_globals.get("__jinja_template__"):
                filename, line = code_file, tb.tb_lineno
            tb = tb.tb_next
    message = " ".join(str(getattr(exc, "message", None) or exc).split())
    if isinstance(exc, SecurityError) and "unsafe" in message:
        message += " (templates run in a sandbox)"
    return f"{_short(filename)}:{line}: {message}" if filename and line else message


def _short(filename: str | None) -> str:
    if not filename:
        return ""
    try:
        return str(Path(filename).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return filename
