"""Checked edits and undo: a push may be refused, undo/redo never are — even when what they put
back has references that no longer resolve."""

from __future__ import annotations

import pytest

from designer.commands import (AddWidget, RemoveWidget, ReplaceDataSource, SetProperty,
                               SetScreenProperty, UndoStack, bind_field, remove_widgets)
from designer.model import BindingError, SecretInModelError, dumps
from designer.model.validate import validate_app
from tests.model.test_invariants import TOKEN, bound_doc
from widgets import CATALOG


@pytest.fixture()
def stack() -> UndoStack:
    return UndoStack(bound_doc())


def codes(stack: UndoStack) -> list[str]:
    return [p.code for p in validate_app(stack.doc.app) if p.severity == "error"]


def test_refused_push_changes_nothing_and_records_nothing(stack: UndoStack) -> None:
    before = dumps(stack.doc.app)
    with pytest.raises(BindingError):
        stack.push(bind_field(stack.doc, "lbl1", "text", "customer.nmae"))
    with pytest.raises(SecretInModelError):
        stack.push(SetProperty(["lbl1"], "text", f"token {TOKEN}"))
    assert dumps(stack.doc.app) == before and not stack.can_undo()


def test_selection_edit_is_refused_whole_when_one_widget_cannot_take_it(stack: UndoStack) -> None:
    """`item.name` resolves in the list row but not outside: neither widget changes."""
    before = dumps(stack.doc.app)
    with pytest.raises(BindingError):
        stack.push(SetProperty(["row1", "lbl1"], "bindings", {"text": "item.name"}))
    assert dumps(stack.doc.app) == before and not stack.can_undo()


def test_undo_of_a_delete_restores_a_binding_that_no_longer_resolves(stack: UndoStack) -> None:
    stack.push(bind_field(stack.doc, "lbl1", "text", "customer.name"))
    bound = dumps(stack.doc.app)
    stack.push(SetScreenProperty("s1", "parameters", []))  # allowed: validation reports it
    assert "binding.type" in codes(stack)
    dangling = dumps(stack.doc.app)
    stack.push(remove_widgets(stack.doc, ["lbl1"]))
    stack.undo()                                           # never refused
    assert dumps(stack.doc.app) == dangling
    stack.redo()
    assert "lbl1" not in stack.doc
    stack.undo()
    stack.undo()
    assert dumps(stack.doc.app) == bound
    stack.redo()
    stack.redo()
    assert "lbl1" not in stack.doc


def test_undo_and_redo_over_a_broken_binding_loaded_from_a_file(stack: UndoStack) -> None:
    stack.doc.widget("lbl1").bindings["text"] = "customer.gone"  # as loaded
    loaded = dumps(stack.doc.app)
    stack.push(bind_field(stack.doc, "lbl1", "text", "customer.name"))  # the user fixes it
    fixed = dumps(stack.doc.app)
    stack.undo()
    assert dumps(stack.doc.app) == loaded                  # the broken one is back
    stack.redo()
    assert dumps(stack.doc.app) == fixed
    stack.undo()
    stack.push(bind_field(stack.doc, "btn1", "enabled", "customer.blocked"))
    stack.undo()
    stack.redo()
    assert stack.doc.widget("lbl1").bindings["text"] == "customer.gone"


def test_paste_keeps_another_screens_parameter_and_reports_it(stack: UndoStack) -> None:
    copied = CATALOG.get("label").create("p1", "pasted", bindings={"text": "orderId"})
    command = AddWidget("root1", 0, copied)                  # check="copy", as paste uses it
    before = dumps(stack.doc.app)
    stack.push(command)
    assert [(p.path, p.code) for p in command.problems] == [(("bindings", "text"), "binding.type")]
    assert "orderId" in command.problems[0].message
    after = dumps(stack.doc.app)
    stack.undo()
    assert dumps(stack.doc.app) == before
    stack.redo()
    assert dumps(stack.doc.app) == after
    strict = AddWidget("root1", 0, CATALOG.get("label").create("p2", "strict",
                                                               bindings={"text": "orderId"}),
                       check="new")
    with pytest.raises(BindingError):
        stack.push(strict)


def test_reimport_that_drops_a_bound_field_is_allowed_and_undone(stack: UndoStack) -> None:
    stack.push(bind_field(stack.doc, "lbl1", "text", "customer.phone"))
    before = dumps(stack.doc.app)
    source = stack.doc.app.source("crm").model_copy(deep=True)
    entity = source.entity("Customer")
    entity.fields = [f for f in entity.fields if f.name != "phone"]
    stack.push(ReplaceDataSource("crm", source))
    assert "binding.type" in codes(stack)                   # reported, not refused
    after = dumps(stack.doc.app)
    stack.undo()
    assert dumps(stack.doc.app) == before
    stack.redo()
    assert dumps(stack.doc.app) == after


def test_remove_then_undo_of_a_widget_bound_inside_a_list(stack: UndoStack) -> None:
    stack.push(bind_field(stack.doc, "row1", "text", "item.name"))
    stack.push(bind_field(stack.doc, "list1", "items", "customers"))  # unchanged: no-op edit
    before = dumps(stack.doc.app)
    stack.push(RemoveWidget("row1"))
    stack.push(bind_field(stack.doc, "list1", "items", None))       # unbinding is allowed
    stack.undo()
    stack.undo()
    assert dumps(stack.doc.app) == before


def test_designer_paste_of_a_widget_bound_to_another_screens_parameter(stack: UndoStack) -> None:
    """The designer's own paste path (clipboard JSON → paste_command) keeps the binding."""
    from designer.ui.canvas.edit_actions import copy_payload, paste_command, parse_payload
    doc = stack.doc
    doc.insert_widget("root2", 0, CATALOG.get("label").create("o1", "order",
                                                              bindings={"text": "orderId"}))
    widgets = parse_payload(copy_payload(doc, ["o1"]) or "")
    command, new_ids = paste_command(doc, widgets, [], doc.widget("root1"))  # type: ignore[misc]
    before = dumps(doc.app)
    stack.push(command)
    assert doc.widget(new_ids[0]).bindings == {"text": "orderId"}
    assert [p.code for c in command.children for p in c.problems] == ["binding.type"]
    stack.undo()
    assert dumps(doc.app) == before
