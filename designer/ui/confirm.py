"""A question with named buttons (``ask(parent, title, text, buttons)`` → the button chosen).

Panels keep the function in an ``ask`` attribute; the main window points it at its document
I/O's ``ask`` so there is one hook for tests and one look for every question.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

Ask = Callable[[str, str, list[str]], str]


def ask(parent: QWidget | None, title: str, text: str, buttons: list[str]) -> str:
    """Show ``text`` with ``buttons``; the last one is the answer when the box is closed."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    made = {box.addButton(b, QMessageBox.ButtonRole.ActionRole): b for b in buttons}
    box.exec()
    return made.get(box.clickedButton(), buttons[-1])
