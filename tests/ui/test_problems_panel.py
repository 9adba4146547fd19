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


def typo(path):  # type: ignore[no-untyped-def]
    """The example with the customer list's name label bound to `item.nmae`."""
    text = path.read_text("utf-8")
    marker = '"name": "customerName",'
    at = text.index(marker)
    at = text.index('"text": "item.name"', at)
    path.write_text(text[:at] + '"text": "item.nmae"' + text[at + 19:], "utf-8")
    return path


def test_lint_runs_off_the_ui_thread_and_stale_results_are_dropped(make_window, model_file,
                                                                   qtbot, monkeypatch):
    import threading

    import designer.review.lint as lint_mod
    window = make_window(typo(model_file))
    panel = window.problems
    qtbot.waitUntil(lambda: panel.shown_revision == panel.revision and not panel.filling,
                    timeout=5000)
    real, threads, gate = lint_mod.lint, [], threading.Event()

    def slow_lint(app, *a, **k):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        gate.wait(5)
        return real(app, *a, **k)
    monkeypatch.setattr(lint_mod, "lint", slow_lint)
    c = window.controller
    from designer.commands import bind_field
    assert any("nmae" in p.message for p in panel.problems)
    panel.timer.stop()
    panel.refresh()                             # lint starts on the worker, blocked on the gate
    qtbot.waitUntil(lambda: bool(threads), timeout=3000)
    assert threads[0] is not threading.main_thread()
    dropped = panel.dropped
    assert c.push(bind_field(c.doc, "w_customerName", "text", "item.name"))  # edit meanwhile
    gate.set()
    qtbot.waitUntil(lambda: panel.dropped > dropped, timeout=5000)   # stale result thrown away
    qtbot.waitUntil(lambda: panel.shown_revision == panel.revision and not panel.filling,
                    timeout=8000)
    assert not any("nmae" in p.message for p in panel.problems)  # the re-lint saw the edit


def test_fix_button_applies_the_did_you_mean_fix_and_undo_restores(make_window, model_file,
                                                                    qtbot):
    window = make_window(typo(model_file))
    panel = window.problems
    window.docks["problems"].raise_()
    c = window.controller
    qtbot.waitUntil(lambda: panel.shown_revision == panel.revision and not panel.filling
                    and any("nmae" in p.message for p in panel.problems), timeout=8000)
    row = next(r for _g, r in rows(panel) if "nmae" in r.text(0))
    panel.tree.scrollToItem(row)
    rect = panel.tree.visualItemRect(row)
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    assert c.selection == ["w_customerName"]
    assert panel.fix_button.isEnabled() and "item.name" in panel.fix_button.text()
    panel.grab().save("/tmp/h19d_problems_fix.png")
    QTest.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)
    assert c.doc.widget("w_customerName").bindings["text"] == "item.name"
    qtbot.waitUntil(lambda: panel.shown_revision == panel.revision and not panel.filling,
                    timeout=8000)
    assert not any("nmae" in p.message for p in panel.problems)
    c.undo_stack.undo()
    assert c.doc.widget("w_customerName").bindings["text"] == "item.nmae"
