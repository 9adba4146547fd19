"""The outline: the widget tree of the current screen, selection synced with the canvas.

``OutlineModel`` mirrors the tree (parent/children ids) and updates it incrementally from the
document's change events, so a keystroke in the property editor only repaints one row. An edit
that changes the tree more than once (deleting or restoring 1,000 widgets) resets the model
once when it has finished, instead of a row signal per widget. The view's selection follows
the controller's; only the user's own selection changes in the view go back to the controller.
Drag and drop reorders/reparents through ``MoveWidget``; invalid drops are refused up front.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (QAbstractItemModel, QItemSelection, QItemSelectionModel, QMimeData,
                            QModelIndex, QPersistentModelIndex, QPoint, Qt)
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTreeView, QVBoxLayout, QWidget

from designer.commands import Macro, MoveWidget, SetProperty, remove_widgets
from designer.model.document import Change, Document
from designer.ui.canvas.edit_actions import duplicate_command
from designer.ui.controller import DocumentController
from widgets import CATALOG, ContainerBase, WidgetBase

from .outline_badges import BADGES_ROLE, BadgeDelegate, pii_widgets
from .style import ACCENT_COLOR, MUTED_COLOR, PII_COLOR, icon

WIDGET_IDS_MIME = "application/x-fieldcraft-widget-ids"
Index = QModelIndex | QPersistentModelIndex


class OutlineModel(QAbstractItemModel):
    """Widgets of one screen as a tree: column 0 name (editable), 1 kind, 2 badges."""

    COLUMNS = 3

    def __init__(self, controller: DocumentController, parent: Any = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.doc: Document = controller.doc
        self._children: dict[str, list[str]] = {}
        self._parent: dict[str, str | None] = {}
        self._roots: list[str] = []
        self._ints: dict[str, int] = {}
        self._strs: dict[int, str] = {}
        self._rows: dict[str | None, dict[str, int]] = {}  # parent → {child: row}, on demand
        self._pii: set[str] | None = None
        self.screen_id = ""
        #: structural changes seen in the running edit; > 1 → one reset when it has finished
        self._edit_changes = 0
        self._resetting = False
        #: True while rows are inserted/removed/moved (selection changes then are not the user's)
        self.changing_rows = False
        controller.changed.connect(self.on_change)
        controller.current_screen_changed.connect(lambda _id: self.rebuild())
        controller.reset.connect(self.rebuild)
        self.rebuild()

    # ------------------------------------------------------------------ mirror
    def rebuild(self) -> None:
        """Re-read the whole current screen (on open or screen switch only)."""
        if not self._resetting:
            self.beginResetModel()
        self._resetting = False
        self._edit_changes = 0
        self._children, self._parent, self._pii, self._rows = {}, {}, None, {}
        screen = self.controller.current_screen()
        self.screen_id = screen.id if screen else ""
        self._roots = [screen.root.id] if screen else []
        if screen:
            self._add_subtree(screen.root, None)
        self.endResetModel()

    def _add_subtree(self, widget: WidgetBase, parent_id: str | None) -> None:
        """Mirror ``widget`` and its descendants (the caller places it in its parent's list)."""
        self._parent[widget.id] = parent_id
        self._children[widget.id] = []
        self._rows.pop(widget.id, None)
        if isinstance(widget, ContainerBase):
            for child in widget.children:
                self._add_subtree(child, widget.id)
                self._children[widget.id].append(child.id)

    def _drop_subtree(self, widget_id: str) -> None:
        for child in self._children.pop(widget_id, []):
            self._drop_subtree(child)
        self._parent.pop(widget_id, None)
        self._rows.pop(widget_id, None)

    def _int(self, widget_id: str) -> int:
        if widget_id not in self._ints:
            n = len(self._ints) + 1
            self._ints[widget_id], self._strs[n] = n, widget_id
        return self._ints[widget_id]

    def _structural(self, change: Change) -> bool:
        """True if ``change`` adds, removes or moves rows of the shown tree."""
        kind, detail = change.kind, change.detail
        if kind == "widget_inserted":
            return detail.get("parent") in self._children
        if kind == "widget_removed":
            return bool(change.ids) and change.ids[0] in self._parent
        if kind == "widget_moved":
            return detail["old_parent"] in self._children or detail["parent"] in self._children
        return False

    @property
    def resetting(self) -> bool:
        """True between a batch's first changes and the reset when its edit has finished."""
        return self._resetting

    def _begin_batch_reset(self) -> None:
        self.beginResetModel()
        self._resetting = True
        self.controller.when_idle(self.rebuild)

    def on_change(self, change: Change) -> None:
        """Apply one document change to the mirror (and tell the views)."""
        if self._resetting:
            return  # the whole tree is re-read when the edit has finished
        self._pii = None
        if self._structural(change) and self.controller.is_applying:
            self._edit_changes += 1
            if self._edit_changes == 1:
                self.controller.when_idle(self._edit_finished)
            else:
                self._begin_batch_reset()
                return
        self._apply(change)

    def _apply(self, change: Change) -> None:
        kind, detail = change.kind, change.detail
        wid = change.ids[0] if change.ids else ""
        if kind == "widget_inserted" and detail.get("parent") in self._children:
            parent, row = detail["parent"], detail["index"]
            self.changing_rows = True
            self.beginInsertRows(self.index_of(parent), row, row)
            self._add_subtree(self.doc.widget(wid), parent)
            self._children[parent].insert(row, wid)
            self._rows.pop(parent, None)
            self.endInsertRows()
            self.changing_rows = False
        elif kind == "widget_removed" and wid in self._parent:
            parent, row = detail["parent"], detail["index"]
            self.changing_rows = True
            self.beginRemoveRows(self.index_of(parent), row, row)
            self._children[parent].remove(wid)
            self._rows.pop(parent, None)
            self._drop_subtree(wid)
            self.endRemoveRows()
            self.changing_rows = False
        elif kind == "widget_moved":
            self.changing_rows = True
            try:
                self._on_moved(wid, detail)
            finally:
                self.changing_rows = False
        elif kind == "widget_changed" and wid in self._parent:
            index = self.index_of(wid)
            self.dataChanged.emit(index, index.siblingAtColumn(self.COLUMNS - 1))
            if detail.get("prop") == "bindings" and self._roots:
                self._all_badges_changed()
        elif kind in ("screen_changed", "sources_changed") and self._roots:
            self._all_badges_changed()

    def _on_moved(self, wid: str, detail: dict[str, Any]) -> None:
        old_parent, old_row = detail["old_parent"], detail["old_index"]
        new_parent, new_row = detail["parent"], detail["index"]
        here_old, here_new = old_parent in self._children, new_parent in self._children
        if here_old and here_new:
            dest = new_row + 1 if old_parent == new_parent and new_row > old_row else new_row
            if old_parent == new_parent and new_row == old_row:
                return
            self.beginMoveRows(self.index_of(old_parent), old_row, old_row,
                               self.index_of(new_parent), dest)
            self._children[old_parent].remove(wid)
            self._children[new_parent].insert(new_row, wid)
            self._parent[wid] = new_parent
            self._rows.pop(old_parent, None)
            self._rows.pop(new_parent, None)
            self.endMoveRows()
        elif here_old:
            self._apply(Change("widget_removed", (wid,), {"parent": old_parent,
                                                          "index": old_row}))
        elif here_new:
            self._apply(Change("widget_inserted", (wid,), {"parent": new_parent,
                                                           "index": new_row}))

    def _edit_finished(self) -> None:
        self._edit_changes = 0

    def _all_badges_changed(self) -> None:
        stack = list(self._roots)
        while stack:
            wid = stack.pop()
            index = self.index_of(wid, 2)
            self.dataChanged.emit(index, index, [BADGES_ROLE])
            stack.extend(self._children.get(wid, []))

    def pii_ids(self) -> set[str]:
        if self._pii is None:
            screen = self.controller.current_screen()
            self._pii = pii_widgets(self.doc.app, screen) if screen else set()
        return self._pii

    # ------------------------------------------------------------------ Qt model API
    def widget_id(self, index: Index) -> str | None:
        return self._strs.get(index.internalId()) if index.isValid() else None

    def _row(self, widget_id: str) -> int | None:
        """The widget's row among its siblings (None if not in the tree)."""
        if widget_id not in self._parent:
            return None
        parent = self._parent[widget_id]
        rows = self._rows.get(parent)
        if rows is None:
            siblings = self._children[parent] if parent is not None else self._roots
            rows = self._rows[parent] = {w: n for n, w in enumerate(siblings)}
        return rows.get(widget_id)

    def index_of(self, widget_id: str, column: int = 0) -> QModelIndex:
        row = self._row(widget_id)
        if row is None:
            return QModelIndex()
        return self.createIndex(row, column, self._int(widget_id))

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        pid = self.widget_id(parent)
        siblings = self._children.get(pid, []) if pid is not None else self._roots
        if not (0 <= row < len(siblings) and 0 <= column < self.COLUMNS):
            return QModelIndex()
        return self.createIndex(row, column, self._int(siblings[row]))

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        wid = self.widget_id(index)
        parent = self._parent.get(wid) if wid else None
        return self.index_of(parent) if parent is not None else QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        if parent.isValid() and parent.column() != 0:
            return 0
        pid = self.widget_id(parent)
        return len(self._children.get(pid, [])) if pid is not None else len(self._roots)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        wid = self.widget_id(index)
        if wid is None or wid not in self.doc:
            return None
        widget = self.doc.widget(wid)
        wtype = CATALOG.get(widget.kind) if widget.kind in CATALOG else None
        column = index.column()
        if column == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return widget.name
            if role == Qt.ItemDataRole.DecorationRole:
                return icon(wtype.icon if wtype else "mdi6.help-box")
        if column == 1 and role == Qt.ItemDataRole.DisplayRole:
            return wtype.name if wtype else widget.kind
        if column == 1 and role == Qt.ItemDataRole.ForegroundRole:
            return QColor(MUTED_COLOR)
        if column == 2 and role == BADGES_ROLE:
            badges = []
            if widget.bindings:
                badges.append(("mdi6.link-variant", ACCENT_COLOR))
            if wid in self.pii_ids():
                badges.append(("mdi6.shield-account", PII_COLOR))
            return tuple(badges)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{widget.name} ({wtype.name if wtype else widget.kind})"]
            lines += [f"{prop} ← {expr}" for prop, expr in sorted(widget.bindings.items())]
            if wid in self.pii_ids():
                lines.append("Shows personal data (pii)")
            return "\n".join(lines)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        wid = self.widget_id(index)
        if wid is None:
            return base | Qt.ItemFlag.ItemIsDropEnabled
        if index.column() == 0:
            base |= Qt.ItemFlag.ItemIsEditable
        if self._parent.get(wid) is not None:
            base |= Qt.ItemFlag.ItemIsDragEnabled
        if wid in self.doc and isinstance(self.doc.widget(wid), ContainerBase):
            base |= Qt.ItemFlag.ItemIsDropEnabled
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        wid = self.widget_id(index)
        if wid is None or role != Qt.ItemDataRole.EditRole or index.column() != 0:
            return False
        if value == self.doc.widget(wid).name:
            return False
        command = SetProperty([wid], "name", str(value))
        command.text = "Rename widget"
        return self.controller.push(command)

    # ------------------------------------------------------------------ drag and drop
    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 (Qt API)
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 (Qt API)
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt API)
        return [WIDGET_IDS_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802 (Qt API)
        ids = list(dict.fromkeys(w for w in (self.widget_id(i) for i in indexes)
                                 if w and self._parent.get(w) is not None))
        mime = QMimeData()
        mime.setData(WIDGET_IDS_MIME, json.dumps(ids).encode())
        return mime

    def _drop_target(self, data: QMimeData, row: int, parent: Index
                     ) -> tuple[list[str], str, int] | None:
        if not data.hasFormat(WIDGET_IDS_MIME):
            return None
        try:
            ids = [i for i in json.loads(bytes(data.data(WIDGET_IDS_MIME)).decode())
                   if isinstance(i, str) and i in self.doc]
        except (ValueError, UnicodeDecodeError):
            return None
        target = self.widget_id(parent)
        if not ids or target is None:
            return None
        container = self.doc.widget(target)
        if not isinstance(container, ContainerBase):
            return None
        for wid in ids:
            widget = self.doc.widget(wid)
            if self.doc.parent_of(wid) is None or self.doc.is_ancestor(wid, target) or \
                    not CATALOG.allows_child(container.kind, widget.kind):
                return None
        return ids, target, len(container.children) if row < 0 else row

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                        parent: Index) -> bool:
        return self._drop_target(data, row, parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: Index) -> bool:
        found = self._drop_target(data, row, parent)
        if found is None:
            return False
        ids, target, row = found
        commands: list[MoveWidget] = []
        for wid in ids:  # each index is counted after the widget left its old place
            old_parent = self.doc.parent_of(wid)
            if old_parent is not None and old_parent.id == target and \
                    self.doc.index_in_parent(wid) < row:
                row -= 1
            commands.append(MoveWidget(wid, target, row))
            row += 1
        if len(commands) == 1:
            moving = commands[0]
            if self.doc.parent_of(moving.widget_id).id == target and \
                    self.doc.index_in_parent(moving.widget_id) == moving.index:  # type: ignore[union-attr]
                return False
            return self.controller.push(moving, selection_after=ids)
        return self.controller.push(Macro(f"Move {len(ids)} widgets", commands),
                                    selection_after=ids)


class OutlinePanel(QWidget):
    """Tree of the current screen's widgets; selection both ways; drag, rename, menu."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = OutlineModel(controller, self)
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setIndentation(16)
        self.view.setAnimated(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragDropOverwriteMode(False)
        self.view.setDropIndicatorShown(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed |
                                  QAbstractItemView.EditTrigger.SelectedClicked)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        # size the kind column from the rows in view (+ a few), not from up to 1,000 rows
        # at every relayout
        header.setResizeContentsPrecision(50)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(2, 46)
        self.view.setItemDelegateForColumn(2, BadgeDelegate(self.view))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view)

        self.delete_action = QAction(icon("mdi6.delete-outline"), "Delete", self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.duplicate_action = QAction(icon("mdi6.content-duplicate"), "Duplicate", self)
        self.duplicate_action.setShortcut(QKeySequence("Ctrl+D"))
        self.duplicate_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.duplicate_action.triggered.connect(self.duplicate_selected)
        self.rename_action = QAction(icon("mdi6.rename-box"), "Rename", self)
        self.rename_action.setShortcut(QKeySequence("F2"))
        self.rename_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.rename_action.triggered.connect(self.rename_current)
        for action in (self.delete_action, self.duplicate_action, self.rename_action):
            self.view.addAction(action)

        self._syncing = False
        self._kept: tuple[str, set[str], int] | None = None  # screen, expanded ids, scroll
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection)
        controller.selection_changed.connect(self._on_controller_selection)
        self.model.modelAboutToBeReset.connect(self._before_reset)
        self.model.modelReset.connect(self._after_reset)
        self._after_reset()

    def _before_reset(self) -> None:
        model = self.model
        expanded = {wid for wid, kids in model._children.items()
                    if kids and self.view.isExpanded(model.index_of(wid))}
        self._kept = (model.screen_id, expanded, self.view.verticalScrollBar().value())

    def _after_reset(self) -> None:
        kept, self._kept = self._kept, None
        if kept is not None and kept[0] == self.model.screen_id:
            # the same screen re-read after a big edit: keep what was open and the scroll
            for wid in kept[1]:
                if wid in self.model._children:
                    self.view.setExpanded(self.model.index_of(wid), True)
        else:
            self.view.expandToDepth(2)
        self._on_controller_selection(self.controller.selection)
        if kept is not None and kept[0] == self.model.screen_id and \
                not self.controller.selection:
            self.view.verticalScrollBar().setValue(kept[2])  # else it shows the selection

    # ------------------------------------------------------------------ selection
    def _on_view_selection(self, *_: Any) -> None:
        # rows removed/moved by an edit change the view's selection too: that is not the user
        # choosing, and the controller sets the selection itself when the edit has finished
        if self._syncing or self.model.changing_rows or self.model.resetting or \
                self.controller.is_applying:
            return
        rows = self.view.selectionModel().selectedRows(0)
        ids = [w for w in (self.model.widget_id(i) for i in rows) if w]
        self._syncing = True
        try:
            self.controller.select(ids)
        finally:
            self._syncing = False

    def _on_controller_selection(self, ids: list[str]) -> None:
        if self._syncing or self.model.resetting:
            return  # a reset is pending: it selects the controller's selection afterwards
        self._syncing = True
        try:
            selection = self._row_ranges(ids)
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            # with updates off the view skips computing the exact region of every changed row
            # (hundreds of rows after select-all); one repaint of what is in view instead
            self.view.setUpdatesEnabled(False)
            try:
                self.view.selectionModel().select(selection, flags)
            finally:
                self.view.setUpdatesEnabled(True)
                self.view.viewport().update()
            if ids and ids[0] in self.model._parent:
                current = self.model.index_of(ids[0])
                self.view.selectionModel().setCurrentIndex(
                    current, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.view.scrollTo(current)
        finally:
            self._syncing = False

    def _row_ranges(self, ids: list[str]) -> QItemSelection:
        """A selection of ``ids``' rows, consecutive siblings joined into one range (selecting
        1,000 rows is then one range, not 1,000); their ancestors are expanded."""
        model = self.model
        rows: dict[str | None, list[int]] = {}
        for wid in ids:
            row = model._row(wid)
            if row is not None:
                rows.setdefault(model._parent[wid], []).append(row)
        selection = QItemSelection()
        last = OutlineModel.COLUMNS - 1
        for parent_id, found in rows.items():
            parent = model.index_of(parent_id) if parent_id is not None else QModelIndex()
            ancestor = parent
            while ancestor.isValid():
                if not self.view.isExpanded(ancestor):
                    self.view.expand(ancestor)
                ancestor = ancestor.parent()
            found.sort()
            start = prev = found[0]
            for row in found[1:] + [None]:
                if row is not None and row == prev + 1:
                    prev = row
                    continue
                selection.select(model.index(start, 0, parent), model.index(prev, last, parent))
                if row is not None:
                    start = prev = row
        return selection

    # ------------------------------------------------------------------ actions
    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        menu = QMenu(self)
        is_root = self.model._parent.get(self.model.widget_id(index) or "") is None
        for action in (self.rename_action, self.duplicate_action, self.delete_action):
            action.setEnabled(action is self.rename_action or not is_root)
            menu.addAction(action)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def delete_selected(self) -> None:
        ids = [i for i in self.controller.selection if self.controller.doc.parent_of(i)]
        if ids:
            self.controller.push(remove_widgets(self.controller.doc, ids), selection_after=[])

    def duplicate_selected(self) -> None:
        """Duplicate as Edit ▸ Duplicate does (same names, offsets and nesting rules)."""
        made = duplicate_command(self.controller.doc, list(self.controller.selection))
        if made is not None:
            command, new_ids = made
            self.controller.push(command, selection_after=new_ids)

    def rename_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.edit(index.siblingAtColumn(0))
