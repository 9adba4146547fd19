"""Property editor: a widget in a ``free`` container is placed by its frame, not by flex sizes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import centre, click
from tests.ui.test_canvas_interactions import add_free, show

FLEX_ROWS = ("width", "height", "min_width", "max_height", "grow", "margin", "align")


def _layout_form(window):
    section, form, _ = window.properties._form.nested["layout"]
    return section, form


def test_free_child_shows_frame_editors_and_flex_child_shows_size_policy(make_window, model_file,
                                                                          tmp_path: Path):
    window = make_window(model_file)
    window.resize(1400, 900)
    show(window, "customers")
    _free, (button,) = add_free(window, [(24, 16)])
    click(window, centre(window, button))
    assert window.controller.selection == [button]
    _section, layout = _layout_form(window)
    frame_section, frame_form, _ = layout.nested["frame"]
    assert frame_section.isVisibleTo(window.properties)
    for name in FLEX_ROWS:
        assert not layout.editors[name].isVisibleTo(window.properties), name
        assert not layout.labels[name].isVisibleTo(window.properties), name
    # typing x in the frame editor moves the button, one undo step
    steps = window.controller.undo_stack.count()
    spin = frame_form.editors["x"].spin
    spin.setFocus()
    QTest.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(spin, "64")
    QTest.keyClick(spin, Qt.Key.Key_Return)
    assert window.controller.doc.widget(button).layout.frame.x == 64
    assert window.controller.undo_stack.count() == steps + 1
    QApplication.processEvents()
    window.properties.scroll.widget().grab().save(str(tmp_path / "free_child.png"))

    # a widget in a column: size policies, no frame
    click(window, centre(window, "w_syncButton"))
    assert window.controller.selection == ["w_syncButton"]
    _, layout = _layout_form(window)
    assert not layout.nested["frame"][0].isVisibleTo(window.properties)
    for name in FLEX_ROWS:
        assert layout.editors[name].isVisibleTo(window.properties), name
