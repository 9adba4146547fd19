"""Undoable commands (Qt-free): one small class per verb, macros, and a plain undo stack.

Commands only call ``Document`` methods. The designer wraps them in ``QUndoCommand``s; the
CLI, tests and scripts use ``UndoStack`` directly.

Checking rule: a command's first ``redo`` (the push) is checked like any new edit and may be
refused; ``undo`` and every later ``redo`` put back a state the document already held and
pass ``check="restore"``, so undo/redo are never refused — even when what they restore has
references that no longer resolve (undoing the delete of a widget bound to a removed
parameter, redoing over a loaded file's broken binding).
"""

from __future__ import annotations

import copy
from typing import Any, Iterable, Sequence

from designer.model.document import Document
from designer.model.guard import Check


def snapshot(value: Any) -> Any:
    """A deep, independent copy of a property value (pydantic models included)."""
    if hasattr(value, "model_copy"):
        return value.model_copy(deep=True)
    return copy.deepcopy(value)


class Command:
    """Base command: ``redo`` applies, ``undo`` restores exactly; ``merge_id`` enables merging."""

    text: str = ""
    #: True once ``redo`` has succeeded: later redos replay it unchecked.
    applied: bool = False

    def redo_check(self, first: Check = "new") -> Check:
        """The ``check`` for ``redo``: ``first`` on the push, ``"restore"`` on a replay."""
        return "restore" if self.applied else first

    def redo(self, doc: Document) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def undo(self, doc: Document) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def merge_id(self) -> Any:
        """A key; two consecutive commands with the same non-None key may merge."""
        return None

    def merge_with(self, other: "Command") -> bool:
        """Absorb ``other`` (already applied) into self; True if merged."""
        return False

    def touched_ids(self) -> set[str]:
        """Widget ids this command affects (for restoring the selection on undo)."""
        return set()


class Macro(Command):
    """Several commands as one undo step; undone in reverse order."""

    def __init__(self, text: str, children: Sequence[Command]) -> None:
        self.text = text
        self.children = list(children)
        self._done = 0

    def redo(self, doc: Document) -> None:
        self._done = 0
        try:
            for child in self.children:
                child.redo(doc)
                self._done += 1
        except Exception:
            for child in reversed(self.children[: self._done]):
                child.undo(doc)
            raise

    def undo(self, doc: Document) -> None:
        for child in reversed(self.children):
            child.undo(doc)

    def touched_ids(self) -> set[str]:
        return set().union(*(c.touched_ids() for c in self.children)) if self.children else set()


class UndoStack:
    """A plain undo stack with merging and a clean index (the Qt designer uses QUndoStack)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._commands: list[Command] = []
        self._index = 0
        self._clean = 0
        self._merge_open = True

    def push(self, command: Command) -> None:
        """Apply ``command`` and record it (merging with the previous one when allowed)."""
        command.redo(self.doc)
        del self._commands[self._index:]
        if self._clean > self._index:
            self._clean = -1
        last = self._commands[-1] if self._commands else None
        key = command.merge_id()
        if (last is not None and key is not None and self._merge_open
                and self._clean != self._index and last.merge_id() == key
                and last.merge_with(command)):
            return
        self._commands.append(command)
        self._index += 1
        self._merge_open = True

    def close_merge(self) -> None:
        """The next push starts a new step even if it could merge (e.g. editor lost focus)."""
        self._merge_open = False

    def undo(self) -> Command | None:
        """Undo one step (None if nothing to undo)."""
        if not self._index:
            return None
        self._index -= 1
        command = self._commands[self._index]
        command.undo(self.doc)
        return command

    def redo(self) -> Command | None:
        """Redo one step (None if nothing to redo)."""
        if self._index >= len(self._commands):
            return None
        command = self._commands[self._index]
        command.redo(self.doc)
        self._index += 1
        return command

    def can_undo(self) -> bool:
        return self._index > 0

    def can_redo(self) -> bool:
        return self._index < len(self._commands)

    def set_clean(self) -> None:
        """Mark the current state as saved."""
        self._clean = self._index

    def is_clean(self) -> bool:
        """True if the document is as last saved."""
        return self._clean == self._index

    @property
    def commands(self) -> Iterable[Command]:
        """Applied commands, oldest first."""
        return self._commands[: self._index]
