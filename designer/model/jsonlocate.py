"""Find the lines of JSON paths in the original text, for error messages.

One pass over the text locates any number of paths (lint may report thousands of findings on a
big model), so callers should batch: ``locate_all(text, paths)``.
"""

from __future__ import annotations

import json
import re
from typing import Iterable, Sequence

_TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|([{}\[\],:])|([^\s{}\[\],:"]+))', re.S)
_MAX_SCAN = 64 * 1024 * 1024
Path = tuple[str | int, ...]


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """1-based line where the value (or key) at ``path`` starts; None if it is not there."""
    if len(text) > _MAX_SCAN:
        return None
    key = tuple(path)
    if not key:
        return 1
    found = _scan(text, {key[:i] for i in range(len(key) + 1)})
    return None if found is None else found.get(key)


def locate_all(text: str, paths: Iterable[Sequence[str | int]]) -> dict[Path, int | None]:
    """Line of each path, or of its nearest ancestor present in the text (1 for the root);
    None for every path if the text is not JSON."""
    if len(text) > _MAX_SCAN:
        return {tuple(p): None for p in paths}
    wanted = [tuple(p) for p in paths]
    prefixes = {p[:i] for p in wanted for i in range(len(p) + 1)}
    found = _scan(text, prefixes)
    if found is None:               # not JSON the scanner can follow
        return {p: None for p in wanted}
    found[()] = 1
    out: dict[Path, int | None] = {}
    for path in wanted:
        out[path] = next((found[path[:i]] for i in range(len(path), -1, -1)
                          if path[:i] in found), None)
    return out


class _Frame:
    __slots__ = ("is_object", "index", "key", "expect_key")

    def __init__(self, is_object: bool) -> None:
        self.is_object = is_object
        self.index = 0
        self.key: str | None = None
        self.expect_key = is_object


def _scan(text: str, wanted: set[Path]) -> dict[Path, int] | None:
    found: dict[Path, int] = {}
    stack: list[_Frame] = []
    path: list[str | int] = []       # slots of the frames, kept in step with ``stack``
    pos, line, counted = 0, 1, 0
    depth_limit = max((len(p) for p in wanted), default=0)
    pending_element = False          # an array element starts at the next value token
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            return None if not text[pos:].strip() == "" else found
        start = m.start(1) if m.group(1) is not None else m.start(2) if m.group(2) is not None \
            else m.start(3)
        line += text.count("\n", counted, start)
        counted = start
        pos = m.end()
        string, punct, bare = m.groups()
        top = stack[-1] if stack else None
        if top is not None and top.is_object and top.expect_key and string is not None:
            top.key = _unquote(string)
            top.expect_key = False
            path[-1] = top.key
            key = tuple(path)
            if len(key) <= depth_limit and key in wanted:
                found.setdefault(key, line)
            continue
        if pending_element and punct not in ("]",):
            key = tuple(path)
            if len(key) <= depth_limit and key in wanted:
                found.setdefault(key, line)
        pending_element = False
        if punct in ("{", "["):
            frame = _Frame(punct == "{")
            stack.append(frame)
            path.append("" if frame.is_object else 0)
            pending_element = not frame.is_object
        elif punct in ("}", "]"):
            if stack:
                stack.pop()
                path.pop()
        elif punct == "," and top is not None:
            if top.is_object:
                top.expect_key = True
            else:
                top.index += 1
                path[-1] = top.index
                pending_element = True
    return found


def _unquote(token: str) -> str:
    inner = token[1:-1]
    if "\\" not in inner:
        return inner
    try:
        return json.loads(token)
    except ValueError:
        return inner
