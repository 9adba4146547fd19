"""The canvas context menu, opened with a real right-click on the viewport (issue 19 cap. 5)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from .helpers import centre, view_point

pytestmark = pytest.mark.gui


def right_click(window, qtbot, widget_id: str):  # type: ignore[no-untyped-def]
    point = view_point(window, centre(window, widget_id))
    viewport = window.view.viewport()
    none = Qt.KeyboardModifier.NoModifier
    QTest.mousePress(viewport, Qt.MouseButton.RightButton, none, point)
    # what the platform sends after a right press (QTest does not synthesise it)
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                                                       viewport.mapToGlobal(point)))
    QTest.mouseRelease(viewport, Qt.MouseButton.RightButton, none, point)
    qtbot.waitUntil(lambda: getattr(window, "canvas_menu", None) is not None and
                    window.canvas_menu.isVisible(), timeout=3000)
    return {a.text().replace("&", ""): a for a in window.canvas_menu.actions() if a.text()}


def test_right_click_selects_and_offers_edit_and_structure_commands(make_window, model_file,
                                                                    qtbot):
    window = make_window(model_file)
    c = window.controller
    c.set_current_screen(c.app.screen("visitCheckIn").id)
    window.scene.ensure_layout()
    parent = c.doc.parent_of("w_visitNotes")
    index = parent.children.index(c.doc.widget("w_visitNotes"))
    actions = right_click(window, qtbot, "w_visitNotes")
    assert c.selection == ["w_visitNotes"]
    assert {"Cut", "Copy", "Paste", "Duplicate", "Delete", "Select Parent", "Move Up",
            "Move Down"} <= set(actions)
    window.canvas_menu.grab().save("/tmp/h19b/canvas-menu.png")
    actions["Move Up"].trigger()
    assert c.doc.parent_of("w_visitNotes").children[index - 1].id == "w_visitNotes"
    c.undo_stack.undo()
    assert c.doc.parent_of("w_visitNotes").children[index].id == "w_visitNotes"
    window.canvas_menu.hide()
    actions = right_click(window, qtbot, "w_visitNotes")
    actions["Select Parent"].trigger()
    assert c.selection == [parent.id]
    window.canvas_menu.hide()
    actions = right_click(window, qtbot, "w_visitNotes")
    actions["Delete"].trigger()
    assert "w_visitNotes" not in c.doc
    window.canvas_menu.hide()
