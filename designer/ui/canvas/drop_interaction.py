"""Drops from the palette (a widget type id) and the data panel (a field or an entity).

The palette's MIME data carries only the kind; the drop creates the catalog's default instance,
so dropping works like pasting. Data-panel drops ask ``designer.binding`` for bound widgets.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QMimeData, QPointF, QRectF

from designer.commands import AddWidget, Command, Macro
from designer.layout_engine import natural_size
from designer.model import new_id, unique_name
from widgets import CATALOG, Rect, WidgetBase

from .drop import DropTarget, find_drop_target

WIDGET_MIME = "application/x-fieldcraft-widget"
FIELD_MIME = "application/x-fieldcraft-field"


def widget_mime(kind: str) -> QMimeData:
    """The MIME data a palette drag carries for ``kind``."""
    data = QMimeData()
    data.setData(WIDGET_MIME, kind.encode("utf-8"))
    data.setText(kind)
    return data


class DropInteraction:
    """Shows where a dragged widget would land and inserts it on drop (one undo step)."""

    def __init__(self, scene: Any) -> None:
        self.scene = scene
        self.target: DropTarget | None = None

    def accepts(self, mime: QMimeData) -> bool:
        if self.scene.ctx.preview or self.scene.controller.read_only:
            return False
        return mime.hasFormat(WIDGET_MIME) or mime.hasFormat(FIELD_MIME)

    def _kinds(self, mime: QMimeData) -> list[str]:
        if mime.hasFormat(WIDGET_MIME):
            kind = bytes(mime.data(WIDGET_MIME).data()).decode("utf-8", "replace").strip()
            return [kind] if kind in CATALOG else []
        return ["label"]  # data fields become leaves (inputs/labels); any flex container holds them

    def hover(self, mime: QMimeData, pos: QPointF) -> bool:
        """Update the insertion indicator; False if nothing can take the drop here."""
        self.scene.ensure_layout()
        kinds = self._kinds(mime)
        self.target = find_drop_target(self.scene, pos, kinds) if kinds else None
        if self.target is None:
            self.scene.indicator.clear()
            return False
        ghost = None
        if self.target.point is not None:
            origin = self._free_origin(self.target)
            ghost_size = natural_size(CATALOG.get(kinds[0]).create("ghost", "ghost"), 200)
            ghost = QRectF(origin.x() + self.target.point[0],
                                               origin.y() + self.target.point[1], *ghost_size)
        self.scene.indicator.show(line=self.target.line, target=self.target.rect, ghost=ghost)
        return True

    def cancel(self) -> None:
        self.target = None
        self.scene.indicator.clear()

    def drop(self, mime: QMimeData, pos: QPointF) -> bool:
        """Insert the dragged widget(s) at ``pos``; True if a command was pushed."""
        if not self.hover(mime, pos) or self.target is None:
            self.cancel()
            return False
        target = self.target
        self.cancel()
        widgets = self._new_widgets(mime, target)
        if not widgets:
            return False
        parent = self.scene.controller.doc.widget(target.parent_id)
        commands: list[Command] = []
        for offset, widget in enumerate(widgets):
            if parent.kind == "free" and target.point is not None:
                w, h = natural_size(widget, 200)
                widget.layout.frame = Rect(x=target.point[0], y=target.point[1] + offset * (h + 8),
                                           w=w, h=h)
            commands.append(AddWidget(target.parent_id, target.index + offset, widget))
        command = commands[0] if len(commands) == 1 else Macro(
            f"Add {len(commands)} widgets", commands)
        return self.scene.controller.push(command, selection_after=[w.id for w in widgets])

    def _free_origin(self, target: DropTarget) -> QPointF:
        parent = self.scene.controller.doc.widget(target.parent_id)
        return QPointF(target.rect.x() + parent.padding.left, target.rect.y() + parent.padding.top)

    def _new_widgets(self, mime: QMimeData, target: DropTarget) -> list[WidgetBase]:
        doc = self.scene.controller.doc
        taken = doc.names_in_screen(doc.screen_of(target.parent_id))
        if mime.hasFormat(WIDGET_MIME):
            kind = self._kinds(mime)[0]
            return [CATALOG.get(kind).create(new_id("w"), unique_name(kind, taken))]
        return _field_widgets(self.scene.controller, mime, taken)


def _field_widgets(controller: Any, mime: QMimeData, taken: set[str]) -> list[WidgetBase]:
    """Widgets for a data-panel drag (``designer.binding`` builds them)."""
    try:
        payload = json.loads(bytes(mime.data(FIELD_MIME).data()).decode("utf-8"))
        source, entity, field = payload["source"], payload["entity"], payload.get("field")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        controller.error.emit("The dragged data field could not be read")
        return []
    try:
        import designer.binding as binding
    except ImportError:
        controller.error.emit("Binding fields by drag and drop is not available yet")
        return []
    screen = controller.current_screen()
    try:
        if field:
            made = binding.widget_for_field(controller.app, screen, source, entity, field, taken)
            return [made] if made is not None else []
        return list(binding.widgets_for_entity(controller.app, screen, source, entity, taken))
    except Exception as exc:  # noqa: BLE001 - a refused drop is reported, never a crash
        controller.error.emit(f"Cannot bind {entity}{'.' + field if field else ''}: {exc}")
        return []
