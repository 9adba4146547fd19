"""Commands: push → check → undo (model_dump equal to the original) → redo."""

from __future__ import annotations

import pytest

from designer.commands import (AddDataSource, AddScreen, AddWidget, MoveScreen, MoveWidget,
                               RemoveDataSource, RemoveScreen, ReplaceDataSource, SetAppProperty,
                               SetProperty, SetScreenProperty, UndoStack, bind_field,
                               remove_widgets, set_actions)
from designer.model import DataSource, Document, DuplicateNameError, Screen, load
from designer.model.validate import validate_app
from widgets import CATALOG, Layout, Rect
from tests.conftest import EXAMPLE


@pytest.fixture()
def stack() -> UndoStack:
    return UndoStack(Document(load(EXAMPLE)))


def roundtrip(stack: UndoStack, command, check) -> None:  # type: ignore[no-untyped-def]
    before = stack.doc.app.model_dump()
    stack.push(command)
    assert check(stack.doc)
    after = stack.doc.app.model_dump()
    assert after != before
    stack.undo()
    assert stack.doc.app.model_dump() == before
    stack.redo()
    assert stack.doc.app.model_dump() == after
    assert check(stack.doc)


def test_add_widget(stack: UndoStack) -> None:
    w = CATALOG.get("label").create("w_new", "newLabel", text="Hi")
    roundtrip(stack, AddWidget("w_customersRoot", 1, w),
              lambda d: d.widget("w_new").text == "Hi" and d.index_in_parent("w_new") == 1)


def test_remove_widgets_in_one_step_including_nested(stack: UndoStack) -> None:
    ids = ["w_contactCard", "w_contactPhone", "w_customerMap", "w_creditLimit"]
    roundtrip(stack, remove_widgets(stack.doc, ids),
              lambda d: not any(i in d for i in ids))
    assert len(list(stack.commands)) == 1


def test_move_and_reparent(stack: UndoStack) -> None:
    roundtrip(stack, MoveWidget("w_contactPhone", "w_detailRoot", 0),
              lambda d: d.parent_of("w_contactPhone").id == "w_detailRoot")


def test_move_into_free_and_undo_restores_the_layout(stack: UndoStack) -> None:
    # found by tests/ui/test_command_machine.py: the move gives the widget a frame
    stack.push(AddWidget("w_detailRoot", 0, CATALOG.get("free").create("w_free", "free1")))
    assert stack.doc.widget("w_contactPhone").layout.frame is None
    roundtrip(stack, MoveWidget("w_contactPhone", "w_free", 0),
              lambda d: d.widget("w_contactPhone").layout.frame is not None)


def test_set_property_on_selection_is_one_step(stack: UndoStack) -> None:
    ids = ["w_callButton", "w_emailButton", "w_directionsButton"]
    roundtrip(stack, SetProperty(ids, "variant", "primary"),
              lambda d: all(d.widget(i).variant == "primary" for i in ids))


def test_per_widget_values(stack: UndoStack) -> None:
    frames = {"w_callButton": Layout(frame=Rect(x=1, y=2, w=3, h=4)),
              "w_emailButton": Layout(width="hug")}
    roundtrip(stack, SetProperty(list(frames), "layout", values=frames),
              lambda d: d.widget("w_callButton").layout.frame.x == 1)


def test_typing_merges_into_one_step(stack: UndoStack) -> None:
    before = stack.doc.app.model_dump()
    for text in ["C", "Ca", "Cal", "Call now"]:
        stack.push(SetProperty(["w_callButton"], "text", text, merge_key="editor"))
    assert len(list(stack.commands)) == 1
    assert stack.doc.widget("w_callButton").text == "Call now"
    stack.undo()
    assert stack.doc.app.model_dump() == before


def test_merge_stops_at_save_point(stack: UndoStack) -> None:
    stack.push(SetProperty(["w_callButton"], "text", "A", merge_key="editor"))
    stack.set_clean()
    stack.push(SetProperty(["w_callButton"], "text", "AB", merge_key="editor"))
    assert len(list(stack.commands)) == 2 and not stack.is_clean()
    stack.undo()
    assert stack.is_clean()


def test_failed_command_changes_nothing(stack: UndoStack) -> None:
    before = stack.doc.app.model_dump()
    with pytest.raises(DuplicateNameError):
        stack.push(SetProperty(["w_callButton", "w_emailButton"], "name", "sameName"))
    assert stack.doc.app.model_dump() == before
    assert not stack.can_undo()


def test_bind_and_actions(stack: UndoStack) -> None:
    roundtrip(stack, bind_field(stack.doc, "w_contactName", "text", "upper(customer.name)"),
              lambda d: d.widget("w_contactName").bindings["text"] == "upper(customer.name)")
    roundtrip(stack, set_actions(stack.doc, "w_callButton", "tap", []),
              lambda d: "tap" not in d.widget("w_callButton").actions)


def test_screen_commands(stack: UndoStack) -> None:
    screen = Screen(id="s_new", name="extra", root=CATALOG.get("column").create("w_x", "root"))
    roundtrip(stack, AddScreen(screen, 1), lambda d: d.app.screens[1].name == "extra")
    roundtrip(stack, MoveScreen("s_customers", 3), lambda d: d.app.screens[3].id == "s_customers")
    roundtrip(stack, RemoveScreen("s_visit"), lambda d: d.app.screen("visitCheckIn") is None)
    roundtrip(stack, SetScreenProperty("s_order", "title", "Order"),
              lambda d: d.app.screen("orderEntry").title == "Order")


def _navigations(doc: Document) -> list[str]:
    return [a.screen for _s, w, _p in doc.app.widgets() for acts in w.actions.values()
            for a in acts if a.type == "navigate"]


def _screen_refs_resolve(doc: Document) -> bool:
    return not [p for p in validate_app(doc.app) if p.code == "ref.screen"]


def test_renaming_a_screen_takes_navigations_and_the_start_screen_along(stack: UndoStack) -> None:
    assert "customerDetail" in _navigations(stack.doc)
    roundtrip(stack, SetScreenProperty("s_customer_detail", "name", "customer"),
              lambda d: "customerDetail" not in _navigations(d)
              and "customer" in _navigations(d) and _screen_refs_resolve(d))
    roundtrip(stack, SetScreenProperty("s_customers", "name", "clients"),
              lambda d: d.app.start_screen == "clients" and _screen_refs_resolve(d))


def test_undoing_a_rename_leaves_references_that_already_named_the_new_name(
        stack: UndoStack) -> None:
    stack.push(set_actions(stack.doc, "w_syncButton", "tap",
                           [{"type": "navigate", "screen": "customer"}]))   # broken until ...
    roundtrip(stack, SetScreenProperty("s_customer_detail", "name", "customer"),  # ... this
              lambda d: _screen_refs_resolve(d))
    stack.undo()
    assert stack.doc.widget("w_syncButton").actions["tap"][0].screen == "customer"
    assert "customerDetail" in _navigations(stack.doc)


def _then_navigate(doc: Document, widget_id: str) -> str | None:
    return doc.widget(widget_id).actions["tap"][0].then_navigate


def test_renaming_a_screen_takes_a_forms_then_navigate_along(stack: UndoStack) -> None:
    stack.push(set_actions(stack.doc, "w_saveVisit", "tap", [
        {"type": "submit_form", "source": "crm", "entity": "Visit", "record": "visit",
         "then_navigate": "customerDetail"}]))
    stack.push(SetScreenProperty("s_visit", "on_load", [
        {"type": "submit_form", "source": "crm", "entity": "Visit", "record": "visit",
         "then_navigate": "customerDetail"}]))
    roundtrip(stack, SetScreenProperty("s_customer_detail", "name", "customer"),
              lambda d: _then_navigate(d, "w_saveVisit") == "customer"
              and d.app.screen("visitCheckIn").on_load[0].then_navigate == "customer"
              and _screen_refs_resolve(d))
    stack.undo()
    assert _then_navigate(stack.doc, "w_saveVisit") == "customerDetail"


def test_deleting_the_start_screen_starts_on_the_first_remaining_one(stack: UndoStack) -> None:
    assert stack.doc.app.start_screen == "customers"
    roundtrip(stack, RemoveScreen("s_customers"),
              lambda d: d.app.start_screen == "customerDetail" and not [
                  p for p in validate_app(d.app) if p.path == ("start_screen",)])


def test_app_and_source_commands(stack: UndoStack) -> None:
    roundtrip(stack, SetAppProperty("name", "Sales"), lambda d: d.app.name == "Sales")
    roundtrip(stack, AddDataSource(DataSource(id="ds_x", name="erp")),
              lambda d: d.app.source("erp") is not None)
    roundtrip(stack, RemoveDataSource("crm"), lambda d: d.app.source("crm") is None)
    stack.undo()
    new = stack.doc.app.source("crm").model_copy(deep=True)
    new.base_url = "https://new.example.com"
    roundtrip(stack, ReplaceDataSource("crm", new),
              lambda d: d.app.source("crm").base_url == "https://new.example.com")


def test_undo_all_restores_original(stack: UndoStack) -> None:
    original = stack.doc.app.model_dump()
    stack.push(AddWidget("w_orderRoot", 0, CATALOG.get("divider").create("w_d", "div")))
    stack.push(MoveWidget("w_d", "w_lineEditor", 0))
    stack.push(SetProperty(["w_d"], "name", "divider2"))
    stack.push(remove_widgets(stack.doc, ["w_d"]))
    while stack.undo():
        pass
    assert stack.doc.app.model_dump() == original
