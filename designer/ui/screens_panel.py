"""The screens panel: add, rename, duplicate, delete and reorder screens, with thumbnails.

Thumbnails are drawn lazily, one per timer tick, only for rows the list shows, and only after
edits pause; a thumbnail is kept until its screen changes (an app with 1,000 screens draws the
dozen in view, not 1,000).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap, QShowEvent
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QListWidget, QListWidgetItem,
                               QToolButton, QVBoxLayout, QWidget)

from designer.commands import AddScreen, Macro, MoveScreen, RemoveScreen, SetScreenProperty
from designer.model import App, Change, Screen, new_id, unique_name
from designer.model.usage import screen_usage
from widgets import CATALOG

from .canvas.scene import CanvasScene
from .confirm import Ask, ask
from .controller import DocumentController
from .icons import icon as named_icon

ID_ROLE = Qt.ItemDataRole.UserRole + 1
THUMB_WIDTH = 72
THUMB_DELAY_MS = 300     # thumbnails start after the window has painted
THUMB_INTERVAL_MS = 15   # one thumbnail per tick keeps the UI responsive
THUMB_AFTER_EDIT_MS = 400  # redraw once edits pause


def default_title(name: str) -> str:
    """The title a new screen called ``name`` gets."""
    return name.replace("_", " ").title()


def new_screen(taken: set[str], base: str = "screen") -> Screen:
    """An empty screen: a padded column root."""
    name = unique_name(base, taken)
    # Validated as part of the screen, whose schema is built at import: validating a container
    # class on its own first builds that class's recursive schema (~40 ms at every start).
    root = CATALOG.get("column").data(new_id("w"), "root",
                                      padding={"top": 16, "right": 16, "bottom": 16, "left": 16})
    return Screen.model_validate({"id": new_id("s"), "name": name,
                                  "title": default_title(name), "root": root})


def delete_screen_question(app: App, name: str) -> str:
    """What deleting screen ``name`` would leave dangling, as a question ("" if nothing)."""
    usage = screen_usage(app, name)
    facts = []
    if usage.total:
        actions = "1 navigate action goes" if usage.total == 1 else \
            f"{usage.total} navigate actions go"
        facts.append(f"{actions} to {name} (on {usage.where()}); "
                     f"{'it' if usage.total == 1 else 'they'} will point at a missing screen.")
    if usage.start:
        facts.append(f"{name} is the start screen; the first remaining screen will start the app.")
    return "\n".join(facts) + f"\n\nDelete {name}?" if facts else ""


def duplicate_screen(screen: Screen, taken: set[str]) -> Screen:
    """A copy of ``screen`` with fresh ids and a new unique name."""
    copy = screen.model_copy(deep=True)
    copy.id = new_id("s")
    copy.name = unique_name(screen.name, taken)
    for widget, _ in copy.walk():
        widget.id = new_id("w")
    return copy


class ScreensPanel(QWidget):
    """Screens of the app in order; the current one is shown on the canvas."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.ask: Ask = lambda title, text, buttons: ask(self, title, text, buttons)
        self.list = QListWidget(self)
        self.list.setIconSize(QSize(THUMB_WIDTH, THUMB_WIDTH * 2))
        self.list.setSpacing(2)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        self.buttons: dict[str, QToolButton] = {}
        for key, icon, tip, slot in (
                ("add", "mdi6.plus", "Add screen", self.add_screen),
                ("duplicate", "mdi6.content-copy", "Duplicate screen", self.duplicate_current),
                ("delete", "mdi6.delete-outline", "Delete screen", self.delete_current),
                ("up", "mdi6.arrow-up", "Move up", lambda: self.move_current(-1)),
                ("down", "mdi6.arrow-down", "Move down", lambda: self.move_current(1))):
            button = QToolButton(self)
            button.setIcon(named_icon(icon))
            button.setToolTip(tip)
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(buttons)
        layout.addWidget(self.list)
        self._thumb_scene: CanvasScene | None = None
        self._thumbs: dict[str, QIcon] = {}   # up-to-date thumbnails by screen id
        self._stale: set[str] = set()         # screens whose thumbnail must be (re)drawn
        self._blank: QIcon | None = None
        self._thumb_timer = QTimer(self)
        self._thumb_timer.setInterval(THUMB_INTERVAL_MS)
        self._thumb_timer.timeout.connect(self._next_thumbnail)
        self._thumb_delay = QTimer(self)
        self._thumb_delay.setSingleShot(True)
        self._thumb_delay.timeout.connect(self._thumb_timer.start)
        self.list.verticalScrollBar().valueChanged.connect(lambda _v: self._schedule(50))
        self._updating = False
        self.refresh()
        controller.changed.connect(self._on_changed)
        controller.reset.connect(self._on_reset)
        controller.current_screen_changed.connect(self._select_current)
        self.list.currentItemChanged.connect(self._on_current)
        self.list.itemChanged.connect(self._on_renamed)
        self.list.model().rowsMoved.connect(self._on_rows_moved)

    # -------------------------------------------------------------- sync
    def refresh(self) -> None:
        self._updating = True
        try:
            self.list.clear()
            for screen in self.controller.app.screens:
                item = QListWidgetItem(screen.name)
                item.setData(ID_ROLE, screen.id)
                item.setToolTip(screen.title or screen.name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable
                              | Qt.ItemFlag.ItemIsDragEnabled)
                item.setIcon(self._thumbs.get(screen.id) or self._blank_icon())
                self.list.addItem(item)
        finally:
            self._updating = False
        self._select_current(self.controller.current_screen().id
                             if self.controller.current_screen() else "")
        ids = {s.id for s in self.controller.app.screens}
        self._thumbs = {k: v for k, v in self._thumbs.items() if k in ids}
        self._stale = {i for i in ids if i not in self._thumbs}
        self._schedule(THUMB_DELAY_MS)  # never before first paint

    def _on_reset(self) -> None:
        """A new, reopened or restored document: screens keep their ids (a crash restore,
        a revert), so no thumbnail drawn before is still true."""
        self._thumbs.clear()
        self.refresh()

    def _blank_icon(self) -> QIcon:
        if self._blank is None:
            pix = QPixmap(THUMB_WIDTH, THUMB_WIDTH * 2)
            pix.fill(QColor("#dfe3e8"))
            self._blank = QIcon(pix)
        return self._blank

    def _schedule(self, delay_ms: int) -> None:
        """Start drawing stale thumbnails after ``delay_ms`` (restarted by every edit)."""
        if self._stale:
            self._thumb_timer.stop()
            self._thumb_delay.start(delay_ms)

    def _mark_stale(self, screen_ids: list[str]) -> None:
        for screen_id in screen_ids:
            self._thumbs.pop(screen_id, None)
            self._stale.add(screen_id)
        self._schedule(THUMB_AFTER_EDIT_MS)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self._schedule(THUMB_DELAY_MS)

    def _on_changed(self, change: Change) -> None:
        if change.kind == "reset":      # controller.reset follows and calls _on_reset
            return
        if change.kind in ("screen_added", "screen_removed", "screen_moved") or (
                change.kind == "screen_changed" and change.detail.get("prop") == "name"):
            self.refresh()
            return
        screen_id = ""
        if change.kind.startswith("widget_") and change.ids and change.ids[0] in \
                self.controller.doc:
            screen_id = self.controller.doc.screen_of(change.ids[0]).id
        elif change.kind == "widget_removed":
            current = self.controller.current_screen()
            screen_id = current.id if current else ""
        elif change.kind in ("screen_changed",) and change.ids:
            screen_id = change.ids[0]
        elif change.kind == "app_changed":
            self._mark_stale([s.id for s in self.controller.app.screens])
        if screen_id:
            self._mark_stale([screen_id])

    def _select_current(self, screen_id: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == screen_id:
                if self.list.currentRow() != row:
                    self._updating = True
                    self.list.setCurrentRow(row)
                    self._updating = False
                return

    def _on_current(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None) -> None:
        if item is not None and not self._updating:
            self.controller.set_current_screen(item.data(ID_ROLE))

    # ---------------------------------------------------------- commands
    def add_screen(self) -> None:
        screen = new_screen({s.name for s in self.controller.app.screens})
        current = self.controller.current_screen()
        index = self.controller.doc.screen_index(current.id) + 1 if current else None
        if self.controller.push(AddScreen(screen, index)):
            self.controller.set_current_screen(screen.id)

    def duplicate_current(self) -> None:
        current = self.controller.current_screen()
        if current is None:
            return
        copy = duplicate_screen(current, {s.name for s in self.controller.app.screens})
        index = self.controller.doc.screen_index(current.id) + 1
        if self.controller.push(AddScreen(copy, index)):
            self.controller.set_current_screen(copy.id)

    def delete_current(self) -> None:
        """Delete the current screen, asking first if navigations or the start screen name it."""
        current = self.controller.current_screen()
        if current is None:
            return
        question = delete_screen_question(self.controller.app, current.name)
        if question and self.ask("Delete screen", question, ["Delete", "Cancel"]) != "Delete":
            return
        self.controller.push(RemoveScreen(current.id))

    def move_current(self, step: int) -> None:
        current = self.controller.current_screen()
        if current is None:
            return
        index = self.controller.doc.screen_index(current.id) + step
        if 0 <= index < len(self.controller.app.screens):
            self.controller.push(MoveScreen(current.id, index))

    def rename(self, screen_id: str, name: str) -> bool:
        """Rename a screen; a title still at its default ("Screen1" for screen1) follows."""
        screen = self.controller.doc.screen_by_id(screen_id)
        rename = SetScreenProperty(screen_id, "name", name)
        if screen.title != default_title(screen.name) or default_title(name) == screen.title:
            return self.controller.push(rename)
        command = Macro(f"Rename screen {screen.name}", [
            rename, SetScreenProperty(screen_id, "title", default_title(name))])
        return self.controller.push(command)

    def _on_renamed(self, item: QListWidgetItem) -> None:
        if self._updating:
            return
        screen_id = item.data(ID_ROLE)
        screen = next((s for s in self.controller.app.screens if s.id == screen_id), None)
        if screen is None:
            return
        if item.text() != screen.name and not self.rename(screen_id, item.text().strip()):
            self._updating = True
            item.setText(screen.name)
            self._updating = False

    def _on_rows_moved(self, *_args: object) -> None:
        if self._updating:
            return
        order = [self.list.item(r).data(ID_ROLE) for r in range(self.list.count())]
        for index, screen_id in enumerate(order):
            if self.controller.doc.screen_index(screen_id) != index:
                if not self.controller.push(MoveScreen(screen_id, index)):
                    self.refresh()
                return

    # -------------------------------------------------------- thumbnails
    def _next_thumbnail(self) -> None:
        """Draw one stale thumbnail of a row in view; stop when none is left in view."""
        item = self._stale_item_in_view() if self.list.isVisible() else None
        if item is None:
            self._thumb_timer.stop()
            return
        screen_id = item.data(ID_ROLE)
        self._stale.discard(screen_id)
        thumb = QIcon(self.thumbnail(screen_id))
        self._thumbs[screen_id] = thumb
        self._updating = True
        try:
            item.setIcon(thumb)
        finally:
            self._updating = False

    def _stale_item_in_view(self) -> QListWidgetItem | None:
        view = self.list.viewport().rect()
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) in self._stale:
                rect = self.list.visualItemRect(item)
                if rect.intersects(view):
                    return item
                if rect.top() > view.bottom():
                    break
        return None

    def thumbnail(self, screen_id: str) -> QPixmap:
        """A small picture of a screen (rendered by an offscreen canvas scene)."""
        if self._thumb_scene is None:
            self._thumb_scene = CanvasScene(self.controller, self, follow_current=False)
            self._thumb_scene.frame.bezel_visible = False
        scene = self._thumb_scene
        width = scene.active_profile().width
        scene.build_limit = QRectF(0, 0, width, width * 2)  # only what the thumbnail shows
        scene.show_screen(screen_id)
        source = scene.frame.mapRectToScene(scene.frame.screen_rect())
        source.setHeight(min(source.height(), source.width() * 2))
        w = THUMB_WIDTH
        h = round(w * source.height() / max(source.width(), 1))
        image = QImage(w * 2, h * 2, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        scene.render(painter, QRectF(0, 0, w * 2, h * 2), source)
        painter.end()
        pix = QPixmap.fromImage(image)
        pix.setDevicePixelRatio(2.0)
        return pix
