"""Deleting a screen or data source that others point at asks first (Delete / Cancel)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from designer.commands import AddDataSource, SetProperty
from designer.model.actions import Navigate
from designer.model.data import DataSource
from tests.ui.test_canvas_interactions import show


def _dump(window) -> dict:
    return window.controller.app.model_dump(by_alias=True)


def _click(button) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_deleting_a_screen_navigations_point_at_asks_and_undo_is_exact(make_window, model_file):
    answers: dict[str, str] = {}
    window = make_window(model_file, answers)
    # a second navigation to customerDetail, from another screen
    show(window, "orderEntry")
    root = window.controller.current_screen().root
    assert window.controller.push(SetProperty(
        [root.children[0].id], "actions", {"tap": [Navigate(type="navigate", screen="customerDetail")]}))
    before, steps = _dump(window), window.controller.undo_stack.count()
    show(window, "customerDetail")
    answers["Delete screen"] = "Cancel"
    _click(window.screens.buttons["delete"])
    title, text = window.asked[-1]
    assert title == "Delete screen"
    assert "2 navigate actions go to customerDetail (on customers (1), orderEntry (1))" in text
    assert "start screen" not in text
    assert _dump(window) == before and window.controller.undo_stack.count() == steps
    answers["Delete screen"] = "Delete"
    _click(window.screens.buttons["delete"])
    assert window.controller.app.screen("customerDetail") is None
    assert window.controller.undo_stack.count() == steps + 1
    window.controller.undo_stack.undo()
    assert _dump(window) == before


def test_deleting_the_start_screen_says_so(make_window, model_file):
    answers = {"Delete screen": "Delete"}
    window = make_window(model_file, answers)
    before = _dump(window)
    show(window, "customers")
    _click(window.screens.buttons["delete"])
    text = window.asked[-1][1]
    assert "customers is the start screen" in text and "navigate action" not in text
    assert window.controller.app.start_screen == "customerDetail"
    window.controller.undo_stack.undo()
    assert _dump(window) == before


def test_deleting_a_screen_nobody_points_at_asks_nothing(make_window, model_file):
    window = make_window(model_file)
    _click(window.screens.buttons["add"])
    added = window.controller.current_screen().name
    asked = len(window.asked)
    _click(window.screens.buttons["delete"])
    assert len(window.asked) == asked
    assert window.controller.app.screen(added) is None


def _select_source(window, index: int) -> None:
    tree = window.data_panel.tree
    window.docks["data"].raise_()
    item = tree.topLevelItem(index)
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     rect.center())
    assert tree.currentItem() is item


def test_deleting_a_data_source_that_screens_read_asks(make_window, model_file):
    answers = {"Delete data source": "Cancel"}
    window = make_window(model_file, answers)
    before, steps = _dump(window), window.controller.undo_stack.count()
    _select_source(window, 0)
    _click(window.data_panel.remove_button)
    title, text = window.asked[-1]
    assert title == "Delete data source" and "read data source crm" in text
    for screen in ("customers", "customerDetail", "visitCheckIn", "orderEntry"):
        assert f"{screen} (" in text
    assert _dump(window) == before and window.controller.undo_stack.count() == steps
    answers["Delete data source"] = "Delete"
    _click(window.data_panel.remove_button)
    assert window.controller.app.source("crm") is None
    window.controller.undo_stack.undo()
    assert _dump(window) == before


def test_deleting_an_unused_data_source_asks_nothing(make_window, model_file):
    window = make_window(model_file)
    assert window.controller.push(AddDataSource(DataSource(id="src_spare", name="spare")))
    _select_source(window, 1)
    _click(window.data_panel.remove_button)
    assert window.asked == []
    assert window.controller.app.source("spare") is None


def test_a_navigate_to_a_deleted_screen_is_marked_and_not_offered(make_window, model_file):
    from designer.model.validate import validate_app
    window = make_window(model_file, {"Delete screen": "Delete"})
    show(window, "customerDetail")
    _click(window.screens.buttons["delete"])
    show(window, "customers")
    window.controller.select(["w_customerList"])
    window.docks["actions"].raise_()
    window.actions_editor.refresh()
    editor = window.actions_editor.lists["item_tap"].cards[0].form.editors["screen"]
    combo = editor.combo
    assert combo.currentData() == "customerDetail"
    assert editor.missing == "customerDetail" and "missing" in combo.currentText()
    assert "#c62828" in combo.styleSheet() and "does not exist" in combo.toolTip()
    index = combo.findData("customerDetail")
    assert not combo.model().item(index).isEnabled()  # never offered as a choice
    offered = [combo.itemData(i) for i in range(combo.count())
               if combo.model().item(i).isEnabled()]
    assert "customerDetail" not in offered and "orderEntry" in offered
    assert any("no screen named `customerDetail`" in p.message
               for p in validate_app(window.controller.app))
    # picking a real screen clears the marker
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Up)
    assert editor.missing is None and combo.styleSheet() == ""
