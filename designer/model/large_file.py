"""Parsing big model files with bounded memory (issue 18 item 1).

``orjson.loads`` holds its whole parse tree beside the Python objects it builds: a 52 MB
model peaked at 310 MB in that call alone, over the 3× file + 150 MB budget before any
command ran. The stdlib's C scanner builds the objects straight from the text, so the
peak is the text plus the objects. Above ``LOW_MEMORY_BYTES`` valid files go that way;
below it, and for anything the two parsers might judge differently, orjson decides (it is
faster, and its messages are the ones users see).
"""

from __future__ import annotations

import json
import re
from typing import Any

#: Files larger than this are parsed by ``parse_large``.
LOW_MEMORY_BYTES = 8 * 1024 * 1024
_INT_MIN, _INT_MAX = -(2**63), 2**64 - 1          # orjson's integer range
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89abAB]")   # orjson refuses lone surrogates


class _Refused(ValueError):
    """A value orjson would refuse: let it give the message."""


def _int(text: str) -> int:
    value = int(text)
    if not _INT_MIN <= value <= _INT_MAX:
        raise _Refused(text)
    return value


def _float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _Refused(text)
    return value


def _constant(text: str) -> Any:
    raise _Refused(text)                            # NaN, Infinity: not JSON


def parse_large(file: str, limit: int) -> dict[str, Any] | None:
    """The JSON object in ``file`` (at most ``limit`` bytes read), or None if it is not
    plainly valid (then orjson, on the same bytes, gives the located message). The bytes are
    dropped once decoded, the text once parsed."""
    with open(file, "rb") as fh:
        data = fh.read(limit)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096] or _SURROGATE_ESCAPE.search(data):
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    del data
    try:
        raw = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except (ValueError, RecursionError):
        return None
    return raw if isinstance(raw, dict) else None
