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
            x, y = self._clamped(self.target, self.target.point, ghost_size)
            ghost = QRectF(origin.x() + x, origin.y() + y, *ghost_size)
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
        made = self._new_widgets(mime, target)
        if made is None:
            return False
        widgets, before, text = made
        parent = self.scene.controller.doc.widget(target.parent_id)
        commands: list[Command] = list(before)
        y = target.point[1] if target.point is not None else 0.0
        for offset, widget in enumerate(widgets):
            if parent.kind == "free" and target.point is not None:
                w, h = natural_size(widget, 200)
                x, top = self._clamped(target, (target.point[0], y), (w, h))
                widget.layout.frame = Rect(x=x, y=top, w=w, h=h)
                y = top + h + 8
            commands.append(AddWidget(target.parent_id, target.index + offset, widget))
        command = commands[0] if len(commands) == 1 else Macro(text, commands)
        return self.scene.controller.push(command, selection_after=[w.id for w in widgets])

    def _clamped(self, target: DropTarget, point: tuple[float, float],
                 size: tuple[float, float]) -> tuple[float, float]:
        """``point`` moved so a widget of ``size`` stays inside the free container's padding
        box (a drop near the right or bottom edge would spill past the container and phone)."""
        pad = self.scene.controller.doc.widget(target.parent_id).padding
        inner_w = target.rect.width() - pad.left - pad.right
        inner_h = target.rect.height() - pad.top - pad.bottom
        x = min(point[0], max(inner_w - size[0], 0.0))
        y = min(point[1], max(inner_h - size[1], 0.0))
        return max(round(x, 2), 0.0), max(round(y, 2), 0.0)

    def _free_origin(self, target: DropTarget) -> QPointF:
        parent = self.scene.controller.doc.widget(target.parent_id)
        return QPointF(target.rect.x() + parent.padding.left, target.rect.y() + parent.padding.top)

    def _new_widgets(self, mime: QMimeData, target: DropTarget
                     ) -> tuple[list[WidgetBase], list[Command], str] | None:
        """(widgets, commands they rely on, undo text) for the drop, or None."""
        doc = self.scene.controller.doc
        taken = doc.names_in_screen(doc.screen_of(target.parent_id))
        if mime.hasFormat(WIDGET_MIME):
            kind = self._kinds(mime)[0]
            widget = CATALOG.get(kind).create(new_id("w"), unique_name(kind, taken))
            return [widget], [], f"Add {kind}"
        return _field_widgets(self.scene.controller, mime, target.parent_id, taken)


def _field_widgets(controller: Any, mime: QMimeData, parent_id: str, taken: set[str]
                   ) -> tuple[list[WidgetBase], list[Command], str] | None:
    """Bound widgets for a data-panel drag, planned by ``designer.binding``."""
    from designer.binding import widget_for_field, widgets_for_entity
    from designer.model import ModelError

    try:
        payload = json.loads(bytes(mime.data(FIELD_MIME).data()).decode("utf-8"))
        source, entity, field = payload["source"], payload["entity"], payload.get("field")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        controller.error.emit("The dragged data field could not be read")
        return None
    screen = controller.doc.screen_of(parent_id)
    try:
        if field:
            plan = widget_for_field(controller.doc, screen, source, entity, field,
                                    parent_id=parent_id, taken=taken)
        else:
            plan = widgets_for_entity(controller.doc, screen, source, entity,
                                      parent_id=parent_id, taken=taken)
    except ModelError as exc:
        controller.error.emit(str(exc))
        return None
    if not plan.widgets:
        return None
    return list(plan.widgets), list(plan.screen_changes), plan.description or "Add bound widgets"
