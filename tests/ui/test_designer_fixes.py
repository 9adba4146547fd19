"""Small designer fixes of issue 19 (bug 5), driven as a user does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from designer.commands import SetProperty
from designer.ui.export_dialog import ExportDialog

from .test_window_panels import rename_row

pytestmark = pytest.mark.gui


def test_window_title_follows_the_app_name_before_saving(make_window, model_file):
    window = make_window(model_file)
    window.controller.select([])
    section = window.properties.app_section
    if not section.body.isVisible():
        QTest.mouseClick(section.header, Qt.MouseButton.LeftButton)  # expand "App"
    line = window.properties.app_form.editors["name"].line
    line.setFocus()
    QTest.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(line, "Route Planner")
    QTest.keyClick(line, Qt.Key.Key_Return)
    assert window.controller.app.name == "Route Planner"
    assert "— Route Planner — Fieldcraft" in window.windowTitle()
    window.controller.undo_stack.undo()
    assert "— Field Sales" in window.windowTitle()


@pytest.mark.parametrize("keys", [(Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
                                  (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                                   | Qt.KeyboardModifier.ShiftModifier)])
def test_redo_shortcuts(make_window, model_file, qtbot, keys):
    window = make_window(model_file)
    c = window.controller
    c.push(SetProperty(["w_customersTitle"], "text", "Clients"))
    QApplication.setActiveWindow(window)  # offscreen windows are never activated otherwise
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert c.doc.widget("w_customersTitle").text != "Clients"
    QTest.keyClick(window.view, *keys)
    assert c.doc.widget("w_customersTitle").text == "Clients"


def test_renaming_a_screen_takes_its_default_title_along(make_window, model_file):
    window = make_window(model_file)
    window.screens.buttons["add"].click()
    screen = window.controller.current_screen()
    assert screen.title == screen.name.title()
    row = window.controller.doc.screen_index(screen.id)
    steps = window.controller.undo_stack.count()
    rename_row(window, row, "route_plan")
    screen = window.controller.current_screen()
    assert (screen.name, screen.title) == ("route_plan", "Route Plan")
    assert window.controller.undo_stack.count() == steps + 1  # one step
    # a title the user wrote stays
    rename_row(window, window.controller.doc.screen_index(
        window.controller.app.screen("orderEntry").id), "new_order")
    assert window.controller.app.screen("new_order").title == "New order"


def test_export_dialog_defaults_to_the_pwa_and_the_folder_follows_the_target(qtbot,
                                                                             model_file):
    from designer.model import load
    from designer.ui.controller import DocumentController
    dialog = ExportDialog(DocumentController(load(model_file), model_file))
    qtbot.addWidget(dialog)
    assert dialog.target.currentData() == "pwa"
    assert dialog.folder.text().endswith("field_sales-pwa")
    dialog.target.setCurrentIndex(dialog.target.findData("flutter"))
    assert dialog.folder.text().endswith("field_sales-flutter")
    dialog.folder.setText("/tmp/mine")
    dialog.target.setCurrentIndex(dialog.target.findData("pwa"))
    assert dialog.folder.text() == "/tmp/mine"  # a folder the user chose stays


def test_read_only_folder_says_why(make_window, model_file, monkeypatch):
    # the tests run as root, whom folder permissions do not stop: the lock file reports the
    # error a read-only folder gives (QLockFile.PermissionError) instead
    from PySide6.QtCore import QLockFile

    from designer.ui import document_io

    class ReadOnlyFolderLock(QLockFile):
        def tryLock(self, timeout: int = 0) -> bool:  # noqa: N802
            return False

        def error(self) -> QLockFile.LockError:
            return QLockFile.LockError.PermissionError

    monkeypatch.setattr(document_io, "QLockFile", ReadOnlyFolderLock)
    window = make_window(model_file)
    assert window.controller.read_only and window.banner.isVisible()
    text = window.banner.text()
    assert "read-only folder" in text and "another Fieldcraft window" not in text
    monkeypatch.undo()
    other = make_window(model_file)
    assert not other.controller.read_only
    third = make_window(model_file)
    assert "open in another Fieldcraft window" in third.banner.text()


def test_window_has_the_app_icon(make_window):
    window = make_window()
    icon = window.windowIcon()
    assert not icon.isNull()
    image = icon.pixmap(64, 64).toImage()
    assert image.width() == 64 and any(image.pixelColor(x, 32).alpha() > 0 for x in range(64))


def test_pyinstaller_spec_builds_a_windowed_designer_with_the_icon():
    """Read the spec (building is tests/test_packaging.py's job): the designer executable is
    windowed and carries the icon, which ships as a real .ico file."""
    import ast
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    tree = ast.parse((root / "packaging" / "fieldcraft.spec").read_text("utf-8"))
    exes = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "EXE":
            kw = {k.arg: k.value for k in node.keywords}
            exes[ast.literal_eval(kw["name"])] = kw
    designer = exes["fieldcraft-designer"]
    assert ast.literal_eval(designer["console"]) is False
    assert "icon" in designer and ast.literal_eval(exes["fieldcraft"]["console"]) is True
    ico = (root / "assets" / "icons" / "fieldcraft.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00"  # an ICO header
