"""The one error type of the expression language, located by character span."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class ExpressionError(ValueError):
    """A problem in an expression, located at ``text[start:end]``.

    ``suggestion``, when given, is replacement text for that span (a quick fix), e.g. the
    span of ``customer.nmae`` with suggestion ``customer.name``. ``code``, when given, is the
    problem code a report uses instead of the generic one (e.g. ``signin.user``).
    """

    def __init__(self, message: str, start: int, end: int, suggestion: str | None = None,
                 code: str | None = None) -> None:
        super().__init__(message, start, end, suggestion)
        self.code = code
        self.message = message
        self.start = start
        self.end = end
        self.suggestion = suggestion

    def __str__(self) -> str:
        text = f"{self.message} at {self.start}"
        if self.suggestion is not None:
            text += f"; did you mean `{self.suggestion}`?"
        return text


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most similar to ``word`` (case-insensitive), or None if none is close."""
    by_lower: dict[str, str] = {}
    for candidate in candidates:
        by_lower.setdefault(candidate.lower(), candidate)
    found = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[found[0]] if found else None
