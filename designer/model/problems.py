"""A problem found in a model file: what, where (file, line, JSON path) and how bad."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Sequence

from .printable import printable

Severity = Literal["error", "warning", "info"]


def format_path(parts: Sequence[str | int]) -> str:
    """``('screens', 2, 'root', 'children', 5)`` → ``screens[2].root.children[5]``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Problem:
    """One finding; ``path`` is a tuple of keys/indices into the model file."""

    message: str
    path: tuple[str | int, ...] = ()
    severity: Severity = "error"
    code: str = ""
    suggestion: str | None = None
    file: str = ""
    line: int | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def path_text(self) -> str:
        """The JSON path as text, e.g. ``screens[2].root.children[5].bindings.text``."""
        return format_path(self.path)

    def format(self) -> str:
        """``FILE:LINE: PATH: message (did you mean `x`?)``, parts omitted when unknown."""
        where = printable(self.file or "<model>")
        if self.line is not None:
            where += f":{self.line}"
        text = f"{where}: " + ("" if self.severity == "error" else f"{self.severity}: ")
        text += printable(f"{self.path_text}: {self.message}" if self.path else self.message)
        if self.suggestion:
            text += f" (did you mean `{printable(self.suggestion)}`?)"
        return text
