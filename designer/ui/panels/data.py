"""The data panel: data sources → entities → fields, draggable onto the canvas; sample rows.

Dragging a field or an entity carries ``application/x-fieldcraft-field`` with the JSON payload
``{"source": name, "entity": name, "field": name or null}``. Imports call the Qt-free
importers of ``designer.importers`` (the button is hidden if none is available).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QColor, QDrag, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QMenu, QSplitter, QTableWidget, QTableWidgetItem, QToolButton,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from designer.commands import RemoveDataSource
from designer.model.data import DataField, DataSource, Entity
from designer.model.document import Change
from designer.model.usage import source_usage
from designer.ui.confirm import Ask, ask
from designer.ui.controller import DocumentController

from .field_details import FieldDetails
from .style import (ERROR_COLOR, KEY_COLOR, MUTED_COLOR, PII_COLOR, icon, muted_label,
                    tool_button)

FIELD_MIME = "application/x-fieldcraft-field"
ROLE = Qt.ItemDataRole.UserRole
FIELD_ICONS = {"string": "mdi6.alphabetical-variant", "integer": "mdi6.numeric",
               "decimal": "mdi6.decimal", "boolean": "mdi6.toggle-switch-outline",
               "date": "mdi6.calendar", "datetime": "mdi6.calendar-clock",
               "enum": "mdi6.format-list-checks", "image": "mdi6.image-outline",
               "geo": "mdi6.map-marker-outline", "reference": "mdi6.link-variant",
               "list": "mdi6.format-list-bulleted"}
SOURCE_ICONS = {"rest": "mdi6.api", "odata": "mdi6.database-cog-outline",
                "csv": "mdi6.file-delimited-outline", "json": "mdi6.code-json",
                "sqlite": "mdi6.database-outline", "local": "mdi6.cellphone-arrow-down"}
MAX_SAMPLE_SHOWN = 100


@dataclass(frozen=True)
class Importer:
    """One entry of the Import menu: a ``designer.importers`` kind and its file patterns."""

    label: str
    patterns: str
    kind: str

    def run(self, path: str) -> Any:
        """Import ``path`` (secret-scrubbed); raises ``SpecError`` with a located message."""
        from designer.importers import import_file

        return import_file(self.kind, path)


_IMPORTERS = (
    Importer("OpenAPI contract", "*.json *.yaml *.yml", "openapi"),
    Importer("OData metadata", "*.xml *.edmx", "odata"),
    Importer("CSV file", "*.csv *.tsv *.txt", "csv"),
    Importer("JSON sample", "*.json *.jsonl", "json"),
    Importer("SQLite database", "*.sqlite *.sqlite3 *.db", "sqlite"),
)


def available_importers() -> list[Importer]:
    """The Import menu's entries, in menu order."""
    return list(_IMPORTERS)


def field_payload(source: str, entity: str, field: str | None) -> bytes:
    """The drag payload for a field (or a whole entity when ``field`` is None)."""
    return json.dumps({"source": source, "entity": entity, "field": field}).encode()


class DataTree(QTreeWidget):
    """The tree; drags entities and fields with the field MIME type."""

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt API)
        return [FIELD_MIME]

    def mimeData(self, items: list[QTreeWidgetItem]) -> QMimeData:  # noqa: N802 (Qt API)
        mime = QMimeData()
        for item in items:
            ref = item.data(0, ROLE)
            if isinstance(ref, tuple) and len(ref) == 3:
                mime.setData(FIELD_MIME, field_payload(*ref))
                mime.setText(".".join(p for p in ref[1:] if p))
                break
        return mime

    def startDrag(self, supported: Qt.DropAction) -> None:  # noqa: N802 (Qt API)
        """Drag the selected entity or field as a copy, showing its name under the cursor."""
        items = self.selectedItems()
        mime = self.mimeData(items)
        if not mime.hasFormat(FIELD_MIME):
            return
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.setPixmap(_drag_pixmap(items[0].text(0), items[0].icon(0), self))
        drag.exec(Qt.DropAction.CopyAction)


def _drag_pixmap(text: str, item_icon: QIcon, widget: QWidget) -> QPixmap:
    """A small chip with the dragged item's icon and label."""
    metrics = widget.fontMetrics()
    ratio = widget.devicePixelRatioF()
    width = min(metrics.horizontalAdvance(text), 240) + 36
    height = metrics.height() + 10
    pixmap = QPixmap(int(width * ratio), int(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(MUTED_COLOR))
    painter.setBrush(widget.palette().base())
    painter.drawRoundedRect(0.5, 0.5, width - 1, height - 1, 6, 6)
    item_icon.paint(painter, 6, (height - 16) // 2, 16, 16)
    painter.setPen(widget.palette().text().color())
    painter.drawText(28, 0, width - 32, height, Qt.AlignmentFlag.AlignVCenter,
                     metrics.elidedText(text, Qt.TextElideMode.ElideRight, 240))
    painter.end()
    return pixmap


class DataPanel(QWidget):
    """Sources, entities and fields (pii and key marked), import/remove, sample rows."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.ask: Ask = lambda title, text, buttons: ask(self, title, text, buttons)
        self._importers: list[Importer] | None = None  # found when the menu first opens

        self.import_button = QToolButton(self)
        self.import_button.setText("Import")
        self.import_button.setIcon(icon("mdi6.database-import-outline"))
        self.import_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.import_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.import_button.setAutoRaise(True)
        self.import_menu = QMenu(self.import_button)
        self.import_menu.aboutToShow.connect(self._fill_import_menu)
        self.import_button.setMenu(self.import_menu)
        # importing the importers (YAML, XML, OpenAPI...) waits until the menu is opened
        self.remove_button = tool_button("mdi6.delete-outline", "Remove data source", self)
        self.remove_button.clicked.connect(self.remove_selected_source)
        self.remove_button.setEnabled(False)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 0)
        bar.setSpacing(2)
        bar.addWidget(self.import_button)
        bar.addStretch(1)
        bar.addWidget(self.remove_button)

        self.tree = DataTree(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(16)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(2, 24)
        self.tree.currentItemChanged.connect(self._on_current)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.hide()
        self.sample_title = muted_label("Select an entity to see its sample rows.", self)
        self.samples = QTableWidget(self)
        self.samples.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.samples.setAlternatingRowColors(True)
        self.samples.verticalHeader().setVisible(False)
        self.samples.verticalHeader().setDefaultSectionSize(22)
        self.samples.horizontalHeader().setStretchLastSection(True)
        self.samples.setWordWrap(False)
        sample_box = QWidget(self)
        sample_lay = QVBoxLayout(sample_box)
        sample_lay.setContentsMargins(6, 4, 6, 6)
        sample_lay.setSpacing(4)
        self.field_details = FieldDetails(controller, sample_box)
        sample_lay.addWidget(self.field_details)
        sample_lay.addWidget(self.sample_title)
        sample_lay.addWidget(self.samples)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.tree)
        split.addWidget(sample_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addLayout(bar)
        lay.addWidget(self.status)
        lay.addWidget(split, 1)

        controller.changed.connect(self._on_change)
        controller.reset.connect(self.rebuild)
        self.rebuild()

    # ------------------------------------------------------------------ tree
    def rebuild(self) -> None:
        """Re-read the data sources (keeps what was expanded and selected)."""
        current = self.tree.currentItem()
        keep = current.data(0, ROLE) if current else None
        expanded = {self._key(i) for i in self._items() if i.isExpanded()}
        first_time = self.tree.topLevelItemCount() == 0
        self.tree.clear()
        for source in self.controller.app.data_sources:
            self._add_source(source)
        for item in self._items():
            if first_time and isinstance(item.data(0, ROLE), str):
                item.setExpanded(True)
            elif self._key(item) in expanded:
                item.setExpanded(True)
            if keep is not None and item.data(0, ROLE) == keep:
                self.tree.setCurrentItem(item)
        self._on_current(self.tree.currentItem(), None)

    def _items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            out.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return out

    @staticmethod
    def _key(item: QTreeWidgetItem) -> Any:
        return item.data(0, ROLE)

    def _add_source(self, source: DataSource) -> None:
        item = QTreeWidgetItem(self.tree, [source.name, source.kind.upper()])
        item.setIcon(0, icon(SOURCE_ICONS.get(source.kind, "mdi6.database")))
        item.setData(0, ROLE, source.name)
        item.setForeground(1, QColor(MUTED_COLOR))
        tip = f"{source.name} ({source.kind})"
        if source.base_url:
            tip += f"\n{source.base_url}"
        if source.origin:
            tip += f"\nImported from {source.origin}"
        item.setToolTip(0, tip)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        for entity in source.entities:
            self._add_entity(item, source, entity)

    def _add_entity(self, parent: QTreeWidgetItem, source: DataSource, entity: Entity) -> None:
        rows = len(entity.sample_rows)
        item = QTreeWidgetItem(parent, [entity.label or entity.name,
                                        f"{rows} row{'s' if rows != 1 else ''}" if rows else ""])
        item.setIcon(0, icon("mdi6.table"))
        item.setData(0, ROLE, (source.name, entity.name, None))
        item.setForeground(1, QColor(MUTED_COLOR))
        ops = ", ".join(o.kind for o in entity.operations) or "none"
        item.setToolTip(0, f"{source.name}.{entity.name}\nOperations: {ops}\n"
                           "Drag onto a screen to add a list or form.")
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable |
                      Qt.ItemFlag.ItemIsDragEnabled)
        for field in entity.fields:
            self._add_field(item, source, entity, field)

    def _add_field(self, parent: QTreeWidgetItem, source: DataSource, entity: Entity,
                   field: DataField) -> None:
        type_text = field.type + (f" → {field.entity}" if field.entity else "")
        item = QTreeWidgetItem(parent, [field.label or field.name, type_text])
        item.setIcon(0, icon(FIELD_ICONS.get(field.type, "mdi6.circle-small")))
        item.setData(0, ROLE, (source.name, entity.name, field.name))
        item.setForeground(1, QColor(MUTED_COLOR))
        tips = [f"{entity.name}.{field.name}: {type_text}"]
        if field.wire != field.name:
            tips.append(f"Back-end name: {field.wire}")
        if field.name in entity.key:
            item.setIcon(2, icon("mdi6.key-variant", KEY_COLOR))
            item.setToolTip(2, "Key field")
            tips.append("Key field")
        if field.pii:
            item.setIcon(2, icon("mdi6.shield-account", PII_COLOR))
            item.setToolTip(2, "Personal data (pii): masked in logs and previews shared "
                               "outside the team")
            tips.append("Personal data (pii)")
        if field.required:
            tips.append("Required")
        if field.enum_values:
            tips.append("Values: " + ", ".join(field.enum_values[:10]))
        item.setToolTip(0, "\n".join(tips))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable |
                      Qt.ItemFlag.ItemIsDragEnabled)

    @property
    def importers(self) -> list[Importer]:
        """The importers of this installation (imported on first use)."""
        if self._importers is None:
            self._importers = available_importers()
        return self._importers

    def _fill_import_menu(self) -> None:
        if self.import_menu.actions():
            return
        for importer in self.importers:
            self.import_menu.addAction(importer.label,
                                       lambda imp=importer: self.import_from_dialog(imp))

    def _on_change(self, change: Change) -> None:
        if change.kind == "sources_changed":
            self.rebuild()

    # ------------------------------------------------------------------ samples
    def _on_current(self, item: QTreeWidgetItem | None, _previous: Any) -> None:
        ref = item.data(0, ROLE) if item else None
        self.remove_button.setEnabled(ref is not None)
        entity = None
        source = None
        if isinstance(ref, tuple):
            source = self.controller.app.source(ref[0])
            entity = source.entity(ref[1]) if source else None
        self.field_details.show_field(ref if isinstance(ref, tuple) and ref[2] else None)
        self.show_samples(entity)

    def show_samples(self, entity: Entity | None) -> None:
        """Fill the sample table with ``entity``'s rows (None: clear)."""
        self.samples.clear()
        if entity is None:
            self.samples.setRowCount(0)
            self.samples.setColumnCount(0)
            self.sample_title.setText("Select an entity to see its sample rows.")
            return
        columns = [f.name for f in entity.fields]
        for row in entity.sample_rows:
            columns.extend(k for k in row if k not in columns)
        rows = entity.sample_rows[:MAX_SAMPLE_SHOWN]
        shown = len(rows)
        self.sample_title.setText(
            f"{entity.name}: {len(entity.sample_rows)} sample row"
            f"{'s' if len(entity.sample_rows) != 1 else ''}"
            + (f" (first {shown})" if shown < len(entity.sample_rows) else ""))
        self.samples.setColumnCount(len(columns))
        self.samples.setRowCount(shown)
        for c, name in enumerate(columns):
            field = entity.field(name)
            header = QTableWidgetItem(name)
            if field is not None and field.pii:
                header.setIcon(icon("mdi6.shield-account", PII_COLOR))
                header.setToolTip("Personal data (pii)")
            self.samples.setHorizontalHeaderItem(c, header)
        for r, row in enumerate(rows):
            for c, name in enumerate(columns):
                value = row.get(name)
                text = "" if value is None else (
                    json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list))
                    else str(value))
                cell = QTableWidgetItem(text[:200])
                cell.setToolTip(text[:1000])
                self.samples.setItem(r, c, cell)
        self.samples.resizeColumnsToContents()
        for c in range(self.samples.columnCount()):
            self.samples.setColumnWidth(c, min(self.samples.columnWidth(c), 180))

    # ------------------------------------------------------------------ commands
    def selected_source(self) -> str | None:
        item = self.tree.currentItem()
        ref = item.data(0, ROLE) if item else None
        return ref[0] if isinstance(ref, tuple) else ref

    def remove_selected_source(self) -> None:
        """Remove the selected source, asking first if screens read it."""
        name = self.selected_source()
        if not name or self.controller.app.source(name) is None:
            return
        usage = source_usage(self.controller.app, name)
        if usage.total:
            uses = "1 query, action or binding" if usage.total == 1 else \
                f"{usage.total} queries, actions and bindings"
            question = (f"{uses} on {usage.where()} read{'s' if usage.total == 1 else ''} "
                        f"data source {name}; they will name a missing source.\n\n"
                        f"Delete {name}?")
            if self.ask("Delete data source", question, ["Delete", "Cancel"]) != "Delete":
                return
        self.controller.push(RemoveDataSource(name))

    def import_from_dialog(self, importer: Importer) -> None:
        path, _ = QFileDialog.getOpenFileName(self, f"Import {importer.label}", "",
                                              f"{importer.label} ({importer.patterns});;"
                                              "All files (*)")
        if path:
            self.import_file(importer, path)

    def import_file(self, importer: Importer, path: str) -> bool:
        """Run ``importer`` on ``path`` and add the source, or re-import it over the source it
        updates (what the user tuned kept, changes and broken bindings reported), as one undo
        step."""
        from designer.importers import SpecError
        from designer.importers.apply import plan_import

        try:
            result = importer.run(path)
        except SpecError as exc:
            self._show_status(str(exc), error=True)
            self.controller.error.emit(str(exc))
            return False
        plan = plan_import(self.controller.app, result)
        if plan.report is not None and _same_source(self.controller.app, plan):
            self._show_status(f"{plan.source.name} is up to date: nothing changed in "
                              f"{Path(path).name}", error=False)
            return True  # nothing to undo, the document stays as clean as it was
        if not self.controller.push(plan.command):
            return False
        self._show_status(*_import_status(result, plan))
        return True

    def _show_status(self, text: str, error: bool, details: str = "") -> None:
        self.status.setText(text)
        self.status.setToolTip(details)
        self.status.setStyleSheet(f"color: {ERROR_COLOR if error else MUTED_COLOR}; "
                                  "padding: 0 6px;")
        self.status.show()


def _same_source(app: Any, plan: Any) -> bool:
    """Would this re-import leave its source exactly as it is?"""
    existing = app.source(plan.report.source)
    return existing is not None and \
        existing.model_dump(by_alias=True) == plan.source.model_dump(by_alias=True)


def _import_status(result: Any, plan: Any) -> tuple[str, bool, str]:
    """(status text, is-error, tooltip) after an import or a re-import."""
    from designer.importers.target_notes import what_targets_do

    warnings = list(result.warnings)
    details = [w.format() for w in warnings[:30]]
    if not plan.is_reimport:
        text = f"Imported {plan.source.name}: {result.summary()}"
    else:
        report = plan.report
        changes = [line for line in report.lines() if line != "no changes"]
        text = f"Updated {plan.source.name}: " + ("; ".join(changes[:4]) if changes else
                                                   "no changes")
        if len(changes) > 4:
            text += f"; … {len(changes) - 4} more"
        if report.broken:
            text += (f". {len(report.broken)} binding{'s' if len(report.broken) != 1 else ''} "
                     "affected (hover for the list)")
        details = changes + [p.format() for p in report.broken] + details
    if warnings:
        text += f" ({len(warnings)} warning{'s' if len(warnings) != 1 else ''})"
    if targets := what_targets_do(plan.source.kind):  # a CSV/JSON file: shipped in the app?
        shipped = [t.split(":", 1)[0] for t in targets if "ships every row" in t]
        text += (f". Its rows ship in the app for {', '.join(shipped)} (hover for each target)"
                 if shipped else ". No export target ships this kind of source yet")
        details = targets + details
    return text, False, "\n".join(details)
