"""Commands on widgets: add, remove, move, set properties, bind fields, set actions."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from designer.model.document import Document
from designer.model.guard import Check
from designer.model.problems import Problem
from widgets import WidgetBase

from .base import Command, Macro, snapshot


class AddWidget(Command):
    """Insert a widget (with its subtree) into a container.

    ``check`` is how its expressions are checked on the push (see ``Document.insert_widget``):
    ``"copy"`` by default, because most inserts carry widgets from elsewhere (paste, duplicate,
    a drop): an expression broken everywhere is refused, one that only fails here (another
    screen's parameter) is kept and listed in ``problems`` for the designer to report.
    """

    def __init__(self, parent_id: str, index: int, widget: WidgetBase,
                 check: Check = "copy") -> None:
        self.parent_id, self.index = parent_id, index
        self.widget = snapshot(widget)
        self.check = check
        self.problems: list[Problem] = []
        self.text = f"Add {widget.kind} {widget.name}"

    def redo(self, doc: Document) -> None:
        kept = doc.insert_widget(self.parent_id, self.index, snapshot(self.widget),
                                 check=self.redo_check(self.check))
        if not self.applied:
            self.problems = kept
        self.applied = True

    def undo(self, doc: Document) -> None:
        doc.remove_widget(self.widget.id)

    def touched_ids(self) -> set[str]:
        return {self.widget.id}


class RemoveWidget(Command):
    """Remove one widget; remembers its parent and index (bindings/actions go with it).

    Undo puts the very same subtree back unchecked, even if its bindings no longer resolve
    (the parameter they read was removed meanwhile).
    """

    def __init__(self, widget_id: str) -> None:
        self.widget_id = widget_id
        self.text = "Delete widget"
        self._removed: tuple[str, int, WidgetBase] | None = None

    def redo(self, doc: Document) -> None:
        self._removed = doc.remove_widget(self.widget_id)

    def undo(self, doc: Document) -> None:
        assert self._removed is not None
        parent_id, index, widget = self._removed
        doc.insert_widget(parent_id, index, widget, check="restore")

    def touched_ids(self) -> set[str]:
        return {self.widget_id}


def remove_widgets(doc: Document, ids: Sequence[str]) -> Macro:
    """One undo step removing several widgets (descendants of removed ones are skipped)."""
    top = doc.outermost(ids)
    top.sort(key=lambda i: (doc.parent_of(i).id, -doc.index_in_parent(i)))  # type: ignore[union-attr]
    return Macro(f"Delete {len(top)} widget{'s' if len(top) != 1 else ''}",
                 [RemoveWidget(i) for i in top])


class MoveWidget(Command):
    """Move/reorder/reparent one widget.

    Moving into a ``free`` container gives a widget without a frame a default one; undo puts
    the old layout back so the model is exactly as before.
    """

    def __init__(self, widget_id: str, parent_id: str, index: int) -> None:
        self.widget_id, self.parent_id, self.index = widget_id, parent_id, index
        self.text = "Move widget"
        self._old: tuple[str, int] | None = None
        self._old_layout: Any = None

    def redo(self, doc: Document) -> None:
        layout = snapshot(doc.widget(self.widget_id).layout)
        self._old = doc.move_widget(self.widget_id, self.parent_id, self.index)
        self._old_layout = layout

    def undo(self, doc: Document) -> None:
        assert self._old is not None
        doc.move_widget(self.widget_id, *self._old)
        if doc.widget(self.widget_id).layout != self._old_layout:
            doc.set_prop(self.widget_id, "layout", snapshot(self._old_layout), check="restore")

    def touched_ids(self) -> set[str]:
        return {self.widget_id}


class SetProperty(Command):
    """Set one property on one or more widgets in one step (per-widget values allowed).

    The push is checked (a binding that does not resolve is refused for every widget, leaving
    all of them as they were); undo and redo restore unchecked.

    Consecutive edits of the same property on the same widgets with the same ``merge_key``
    (e.g. typing in one editor) merge into one undo step.
    """

    def __init__(self, widget_ids: Sequence[str], name: str, value: Any = None,
                 values: Mapping[str, Any] | None = None, merge_key: str | None = None) -> None:
        self.ids = list(widget_ids)
        self.name = name
        self.new = {i: snapshot(values[i] if values is not None else value) for i in self.ids}
        self.old: dict[str, Any] = {}
        self.merge_key = merge_key
        self.text = f"Set {name}"

    def redo(self, doc: Document) -> None:
        check = self.redo_check()
        old: dict[str, Any] = {}
        try:
            for wid in self.ids:
                old[wid] = snapshot(doc.set_prop(wid, self.name, snapshot(self.new[wid]),
                                                 check=check))
        except Exception:
            for wid, value in old.items():
                doc.set_prop(wid, self.name, value, check="restore")
            raise
        self.old = old
        self.applied = True

    def undo(self, doc: Document) -> None:
        for wid in reversed(self.ids):
            doc.set_prop(wid, self.name, snapshot(self.old[wid]), check="restore")

    def merge_id(self) -> Any:
        return ("set", tuple(self.ids), self.name, self.merge_key) if self.merge_key else None

    def merge_with(self, other: Command) -> bool:
        if not isinstance(other, SetProperty) or other.merge_id() != self.merge_id():
            return False
        self.new = other.new
        return True

    def touched_ids(self) -> set[str]:
        return set(self.ids)


def bind_field(doc: Document, widget_id: str, prop: str, expression: str | None) -> SetProperty:
    """A command binding ``prop`` of a widget to ``expression`` (None or "" unbinds)."""
    bindings = dict(doc.widget(widget_id).bindings)
    if expression:
        bindings[prop] = expression
    else:
        bindings.pop(prop, None)
    command = SetProperty([widget_id], "bindings", bindings)
    command.text = f"Bind {prop}" if expression else f"Unbind {prop}"
    return command


def set_actions(doc: Document, widget_id: str, event: str, actions: list[Any]) -> SetProperty:
    """A command replacing the actions a widget runs on ``event`` (empty list removes them)."""
    current = {k: list(v) for k, v in doc.widget(widget_id).actions.items()}
    if actions:
        current[event] = list(actions)
    else:
        current.pop(event, None)
    command = SetProperty([widget_id], "actions", current)
    command.text = f"Set {event} actions"
    return command
