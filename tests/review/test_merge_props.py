"""Property tests: merging two independent random edit sequences equals applying both."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.model import App, dumps
from designer.model.document import Document
from designer.review.merge import merge_apps
from tests.strategies import apps
from widgets import CATALOG, ContainerBase

Op = tuple[Any, ...]
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _copy(app: App) -> App:
    return App.model_validate(app.model_dump(mode="json", by_alias=True))


def apply(app: App, ops: list[Op]) -> App:
    """Replay recorded edits on a copy of ``app``."""
    doc = Document(_copy(app))
    for op in ops:
        kind = op[0]
        if kind == "set":
            doc.set_prop(op[1], op[2], op[3])
        elif kind == "insert":
            doc.insert_widget(op[1], op[2], CATALOG.get(op[3]).create(op[4], op[5]))
        elif kind == "remove":
            doc.remove_widget(op[1])
        elif kind == "move":
            doc.move_widget(op[1], op[2], op[3])
        elif kind == "app":
            doc.set_app_prop(op[1], op[2])
        elif kind == "screen":
            doc.set_screen_prop(op[1], op[2], op[3])
    return doc.app


def _owned(app: App, owner: dict[str, str], side: str) -> tuple[list[Any], list[Any]]:
    """(containers owned by ``side``, widgets whose parent ``side`` owns)."""
    containers, children = [], []
    for _screen, widget, parent in app.widgets():
        if isinstance(widget, ContainerBase) and owner.get(widget.id) == side:
            containers.append(widget)
        if parent is not None and owner.get(parent.id) == side:
            children.append((widget, parent))
    return containers, children


@st.composite
def edit_sequence(draw: st.DrawFn, app: App, owner: dict[str, str], side: str) -> list[Op]:
    """Random edits by ``side``, touching only what it owns (so the two sides are independent)."""
    doc = Document(_copy(app))
    ops: list[Op] = []
    for k in range(draw(st.integers(0, 6))):
        containers, children = _owned(doc.app, owner, side)
        targets = [c for c in containers if c.kind != "free"]
        leaves = [(w, p) for w, p in children if not isinstance(w, ContainerBase)]
        choice = draw(st.sampled_from(["set", "set", "insert", "insert", "remove", "move", "move",
                                       "app", "screen"]))
        op: Op | None = None
        if choice == "set" and children:
            widget, _ = draw(st.sampled_from(children))
            prop = draw(st.sampled_from(["a11y_label", "visible_when"]
                                        + [p for p in ("text", "label") if hasattr(widget, p)]))
            value = "true" if prop == "visible_when" else f"{side}{k}"
            op = ("set", widget.id, prop, value)
        elif choice == "insert" and targets:
            parent = draw(st.sampled_from(targets))
            kind = draw(st.sampled_from(["label", "button", "text_input", "divider"]))
            index = draw(st.integers(0, len(parent.children)))
            op = ("insert", parent.id, index, kind, f"{side}_w{k}", f"{side}new{k}")
        elif choice == "remove" and leaves:
            op = ("remove", draw(st.sampled_from(leaves))[0].id)
        elif choice == "move" and leaves and targets:
            widget, old_parent = draw(st.sampled_from(leaves))
            parent = draw(st.sampled_from(targets))
            index = draw(st.integers(0, len(parent.children) - (parent is old_parent)))
            op = ("move", widget.id, parent.id, index)
        elif choice == "app":
            op = ("app", "description" if side == "a" else "version",
                  f"edited by {side}" if side == "a" else f"2.{k}.0")
        elif choice == "screen":
            screens = [s for s in doc.app.screens if owner.get(s.root.id) == side]
            if screens:
                op = ("screen", draw(st.sampled_from(screens)).id, "title", f"{side} title {k}")
        if op is not None:
            doc.app = apply(doc.app, [op])
            doc = Document(doc.app)
            ops.append(op)
    return ops


@st.composite
def independent_edits(draw: st.DrawFn) -> tuple[App, list[Op], list[Op]]:
    base = draw(apps())
    owner = {w.id: draw(st.sampled_from("ab")) for _s, w, _p in base.widgets()
             if isinstance(w, ContainerBase)}
    return base, draw(edit_sequence(base, owner, "a")), draw(edit_sequence(base, owner, "b"))


@SETTINGS
@given(independent_edits())
def test_merge_of_independent_edits_equals_applying_both(case: tuple[App, list[Op], list[Op]]
                                                         ) -> None:
    base, ops_a, ops_b = case
    ours, theirs = apply(base, ops_a), apply(base, ops_b)
    expected = dumps(apply(apply(base, ops_a), ops_b))
    result = merge_apps(base, ours, theirs)
    assert result.clean, result.report()
    assert result.content == expected
    swapped = merge_apps(base, theirs, ours)
    assert swapped.clean and swapped.content == expected


@SETTINGS
@given(apps(), st.data())
def test_merge_with_an_unchanged_side_takes_the_other(base: App, data: st.DataObject) -> None:
    owner = {w.id: "a" for _s, w, _p in base.widgets() if isinstance(w, ContainerBase)}
    edited = apply(base, data.draw(edit_sequence(base, owner, "a")))
    for ours, theirs in ((base, edited), (edited, base), (edited, edited)):
        result = merge_apps(base, ours, theirs)
        assert result.clean and result.content == dumps(edited)


@SETTINGS
@given(apps(), st.data())
def test_same_property_changed_both_ways_conflicts_symmetrically(base: App,
                                                                 data: st.DataObject) -> None:
    widget = data.draw(st.sampled_from([w for _s, w, _p in base.widgets()]))
    ours = apply(base, [("set", widget.id, "a11y_label", "ours says this")])
    theirs = apply(base, [("set", widget.id, "a11y_label", "theirs says that")])
    one, other = merge_apps(base, ours, theirs), merge_apps(base, theirs, ours)
    assert not one.clean and not other.clean and one.content == b""
    assert [c.where for c in one.conflicts] == [c.where for c in other.conflicts]
    assert widget.id in one.conflicts[0].where and "a11y_label" in one.conflicts[0].where
    assert (one.conflicts[0].ours, one.conflicts[0].theirs) == ("ours says this", "theirs says that")
