"""Find the lines of JSON paths in the original text, for error messages.

Only called for problems that are printed, so nothing is scanned when there is nothing to
locate. One pass locates any number of paths (lint may report thousands of findings on a big
model), so callers should batch: ``locate_all(text, paths)``. The pass works on the UTF-8 bytes,
descends only into containers on the way to a wanted path, skips every other value with
possessive regexes (constant memory however long a string is: no backtracking state), and
stops as soon as every wanted path is found or known to be absent.
"""

from __future__ import annotations

import json
import re
from typing import Iterable, Sequence

_MAX_SCAN = 64 * 1024 * 1024
Path = tuple[str | int, ...]

_WS = re.compile(rb"[ \t\r\n]*+")
_STRING = re.compile(rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"', re.S)
_BARE = re.compile(rb"[^\s,:\]}\[{\"]++")
# Everything up to the next bracket outside a string: one C-level match per bracket.
_FLAT = re.compile(rb'(?:[^"\[\]{}]++|"[^"\\]*+(?:\\.[^"\\]*+)*+")*+', re.S)
_OPEN, _CLOSE = frozenset(b"{["), frozenset(b"}]")
_QUOTE, _COMMA, _COLON = ord('"'), ord(","), ord(":")


class _NotJson(Exception):
    """The text is not JSON the scanner can follow."""


def line_of(text: bytes | str, path: Sequence[str | int]) -> int | None:
    """1-based line where the value (or key) at ``path`` starts; None if it is not there."""
    key = tuple(path)
    if not key:
        return 1
    found = _scan(_as_bytes(text), [key])
    return None if found is None else found.get(key)


def locate_all(text: bytes | str, paths: Iterable[Sequence[str | int]]) -> dict[Path, int | None]:
    """Line of each path, or of its nearest ancestor present in the text (1 for the root);
    None for every path if the text is not JSON. Nothing is read when ``paths`` is empty."""
    wanted = list(dict.fromkeys(tuple(p) for p in paths))
    if not wanted:
        return {}
    found = _scan(_as_bytes(text), wanted)
    if found is None:
        return {p: None for p in wanted}
    found[()] = 1
    out: dict[Path, int | None] = {}
    for path in wanted:
        out[path] = next((found[path[:i]] for i in range(len(path), -1, -1)
                          if path[:i] in found), None)
    return out


def _as_bytes(text: bytes | str) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")


class _Scan:
    """State of one pass: what is wanted, what is found, and the line count so far."""

    def __init__(self, data: bytes, wanted: list[Path]) -> None:
        self.data = data
        self.wanted = set(wanted)
        self.below: dict[Path, list[Path]] = {}     # container path -> wanted paths inside it
        for path in self.wanted:
            for i in range(len(path)):
                self.below.setdefault(path[:i], []).append(path)
        self.tracked = self.wanted | set(self.below)   # ancestors too: the nearest one is shown
        self.unresolved = set(self.wanted)
        self.found: dict[Path, int] = {}
        self.line, self.counted = 1, 0

    def record(self, path: Path, pos: int) -> None:
        if path in self.tracked and path not in self.found:
            self.line += self.data.count(b"\n", self.counted, pos)
            self.counted = pos
            self.found[path] = self.line
            self.unresolved.discard(path)

    def closed(self, path: Path) -> None:
        """A container ended: whatever was wanted inside it and not seen is absent."""
        for inside in self.below.pop(path, ()):
            self.unresolved.discard(inside)

    @property
    def done(self) -> bool:
        return not self.unresolved


def _scan(data: bytes, wanted: list[Path]) -> dict[Path, int] | None:
    if len(data) > _MAX_SCAN:
        return None
    scan = _Scan(data, wanted)
    try:
        _walk(scan, 3 if data.startswith(b"\xef\xbb\xbf") else 0)
    except (_NotJson, IndexError):
        return None
    return scan.found


def _walk(scan: _Scan, start: int) -> None:
    """Visit the values on the way to wanted paths; skip everything else."""
    data = scan.data
    # Each frame: [path, is_object, next index]; the value to read next starts at ``pos``.
    stack: list[list] = []
    pos = _WS.match(data, start).end()
    path: Path = ()
    scan.record(path, pos)
    while not scan.done:
        if path in scan.below and data[pos] in _OPEN:
            is_object = data[pos] == ord("{")
            pos = _WS.match(data, pos + 1).end()
            if data[pos] in _CLOSE:                      # empty container
                scan.closed(path)
                pos += 1
            else:
                stack.append([path, is_object, 0])
                path, pos = _member(scan, stack[-1], pos)
                continue
        else:
            pos = _skip_value(data, pos)
        # After a value: a comma (next member) or closing brackets.
        while True:
            if scan.done or not stack:
                return
            pos = _WS.match(data, pos).end()
            frame = stack[-1]
            char = data[pos]
            if char == _COMMA:
                frame[2] += 1
                path, pos = _member(scan, frame, _WS.match(data, pos + 1).end())
                break
            if char not in _CLOSE:
                raise _NotJson
            stack.pop()
            scan.closed(frame[0])
            pos += 1


def _member(scan: _Scan, frame: list, pos: int) -> tuple[Path, int]:
    """The path of the next member of ``frame`` and where its value starts (its line recorded)."""
    data = scan.data
    if not frame[1]:
        if data[pos] in _CLOSE or data[pos] == _COMMA:
            raise _NotJson
        path = frame[0] + (frame[2],)
        scan.record(path, pos)
        return path, pos
    match = _STRING.match(data, pos)
    if match is None:
        raise _NotJson
    path = frame[0] + (_unquote(match.group()),)
    scan.record(path, pos)
    pos = _WS.match(data, match.end()).end()
    if data[pos] != _COLON:
        raise _NotJson
    return path, _WS.match(data, pos + 1).end()


def _skip_value(data: bytes, pos: int) -> int:
    """The end of the value starting at ``pos``, without building it."""
    char = data[pos]
    if char == _QUOTE:
        match = _STRING.match(data, pos)
        if match is None:
            raise _NotJson
        return match.end()
    if char not in _OPEN:
        match = _BARE.match(data, pos)
        if match is None:
            raise _NotJson
        return match.end()
    depth = 0
    while True:
        char = data[pos]
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
            if depth == 0:
                return pos + 1
        else:
            raise _NotJson
        pos = _FLAT.match(data, pos + 1).end()


def _unquote(token: bytes) -> str:
    inner = token[1:-1]
    if b"\\" not in inner:
        return inner.decode("utf-8", "replace")
    try:
        return json.loads(token)
    except ValueError:
        return inner.decode("utf-8", "replace")
