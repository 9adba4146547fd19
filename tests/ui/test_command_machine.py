"""A hypothesis state machine over random edits through the designer's controller.

After every step the document equals a replay of the command log on a fresh copy, and
undo/redo restore the exact model (``model_dump()`` equal) and the selection.

Everything a rule uses comes from hypothesis's draws or from the model state: new ids are
numbered per run (not random), so replaying a choice sequence rebuilds exactly the same
documents — hypothesis can shrink and replay failures without "inconsistent data generation".
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from designer.commands import (AddScreen, AddWidget, MoveWidget, RemoveScreen, SetProperty,
                               UndoStack, remove_widgets)
from designer.model import Document, load
from designer.ui.controller import DocumentController
from designer.ui.screens_panel import new_screen
from tests.conftest import EXAMPLE
from widgets import CATALOG, ContainerBase

pytestmark = pytest.mark.gui
BASE = load(EXAMPLE)
KINDS = ["label", "button", "text_input", "card", "row", "free"]


class DesignerEdits(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.controller = DocumentController(BASE.model_copy(deep=True))
        self.recipes: list = []           # command factories, oldest first (the log)
        self.states = [self.dump()]       # model after i commands
        self.selection_before: list[list[str]] = []
        self.serial = 0                   # deterministic ids for new widgets and screens

    # ---------------------------------------------------------------- helpers
    def new_id(self, prefix: str) -> str:
        self.serial += 1
        return f"{prefix}_m{self.serial:05d}"

    def dump(self) -> dict:
        return self.controller.app.model_dump(by_alias=True)

    @property
    def index(self) -> int:
        return self.controller.undo_stack.index()

    def widgets(self) -> list:
        return [w for _s, w, _p in self.controller.app.widgets()]

    def containers(self) -> list:
        return [w for w in self.widgets() if isinstance(w, ContainerBase)]

    def apply(self, recipe) -> None:
        stack = self.controller.undo_stack
        before_index = stack.index()
        selection = self.controller.selection
        if not self.controller.push(recipe(self.controller.doc)):
            assert stack.index() == before_index and self.dump() == self.states[before_index]
            return
        # a push drops the redo tail, then either merges into the step before it (index
        # unchanged, e.g. typing after an undo) or adds a step
        merged = stack.index() == before_index
        assert merged or stack.index() == before_index + 1
        assert stack.count() == stack.index()
        del self.recipes[before_index:]
        del self.states[before_index + 1:]
        del self.selection_before[before_index:]
        if merged:
            self.recipes[-1] = _merged(self.recipes[-1], recipe)
            self.states[-1] = self.dump()
            return
        self.recipes.append(recipe)
        self.states.append(self.dump())
        self.selection_before.append(selection)

    # ------------------------------------------------------------------ rules
    @rule(kind=st.sampled_from(KINDS), parent=st.integers(0, 10_000), pos=st.integers(0, 50))
    def add_widget(self, kind: str, parent: int, pos: int) -> None:
        containers = self.containers()
        target = containers[parent % len(containers)]
        wid = self.new_id("w")
        index = pos % (len(target.children) + 1)

        def recipe(doc, t=target.id, k=kind, w=wid, i=index):
            screen = doc.screen_of(t)
            name = f"{k}_{w[-6:]}"
            assert name not in doc.names_in_screen(screen)
            return AddWidget(t, i, CATALOG.get(k).create(w, name))
        self.apply(recipe)

    @precondition(lambda self: len(self.widgets()) > len(self.controller.app.screens))
    @rule(pick=st.lists(st.integers(0, 10_000), min_size=1, max_size=4))
    def remove(self, pick: list[int]) -> None:
        widgets = self.widgets()
        ids = [widgets[p % len(widgets)].id for p in pick]
        self.apply(lambda doc, ids=ids: remove_widgets(doc, ids))

    @rule(pick=st.integers(0, 10_000), parent=st.integers(0, 10_000), pos=st.integers(0, 50))
    def move(self, pick: int, parent: int, pos: int) -> None:
        widgets, containers = self.widgets(), self.containers()
        w, t = widgets[pick % len(widgets)], containers[parent % len(containers)]
        self.apply(lambda doc, w=w.id, t=t.id, i=pos % (len(t.children) + 1):
                   MoveWidget(w, t, i))

    @rule(pick=st.integers(0, 10_000), text=st.text(max_size=12), typing=st.booleans())
    def set_text(self, pick: int, text: str, typing: bool) -> None:
        labels = [w for w in self.widgets() if w.kind in ("label", "button")]
        if not labels:
            return
        wid = labels[pick % len(labels)].id
        self.apply(lambda doc, w=wid, t=text, m=typing:
                   SetProperty([w], "text", t, merge_key="typing" if m else None))

    @rule()
    def add_screen(self) -> None:
        screen = new_screen({s.name for s in self.controller.app.screens}, "page")
        screen.id, screen.root.id = self.new_id("s"), self.new_id("w")
        self.apply(lambda doc, s=screen: AddScreen(s))

    @precondition(lambda self: len(self.controller.app.screens) > 1)
    @rule(pick=st.integers(0, 100))
    def remove_screen(self, pick: int) -> None:
        screens = self.controller.app.screens
        self.apply(lambda doc, s=screens[pick % len(screens)].id: RemoveScreen(s))

    @rule(pick=st.lists(st.integers(0, 10_000), max_size=3))
    def select(self, pick: list[int]) -> None:
        widgets = self.widgets()
        self.controller.select([widgets[p % len(widgets)].id for p in pick])

    @precondition(lambda self: self.controller.undo_stack.canUndo())
    @rule()
    def undo(self) -> None:
        self.controller.undo_stack.undo()
        i = self.index
        assert self.dump() == self.states[i]
        expected = [s for s in self.selection_before[i] if s in self.controller.doc]
        assert self.controller.selection == expected

    @precondition(lambda self: self.controller.undo_stack.canRedo())
    @rule()
    def redo(self) -> None:
        self.controller.undo_stack.redo()
        assert self.dump() == self.states[self.index]

    # -------------------------------------------------------------- invariant
    @invariant()
    def model_equals_replay_of_the_log(self) -> None:
        fresh = Document(BASE.model_copy(deep=True))
        plain = UndoStack(fresh)
        for recipe in self.recipes[: self.index]:
            plain.push(recipe(fresh))
        assert fresh.app.model_dump(by_alias=True) == self.dump()


def _merged(first, second):
    """Typing merged into one step: replaying the last value gives the same model."""
    return second


DesignerEdits.TestCase.settings = settings(
    max_examples=25, stateful_step_count=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
test_designer_edits = DesignerEdits.TestCase
