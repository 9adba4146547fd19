"""Find the line of a JSON path in the original text, for error messages."""

from __future__ import annotations

import re
from typing import Sequence

_TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|([{}\[\],:])|([^\s{}\[\],:"]+))', re.S)
_MAX_SCAN = 64 * 1024 * 1024


class _Frame:
    __slots__ = ("is_object", "index", "key", "expect_key")

    def __init__(self, is_object: bool) -> None:
        self.is_object = is_object
        self.index = 0
        self.key: str | None = None
        self.expect_key = is_object

    def slot(self) -> str | int | None:
        return self.key if self.is_object else self.index


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """1-based line where the value at ``path`` starts (None if not found or text is not JSON)."""
    if len(text) > _MAX_SCAN:
        return None
    target = list(path)
    if not target:
        return 1
    stack: list[_Frame] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            return None
        pos = m.end()
        string, punct, bare = m.groups()
        top = stack[-1] if stack else None
        if top is not None and top.is_object and top.expect_key:
            if string is not None:
                top.key = string[1:-1]
                top.expect_key = False
                if [f.slot() for f in stack] == target:
                    return text.count("\n", 0, m.start(1)) + 1
                continue
        if punct in ("{", "[") or string is not None or bare is not None:
            if punct in ("{", "["):
                stack.append(_Frame(punct == "{"))
        elif punct in ("}", "]"):
            if stack:
                stack.pop()
        elif punct == "," and top is not None:
            if top.is_object:
                top.expect_key = True
            else:
                top.index += 1
                if [f.slot() for f in stack] == target:
                    return text.count("\n", 0, pos) + 1 + _leading_newlines(text, pos)
        if punct == "[" and [f.slot() for f in stack] == target:
            return text.count("\n", 0, pos) + 1 + _leading_newlines(text, pos)
    return None


def _leading_newlines(text: str, pos: int) -> int:
    m = re.compile(r"\s*").match(text, pos)
    return text.count("\n", pos, m.end()) if m else 0
