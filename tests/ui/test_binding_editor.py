"""Binding editor: the document decides what may be pushed; a text that does not check stays in
the editor with its error inline and pushes nothing."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from designer.model import dumps, fileio
from designer.ui.controller import DocumentController
from designer.ui.panels import PropertyEditor
from tests.conftest import EXAMPLE
from tests.model.test_invariants import TOKEN


@pytest.fixture
def controller() -> DocumentController:
    return DocumentController(fileio.load(EXAMPLE), EXAMPLE)


@pytest.fixture
def editor(qtbot, controller, no_leaked_windows) -> PropertyEditor:
    panel = PropertyEditor(controller)
    qtbot.addWidget(panel)
    panel.resize(360, 900)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    qtbot.waitActive(panel)
    return panel


def text_binding(qtbot, editor: PropertyEditor, controller: DocumentController):  # type: ignore[no-untyped-def]
    controller.set_current_screen(controller.app.screen("customerDetail").id)
    controller.select(["w_blockedNotice"])
    binding = editor.binding_editors["text"]
    qtbot.waitUntil(binding.isVisible)  # new rows are shown by a queued event, as in the app
    binding.field.text_edit.setFocus()
    return binding


def test_typo_is_shown_inline_pushes_nothing_and_the_fix_is_one_step(qtbot, editor, controller,
                                                                       tmp_path):
    binding = text_binding(qtbot, editor, controller)
    field = binding.field
    before = dumps(controller.app)
    steps = controller.undo_stack.count()

    QTest.keyClicks(field.text_edit, "customer.nmae")
    assert field.text() == "customer.nmae"                       # the user's text is kept
    assert field.error_label.isVisible()
    assert "did you mean `customer.name`?" in field.error_label.text()
    assert "(at 1)" in field.error_label.text()
    selections = field.text_edit.extraSelections()
    span = selections[0].cursor
    assert (span.selectionStart(), span.selectionEnd()) == (0, len("customer.nmae"))
    assert dumps(controller.app) == before                       # nothing pushed, not even
    assert controller.undo_stack.count() == steps               # the valid-looking `customer`
    if os.environ.get("FIELDCRAFT_SHOTS"):
        editor.resize(360, 1100)
        editor.grab().save(str(tmp_path / "binding_error.png"))

    for _ in range(4):
        QTest.keyClick(field.text_edit, Qt.Key.Key_Backspace)
    QTest.keyClicks(field.text_edit, "name")
    assert field.error is None and not field.error_label.isVisible()
    assert controller.doc.widget("w_blockedNotice").bindings == {"text": "customer.name"}
    assert controller.undo_stack.count() == steps + 1
    controller.undo_stack.undo()
    assert dumps(controller.app) == before


def test_what_only_the_document_refuses_is_shown_inline_too(qtbot, editor, controller):
    """A whole record has no text to show, and a literal secret is never stored: the checker
    alone accepts both, the document does not — the editor says why and pushes nothing."""
    binding = text_binding(qtbot, editor, controller)
    field = binding.field
    before = dumps(controller.app)
    QTest.keyClicks(field.text_edit, "customer")
    assert field.error is not None and "no text to show" in field.error_label.text()
    QTest.keyClick(field.text_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field.text_edit, f'"{TOKEN}"')
    assert field.error is not None and "literal secret" in field.error_label.text()
    assert field.text() == f'"{TOKEN}"'
    assert dumps(controller.app) == before and controller.undo_stack.count() == 0
