"""Lint rules about data and behaviour: unbound inputs, unused sources, unconfirmed deletes."""

from __future__ import annotations

from typing import Any, Iterator

from designer.model.actions import DeleteRecord, Refresh, SubmitForm
from widgets import InputBase

from .rules import Hit, LintContext, P, rule


def iter_actions(ctx: LintContext) -> Iterator[tuple[Any, P, int]]:
    """Every action of the app (screen ``on_load`` and widget events) with its path and screen."""
    for si, screen in enumerate(ctx.app.screens):
        for ai, action in enumerate(screen.on_load):
            yield action, ("screens", si, "on_load", ai), si
    for si, widget, _parent, path in ctx.widget_paths:
        for event, actions in widget.actions.items():  # type: ignore[attr-defined]
            for ai, action in enumerate(actions):
                yield action, path + ("actions", event, ai), si


@rule("FC201", "unbound-input", "Input not bound to data", "warning", "data",
      """An input whose `value` is not bound to a field path collects data that goes nowhere:
      it is not saved, not sent, and not validated against an entity. Usually a binding was
      lost in a copy/paste or the field was renamed.""",
      """Bind the input's `value` to a screen variable or record field (e.g.
      `visit.notes`), or remove the input.""")
def unbound_input(ctx: LintContext) -> Iterator[Hit]:
    for _si, widget, _parent, path in ctx.widget_paths:
        if isinstance(widget, InputBase) and not widget.bindings.get("value", "").strip():
            yield Hit(f"{widget.kind} `{widget.name}` has no `value` binding; what the user enters "
                      "is not stored anywhere", path + ("bindings",))


@rule("FC202", "unused-data-source", "Unused data source", "warning", "data",
      """A data source that no screen query or action uses still ships in the export: its
      host is contacted for sync, its credentials are requested and its data may be cached
      offline. Unused back ends widen the attack surface for nothing.""",
      """Remove the data source, or use it from a screen query or a submit/delete/refresh
      action.""")
def unused_data_source(ctx: LintContext) -> Iterator[Hit]:
    used: set[str] = set()
    typed: set[str] = set()
    for screen in ctx.app.screens:
        used.update(q.source for q in screen.data)
        typed.update(i.entity.partition(".")[0] for i in (*screen.parameters, *screen.variables)
                     if i.entity)
    for action, _path, _si in iter_actions(ctx):
        if isinstance(action, (SubmitForm, DeleteRecord, Refresh)):
            if action.source:
                used.add(action.source)
            elif isinstance(action, Refresh):
                used.update(d.name for d in ctx.app.data_sources)   # refresh all
    for di, source in enumerate(ctx.app.data_sources):
        if source.name not in used:
            extra = " (only used as a record type)" if source.name in typed else ""
            yield Hit(f"data source `{source.name}` is never read or written by any screen{extra}",
                      ("data_sources", di, "name"))


@rule("FC203", "delete-without-confirmation", "Delete without confirmation", "error", "data",
      """A delete action with `confirm: false` removes a back-end record on a single tap,
      which on a phone in the field is easily an accident; offline, the delete is queued and
      synced later with no chance to undo.""",
      """Set `confirm: true` (the default) on the delete action and give it a clear
      `confirm_text`.""")
def delete_without_confirmation(ctx: LintContext) -> Iterator[Hit]:
    for action, path, _si in iter_actions(ctx):
        if isinstance(action, DeleteRecord):
            if not action.confirm:
                yield Hit(f"deletes `{action.source}.{action.entity}` records without asking "
                          "for confirmation", path + ("confirm",))
            elif not action.confirm_text.strip():
                yield Hit("the delete confirmation has no text", path + ("confirm_text",))
