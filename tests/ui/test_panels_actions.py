"""Actions editor: add a navigate action with parameters, edit, reorder, remove — as a user."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from designer.model import fileio
from designer.model.actions import Navigate
from designer.ui.controller import DocumentController
from designer.ui.panels import ActionsEditor
from tests.conftest import EXAMPLE


@pytest.fixture
def controller() -> DocumentController:
    ctl = DocumentController(fileio.load(EXAMPLE), EXAMPLE)
    ctl.set_current_screen(ctl.app.screen("visitCheckIn").id)
    return ctl


@pytest.fixture
def editor(qtbot, controller) -> ActionsEditor:
    panel = ActionsEditor(controller)
    qtbot.addWidget(panel)
    panel.resize(360, 900)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def add_action(editor_list, label: str) -> None:
    menu = editor_list.add.menu()
    action = next(a for a in menu.actions() if a.text() == label)
    action.trigger()


def test_shows_events_of_the_selected_widget(editor, controller):
    controller.select(["w_saveVisit"])
    assert list(editor.lists) == ["tap"]
    tap = editor.lists["tap"]
    assert [c.title.text().split(" · ")[0] for c in tap.cards] == [
        "Submit form", "Show message", "Go back"]
    assert editor.sections["tap"].header.text() == "On tap  (3)"


def test_add_navigate_action_with_parameters(editor, controller, qtbot):
    controller.select(["w_saveVisit"])
    before = controller.app.model_dump(by_alias=True)
    steps = controller.undo_stack.count()
    tap = editor.lists["tap"]
    add_action(tap, "Navigate")
    actions = controller.doc.widget("w_saveVisit").actions["tap"]
    assert isinstance(actions[-1], Navigate) and actions[-1].screen == "customers"
    assert controller.undo_stack.count() == steps + 1

    card = tap.cards[-1]
    screen_combo = card.form.editors["screen"].combo
    screen_combo.setFocus()
    while screen_combo.currentData() != "customerDetail":
        QTest.keyClick(screen_combo, Qt.Key.Key_Down)
    assert controller.doc.widget("w_saveVisit").actions["tap"][-1].screen == "customerDetail"

    qtbot.wait(10)  # new rows are shown by a queued event, as in the running app
    params = tap.cards[-1].form.editors["params"]
    assert list(params.rows) == ["customerId"]  # the target screen's parameters are offered
    field = params.rows["customerId"]
    field.text_edit.setFocus()
    QTest.keyClicks(field.text_edit, "customer.nme")  # a typo: shown, not stored
    assert field.error is not None and field.error_label.isVisible()
    assert controller.doc.widget("w_saveVisit").actions["tap"][-1].params == {}
    for _ in range(3):
        QTest.keyClick(field.text_edit, Qt.Key.Key_Backspace)
    QTest.keyClicks(field.text_edit, "id")
    navigate = controller.doc.widget("w_saveVisit").actions["tap"][-1]
    assert navigate.params == {"customerId": "customer.id"}
    assert controller.undo_stack.count() == steps + 3  # add, pick screen, type the parameter
    while controller.undo_stack.index() > steps:
        controller.undo_stack.undo()
    assert controller.app.model_dump(by_alias=True) == before


def test_reorder_and_remove(editor, controller):
    controller.select(["w_saveVisit"])
    tap = editor.lists["tap"]
    QTest.mouseClick(tap.cards[2].up, Qt.MouseButton.LeftButton)
    assert [a.type for a in controller.doc.widget("w_saveVisit").actions["tap"]] == [
        "submit_form", "go_back", "show_message"]
    QTest.mouseClick(tap.cards[0].remove, Qt.MouseButton.LeftButton)
    assert [a.type for a in controller.doc.widget("w_saveVisit").actions["tap"]] == [
        "go_back", "show_message"]
    assert [c.title.text() for c in tap.cards] == ["Go back", "Show message"]


def test_source_and_entity_pickers(editor, controller):
    controller.select(["w_saveVisit"])
    submit = editor.lists["tap"].cards[0].form
    assert submit.editors["source"].combo.currentText() == "crm"
    entities = [submit.editors["entity"].combo.itemText(i)
                for i in range(submit.editors["entity"].combo.count())]
    assert entities == ["Customer", "Product", "OrderLine", "Order", "Visit"]
    assert submit.editors["entity"].combo.currentText() == "Visit"


def test_screen_on_load_when_nothing_selected(editor, controller):
    controller.select([])
    assert list(editor.lists) == ["load"]
    before = [a.type for a in controller.app.screen("visitCheckIn").on_load]
    add_action(editor.lists["load"], "Refresh")
    assert [a.type for a in controller.app.screen("visitCheckIn").on_load] == [*before, "refresh"]
    assert editor.lists["load"].cards[-1].title.text() == "Refresh"


def test_multi_selection_shows_hint(editor, controller):
    controller.select(["w_saveVisit", "w_visitNotes"])
    assert not editor.lists
    assert "Select one widget" in editor.hint.text()
