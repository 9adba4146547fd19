"""Commands on screens, data sources and app-level properties."""

from __future__ import annotations

from typing import Any

from designer.model.app import Screen
from designer.model.data import DataSource
from designer.model.document import Document, ScreenRef

from .base import Command, snapshot


class AddScreen(Command):
    """Add a screen at ``index`` (end if None)."""

    def __init__(self, screen: Screen, index: int | None = None) -> None:
        self.screen, self.index = snapshot(screen), index
        self.text = f"Add screen {screen.name}"

    def redo(self, doc: Document) -> None:
        doc.add_screen(snapshot(self.screen), self.index, check=self.redo_check())

    def undo(self, doc: Document) -> None:
        doc.remove_screen(self.screen.id)


class RemoveScreen(Command):
    """Remove a screen, remembering where it was."""

    def __init__(self, screen_id: str) -> None:
        self.screen_id = screen_id
        self.text = "Delete screen"
        self._removed: tuple[int, Screen] | None = None
        self._start: str | None = None

    def redo(self, doc: Document) -> None:
        self._start = doc.app.start_screen
        self._removed = doc.remove_screen(self.screen_id)

    def undo(self, doc: Document) -> None:
        assert self._removed is not None
        index, screen = self._removed
        doc.add_screen(screen, index, check="restore")
        if doc.app.start_screen != self._start:
            doc.set_app_prop("start_screen", self._start, check="restore")


class MoveScreen(Command):
    """Reorder a screen."""

    def __init__(self, screen_id: str, index: int) -> None:
        self.screen_id, self.index = screen_id, index
        self.text = "Move screen"
        self._old = 0

    def redo(self, doc: Document) -> None:
        self._old = doc.move_screen(self.screen_id, self.index)

    def undo(self, doc: Document) -> None:
        doc.move_screen(self.screen_id, self._old)


class SetScreenProperty(Command):
    """Set a screen property (rename, title, kind, parameters, variables, data, on_load).

    A rename takes navigations and the start screen along (``Document.set_screen_prop``);
    undo renames back and leaves references that already named the new name (broken ones
    the rename repaired) as they were.
    """

    def __init__(self, screen_id: str, name: str, value: Any) -> None:
        self.screen_id, self.name, self.value = screen_id, name, snapshot(value)
        self.text = f"Set screen {name}"
        self._old: Any = None
        self._already: list[ScreenRef] = []

    def redo(self, doc: Document) -> None:
        renaming = self.name == "name" and doc.screen_by_id(self.screen_id).name != self.value
        self._already = doc.screen_refs(self.value) if renaming else []
        self._old = snapshot(doc.set_screen_prop(self.screen_id, self.name, snapshot(self.value),
                                                 check=self.redo_check()))
        self.applied = True

    def undo(self, doc: Document) -> None:
        doc.set_screen_prop(self.screen_id, self.name, snapshot(self._old), check="restore")
        doc.point_screen_refs(self._already, self.value)


class SetAppProperty(Command):
    """Set an app-level property (name, theme, strings, start screen, device ...)."""

    def __init__(self, name: str, value: Any) -> None:
        self.name, self.value = name, snapshot(value)
        self.text = f"Set app {name}"
        self._old: Any = None

    def redo(self, doc: Document) -> None:
        self._old = snapshot(doc.set_app_prop(self.name, snapshot(self.value),
                                              check=self.redo_check()))
        self.applied = True

    def undo(self, doc: Document) -> None:
        doc.set_app_prop(self.name, snapshot(self._old), check="restore")


class AddDataSource(Command):
    """Add a data source (e.g. after an import)."""

    def __init__(self, source: DataSource) -> None:
        self.source = snapshot(source)
        self.text = f"Add data source {source.name}"

    def redo(self, doc: Document) -> None:
        doc.add_data_source(snapshot(self.source), check=self.redo_check())
        self.applied = True

    def undo(self, doc: Document) -> None:
        doc.remove_data_source(self.source.name)


class RemoveDataSource(Command):
    """Remove a data source."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.text = f"Delete data source {name}"
        self._removed: tuple[int, DataSource] | None = None

    def redo(self, doc: Document) -> None:
        self._removed = doc.remove_data_source(self.name)

    def undo(self, doc: Document) -> None:
        assert self._removed is not None
        index, source = self._removed
        doc.add_data_source(source, index, check="restore")


class ReplaceDataSource(Command):
    """Replace a data source with an updated import of it."""

    def __init__(self, name: str, source: DataSource) -> None:
        self.name, self.source = name, snapshot(source)
        self.text = f"Update data source {name}"
        self._old: DataSource | None = None

    def redo(self, doc: Document) -> None:
        self._old = doc.replace_data_source(self.name, snapshot(self.source),
                                            check=self.redo_check())
        self.applied = True

    def undo(self, doc: Document) -> None:
        assert self._old is not None
        doc.replace_data_source(self.source.name, self._old, check="restore")
