"""The widget palette: categories, qtawesome icons, a search box, tooltips; drag or double-click.

A drag carries only the widget type id (``application/x-fieldcraft-widget``); the canvas creates
the default instance on drop.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QLineEdit, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from widgets import CATALOG

from .canvas.drop_interaction import WIDGET_MIME, widget_mime
from .icons import icon as named_icon

KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class _PaletteTree(QTreeWidget):
    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [WIDGET_MIME]

    def mimeData(self, items: list[QTreeWidgetItem]) -> QMimeData:  # noqa: N802
        kinds = [i.data(0, KIND_ROLE) for i in items if i.data(0, KIND_ROLE)]
        return widget_mime(kinds[0]) if kinds else QMimeData()


class WidgetPalette(QWidget):
    """Lists the catalog by category; ``activated(kind)`` on double-click or Enter."""

    activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search widgets")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(named_icon("mdi6.magnify"), QLineEdit.ActionPosition.LeadingPosition)
        self.tree = _PaletteTree(self)
        self.tree.setHeaderHidden(True)
        self.tree.setIconSize(QSize(20, 20))
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(8)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._fill()
        self.search.textChanged.connect(self.filter)
        self.tree.itemActivated.connect(self._on_activated)

    def _fill(self) -> None:
        bold = self.tree.font()
        bold.setBold(True)
        for category, types in CATALOG.by_category().items():
            head = QTreeWidgetItem(self.tree, [category])
            head.setFont(0, bold)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for wtype in types:
                item = QTreeWidgetItem(head, [wtype.name])
                item.setIcon(0, named_icon(wtype.icon))
                item.setToolTip(0, f"<b>{wtype.name}</b><br>{wtype.description}")
                item.setData(0, KIND_ROLE, wtype.id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsDragEnabled)
                self._items[wtype.id] = item
            head.setExpanded(True)

    def mime_data_for(self, kind: str) -> QMimeData:
        """The MIME data dragging ``kind`` produces (what ``QDrag`` carries)."""
        return self.tree.mimeData([self._items[kind]])

    def item_for(self, kind: str) -> QTreeWidgetItem:
        return self._items[kind]

    def visible_kinds(self) -> list[str]:
        return [k for k, item in self._items.items() if not item.isHidden()]

    def filter(self, text: str) -> None:
        """Show only widget types whose name, id, category or description matches."""
        needle = text.strip().lower()
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            shown = 0
            for j in range(head.childCount()):
                item = head.child(j)
                wtype = CATALOG.get(item.data(0, KIND_ROLE))
                hay = f"{wtype.name} {wtype.id} {wtype.category} {wtype.description}".lower()
                match = not needle or needle in hay
                item.setHidden(not match)
                shown += match
            head.setHidden(shown == 0)

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        kind = item.data(0, KIND_ROLE)
        if kind:
            self.activated.emit(kind)
