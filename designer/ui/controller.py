"""The bridge between the Qt-free document/commands and the Qt views.

Views never write to the model: they call ``controller.push(command)``; the controller applies
it through a QUndoStack and re-emits document changes as Qt signals.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from designer.commands import Command
from designer.model import App, Change, Document, ModelError, Screen

_MERGE_IDS: dict[Any, int] = {}


def _merge_int(key: Any) -> int:
    if key is None:
        return -1
    return _MERGE_IDS.setdefault(key, len(_MERGE_IDS) + 1)


class QtCommand(QUndoCommand):
    """Adapts a Qt-free ``Command`` to QUndoStack, restoring the selection on undo/redo."""

    def __init__(self, command: Command, controller: "DocumentController",
                 selection_before: list[str], selection_after: list[str]) -> None:
        super().__init__(command.text or "Edit")
        self.command = command
        self.controller = controller
        self.selection_before = selection_before
        self.selection_after = selection_after
        self._applied = True  # push() applies the command before handing it to the stack

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        with self.controller.applying():
            self.command.redo(self.controller.doc)
            self.controller.select(self.selection_after)

    def undo(self) -> None:
        with self.controller.applying():
            self.command.undo(self.controller.doc)
            self.controller.select(self.selection_before)

    def id(self) -> int:
        return _merge_int(self.command.merge_id())

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt API)
        if not isinstance(other, QtCommand):
            return False
        if self.command.merge_with(other.command):
            self.selection_after = other.selection_after
            return True
        return False


class DocumentController(QObject):
    """Owns the open document, its undo stack, the current screen and the selection.

    An edit (push, undo, redo) may emit hundreds of ``changed`` signals (deleting 1,000
    widgets); views that rebuild something expensive ask ``when_idle(callback)`` instead of
    rebuilding per change: the callback runs once, when the edit has finished.
    """

    changed = Signal(object)            # designer.model.Change
    reset = Signal()                    # a new/reopened document replaced everything
    selection_changed = Signal(list)    # widget ids
    current_screen_changed = Signal(str)  # screen id ("" if none)
    file_state_changed = Signal()       # path, dirty flag or read-only state changed
    error = Signal(str)                 # a refused edit, shown in the status bar
    preview_user_changed = Signal()     # the "signed in as" preview values changed

    def __init__(self, app: App, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = Document(app)
        self.undo_stack = QUndoStack(self)
        self.path = path
        self.read_only = False
        self.read_only_reason = ""
        self._selection: list[str] = []
        self._applying = False
        self._deferred: list[Callable[[], None]] = []
        self._screen_id = app.screens[0].id if app.screens else ""
        #: "Signed in as" values for previewing ``user.*`` bindings (view state, never saved).
        self.preview_user: dict[str, Any] = {}
        self.doc.subscribe(self._on_change)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)

    def set_preview_user(self, values: dict[str, Any]) -> None:
        """Preview bindings as if ``values`` (name, email, roles, claims) had signed in."""
        if values != self.preview_user:
            self.preview_user = dict(values)
            self.preview_user_changed.emit()

    @contextmanager
    def applying(self) -> Iterator[None]:
        """While a command runs, the selection is fixed up once at the end, not per change, and
        ``when_idle`` callbacks wait for the end of the outermost edit."""
        outer, self._applying = self._applying, True
        try:
            yield
        finally:
            self._applying = outer
            if not outer:
                self._run_deferred()

    @property
    def is_applying(self) -> bool:
        """True while an edit is being applied (its changes are still arriving)."""
        return self._applying

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` now, or once when the current edit has finished (however often it
        was requested during the edit)."""
        if not self._applying:
            callback()
        elif callback not in self._deferred:
            self._deferred.append(callback)

    def _run_deferred(self) -> None:
        while self._deferred:
            callback = self._deferred.pop(0)
            callback()

    def _on_clean_changed(self, _clean: bool) -> None:
        self.file_state_changed.emit()

    # ------------------------------------------------------------ editing
    def push(self, command: Command, selection_after: Sequence[str] | None = None) -> bool:
        """Apply ``command`` as one undo step; False (and ``error`` emitted) if refused."""
        if self.read_only:
            self.error.emit("This file is open read-only")
            return False
        before = list(self._selection)
        with self.applying():
            try:
                command.redo(self.doc)
            except ModelError as exc:
                self.error.emit(str(exc))
                return False
            after = list(selection_after) if selection_after is not None else \
                self._valid(before)
            self.undo_stack.push(QtCommand(command, self, before, after))
            self.select(after)
        return True

    def begin_macro(self, text: str) -> None:
        """Group following pushes into one undo step (end with ``end_macro``)."""
        self.undo_stack.beginMacro(text)

    def end_macro(self) -> None:
        self.undo_stack.endMacro()

    def replace_app(self, app: App, path: Path | None) -> None:
        """Open another document: clears undo history, selection and current screen."""
        self.undo_stack.clear()
        self.path = path
        self._selection = []
        self._screen_id = app.screens[0].id if app.screens else ""
        self.doc.replace_app(app)
        self.reset.emit()
        self.undo_stack.setClean()
        self.current_screen_changed.emit(self._screen_id)
        self.selection_changed.emit([])
        self.file_state_changed.emit()

    # ------------------------------------------------------------ state
    @property
    def app(self) -> App:
        return self.doc.app

    @property
    def dirty(self) -> bool:
        """True if there are unsaved changes."""
        return not self.undo_stack.isClean()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.undo_stack.setClean()
        self.file_state_changed.emit()

    def set_read_only(self, read_only: bool, reason: str = "") -> None:
        """``reason`` ends "<file> … so it is read-only here" (default: another window has it)."""
        self.read_only = read_only
        self.read_only_reason = reason if read_only else ""
        self.file_state_changed.emit()

    # ------------------------------------------------------------ screen & selection
    def current_screen(self) -> Screen | None:
        """The screen shown on the canvas."""
        for screen in self.doc.app.screens:
            if screen.id == self._screen_id:
                return screen
        return None

    def set_current_screen(self, screen_id: str) -> None:
        if screen_id != self._screen_id:
            self._screen_id = screen_id
            self.select([])
            self.current_screen_changed.emit(screen_id)

    @property
    def selection(self) -> list[str]:
        """Selected widget ids, in selection order."""
        return list(self._selection)

    def select(self, ids: Sequence[str]) -> None:
        """Replace the selection (unknown ids are dropped); switches screen if needed."""
        valid = self._valid(ids)
        if valid and self.current_screen() is not None:
            screen = self.doc.screen_of(valid[0])
            if screen.id != self._screen_id:
                self._screen_id = screen.id
                self.current_screen_changed.emit(screen.id)
        if valid != self._selection:
            self._selection = valid
            self.selection_changed.emit(list(valid))

    def _valid(self, ids: Sequence[str]) -> list[str]:
        return [i for i in dict.fromkeys(ids) if i in self.doc]

    def _on_change(self, change: Change) -> None:
        if change.kind in ("screen_removed",) and change.ids and change.ids[0] == self._screen_id:
            screens = self.doc.app.screens
            self._screen_id = screens[min(change.detail.get("index", 0), len(screens) - 1)].id \
                if screens else ""
            self.current_screen_changed.emit(self._screen_id)
        if change.kind in ("widget_removed", "screen_removed") and not self._applying:
            kept = self._valid(self._selection)
            if kept != self._selection:
                self._selection = kept
                self.selection_changed.emit(kept)
        self.changed.emit(change)
