"""The data panel: data sources, entities and fields, draggable onto the canvas."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from designer.ui.controller import DocumentController


class DataPanel(QWidget):
    """Skeleton (being filled in)."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
