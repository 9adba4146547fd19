"""The canvas scene: items for the shown screen only, kept in sync with model changes.

Data flow: interactions push commands through the controller; the document emits changes;
the scene updates the affected items and re-runs the (cheap, Qt-free) layout once per event-loop
turn, however many changes a command made.
"""

from __future__ import annotations

from typing import Any, Iterable

from PySide6.QtCore import QPointF, QRectF, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSceneMouseEvent

from designer.layout_engine import Layout, LayoutOptions, layout_screen
from designer.model import Change, Screen
from designer.ui.controller import DocumentController
from widgets import ContainerBase, WidgetBase

from .device_frame import DeviceFrameItem
from .devices import DeviceProfile, device
from .items import IndicatorItem, RepeatItem, RubberBandItem, SelectionOverlay, WidgetItem
from .paint_context import PaintContext
from .painters_inputs import validation_error


#: Desk around the device frame: the view can pan this far past it; "fit" shows all of it.
DESK_MARGIN = 32.0


class _Layer(QGraphicsItem):
    """An invisible parent placing widget items below the status and app bars."""

    def boundingRect(self) -> QRectF:  # noqa: N802
        return QRectF()

    def paint(self, *args: Any) -> None:
        pass


class CanvasScene(QGraphicsScene):
    """Shows the controller's current screen inside a device frame."""

    #: Emitted after items were laid out (tests and the view use it).
    laid_out = Signal()
    #: A widget was double-clicked (the scene starts in-place text editing itself).
    status_message = Signal(str)

    def __init__(self, controller: DocumentController, parent: Any = None,
                 follow_current: bool = True) -> None:
        super().__init__(parent)
        #: False for offscreen scenes (thumbnails) that show a screen chosen with show_screen.
        self.follow_current = follow_current
        #: Content rect to build items for (thumbnails: the top of the screen); None = all.
        self.build_limit: QRectF | None = None
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.controller = controller
        self.ctx = PaintContext(controller.app)
        self.ctx.sample.user = lambda: controller.preview_user
        self.device_override: str | None = None
        self.landscape = False
        self.show_grid = False
        self.item_for_widget: dict[str, WidgetItem] = {}
        self.widget_for_item: dict[WidgetItem, str] = {}
        self.layout = Layout()
        self.screen_id = ""
        self.interaction: Any = None
        #: Run mode: the runner executing taps, and the parameters it navigated with.
        self.runner: Any = None
        self.params: dict[str, Any] | None = None
        #: Run mode: variable paths the user's input or set_variable actions assigned.
        self.run_paths: dict[str, Any] = {}
        self.text_editor: Any = None
        self.run_menu: Any = None  # run mode: the open dropdown
        self._repeat_items: list[RepeatItem] = []
        self._layout_pending = False
        self._overlay_pending = False
        self._drag_rects = False  # the overlay shows where a running drag puts the widgets
        self._hidden: set[str] = set()
        self.profile: DeviceProfile = device(controller.app.device)
        self.frame = DeviceFrameItem(self.profile, self.ctx)
        self.addItem(self.frame)
        self.content = _Layer()
        self.content.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.addItem(self.content)
        self.selection_overlay = SelectionOverlay(self.content)
        self.indicator = IndicatorItem(self.content)
        self.indicator.clear()
        self.rubber_band = RubberBandItem(self.content)
        self.setBackgroundBrush(QColor("#e9ebef"))
        controller.changed.connect(self._on_changed)
        controller.reset.connect(self.rebuild)
        controller.preview_user_changed.connect(self.schedule_layout)
        if follow_current:
            controller.current_screen_changed.connect(self._on_screen_changed)
            controller.selection_changed.connect(self._on_selection_changed)
        self.rebuild()

    def show_screen(self, screen_id: str) -> None:
        """Show another screen (scenes that do not follow the current screen)."""
        self.screen_id = screen_id
        self.rebuild()

    # ------------------------------------------------------------ building
    def current_screen(self) -> Screen | None:
        try:
            return self.controller.doc.screen_by_id(self.screen_id) if self.screen_id else None
        except Exception:  # noqa: BLE001 - screen just removed
            return None

    def rebuild(self) -> None:
        """Drop every widget item and build the items of the current screen."""
        for item in list(self.item_for_widget.values()):
            self.removeItem(item)
        self.item_for_widget.clear()
        self.widget_for_item.clear()
        screen = self.controller.current_screen() if self.follow_current else \
            self.current_screen()
        self.screen_id = screen.id if screen else ""
        self.ctx.sample.app = self.controller.app
        self.ctx.set_theme(self.controller.app.theme)
        self.ctx.active_tabs.clear()
        if screen is not None and self.build_limit is None:
            self._add_subtree(screen.root, 0)
        self.relayout()
        if screen is not None and self.build_limit is not None:
            self._add_within(screen, self.build_limit)

    def _add_within(self, screen: Screen, limit: QRectF) -> None:
        """Items only for the widgets laid out inside ``limit`` (after a layout without items):
        a thumbnail of a 1,000-widget screen paints the 20 at its top, not all of them."""
        boxes = self.layout.boxes
        stack: list[tuple[WidgetBase, int]] = [(screen.root, 0)]
        added = []
        while stack:
            w, d = stack.pop()
            if isinstance(w, ContainerBase):
                stack.extend((c, d + 1) for c in w.children)
            box = boxes.get(w.id)
            if box is None or not limit.intersects(QRectF(box.x, box.y, box.w, box.h)):
                continue
            item = WidgetItem(w, self.ctx, d, self.content)
            self.item_for_widget[w.id] = item
            self.widget_for_item[item] = w.id
            added.append(item)
        for item in added:
            box = boxes[item.widget.id]
            item.set_geometry(box.x, box.y, box.w, box.h)

    def _add_subtree(self, root: WidgetBase, depth: int) -> None:
        stack = [(root, depth)]
        while stack:
            w, d = stack.pop()
            item = WidgetItem(w, self.ctx, d, self.content)
            self.item_for_widget[w.id] = item
            self.widget_for_item[item] = w.id
            if isinstance(w, ContainerBase):
                stack.extend((c, d + 1) for c in w.children)

    def _remove_ids(self, ids: Iterable[str]) -> None:
        for wid in ids:
            item = self.item_for_widget.pop(wid, None)
            if item is not None:
                self.widget_for_item.pop(item, None)
                self.removeItem(item)

    def _subtree_ids(self, widget: WidgetBase) -> list[str]:
        out, stack = [], [widget]
        while stack:
            w = stack.pop()
            out.append(w.id)
            if isinstance(w, ContainerBase):
                stack.extend(w.children)
        return out

    # -------------------------------------------------------------- layout
    def schedule_layout(self) -> None:
        """Lay out once at the next event-loop turn (many changes → one layout)."""
        if not self._layout_pending:
            self._layout_pending = True
            QTimer.singleShot(0, self.ensure_layout)

    def ensure_layout(self) -> None:
        """Run a pending layout (and selection overlay update) now, before reading geometry."""
        if self._layout_pending:
            self.relayout()
        elif self._overlay_pending:
            self._update_overlay()

    def active_profile(self) -> DeviceProfile:
        return device(self.device_override or self.controller.app.device).rotated(self.landscape)

    def relayout(self) -> None:
        """Compute the layout of the shown screen and move/resize items that changed."""
        self._layout_pending = False
        self.profile = self.active_profile()
        screen = self.current_screen()
        for item in self._repeat_items:
            self.removeItem(item)
        self._repeat_items = []
        if screen is None:
            self.layout = Layout()
            self.frame.configure(self.profile, "No screen", 0)
            self.laid_out.emit()
            return
        envs = self._envs(screen)
        ctx = self.ctx
        options = LayoutOptions(
            measure=ctx.measure,
            text_of=lambda w: self._layout_text(w, envs.get(w.id)),
            list_rows=(lambda w: max(1, len(ctx.sample.list_items(w, envs.get(w.id) or {}))))
            if ctx.preview else None,
            active_tab=ctx.active_tabs,
            is_hidden=(lambda w: w.id in self._hidden) if self._hidden else None,
            has_error=(lambda w: bool(validation_error(w, ctx, envs.get(w.id))))
            if ctx.preview and (ctx.validate or ctx.touched) else None)
        self.layout = layout_screen(screen.root, self.profile.width, self.profile.content_height,
                                    options)
        self.frame.configure(self.profile, screen.title or screen.name, self.layout.height,
                             back=screen.name != self.controller.app.start_screen)
        self.content.setPos(0, self.profile.content_top)
        boxes = self.layout.boxes
        for wid, item in self.item_for_widget.items():
            box = boxes.get(wid)
            item.env = envs.get(wid)
            if box is None:
                item.setVisible(False)
                continue
            item.setVisible(True)
            item.set_geometry(box.x, box.y, box.w, box.h)
            item.update()
        self._list_rows(screen, envs)
        self._update_overlay()
        m = DESK_MARGIN
        self.setSceneRect(self.frame.mapRectToScene(self.frame.boundingRect()).adjusted(
            -m, -m, m, m))
        self.laid_out.emit()

    def _layout_text(self, w: WidgetBase, env: Any) -> str:
        text = self.ctx.text(w, "text", env)
        if not text and not self.ctx.preview and "text" in w.bindings:
            return "{" + w.bindings["text"] + "}"
        return text

    def _envs(self, screen: Screen) -> dict[str, Any]:
        """Sample environment per widget (preview) and the hidden set; empty when designing."""
        self._hidden = set()
        if not self.ctx.preview:
            return {}
        sample = self.ctx.sample
        envs: dict[str, Any] = {}
        screen_env = sample.screen_env(screen, self.params)
        for path, value in self.run_paths.items():  # run mode: what the user typed or set
            sample.assign(screen_env, path, value)
        for w, env in sample.widget_envs(screen.root, screen_env):
            envs[w.id] = env
            if w.id in self._hidden or self.ctx.is_hidden(w, env):
                self._hidden.update(self._subtree_ids(w))
            elif w.kind == "list" and not sample.list_items(w, env):
                for child in getattr(w, "children", []):
                    self._hidden.update(self._subtree_ids(child))
        return envs

    def _list_rows(self, screen: Screen, envs: dict[str, Any]) -> None:
        ctx = self.ctx
        ctx.list_row_rects.clear()
        ctx.list_empty.clear()
        boxes = self.layout.boxes
        for w, _ in screen.walk():
            if w.kind != "list" or w.id not in boxes:
                continue
            kids = [c for c in w.children if c.id in boxes]  # type: ignore[attr-defined]
            if not kids:
                ctx.list_empty[w.id] = True
                continue
            lb = boxes[w.id]
            top = min(boxes[c.id].y for c in kids)
            bottom = max(boxes[c.id].bottom for c in kids)
            offsets = [0.0, *self.layout.repeats.get(w.id, [])]
            rows = [QRectF(0, top - lb.y + dy, lb.w, bottom - top) for dy in offsets]
            ctx.list_row_rects[w.id] = [r for r in rows if r.bottom() <= lb.h + 1]
            if ctx.preview and len(offsets) > 1:
                self._add_repeats(w, envs.get(w.id) or {}, offsets[1:], lb.bottom)

    def _add_repeats(self, lst: WidgetBase, env: dict[str, Any], offsets: list[float],
                     limit: float) -> None:
        sample = self.ctx.sample
        items = sample.list_items(lst, env)
        alias = getattr(lst, "item_alias", "item")
        parts_base: list[tuple[WidgetBase, QRectF]] = []
        for child in lst.children:  # type: ignore[attr-defined]
            stack = [child]
            while stack:
                w = stack.pop()
                box = self.layout.boxes.get(w.id)
                if box is not None and w.id not in self._hidden:
                    parts_base.append((w, QRectF(box.x, box.y, box.w, box.h)))
                if isinstance(w, ContainerBase):
                    stack.extend(reversed(w.children))
        for index, dy in enumerate(offsets, start=1):
            if index >= len(items):
                break
            parts = [(w, r.translated(0, dy)) for w, r in parts_base if r.bottom() + dy <= limit]
            if not parts:
                break
            item = RepeatItem(parts, self.ctx, {**env, alias: items[index]}, self.content)
            item.setZValue(1)
            self._repeat_items.append(item)

    # ------------------------------------------------------------- changes
    def _on_changed(self, change: Change) -> None:
        kind = change.kind
        doc = self.controller.doc
        if kind == "reset":      # controller.reset follows and rebuilds: build once, not twice
            return
        if kind.startswith("screen_"):
            if kind == "screen_changed" and change.ids and change.ids[0] == self.screen_id:
                self.schedule_layout()
            if kind == "screen_added" and change.ids and change.ids[0] == self.screen_id:
                self.rebuild()
            return
        if kind == "app_changed":
            prop = change.detail.get("prop")
            if prop == "theme":
                self.ctx.set_theme(self.controller.app.theme)
                self.update()
            if prop in ("theme", "device", "strings", "default_locale", "sign_in"):
                self.ctx.sample = type(self.ctx.sample)(self.controller.app, self.ctx.sample.user)
                self.schedule_layout()
            if prop == "start_screen":
                self.schedule_layout()  # the app bar's back arrow
            return
        if kind == "sources_changed":
            self.ctx.sample = type(self.ctx.sample)(self.controller.app)
            if self.ctx.preview:
                self.schedule_layout()
            return
        wid = change.ids[0] if change.ids else ""
        if kind == "widget_inserted":
            if wid in doc and doc.screen_of(wid).id == self.screen_id:
                self._add_subtree(doc.widget(wid), self._depth(wid))
                self.schedule_layout()
        elif kind == "widget_removed":
            item = self.item_for_widget.get(wid)
            if item is not None:
                self._remove_ids(self._subtree_ids(item.widget))
                self.schedule_layout()
        elif kind == "widget_moved":
            on_screen = doc.screen_of(wid).id == self.screen_id
            item = self.item_for_widget.get(wid)
            if item is not None and not on_screen:
                self._remove_ids(self._subtree_ids(item.widget))
            elif item is None and on_screen:
                self._add_subtree(doc.widget(wid), self._depth(wid))
            elif item is not None:
                self._restack(doc.widget(wid), self._depth(wid))
            self.schedule_layout()
        elif kind == "widget_changed":
            item = self.item_for_widget.get(wid)
            if item is not None:
                item.widget = doc.widget(wid)
                item.update()
                self.schedule_layout()

    def _depth(self, wid: str) -> int:
        depth, doc = 0, self.controller.doc
        parent = doc.parent_of(wid)
        while parent is not None:
            depth += 1
            parent = doc.parent_of(parent.id)
        return depth

    def _restack(self, widget: WidgetBase, depth: int) -> None:
        stack = [(widget, depth)]
        while stack:
            w, d = stack.pop()
            item = self.item_for_widget.get(w.id)
            if item is not None:
                item.set_depth(d)
            if isinstance(w, ContainerBase):
                stack.extend((c, d + 1) for c in w.children)

    def _on_screen_changed(self, screen_id: str) -> None:
        if screen_id != self.screen_id:
            self.rebuild()

    def _on_selection_changed(self, _ids: list[str]) -> None:
        # many selection changes in one event-loop turn → one overlay update
        if not self._overlay_pending:
            self._overlay_pending = True
            QTimer.singleShot(0, self.ensure_layout)

    # ----------------------------------------------------------- view state
    def set_preview(self, preview: bool) -> None:
        """Design mode (literals, outlines) or preview (sample data, repeated list rows)."""
        self.ctx.preview = preview
        if not preview:
            self.ctx.validate = False
        self.relayout()
        self.update()

    def set_device(self, device_id: str | None, landscape: bool | None = None) -> None:
        self.device_override = device_id
        if landscape is not None:
            self.landscape = landscape
        self.relayout()

    def set_active_tab(self, tabs_id: str, index: int) -> None:
        self.ctx.active_tabs[tabs_id] = index
        self.relayout()

    # --------------------------------------------------------------- queries
    def box_rect(self, wid: str) -> QRectF | None:
        """A widget's rect in content coordinates (None if not shown)."""
        box = self.layout.boxes.get(wid)
        return QRectF(box.x, box.y, box.w, box.h) if box is not None else None

    def to_content(self, scene_pos: QPointF) -> QPointF:
        return self.content.mapFromScene(scene_pos)

    def items_at(self, content_pos: QPointF) -> list[WidgetItem]:
        """Visible widget items under a point, topmost (deepest) first."""
        found = [i for i in self.items(self.content.mapToScene(content_pos))
                 if isinstance(i, WidgetItem) and i.isVisible()
                 and i.rect().contains(i.mapFromScene(self.content.mapToScene(content_pos)))]
        found.sort(key=lambda i: -i.zValue())
        return found

    def widget_item_at(self, content_pos: QPointF) -> WidgetItem | None:
        items = self.items_at(content_pos)
        return items[0] if items else None

    def _update_overlay(self) -> None:
        self._overlay_pending = False
        if self._drag_rects and self.interaction is not None:
            return  # a queued update (the press selected) must not snap back mid-drag
        self._drag_rects = False
        selection = self.controller.selection if self.follow_current else []
        rects = [r for r in (self.box_rect(i) for i in selection
                             if i in self.item_for_widget) if r is not None]
        self.selection_overlay.set_rects(rects, show_handles=not self.ctx.preview)

    def show_drag_rects(self, rects: list[QRectF]) -> None:
        """Selection outlines at temporary positions while dragging."""
        self._drag_rects = True
        self.selection_overlay.set_rects(rects, show_handles=False)

    def refresh_overlay(self) -> None:
        self._update_overlay()

    # ------------------------------------------------------- event routing
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        from .interactions import start_interaction
        self.ensure_layout()
        if self.interaction is None:
            self.interaction = start_interaction(self, event)
        if self.interaction is not None:
            self.interaction.press(event)
            event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self.interaction is not None:
            self.interaction.move(event)
            event.accept()
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self.interaction is not None:
            interaction, self.interaction = self.interaction, None
            interaction.release(event)
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        from .interactions import TextEditInteraction
        self.ensure_layout()
        item = self.widget_item_at(self.to_content(event.scenePos()))
        if item is not None and TextEditInteraction.can_edit(item.widget) and not self.ctx.preview:
            prop = TextEditInteraction.PROPS.get(item.widget.kind, "label")
            if prop in item.widget.bindings:  # the properties panel shows it locked: so here
                self.status_message.emit(
                    f"The {prop} of {item.widget.name} is bound to "
                    f"{item.widget.bindings[prop]}: edit or remove the binding in Properties")
                event.accept()
                return
            self.interaction = None
            TextEditInteraction(self, item).start()
            event.accept()
            return
        super().mouseDoubleClickEvent(event)
