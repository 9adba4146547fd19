"""The binding editor's field picker as a user opens it: inside the window, never empty and mute."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScrollArea

from designer.ui.panels.binding import popup_position

from .helpers import centre, click, drop_from_palette

pytestmark = pytest.mark.gui


def open_picker(window, qtbot, widget_id: str, prop: str):  # type: ignore[no-untyped-def]
    click(window, centre(window, widget_id))
    window.docks["properties"].raise_()
    editor = window.properties.binding_editors[prop]
    scroll = editor.parent()
    while scroll is not None and not isinstance(scroll, QScrollArea):
        scroll = scroll.parent()
    if scroll is not None:
        scroll.ensureWidgetVisible(editor.pick_button)
    QTest.mouseClick(editor.pick_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(editor.menu.isVisible)
    return editor


def test_the_picker_opens_inside_the_window_next_to_its_button(make_window, model_file, qtbot):
    window = make_window(model_file)
    window.move(0, 0)
    window.resize(760, 660)  # a window smaller than its screen (800 x 800 offscreen)
    qtbot.wait(50)
    c = window.controller
    c.set_current_screen(c.app.screen("orderEntry").id)
    window.scene.ensure_layout()
    editor = open_picker(window, qtbot, "w_quantityInput", "value")
    menu, frame = editor.menu.geometry(), window.frameGeometry()
    assert frame.contains(menu), (frame, menu)  # Qt alone only keeps it on the screen
    button = QRect(editor.pick_button.mapToGlobal(editor.pick_button.rect().topLeft()),
                   editor.pick_button.size())
    assert menu.top() == button.bottom() + 1 or menu.bottom() == button.top() - 1
    assert menu.right() == button.right() or menu.left() == button.left()
    assert editor.picker.isVisible() and editor.picker.topLevelItemCount() >= 2
    editor.menu.grab().save("/tmp/h19b/picker-order-entry.png")
    editor.menu.hide()


def test_popup_position_flips_above_and_right_aligns():
    bounds = QRect(0, 0, 800, 600)
    assert popup_position(QRect(100, 100, 20, 20), QSize(300, 200), bounds).toTuple() == (100, 120)
    assert popup_position(QRect(700, 100, 20, 20), QSize(300, 200), bounds).toTuple() == (420, 120)
    assert popup_position(QRect(100, 500, 20, 20), QSize(300, 200), bounds).toTuple() == (100, 300)


def test_an_input_on_a_bare_screen_is_offered_a_variable(make_window, model_file, qtbot):
    window = make_window(model_file)
    QTest.mouseClick(window.screens.buttons["add"], Qt.MouseButton.LeftButton)
    window.scene.ensure_layout()
    screen = window.controller.current_screen()
    drop_from_palette(window, "number_input", [centre(window, screen.root.id)])
    field = window.controller.current_screen().root.children[-1]
    editor = open_picker(window, qtbot, field.id, "value")
    assert not editor.picker.isVisible()  # no empty tree ...
    assert editor.hint.isVisible() and "screen variable" in editor.hint.text()  # ... but why
    assert editor.create_button.isVisible()
    editor.menu.grab().save("/tmp/h19b/picker-bare-screen.png")
    QTest.mouseClick(editor.create_button, Qt.MouseButton.LeftButton)
    screen = window.controller.current_screen()
    assert [(v.name, v.type) for v in screen.variables] == [(editor.field.text(), "decimal")]
    assert window.controller.doc.widget(field.id).bindings == {"value": editor.field.text()}
    window.controller.undo_stack.undo()  # one step takes the variable and the binding back
    assert window.controller.current_screen().variables == []
    assert window.controller.doc.widget(field.id).bindings == {}


def test_a_label_on_a_bare_screen_says_what_it_could_bind(make_window, model_file, qtbot):
    window = make_window(model_file)
    QTest.mouseClick(window.screens.buttons["add"], Qt.MouseButton.LeftButton)
    window.scene.ensure_layout()
    screen = window.controller.current_screen()
    drop_from_palette(window, "label", [centre(window, screen.root.id)])
    label = window.controller.current_screen().root.children[-1]
    editor = open_picker(window, qtbot, label.id, "text")
    assert not editor.picker.isVisible() and not editor.create_button.isVisible()
    assert "Nothing to bind" in editor.hint.text() and "variable" in editor.hint.text()
    editor.menu.hide()


def test_a_bound_input_is_not_offered_another_variable(make_window, model_file, qtbot):
    window = make_window(model_file)
    c = window.controller
    c.set_current_screen(c.app.screen("orderEntry").id)
    window.scene.ensure_layout()
    editor = open_picker(window, qtbot, "w_quantityInput", "value")
    assert not editor.create_button.isVisible() and not editor.hint.isVisible()
    editor.menu.hide()
