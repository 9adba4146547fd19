"""The problems pane: lint findings live after an edit, grouped by screen, click selects."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

pytestmark = pytest.mark.gui


def rows(panel):  # type: ignore[no-untyped-def]
    tree = panel.tree
    return [(tree.topLevelItem(i).text(0), tree.topLevelItem(i).child(j))
            for i in range(tree.topLevelItemCount())
            for j in range(tree.topLevelItem(i).childCount())]


def test_a_broken_binding_shows_up_and_a_click_selects_its_widget(make_window, model_file,
                                                                 qtbot):
    window = make_window(model_file, {"Delete screen": "Delete"})
    panel = window.problems
    qtbot.waitUntil(lambda: panel.summary.text() != "", timeout=3000)
    before = len(panel.problems)
    c = window.controller
    c.set_current_screen(c.app.screen("customerDetail").id)
    QTest.mouseClick(window.screens.buttons["delete"], Qt.MouseButton.LeftButton)
    assert c.app.screen("customerDetail") is None
    qtbot.waitUntil(lambda: len(panel.problems) > before, timeout=3000)  # live, debounced
    found = [(group, row) for group, row in rows(panel) if "customerDetail" in row.text(0)]
    assert found and found[0][0] == "customers"
    window.docks["problems"].raise_()
    c.set_current_screen(c.app.screen("orderEntry").id)
    c.select([])
    row = found[0][1]
    rect = panel.tree.visualItemRect(row)
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    assert c.current_screen().name == "customers"
    assert c.selection == ["w_customerList"]
    panel.grab().save("/tmp/h19b/problems.png")
