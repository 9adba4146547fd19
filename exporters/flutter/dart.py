"""Small builders for formatted Dart source: calls with named arguments, lists, literals."""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..escaping import EscapingError, css_color, dart_str

Lines = list[str]
WIDTH = 100


def num(value: float | int, double: bool = True) -> str:
    """A finite number as Dart source (``12.0`` when ``double``)."""
    number = float(value)
    if not math.isfinite(number):
        raise EscapingError(f"not a finite number: {value!r}")
    if number.is_integer():
        return f"{int(number)}.0" if double else str(int(number))
    return repr(number)


def color(value: str) -> str:
    """``Color(0xFFrrggbb)`` for a model colour (``#rrggbb`` or ``#rrggbbaa``)."""
    c = css_color(value)[1:]
    alpha = c[6:8] if len(c) == 8 else "ff"
    return f"Color(0x{alpha.upper()}{c[:6].upper()})"


def string(value: str) -> str:
    return dart_str(value)


def call(name: str, args: Sequence[tuple[str | None, Lines]], const: bool = False) -> Lines:
    """``name(arg: value, …)``, on one line when it fits, else one argument per line."""
    prefix = "const " if const else ""
    if all(len(v) == 1 for _, v in args):
        flat = ", ".join(f"{k}: {v[0]}" if k else v[0] for k, v in args)
        one = f"{prefix}{name}({flat})"
        if len(one) <= WIDTH - 20:
            return [one]
    out = [f"{prefix}{name}("]
    for k, value in args:
        head = f"{k}: " if k else ""
        out.append("  " + head + value[0])
        out += ["  " + line for line in value[1:]]
        out[-1] += ","
    out.append(")")
    return out


def items(entries: Sequence[Lines], open_: str = "[", close: str = "]") -> Lines:
    """A list literal of multi-line entries, one per line, with trailing commas."""
    if not entries:
        return [open_ + close]
    out = [open_]
    for entry in entries:
        out += ["  " + line for line in entry]
        out[-1] += ","
    out.append(close)
    return out
