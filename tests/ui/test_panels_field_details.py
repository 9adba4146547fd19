"""Data panel field editor: the back-end (wire) name, read-only for imported sources."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from designer.model import fileio
from designer.ui.controller import DocumentController
from designer.ui.panels import DataPanel
from tests.conftest import EXAMPLE
from tests.ui.test_panels_data import child_named


def _panel(qtbot, controller: DocumentController) -> DataPanel:
    panel = DataPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(360, 760)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _click_field(panel: DataPanel, entity: str, field: str):
    customer = child_named(panel.tree.topLevelItem(0), entity)
    customer.setExpanded(True)
    item = child_named(customer, field)
    panel.tree.scrollToItem(item)
    rect = panel.tree.visualItemRect(item)
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    assert panel.tree.currentItem() is item
    return item


def _type(line, text: str) -> None:
    line.setFocus()
    QTest.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(line, text)


def test_imported_field_shows_its_back_end_name_read_only(qtbot):
    app = fileio.load(EXAMPLE)
    app.source("crm").entity("Customer").field("contact_name").wire_name = "ContactName"
    controller = DocumentController(app, EXAMPLE)
    panel = _panel(qtbot, controller)
    item = _click_field(panel, "Customer", "contact_name")
    details = panel.field_details
    assert details.isVisible()
    assert details.name.text() == "Customer.contact_name" and details.type.text() == "string"
    assert details.wire.text() == "ContactName" and details.wire.isReadOnly()
    assert "re-import" in details.wire.toolTip() and "crm-openapi.yaml" in details.wire.toolTip()
    assert "Back-end name: ContactName" in item.toolTip(0)
    steps = controller.undo_stack.count()
    _type(details.wire, "other")
    QTest.keyClick(details.wire, Qt.Key.Key_Return)
    assert details.wire.text() == "ContactName"
    assert controller.undo_stack.count() == steps


@pytest.fixture
def hand_made() -> DocumentController:
    app = fileio.load(EXAMPLE)
    app.source("crm").origin = ""  # defined by hand in the designer: no contract to follow
    return DocumentController(app, EXAMPLE)


def test_hand_made_field_back_end_name_is_edited_in_one_undo_step(qtbot, hand_made, tmp_path):
    controller = hand_made
    panel = _panel(qtbot, controller)
    _click_field(panel, "Customer", "contact_name")
    wire = panel.field_details.wire
    assert not wire.isReadOnly() and wire.text() == "" and "contact_name" in wire.placeholderText()
    before = controller.app.model_dump()
    steps = controller.undo_stack.count()
    _type(wire, "contact-name")
    QTest.keyClick(wire, Qt.Key.Key_Return)
    field = controller.app.source("crm").entity("Customer").field("contact_name")
    assert field.wire_name == "contact-name" and field.wire == "contact-name"
    assert controller.undo_stack.count() == steps + 1
    item = panel.tree.currentItem()  # the tree was rebuilt; the field stays selected
    assert item.data(0, Qt.ItemDataRole.UserRole)[2] == "contact_name"
    assert "Back-end name: contact-name" in item.toolTip(0)
    assert panel.field_details.wire.text() == "contact-name"
    panel.grab().save(str(tmp_path / "field_details.png"))
    controller.undo_stack.undo()
    assert controller.app.model_dump() == before


@pytest.mark.parametrize("typed, message", [
    ("id", "`id` already reads `id` from the back end"),
    (" contact", "no spaces at the start or end"),
    ("x" * 257, "at most 256 characters"),
])
def test_invalid_back_end_name_is_explained_and_not_pushed(qtbot, hand_made, typed, message):
    controller = hand_made
    panel = _panel(qtbot, controller)
    _click_field(panel, "Customer", "contact_name")
    details = panel.field_details
    steps = controller.undo_stack.count()
    _type(details.wire, typed)
    assert details.error.isVisible() and message in details.error.text()
    QTest.keyClick(details.wire, Qt.Key.Key_Return)
    assert controller.undo_stack.count() == steps
    assert controller.app.source("crm").entity("Customer").field("contact_name").wire_name == ""
    _type(details.wire, "contactName")  # fixing it clears the error
    assert not details.error.isVisible()
