"""Every model method checks its invariants first and raises a typed error, changing nothing."""

from __future__ import annotations

import pytest

from designer.model import (App, BindingError, DataSource, Document, DuplicateIdError,
                            DuplicateNameError, InvalidChildError, InvalidNameError,
                            InvalidValueError, Screen, SecretInModelError, UnknownReferenceError,
                            dumps)
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


# ------------------------------------------------- expressions, references, secrets
CUSTOMER = {"name": "Customer", "key": ["id"], "fields": [
    {"name": "id", "type": "string"}, {"name": "name", "type": "string"},
    {"name": "phone", "type": "string"}, {"name": "blocked", "type": "boolean"}]}
TOKEN = "ghp_" + "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5"


def bound_doc() -> Document:
    """A screen with a record parameter `customer`, a query `customers` and a bound list."""
    root = CATALOG.get("column").create("root1", "root", children=[
        {"kind": "label", "id": "lbl1", "name": "title"},
        {"kind": "button", "id": "btn1", "name": "call"},
        {"kind": "text_input", "id": "in1", "name": "notes"},
        {"kind": "list", "id": "list1", "name": "people", "bindings": {"items": "customers"},
         "children": [{"kind": "label", "id": "row1", "name": "row"}]},
    ])
    screen = Screen(id="s1", name="detail", root=root,
                    parameters=[{"name": "customer", "type": "record", "entity": "crm.Customer"}],
                    data=[{"name": "customers", "source": "crm", "entity": "Customer"}])
    other = Screen(id="s2", name="other", root=CATALOG.get("column").create("root2", "root"),
                   parameters=[{"name": "orderId", "type": "string"}])
    crm = DataSource(id="ds1", name="crm", kind="rest", base_url="https://api.example.com",
                     entities=[CUSTOMER])
    return Document(App(id="app", name="T", screens=[screen, other], data_sources=[crm]))


def refused(doc: Document, action, error: type[Exception]):  # type: ignore[no-untyped-def]
    """Like ``unchanged``, returning the error for a closer look."""
    before = dumps(doc.app)
    with pytest.raises(error) as info:
        action()
    assert dumps(doc.app) == before
    return info.value


def test_binding_that_does_not_parse() -> None:
    doc = bound_doc()
    exc = refused(doc, lambda: doc.set_prop("lbl1", "bindings", {"text": "customer.name +"}),
                  BindingError)
    assert exc.expression == "customer.name +" and exc.start == exc.end == 15
    assert "lbl1" not in exc.path and exc.path == "title.bindings.text"


def test_binding_to_an_unknown_field_suggests_the_near_one() -> None:
    doc = bound_doc()
    exc = refused(doc, lambda: doc.set_prop("lbl1", "bindings", {"text": "customer.nmae"}),
                  BindingError)
    assert exc.suggestion == "customer.name" and (exc.start, exc.end) == (0, 13)
    assert "did you mean `customer.name`?" in str(exc)
    exc = refused(doc, lambda: doc.set_prop("lbl1", "bindings", {"text": "custmer.name"}),
                  BindingError)
    assert exc.suggestion == "customer.name"
    doc.set_prop("lbl1", "bindings", {"text": "customer.name"})
    assert doc.widget("lbl1").bindings == {"text": "customer.name"}


def test_binding_of_the_wrong_type() -> None:
    doc = bound_doc()
    exc = refused(doc, lambda: doc.set_prop("btn1", "bindings", {"enabled": "customer.name"}),
                  BindingError)
    assert "boolean" in exc.message
    exc = refused(doc, lambda: doc.set_prop("lbl1", "bindings", {"text": "customer"}),
                  BindingError)
    assert "no text to show" in exc.message
    refused(doc, lambda: doc.set_prop("lbl1", "bindings", {"text": 'customer.blocked + 1'}),
            BindingError)
    doc.set_prop("btn1", "bindings", {"enabled": "not customer.blocked"})


def test_list_items_must_bind_a_collection() -> None:
    doc = bound_doc()
    exc = refused(doc, lambda: doc.set_prop("list1", "bindings", {"items": "customer"}),
                  BindingError)
    assert "not a collection" in exc.message
    refused(doc, lambda: doc.set_prop("list1", "bindings", {"items": "customer.name"}),
            BindingError)


def test_list_item_alias_resolves_only_inside_the_list() -> None:
    doc = bound_doc()
    doc.set_prop("row1", "bindings", {"text": "item.name"})
    exc = refused(doc, lambda: doc.set_prop("row1", "bindings", {"text": "item.nme"}),
                  BindingError)
    assert exc.suggestion == "item.name"
    refused(doc, lambda: doc.set_prop("lbl1", "bindings", {"text": "item.name"}), BindingError)
    refused(doc, lambda: doc.set_prop("list1", "item_alias", "9row"), InvalidValueError)


def test_input_value_binds_to_a_path() -> None:
    doc = bound_doc()
    exc = refused(doc, lambda: doc.set_prop("in1", "bindings", {"value": 'customer.name + "x"'}),
                  BindingError)
    assert "field path" in exc.message
    doc.set_prop("in1", "bindings", {"value": "customer.name"})


def test_visible_when_resolves_and_is_boolean() -> None:
    doc = bound_doc()
    exc = refused(doc, lambda: doc.set_prop("lbl1", "visible_when", "customer.blokced"),
                  BindingError)
    assert exc.suggestion == "customer.blocked"
    exc = refused(doc, lambda: doc.set_prop("lbl1", "visible_when", "customer.name"), BindingError)
    assert "true/false" in exc.message
    doc.set_prop("lbl1", "visible_when", "customer.blocked")


def test_action_expressions_resolve() -> None:
    doc = bound_doc()
    call = {"type": "call_phone", "number": "customer.phnoe"}
    exc = refused(doc, lambda: doc.set_prop("btn1", "actions", {"tap": [call]}), BindingError)
    assert exc.suggestion == "customer.phone" and exc.path == "call.actions.tap[0].number"
    go = {"type": "navigate", "screen": "other", "params": {"orderId": "customer.idd"}}
    refused(doc, lambda: doc.set_prop("btn1", "actions", {"tap": [go]}), BindingError)
    tap = {"type": "navigate", "screen": "other", "params": {"orderId": "item.id"}}
    refused(doc, lambda: doc.set_prop("btn1", "actions", {"tap": [tap]}), BindingError)
    doc.set_prop("list1", "actions", {"item_tap": [tap]})  # the item is in scope on item_tap


def test_rule_expressions_resolve_and_are_boolean() -> None:
    doc = bound_doc()
    rule = {"rule": "expression", "expression": "value != customer.nme", "message": "no"}
    exc = refused(doc, lambda: doc.set_prop("in1", "validation", [rule]), BindingError)
    assert exc.suggestion == "customer.name"
    doc.set_prop("in1", "validation", [{**rule, "expression": "value != customer.name"}])


def test_rule_patterns_compile_in_the_exported_apps() -> None:
    """A pattern rule is checked in the exported apps' dialect (portable_regex), naming the
    position; copies are refused too (wrong wherever they land); undo puts a bad one back."""
    doc = bound_doc()
    rule = {"rule": "pattern", "pattern": "[A-Z]{2}(?P<n>\\d+)"}
    exc = refused(doc, lambda: doc.set_prop("in1", "validation", [rule]), BindingError)
    assert exc.path == "notes.validation[0].pattern"
    assert (exc.expression, exc.start) == (rule["pattern"], 8)
    assert "Python-only" in str(exc) and "at 9" in str(exc)
    refused(doc, lambda: doc.set_prop("in1", "validation", [{**rule, "pattern": "a{"}]),
            BindingError)
    field = CATALOG.get("text_input").create("x1", "x1", validation=[{**rule, "pattern": "(a"}])
    refused(doc, lambda: doc.insert_widget("root1", 0, field), BindingError)
    refused(doc, lambda: doc.insert_widget("root1", 0, field, check="copy"), BindingError)
    doc.set_prop("in1", "validation", [{**rule, "pattern": "[A-Z]{2}(?<n>\\d+)"}])
    doc.set_prop("in1", "validation", [rule], check="restore")
    assert doc.widget("in1").validation[0].pattern == rule["pattern"]


def test_inserted_subtree_expressions_resolve() -> None:
    doc = bound_doc()
    card = CATALOG.get("card").create("c1", "box", children=[
        {"kind": "label", "id": "inner", "name": "inner", "bindings": {"text": "orderId"}}])
    exc = refused(doc, lambda: doc.insert_widget("root1", 0, card), BindingError)
    assert exc.path == "inner.bindings.text"
    assert doc.insert_widget("root2", 0, card.model_copy(deep=True)) == []


def test_pasted_subtree_keeps_references_that_only_fail_here() -> None:
    """check="copy" (paste): another screen's parameter is kept and reported, a syntax error
    or a literal secret is still refused."""
    doc = bound_doc()
    card = CATALOG.get("card").create("c1", "box", children=[
        {"kind": "label", "id": "inner", "name": "inner", "bindings": {"text": "orderId"}}])
    kept = doc.insert_widget("root1", 0, card, check="copy")
    assert [(p.path, p.code) for p in kept] == [(("bindings", "text"), "binding.type")]
    assert doc.widget("inner").bindings == {"text": "orderId"}
    broken = CATALOG.get("label").create("x1", "x1", bindings={"text": "orderId +"})
    refused(doc, lambda: doc.insert_widget("root1", 0, broken, check="copy"), BindingError)
    secret = CATALOG.get("label").create("x2", "x2", text=f"token {TOKEN}")
    refused(doc, lambda: doc.insert_widget("root1", 0, secret, check="copy"), SecretInModelError)


def test_unchanged_broken_entries_do_not_block_other_edits() -> None:
    """A loaded file may hold a broken binding: binding another property of the same widget
    still works (only new entries are checked), and ``check="restore"`` (undo) puts a broken
    one back."""
    doc = bound_doc()
    doc.widget("btn1").bindings["text"] = "customer.gone"  # as loaded from a file
    doc.set_prop("btn1", "bindings", {"text": "customer.gone", "enabled": "customer.blocked"})
    assert doc.widget("btn1").bindings["enabled"] == "customer.blocked"
    refused(doc, lambda: doc.set_prop("btn1", "bindings", {"text": "customer.gone2"}),
            BindingError)
    doc.set_prop("lbl1", "bindings", {"text": "customer.gone"}, check="restore")
    assert doc.widget("lbl1").bindings == {"text": "customer.gone"}


def test_literal_secret_in_a_widget_string() -> None:
    doc = bound_doc()
    exc = refused(doc, lambda: doc.set_prop("lbl1", "text", f"use {TOKEN}"), SecretInModelError)
    assert exc.path == "title.text" and "GitHub token" in exc.message
    refused(doc, lambda: doc.set_prop("lbl1", "bindings", {"text": f'"{TOKEN}"'}),
            SecretInModelError)
    refused(doc, lambda: doc.insert_widget("root1", 0, CATALOG.get("label").create(
        "x", "x", text=f"password={TOKEN}")), SecretInModelError)


def test_literal_secret_in_a_data_source() -> None:
    doc = bound_doc()
    keyed = DataSource(id="ds2", name="erp", auth={"scheme": "bearer",
                                                    "credential": "k3f2a9c1e7b5d4a6f8e0c2b4d6f8a0c1e"})
    exc = refused(doc, lambda: doc.add_data_source(keyed), SecretInModelError)
    assert "credential" in exc.path
    header = DataSource(id="ds2", name="erp", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    refused(doc, lambda: doc.add_data_source(header), SecretInModelError)
    in_url = DataSource(id="ds2", name="erp", base_url=f"https://api.example.com/?token={TOKEN}")
    refused(doc, lambda: doc.add_data_source(in_url), SecretInModelError)
    replaced = doc.app.source("crm").model_copy(update={"base_url": f"https://u:{TOKEN}@x.io"})
    refused(doc, lambda: doc.replace_data_source("crm", replaced), SecretInModelError)


def test_screen_edits_check_expressions_and_references() -> None:
    doc = bound_doc()
    call = {"type": "call_phone", "number": "customer.phnoe"}
    refused(doc, lambda: doc.set_screen_prop("s1", "on_load", [call]), BindingError)
    query = {"name": "blocked", "source": "crm", "entity": "Customer", "filter": "row.blokced"}
    exc = refused(doc, lambda: doc.set_screen_prop("s1", "data", [query]), BindingError)
    assert exc.suggestion == "row.blocked"
    exc = refused(doc, lambda: doc.set_screen_prop(
        "s1", "data", [{**query, "filter": "", "source": "crn"}]), UnknownReferenceError)
    assert exc.suggestion == "crm"
    refused(doc, lambda: doc.set_screen_prop(
        "s1", "data", [{**query, "filter": "", "entity": "Custmer"}]), UnknownReferenceError)
    refused(doc, lambda: doc.set_screen_prop(
        "s2", "parameters", [{"name": "c", "type": "record", "entity": "crm.Nope"}]),
        UnknownReferenceError)
    refused(doc, lambda: doc.set_screen_prop("s1", "title", f"Hi {TOKEN}"), SecretInModelError)
    doc.set_screen_prop("s1", "data", [{**query, "filter": "row.blocked"}])


def test_app_edits_refuse_literal_secrets() -> None:
    doc = bound_doc()
    refused(doc, lambda: doc.set_app_prop("strings", {"en": {"k": f"key: {TOKEN}"}}),
            SecretInModelError)
    refused(doc, lambda: doc.set_app_prop("description", f"api_key={TOKEN}"), SecretInModelError)
    doc.set_app_prop("description", "A field-sales app")
