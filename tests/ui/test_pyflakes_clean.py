"""The designer's Qt package is pyflakes-clean (pyflakes ignores ``# noqa``, so nothing is hidden)."""

from __future__ import annotations

from pathlib import Path

from pyflakes.api import checkPath
from pyflakes.reporter import Reporter

UI = Path(__file__).resolve().parents[2] / "designer" / "ui"


class _Collect(Reporter):
    def __init__(self) -> None:
        self.lines: list[str] = []

    def unexpectedError(self, filename: str, msg: str) -> None:  # noqa: N802 (pyflakes API)
        self.lines.append(f"{filename}: {msg}")

    def syntaxError(self, filename: str, msg: str, lineno: int, offset: int, text: str) -> None:  # noqa: N802
        self.lines.append(f"{filename}:{lineno}: {msg}")

    def flake(self, message: object) -> None:
        self.lines.append(str(message))


def test_designer_ui_is_pyflakes_clean() -> None:
    report = _Collect()
    files = sorted(UI.rglob("*.py"))
    assert len(files) > 30
    for path in files:
        checkPath(str(path), report)
    assert report.lines == []
