"""The binding editor: a field picker and an expression with completion and live checking."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from designer.ui.controller import DocumentController


class BindingEditor(QWidget):
    """Skeleton (being filled in)."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
