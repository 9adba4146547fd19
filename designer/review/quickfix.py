"""Quick fixes for findings: a label and an undoable command, or nothing (Qt-free).

A fix is built against the model as it is now; the problems pane asks for it when the user
picks "Fix", so a finding from an older lint run that no longer applies yields no fix.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from designer.commands import Command, Macro, SetAppProperty, SetScreenProperty, bind_field
from designer.commands import set_actions
from designer.commands.widgets import SetProperty
from designer.model import Document
from designer.model.app import Variable
from designer.model.problems import Problem

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CHAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")


@dataclass(frozen=True)
class Fix:
    """What the pane shows ("Change to `customers`") and the command it pushes."""

    label: str
    command: Command


def _walk(doc: Document, path: tuple[str | int, ...]) -> tuple[Any, Any, list[Any]]:
    """(screen, innermost widget, the rest of the path below that widget)."""
    from widgets.base import WidgetBase
    obj: Any = doc.app
    screen = widget = None
    rest: list[Any] = []
    for key in path:
        try:
            obj = obj[key] if isinstance(key, int) or isinstance(obj, dict) else \
                getattr(obj, key)
        except (AttributeError, IndexError, KeyError, TypeError):
            return screen, widget, []
        if isinstance(obj, WidgetBase):
            widget, rest = obj, []
        else:
            rest.append(key)
        if hasattr(obj, "root") and hasattr(obj, "variables"):
            screen = obj
    return screen, widget, rest


def replace_name(text: str, suggestion: str) -> str | None:
    """``text`` with the identifier closest to ``suggestion`` replaced by it (None if none is
    close): ``customer.nmae`` + ``name`` → ``customer.name``."""
    best: tuple[float, re.Match[str]] | None = None
    pattern = _CHAIN if "." in suggestion else _IDENT
    for match in pattern.finditer(text):
        word = match.group()
        if word == suggestion:
            continue
        score = difflib.SequenceMatcher(None, word, suggestion).ratio()
        if score >= 0.6 and (best is None or score > best[0]):
            best = (score, match)
    if best is None:
        return None
    m = best[1]
    return text[:m.start()] + suggestion + text[m.end():]


def quick_fix(doc: Document, problem: Problem) -> Fix | None:
    """The fix for ``problem`` in ``doc`` now, or None."""
    if problem.code == "FC201" or problem.extra.get("check") == "unbound-input":
        return _bind_input(doc, problem)
    if not problem.suggestion:
        return None
    suggestion = problem.suggestion
    path = tuple(problem.path)
    if path == ("start_screen",):
        return Fix(f"Start on `{suggestion}`", SetAppProperty("start_screen", suggestion))
    _screen, widget, rest = _walk(doc, path)
    if widget is None or widget.id not in doc:
        return None
    if len(rest) == 2 and rest[0] == "bindings":
        new = replace_name(widget.bindings.get(rest[1], ""), suggestion)
        return Fix(f"Change to `{new}`", bind_field(doc, widget.id, rest[1], new)) if new else None
    if rest == ["visible_when"]:
        new = replace_name(widget.visible_when, suggestion)
        return Fix(f"Change to `{new}`", SetProperty([widget.id], "visible_when", new)) \
            if new else None
    if len(rest) >= 4 and rest[0] == "actions" and isinstance(rest[2], int):
        return _action_fix(doc, widget, rest, suggestion)
    return None


def _action_fix(doc: Document, widget: Any, rest: list[Any], suggestion: str) -> Fix | None:
    event, index, attr = rest[1], rest[2], rest[3]
    actions = [a.model_copy(deep=True) for a in widget.actions.get(event, [])]
    if index >= len(actions):
        return None
    action = actions[index]
    if len(rest) == 4 and isinstance(getattr(action, attr, None), str):
        setattr(action, attr, suggestion)
        label = f"Change {attr} to `{suggestion}`"
    elif len(rest) == 5 and attr == "params" and rest[4] in action.params:
        params = dict(action.params)
        name = rest[4]
        new = replace_name(params[name], suggestion)
        if new is not None:
            params[name] = new
            label = f"Change to `{new}`"
        else:                   # the parameter's name is wrong: rename it
            params = {suggestion if k == name else k: v for k, v in params.items()}
            label = f"Rename parameter to `{suggestion}`"
        action.params = params
    else:
        return None
    return Fix(label, set_actions(doc, widget.id, event, actions))


def _bind_input(doc: Document, problem: Problem) -> Fix | None:
    """An unbound input gets a screen variable of its own (named after it) and binds to it."""
    screen, widget, _rest = _walk(doc, tuple(problem.path))
    if screen is None or widget is None or widget.bindings.get("value", "").strip():
        return None
    taken = {v.name for v in screen.variables} | {p.name for p in screen.parameters} | \
        {q.name for q in screen.data}
    name, n = widget.name, 2
    while name in taken:
        name, n = f"{widget.name}{n}", n + 1
    kind = {"switch": "boolean", "checkbox": "boolean", "number": "decimal",
            "stepper": "integer", "slider": "decimal", "date": "date"}.get(widget.kind, "string")
    variables = [*screen.variables, Variable(name=name, type=kind)]  # type: ignore[arg-type]
    add = SetScreenProperty(screen.id, "variables", variables)
    macro = Macro(f"Bind {widget.name} to a new variable",
                  [add, _LateBind(widget.id, name)])
    return Fix(f"Bind to a new variable `{name}`", macro)


class _LateBind(Command):
    """Binds ``value`` after the variable exists (the binding is checked against the scope)."""

    def __init__(self, widget_id: str, variable: str) -> None:
        self.widget_id, self.variable = widget_id, variable
        self.text = "Bind value"
        self._inner: Command | None = None

    def redo(self, doc: Document) -> None:
        if self._inner is None:
            self._inner = bind_field(doc, self.widget_id, "value", self.variable)
        self._inner.redo(doc)
        self.applied = True

    def undo(self, doc: Document) -> None:
        assert self._inner is not None
        self._inner.undo(doc)
