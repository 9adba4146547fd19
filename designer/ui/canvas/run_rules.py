"""Validation rules in run mode (Qt-free): the same order and built-in texts as the exported apps'
shared runtime (exporters/runtime_ts/src/validate.ts)."""

from __future__ import annotations

import re
from typing import Any, Callable

from exporters.strings import RUNTIME_STRINGS


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list) and not value)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def _say(key: str, **values: Any) -> str:
    text = RUNTIME_STRINGS[key].text
    for name, value in values.items():
        shown = int(value) if isinstance(value, float) and value.is_integer() else value
        text = text.replace("{" + name + "}", str(shown))
    return text


def broken_rule(rules: list[Any], value: Any, test: Callable[[str, Any], bool]) -> str:
    """The message of the first rule ``value`` breaks ("" if none); ``test`` evaluates an
    expression rule with ``value`` in scope."""
    for r in rules:
        found = _broken(r, value, test)
        if found:
            return getattr(r, "message", "") or found
    return ""


def _broken(r: Any, value: Any, test: Callable[[str, Any], bool]) -> str:
    kind = getattr(r, "rule", "")
    if kind == "required":
        return _say("fc.required") if _empty(value) or value is False else ""
    if kind == "expression":
        return "" if test(r.expression, value) else _say("fc.invalid")
    if _empty(value):
        return ""
    n = _number(value)
    if kind == "min":
        return _say("fc.min", value=r.value) if n is None or n < r.value else ""
    if kind == "max":
        return _say("fc.max", value=r.value) if n is None or n > r.value else ""
    text = str(value)
    if kind == "length":
        if len(text) >= r.min and (r.max is None or len(text) <= r.max):
            return ""
        return _say("fc.min_length", min=r.min) if r.max is None else \
            _say("fc.length", min=r.min, max=r.max)
    if kind == "pattern":
        try:
            return "" if re.search(r.pattern, text) else _say("fc.pattern")
        except re.error:
            return ""
    return ""
