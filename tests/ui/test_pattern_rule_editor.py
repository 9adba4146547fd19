"""Validation rules editor: a Pattern rule is checked as typed, like validate and lint do."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from designer.ui.panels.forms import ModelListEditor
from designer.ui.panels.pattern_editor import PatternEditor
from tests.conftest import ROOT
from tests.ui.helpers import centre, click
from tests.ui.test_canvas_interactions import show

NOTES = "w_visitNotes"


def _retype(line, text: str) -> None:
    QApplication.processEvents()
    line.setFocus()
    assert line.hasFocus()
    QTest.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(line, Qt.Key.Key_Delete)
    QTest.keyClicks(line, text)


def _pattern_editor(window) -> PatternEditor:
    rules = window.properties._form.editors["validation"]
    assert isinstance(rules, ModelListEditor)
    editor = rules.cards[-1].form.editors["pattern"]
    assert isinstance(editor, PatternEditor)
    return editor


def test_invalid_pattern_shows_its_position_and_pushes_nothing(make_window, model_file, qtbot,
                                                               tmp_path: Path):
    window = make_window(model_file)
    window.activateWindow()
    qtbot.waitActive(window)                      # focus moves as it does for a user
    window.docks["properties"].raise_()
    show(window, "visitCheckIn")
    click(window, centre(window, NOTES))
    assert window.controller.selection == [NOTES]
    rules = window.properties._form.editors["validation"]
    pattern_action = next(a for a in rules.add.menu().actions() if a.text() == "Pattern")
    pattern_action.trigger()                      # Add rule ▸ Pattern
    QApplication.processEvents()                  # the new rule's card is laid out and shown
    stray = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window
             and w.parentWidget() is None and type(w).__name__ == "_ItemCard"]
    assert stray == []                            # the replaced rule cards are not windows
    stack = window.controller.undo_stack
    steps = stack.count()
    editor = _pattern_editor(window)
    doc = window.controller.doc

    _retype(editor.line, "(ab")
    assert editor.isVisible(), "the rule's pattern field is not shown"
    assert editor.error_label.isVisible()
    assert editor.error_label.text() == "unclosed group: add `)` (at 1)"
    QTest.keyClick(editor.line, Qt.Key.Key_Return)   # Enter on an invalid pattern: kept, not pushed
    assert editor.line.text() == "(ab" and editor.error_label.isVisible()
    assert stack.count() == steps and doc.widget(NOTES).validation[-1].pattern == ""
    QApplication.processEvents()
    window.properties.scroll.widget().grab().save(str(tmp_path / "pattern_error.png"))

    QTest.keyClicks(editor.line, ")")             # now valid: one step, the whole text
    assert not editor.error_label.isVisible()
    QTest.keyClick(editor.line, Qt.Key.Key_Return)
    assert doc.widget(NOTES).validation[-1].pattern == "(ab)"
    assert stack.count() == steps + 1

    _retype(editor.line, "^(?P<zip>[0-9]{5})$")  # Python-only: refused like validate does
    assert "(?P<name>…)` is Python-only" in editor.error_label.text()
    assert editor.error_label.text().endswith("(at 2)")
    window.view.setFocus()                        # leaving the field does not push it either
    assert not editor.line.hasFocus()
    assert doc.widget(NOTES).validation[-1].pattern == "(ab)"
    assert stack.count() == steps + 1
    _retype(editor.line, "^(?<zip>[0-9]{5})$")
    window.view.setFocus()                        # a valid one is committed on leaving
    assert doc.widget(NOTES).validation[-1].pattern == "^(?<zip>[0-9]{5})$"
    assert stack.count() == steps + 2


def test_validate_and_lint_refuse_what_the_editor_refuses(model_file: Path) -> None:
    data = json.loads(model_file.read_text())
    patterns = ["(ab", "^(?P<zip>[0-9]{5})$", "^[0-9]{5}$"]

    def add_rules(node: dict) -> None:
        if node.get("id") == NOTES:
            node.setdefault("validation", []).extend(
                {"rule": "pattern", "pattern": p} for p in patterns)
        for child in node.get("children", []):
            add_rules(child)

    for screen in data["screens"]:
        add_rules(screen["root"])
    model_file.write_text(json.dumps(data, indent=2))
    run = [sys.executable, "-m", "designer"]
    out = subprocess.run([*run, "validate", str(model_file)], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    report = out.stdout + out.stderr
    assert "invalid pattern: unclosed group: add `)` (at 1)" in report
    assert "invalid pattern: `(?P<name>…)` is Python-only" in report
    assert report.count("invalid pattern") == 2           # the portable one passes
    lint = subprocess.run([*run, "lint", str(model_file)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert lint.returncode != 0 and (lint.stdout + lint.stderr).count("invalid pattern") == 2
