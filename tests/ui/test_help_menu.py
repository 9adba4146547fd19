"""The Help menu opens the bundled docs; About names the versions (issue 19 capability 9)."""

from __future__ import annotations

import pytest
from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox

from tests.conftest import ROOT

pytestmark = pytest.mark.gui


def test_help_menu_opens_the_bundled_docs(make_window, model_file):
    window = make_window(model_file)
    opened = []
    window.open_url = opened.append
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-1] == "&Help"
    actions = {a.objectName(): a for a in window.help_menu.actions() if a.objectName()}
    for name in ("expressions.md", "lint-rules.md", "targets.md"):
        action = actions[f"help:{name}"]
        assert action.isEnabled()
        action.trigger()
        assert opened[-1].toLocalFile() == str(ROOT / "docs" / name)
    assert len(opened) == 3


def test_about_box_names_fieldcraft_python_and_qt_versions(make_window, model_file, qtbot):
    window = make_window(model_file)
    about = next(a for a in window.help_menu.actions() if a.objectName() == "help:about")
    about.trigger()
    box = window.findChild(QMessageBox, "about_box")
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    text = box.text()
    assert "Fieldcraft" in text and qVersion() in text and PYSIDE_VERSION in text
    box.grab().save("/tmp/h19b/about.png")
    box.close()
