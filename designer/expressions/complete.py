"""Completion of the name or path being typed at the cursor."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .checker import resolve_path
from .errors import ExpressionError
from .functions import FUNCTIONS
from .lexer import DIGITS, IDENT_CHARS
from .scope import Scope
from .types import RecordType

_T_CALL = re.compile(r"(?:^|[^A-Za-z0-9_.])t\s*\(\s*$")


def complete(text: str, cursor: int, scope: Scope) -> list[str]:
    """Candidates for the identifier being typed at ``cursor``.

    At a root: scope roots and function names; after ``record.``: that record's fields; inside
    the quoted key of ``t("...")``: localization keys. Each candidate replaces the partial word
    before the cursor. Case-insensitive prefix match; exact-case matches first.
    """
    cursor = max(0, min(cursor, len(text)))
    before = text[:cursor]
    string_start = _open_string(before)
    if string_start is not None:
        if not _T_CALL.search(before[:string_start]):
            return []
        return _rank(before[string_start + 1:], scope.string_keys())
    i = cursor
    while i > 0 and before[i - 1] in IDENT_CHARS:
        i -= 1
    partial, parts = before[i:], []
    while i > 0 and before[i - 1] == ".":
        j = i - 1
        while j > 0 and before[j - 1] in IDENT_CHARS:
            j -= 1
        if j == i - 1:
            return []
        parts.insert(0, before[j:i - 1])
        i = j
    head = parts[0] if parts else partial
    if head[:1] in DIGITS or (i > 0 and before[i - 1] in "\"'"):
        return []
    if not parts:
        return _rank(partial, [*scope.names(), *FUNCTIONS])
    try:
        found = resolve_path(tuple(parts), scope)
    except ExpressionError:
        return []
    return _rank(partial, found.fields()) if isinstance(found, RecordType) else []


def _rank(partial: str, candidates: Iterable[str]) -> list[str]:
    lowered = partial.lower()
    unique = dict.fromkeys(candidates)
    matches = [c for c in unique if c.lower().startswith(lowered)]
    return sorted(matches, key=lambda c: (not c.startswith(partial), c.lower(), c))


def _open_string(before: str) -> int | None:
    """Index of the quote opening an unterminated string at the end of ``before``, if any."""
    quote_char, start, i = "", None, 0
    while i < len(before):
        ch = before[i]
        if quote_char:
            if ch == "\\":
                i += 1
            elif ch == quote_char:
                quote_char, start = "", None
        elif ch in "\"'":
            quote_char, start = ch, i
        i += 1
    return start
