"""Every model method checks its invariants first and raises a typed error, changing nothing."""

from __future__ import annotations

import pytest

from designer.model import (App, DataSource, Document, DuplicateIdError, DuplicateNameError,
                            InvalidChildError, InvalidNameError, InvalidValueError, Screen,
                            UnknownReferenceError, dumps)
from widgets import CATALOG


def make_doc() -> Document:
    col = CATALOG.get("column")
    root = col.create("root1", "root", children=[
        {"kind": "label", "id": "lbl1", "name": "title"},
        {"kind": "free", "id": "free1", "name": "canvas",
         "children": [{"kind": "button", "id": "btn1", "name": "ok",
                       "layout": {"frame": {"x": 8, "y": 8, "w": 100, "h": 40}}}]},
        {"kind": "tabs", "id": "tabs1", "name": "tabs",
         "children": [{"kind": "tab_page", "id": "page1", "name": "page"}]},
    ])
    other = col.create("root2", "root")
    app = App(id="app", name="T", screens=[Screen(id="s1", name="home", root=root),
                                           Screen(id="s2", name="other", root=other)],
              data_sources=[DataSource(id="ds1", name="crm")])
    return Document(app)


def unchanged(doc: Document, action, error: type[Exception]) -> None:  # type: ignore[no-untyped-def]
    before = dumps(doc.app)
    with pytest.raises(error):
        action()
    assert dumps(doc.app) == before


def label(id: str, name: str):  # type: ignore[no-untyped-def]
    return CATALOG.get("label").create(id, name)


def test_duplicate_widget_name_in_screen() -> None:
    doc = make_doc()
    unchanged(doc, lambda: doc.insert_widget("root1", 0, label("new", "title")), DuplicateNameError)


def test_same_name_on_another_screen_is_fine() -> None:
    doc = make_doc()
    doc.insert_widget("root2", 0, label("new", "title"))
    assert doc.widget("new").name == "title"


def test_name_checks_follow_every_change_between_inserts() -> None:
    """Names seen by one insert are remembered for the next; any other change is honoured."""
    doc = make_doc()
    doc.insert_widget("root1", 0, label("n1", "first"))
    unchanged(doc, lambda: doc.insert_widget("root1", 0, label("n2", "first")), DuplicateNameError)
    doc.set_prop("n1", "name", "renamed")
    doc.insert_widget("root1", 0, label("n2", "first"))
    unchanged(doc, lambda: doc.insert_widget("root1", 0, label("n3", "renamed")),
              DuplicateNameError)
    doc.remove_widget("n1")
    doc.insert_widget("root1", 0, label("n3", "renamed"))
    doc.move_widget("n3", "root2", 0)
    doc.insert_widget("root1", 0, label("n4", "renamed"))
    unchanged(doc, lambda: doc.insert_widget("root2", 0, label("n5", "renamed")),
              DuplicateNameError)
    unchanged(doc, lambda: doc.insert_widget("root2", 0, label("s1", "x")), DuplicateIdError)
    unchanged(doc, lambda: doc.insert_widget("root2", 0, label("ds1", "x")), DuplicateIdError)


def test_duplicate_id() -> None:
    doc = make_doc()
    unchanged(doc, lambda: doc.insert_widget("root2", 0, label("lbl1", "x")), DuplicateIdError)


def test_duplicate_id_inside_inserted_subtree() -> None:
    doc = make_doc()
    card = CATALOG.get("card").create("c9", "card9", children=[
        {"kind": "label", "id": "same", "name": "a"}, {"kind": "label", "id": "same", "name": "b"}])
    unchanged(doc, lambda: doc.insert_widget("root2", 0, card), DuplicateIdError)


def test_insert_into_leaf_is_refused() -> None:
    doc = make_doc()
    unchanged(doc, lambda: doc.insert_widget("lbl1", 0, label("x", "x")), InvalidChildError)


def test_tabs_hold_only_tab_pages_and_pages_only_live_in_tabs() -> None:
    doc = make_doc()
    unchanged(doc, lambda: doc.insert_widget("tabs1", 0, label("x", "x")), InvalidChildError)
    page = CATALOG.get("tab_page").create("p2", "page2")
    unchanged(doc, lambda: doc.insert_widget("root1", 0, page), InvalidChildError)
    doc.insert_widget("tabs1", 1, page)
    assert doc.parent_of("p2").id == "tabs1"


def test_index_out_of_range() -> None:
    doc = make_doc()
    unchanged(doc, lambda: doc.insert_widget("root1", 9, label("x", "x")), InvalidValueError)


def test_unknown_widget() -> None:
    doc = make_doc()
    unchanged(doc, lambda: doc.remove_widget("nope"), UnknownReferenceError)
    unchanged(doc, lambda: doc.set_prop("nope", "text", "x"), UnknownReferenceError)


def test_root_cannot_be_removed_or_moved() -> None:
    doc = make_doc()
    unchanged(doc, lambda: doc.remove_widget("root1"), InvalidChildError)
    unchanged(doc, lambda: doc.move_widget("root1", "free1", 0), InvalidChildError)


def test_move_into_own_descendant_is_refused() -> None:
    doc = make_doc()
    unchanged(doc, lambda: doc.move_widget("free1", "free1", 0), InvalidChildError)


def test_move_across_screens_checks_names() -> None:
    doc = make_doc()
    doc.insert_widget("root2", 0, label("l2", "title"))
    unchanged(doc, lambda: doc.move_widget("lbl1", "root2", 0), DuplicateNameError)


def test_move_into_free_gets_a_frame() -> None:
    doc = make_doc()
    doc.move_widget("lbl1", "free1", 1)
    assert doc.widget("lbl1").layout.frame is not None
    assert doc.screen_of("lbl1").name == "home"


def test_set_prop_validates_type_and_names() -> None:
    doc = make_doc()
    unchanged(doc, lambda: doc.set_prop("lbl1", "max_lines", "many"), InvalidValueError)
    unchanged(doc, lambda: doc.set_prop("lbl1", "name", "ok"), DuplicateNameError)
    unchanged(doc, lambda: doc.set_prop("lbl1", "name", "9lives"), InvalidNameError)
    unchanged(doc, lambda: doc.set_prop("lbl1", "kind", "button"), InvalidValueError)
    unchanged(doc, lambda: doc.set_prop("lbl1", "bogus", 1), InvalidValueError)
    unchanged(doc, lambda: doc.set_prop("lbl1", "bindings", {"src": "x"}), InvalidValueError)


def test_screen_invariants() -> None:
    doc = make_doc()
    dup = Screen(id="s3", name="home", root=CATALOG.get("column").create("r3", "root"))
    unchanged(doc, lambda: doc.add_screen(dup), DuplicateNameError)
    bad_id = Screen(id="s3", name="third", root=CATALOG.get("column").create("lbl1", "root"))
    unchanged(doc, lambda: doc.add_screen(bad_id), DuplicateIdError)
    leaf_root = Screen(id="s4", name="fourth", root=label("r4", "root"))
    unchanged(doc, lambda: doc.add_screen(leaf_root), InvalidChildError)
    unchanged(doc, lambda: doc.set_screen_prop("s1", "name", "other"), DuplicateNameError)
    unchanged(doc, lambda: doc.set_screen_prop("s1", "name", "has space"), InvalidNameError)
    unchanged(doc, lambda: doc.set_app_prop("start_screen", "nowhere"), UnknownReferenceError)


def test_data_source_invariants() -> None:
    doc = make_doc()
    unchanged(doc, lambda: doc.add_data_source(DataSource(id="ds2", name="crm")), DuplicateNameError)
    unchanged(doc, lambda: doc.add_data_source(DataSource(id="lbl1", name="x")), DuplicateIdError)
    twice = DataSource(id="ds3", name="y", entities=[{"name": "A"}, {"name": "A"}])
    unchanged(doc, lambda: doc.add_data_source(twice), DuplicateNameError)
    unchanged(doc, lambda: doc.remove_data_source("nope"), UnknownReferenceError)


def test_changes_are_notified() -> None:
    doc = make_doc()
    seen = []
    doc.subscribe(seen.append)
    doc.insert_widget("root2", 0, label("n1", "n1"))
    doc.set_prop("n1", "text", "hi")
    doc.remove_widget("n1")
    assert [c.kind for c in seen] == ["widget_inserted", "widget_changed", "widget_removed"]
    assert seen[1].detail == {"prop": "text"}


def _navigate(screen: str) -> dict[str, object]:
    return {"type": "navigate", "screen": screen}


def test_screen_rename_keeps_references_resolving() -> None:
    doc = make_doc()
    doc.set_app_prop("start_screen", "home")
    doc.set_prop("btn1", "actions", {"tap": [_navigate("other")]})
    doc.set_screen_prop("s1", "on_load", [_navigate("home"), {"type": "go_back"}])
    seen: list[tuple[str, tuple[str, ...], object]] = []
    doc.subscribe(lambda c: seen.append((c.kind, c.ids, c.detail.get("prop"))))
    doc.set_screen_prop("s2", "name", "details")
    doc.set_screen_prop("s1", "name", "start")
    assert doc.widget("btn1").actions["tap"][0].screen == "details"  # type: ignore[attr-defined]
    assert doc.app.screens[0].on_load[0].screen == "start"  # type: ignore[attr-defined]
    assert doc.app.start_screen == "start"
    assert ("widget_changed", ("btn1",), "actions") in seen
    assert ("screen_changed", ("s1",), "on_load") in seen and ("app_changed", (), "start_screen") in seen
    assert doc.screen_refs("home") == [] and len(doc.screen_refs("start")) == 2


def test_removing_the_start_screen_moves_the_start() -> None:
    doc = make_doc()
    doc.set_app_prop("start_screen", "other")
    doc.remove_screen("s2")
    assert doc.app.start_screen == "home"
    doc.remove_screen("s1")
    assert doc.app.start_screen is None
