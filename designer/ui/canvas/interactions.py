"""Canvas interactions: small objects the scene forwards mouse events to.

Each interaction reads the scene and pushes at most ONE command when it finishes (a drag is one
undo step); while it runs it only moves items and draws feedback.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QGraphicsSceneMouseEvent, QGraphicsTextItem

from designer.commands import Macro, MoveWidget, SetProperty
from widgets import ContainerBase, Rect, WidgetBase

from .drop import DropTarget, find_drop_target
from .items import HANDLES, WidgetItem
from .snapping import snap_move, snap_resize

DRAG_START = 4.0


def start_interaction(scene: Any, event: QGraphicsSceneMouseEvent) -> Any:
    """The interaction a left press starts: resize on a handle, select/move on a widget, band."""
    if event.button() != Qt.MouseButton.LeftButton:
        return None
    pos = scene.to_content(event.scenePos())
    if scene.ctx.preview:
        return RunClickInteraction(scene) if scene.runner is not None else None
    handle = scene.selection_overlay.handle_at(pos)
    if handle is not None and len(scene.controller.selection) == 1:
        return ResizeInteraction(scene, scene.controller.selection[0], handle)
    item = scene.widget_item_at(pos)
    if item is None or item.widget.id == _root_id(scene):
        return RubberBandInteraction(scene)
    if item.widget.IS_CONTAINER and item.widget.id not in scene.controller.selection:
        # like Qt Designer: dragging on a container's background selects with a band;
        # a click selects the container, and a selected container can then be dragged
        return RubberBandInteraction(scene, click_selects=item.widget.id)
    return SelectMoveInteraction(scene, item)


def _root_id(scene: Any) -> str:
    screen = scene.current_screen()
    return screen.root.id if screen is not None else ""


def _modifiers_add(event: QGraphicsSceneMouseEvent) -> bool:
    mods = event.modifiers()
    return bool(mods & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier))


class RubberBandInteraction:
    """Drag on empty space: select widgets fully inside the band (shift/ctrl adds).

    A click without dragging clears the selection, or selects ``click_selects``.
    """

    def __init__(self, scene: Any, click_selects: str | None = None) -> None:
        self.scene = scene
        self.click_selects = click_selects
        self.origin = QPointF()
        self.add = False
        self.moved = False

    def press(self, event: QGraphicsSceneMouseEvent) -> None:
        self.origin = self.scene.to_content(event.scenePos())
        self.add = _modifiers_add(event)

    def move(self, event: QGraphicsSceneMouseEvent) -> None:
        pos = self.scene.to_content(event.scenePos())
        if not self.moved and (pos - self.origin).manhattanLength() < DRAG_START:
            return
        self.moved = True
        self.scene.rubber_band.set_band(QRectF(self.origin, pos))

    def release(self, event: QGraphicsSceneMouseEvent) -> None:
        controller = self.scene.controller
        band = self.scene.rubber_band.band
        self.scene.rubber_band.set_band(None)
        if not self.moved:
            wid = self.click_selects
            current = controller.selection
            if wid is not None:
                if self.add:
                    controller.select([i for i in current if i != wid] if wid in current
                                      else current + [wid])
                else:
                    controller.select([wid])
            elif not self.add:
                controller.select([])
            return
        root = _root_id(self.scene)
        hits = [wid for wid, box in self.scene.layout.boxes.items()
                if wid != root and wid in self.scene.item_for_widget
                and band.contains(QRectF(box.x, box.y, box.w, box.h))]
        # keep only the outermost hit widgets (selecting a card selects the card, not its kids)
        doc = controller.doc
        top = [w for w in hits if not any(o != w and doc.is_ancestor(o, w) for o in hits)]
        controller.select((controller.selection if self.add else []) + top)


class SelectMoveInteraction:
    """Click selects (shift/ctrl toggles); dragging moves the selection on release.

    In a ``free`` container the widgets move to the pointer (snapped); elsewhere an insertion
    line shows where they will land and the release reorders/reparents them.
    """

    def __init__(self, scene: Any, item: WidgetItem) -> None:
        self.scene = scene
        self.item = item
        self.origin = QPointF()
        self.dragging = False
        self.target: DropTarget | None = None
        self.delta = QPointF()
        self.ids: list[str] = []
        self.start_rects: dict[str, QRectF] = {}

    def press(self, event: QGraphicsSceneMouseEvent) -> None:
        controller = self.scene.controller
        wid = self.item.widget.id
        self.origin = self.scene.to_content(event.scenePos())
        selection = controller.selection
        if _modifiers_add(event):
            controller.select([i for i in selection if i != wid] if wid in selection
                              else selection + [wid])
            self.ids = []
            return
        if wid not in selection:
            controller.select([wid])
        self.ids = _movable(controller.doc, controller.selection)

    def move(self, event: QGraphicsSceneMouseEvent) -> None:
        if not self.ids:
            return
        pos = self.scene.to_content(event.scenePos())
        if not self.dragging:
            if (pos - self.origin).manhattanLength() < DRAG_START:
                return
            self.dragging = True
            self.start_rects = {i: self.scene.box_rect(i) for i in self.ids
                                if self.scene.box_rect(i) is not None}
        doc = self.scene.controller.doc
        parents = {doc.parent_of(i).id for i in self.ids}  # type: ignore[union-attr]
        same_free = len(parents) == 1 and doc.widget(next(iter(parents))).kind == "free"
        self.delta = pos - self.origin
        if same_free and self._inside_parent(pos, next(iter(parents))):
            self._move_free(next(iter(parents)))
            self.target = None
            return
        self.target = find_drop_target(self.scene, pos, [doc.widget(i).kind for i in self.ids],
                                       exclude=self.ids)
        for wid, rect in self.start_rects.items():
            self.scene.item_for_widget[wid].setPos(rect.topLeft() + self.delta)
        self.scene.show_drag_rects([r.translated(self.delta) for r in self.start_rects.values()])
        root = _root_id(self.scene)
        outline = self.target.rect if self.target and self.target.parent_id != root else None
        self.scene.indicator.show(line=self.target.line if self.target else None, target=outline)

    def _inside_parent(self, pos: QPointF, parent_id: str) -> bool:
        rect = self.scene.box_rect(parent_id)
        return rect is not None and rect.contains(pos)

    def _move_free(self, parent_id: str) -> None:
        scene = self.scene
        rects = list(self.start_rects.values())
        union = QRectF(rects[0])
        for r in rects[1:]:
            union = union.united(r)
        parent = scene.controller.doc.widget(parent_id)
        origin = _free_origin(scene, parent)
        others = [r for wid, r in _sibling_rects(scene, parent, self.ids)]
        moved = union.translated(self.delta)
        dx, dy, guides = snap_move(_tuple(moved), [_tuple(r) for r in others],
                                   float(getattr(parent, "grid", 8)),
                                   (origin.x(), origin.y()), _tuple(scene.box_rect(parent_id)))
        self.delta = QPointF(self.delta.x() + dx, self.delta.y() + dy)
        for wid, rect in self.start_rects.items():
            scene.item_for_widget[wid].setPos(rect.topLeft() + self.delta)
        scene.show_drag_rects([r.translated(self.delta) for r in rects])
        scene.indicator.show(guides=[(QPointF(*a), QPointF(*b)) for a, b in guides])

    def release(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = self.scene
        scene.indicator.clear()
        if not self.dragging:
            return
        controller = scene.controller
        doc = controller.doc
        parents = {doc.parent_of(i).id for i in self.ids}  # type: ignore[union-attr]
        command = None
        if self.target is None and len(parents) == 1 and \
                doc.widget(next(iter(parents))).kind == "free":
            values = {}
            for wid, rect in self.start_rects.items():
                layout = doc.widget(wid).layout.model_copy(deep=True)
                frame = layout.frame
                assert frame is not None
                layout.frame = frame.model_copy(update={"x": round(frame.x + self.delta.x(), 2),
                                                        "y": round(frame.y + self.delta.y(), 2)})
                values[wid] = layout
            command = SetProperty(list(values), "layout", values=values)
            command.text = "Move" if len(values) == 1 else f"Move {len(values)} widgets"
        elif self.target is not None:
            command = move_command(doc, self.ids, self.target)
        if command is None or not controller.push(command, selection_after=self.ids):
            scene.relayout()


def move_command(doc: Any, ids: list[str], target: DropTarget) -> Macro | None:
    """One macro moving ``ids`` (in order) into ``target`` (frames set for ``free``)."""
    children: list[Any] = []
    index = target.index
    parent = doc.widget(target.parent_id)
    for n, wid in enumerate(ids):
        current_parent = doc.parent_of(wid)
        at = index
        if current_parent is not None and current_parent.id == target.parent_id:
            old = doc.index_in_parent(wid)
            if old < index:
                at -= 1
                index -= 1
        children.append(MoveWidget(wid, target.parent_id, at))
        index += 1
        if parent.kind == "free" and target.point is not None:
            layout = doc.widget(wid).layout.model_copy(deep=True)
            frame = layout.frame or Rect()
            layout.frame = frame.model_copy(update={"x": target.point[0] + 16 * n,
                                                    "y": target.point[1] + 16 * n})
            children.append(SetProperty([wid], "layout", layout))
    if not children:
        return None
    return Macro("Move" if len(ids) == 1 else f"Move {len(ids)} widgets", children)


class ResizeInteraction:
    """Drag a handle: resize the widget (free: frame snapped; flex: fixed width/height)."""

    def __init__(self, scene: Any, wid: str, handle: str) -> None:
        self.scene = scene
        self.wid = wid
        self.handle = handle
        self.start = QRectF()
        self.rect = QRectF()
        self.origin = QPointF()
        self.moved = False

    def press(self, event: QGraphicsSceneMouseEvent) -> None:
        self.origin = self.scene.to_content(event.scenePos())
        self.start = self.scene.box_rect(self.wid) or QRectF()
        self.rect = QRectF(self.start)

    def move(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = self.scene
        pos = scene.to_content(event.scenePos())
        d = pos - self.origin
        dx, dy = HANDLES[self.handle]
        r = QRectF(self.start)
        if dx < 0:
            r.setLeft(min(r.left() + d.x(), r.right() - 8))
        if dx > 0:
            r.setRight(max(r.right() + d.x(), r.left() + 8))
        if dy < 0:
            r.setTop(min(r.top() + d.y(), r.bottom() - 8))
        if dy > 0:
            r.setBottom(max(r.bottom() + d.y(), r.top() + 8))
        doc = scene.controller.doc
        parent = doc.parent_of(self.wid)
        guides: list[Any] = []
        if parent is not None and parent.kind == "free":
            origin = _free_origin(scene, parent)
            others = [_tuple(rr) for _, rr in _sibling_rects(scene, parent, [self.wid])]
            snapped, guides = snap_resize(_tuple(r), self.handle, others,
                                          float(getattr(parent, "grid", 8)),
                                          (origin.x(), origin.y()))
            r = QRectF(*snapped)
        self.rect = r
        self.moved = True
        item = scene.item_for_widget[self.wid]
        item.set_geometry(r.x(), r.y(), r.width(), r.height())
        scene.show_drag_rects([r])
        scene.indicator.show(guides=[(QPointF(*a), QPointF(*b)) for a, b in guides])

    def release(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = self.scene
        scene.indicator.clear()
        if not self.moved:
            return
        doc = scene.controller.doc
        widget = doc.widget(self.wid)
        parent = doc.parent_of(self.wid)
        layout = widget.layout.model_copy(deep=True)
        r = self.rect
        if parent is not None and parent.kind == "free":
            origin = _free_origin(scene, parent)
            layout.frame = (layout.frame or Rect()).model_copy(update={
                "x": round(r.x() - origin.x(), 2), "y": round(r.y() - origin.y(), 2),
                "w": round(r.width(), 2), "h": round(r.height(), 2)})
        else:
            dx, dy = HANDLES[self.handle]
            if dx:
                layout.width, layout.fixed_width = "fixed", round(r.width(), 2)
            if dy:
                layout.height, layout.fixed_height = "fixed", round(r.height(), 2)
        command = SetProperty([self.wid], "layout", layout)
        command.text = "Resize"
        if not scene.controller.push(command):
            scene.relayout()


class RunClickInteraction:
    """Run mode: a click on a button (or list row) runs its actions."""

    def __init__(self, scene: Any) -> None:
        self.scene = scene

    def press(self, event: QGraphicsSceneMouseEvent) -> None:
        pass

    def move(self, event: QGraphicsSceneMouseEvent) -> None:
        pass

    def release(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.scene.runner is not None:
            self.scene.runner.click(self.scene.to_content(event.scenePos()))


class TextEditInteraction:
    """Double-click a text widget: edit its text in place; Enter/focus-out commits one command."""

    PROPS = {"label": "text", "heading": "text", "button": "text", "web_link": "text"}

    @classmethod
    def can_edit(cls, widget: WidgetBase) -> bool:
        return widget.kind in cls.PROPS or hasattr(widget, "label") and widget.kind not in (
            "card",) and isinstance(getattr(widget, "label", None), str)

    def __init__(self, scene: Any, item: WidgetItem) -> None:
        self.scene = scene
        self.item = item
        self.prop = self.PROPS.get(item.widget.kind, "label")
        self.editor: _InlineEditor | None = None

    def start(self) -> None:
        w = self.item.widget
        editor = _InlineEditor(self)
        editor.setPlainText(str(getattr(w, self.prop, "")))
        font = QFont(self.scene.ctx.widget_font(w))
        editor.setFont(font)
        editor.setDefaultTextColor(self.scene.ctx.text_color)
        editor.setTextWidth(max(self.item.rect().width(), 40))
        editor.setPos(self.item.pos())
        editor.setZValue(20_000)
        editor.setParentItem(self.scene.content)
        editor.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        editor.setFocus()
        cursor = editor.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        editor.setTextCursor(cursor)
        self.editor = editor
        self.scene.text_editor = editor

    def commit(self, keep: bool) -> None:
        editor, self.editor = self.editor, None
        if editor is None:
            return
        text = editor.toPlainText()
        self.scene.text_editor = None
        self.scene.removeItem(editor)
        w = self.item.widget
        if keep and text != getattr(w, self.prop, None):
            command = SetProperty([w.id], self.prop, text)
            command.text = f"Edit {self.prop}"
            self.scene.controller.push(command)


class _InlineEditor(QGraphicsTextItem):
    def __init__(self, owner: TextEditInteraction) -> None:
        super().__init__()
        self.owner = owner

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.owner.commit(True)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.owner.commit(False)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: Any) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.owner.commit(True)


# ------------------------------------------------------------------ helpers
def _movable(doc: Any, ids: list[str]) -> list[str]:
    """Selected ids that can move: not a root, not inside another selected widget."""
    chosen = [i for i in ids if i in doc and doc.parent_of(i) is not None]
    return [i for i in chosen if not any(o != i and doc.is_ancestor(o, i) for o in chosen)]


def _free_origin(scene: Any, parent: ContainerBase) -> QPointF:
    rect = scene.box_rect(parent.id) or QRectF()
    return QPointF(rect.x() + parent.padding.left, rect.y() + parent.padding.top)


def _sibling_rects(scene: Any, parent: ContainerBase, exclude: list[str]
                   ) -> list[tuple[str, QRectF]]:
    out = []
    for child in parent.children:
        if child.id in exclude:
            continue
        rect = scene.box_rect(child.id)
        if rect is not None:
            out.append((child.id, rect))
    return out


def _tuple(r: QRectF | None) -> tuple[float, float, float, float]:
    if r is None:
        return (0.0, 0.0, 0.0, 0.0)
    return (r.x(), r.y(), r.width(), r.height())
