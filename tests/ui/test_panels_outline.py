"""Outline: selection both ways, drag/drop reorder through the view's own mime data, menu."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtTest import QTest

from designer.commands import AddWidget, MoveWidget
from designer.model import fileio
from designer.ui.controller import DocumentController
from designer.ui.panels import OutlinePanel
from designer.ui.panels.outline import WIDGET_IDS_MIME
from designer.ui.panels.outline_badges import pii_widgets
from tests.conftest import EXAMPLE
from widgets import CATALOG


@pytest.fixture
def controller() -> DocumentController:
    ctl = DocumentController(fileio.load(EXAMPLE), EXAMPLE)
    ctl.set_current_screen(ctl.app.screen("customerDetail").id)
    return ctl


@pytest.fixture
def panel(qtbot, controller) -> OutlinePanel:
    outline = OutlinePanel(controller)
    qtbot.addWidget(outline)
    outline.resize(320, 600)
    outline.show()
    qtbot.waitExposed(outline)
    return outline


def names_under(panel: OutlinePanel, parent_id: str) -> list[str]:
    model = panel.model
    parent = model.index_of(parent_id)
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def doc_names(controller: DocumentController, parent_id: str) -> list[str]:
    return [c.name for c in controller.doc.widget(parent_id).children]


def test_tree_shows_screen_widgets_with_kind(panel, controller):
    model = panel.model
    root = model.index(0, 0)
    assert root.data() == "detailScroll"
    assert model.index(0, 1).data() == "Scroll area"
    assert names_under(panel, "w_contactCard") == doc_names(controller, "w_contactCard")


def test_controller_selection_selects_rows(panel, controller):
    controller.select(["w_contactPhone", "w_callButton"])
    rows = panel.view.selectionModel().selectedRows(0)
    assert sorted(panel.model.widget_id(i) for i in rows) == ["w_callButton", "w_contactPhone"]
    assert panel.view.isExpanded(panel.model.index_of("w_contactActions"))


def test_clicking_a_row_selects_the_widget(panel, controller):
    index = panel.model.index_of("w_creditLimit")
    rect = panel.view.visualRect(index)
    QTest.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert controller.selection == ["w_creditLimit"]
    other = panel.view.visualRect(panel.model.index_of("w_ordersChart"))
    QTest.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, other.center())
    assert controller.selection == ["w_creditLimit", "w_ordersChart"]


def test_drop_reorders_with_one_move_command(panel, controller):
    model = panel.model
    before = controller.app.model_dump(by_alias=True)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    source = model.index_of("w_contactName")
    kept = QPersistentModelIndex(model.index_of("w_contactAddress"))
    mime = model.mimeData([source])
    parent = model.index_of("w_contactCard")
    steps = controller.undo_stack.count()
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, 4, 0, parent)
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 4, 0, parent)  # after address
    assert controller.undo_stack.count() == steps + 1
    command = controller.undo_stack.command(steps).command
    assert isinstance(command, MoveWidget)
    expected = ["contactPhone", "contactEmail", "contactAddress", "contactName"]
    assert doc_names(controller, "w_contactCard") == expected
    assert names_under(panel, "w_contactCard") == expected
    assert kept.isValid() and kept.data() == "contactAddress"  # incremental, not a reset
    assert not resets
    assert controller.selection == ["w_contactName"]
    controller.undo_stack.undo()
    assert controller.app.model_dump(by_alias=True) == before
    assert names_under(panel, "w_contactCard") == doc_names(controller, "w_contactCard")


def test_drop_into_another_container_reparents(panel, controller):
    model = panel.model
    mime = model.mimeData([model.index_of("w_creditLimit")])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0,
                              model.index_of("w_contactCard"))
    assert doc_names(controller, "w_contactCard")[-1] == "creditLimit"
    assert names_under(panel, "w_contactCard")[-1] == "creditLimit"
    assert "creditLimit" not in names_under(panel, "w_detailRoot")


def test_invalid_drops_are_refused(panel, controller):
    model = panel.model
    steps = controller.undo_stack.count()
    card_mime = model.mimeData([model.index_of("w_contactCard")])
    # into itself / its own descendant
    assert not model.canDropMimeData(card_mime, Qt.DropAction.MoveAction, 0, 0,
                                     model.index_of("w_contactCard"))
    root_mime = model.mimeData([model.index_of("w_detailRoot")])
    assert not model.canDropMimeData(root_mime, Qt.DropAction.MoveAction, 0, 0,
                                     model.index_of("w_contactCard"))
    assert model.canDropMimeData(card_mime, Qt.DropAction.MoveAction, 0, 0,
                                 model.index_of("w_contactActions"))  # a valid target
    # onto a leaf widget
    assert not model.canDropMimeData(card_mime, Qt.DropAction.MoveAction, -1, 0,
                                     model.index_of("w_creditLimit"))
    assert not model.dropMimeData(card_mime, Qt.DropAction.MoveAction, -1, 0,
                                  model.index_of("w_creditLimit"))
    # a tab page only lives in tabs
    assert controller.undo_stack.count() == steps
    page = CATALOG.get("tab_page").create("w_page", "page1")
    tabs = CATALOG.get("tabs").create("w_tabs", "tabs1", children=[page.model_dump()])
    assert controller.push(AddWidget("w_detailRoot", 0, tabs))
    page_mime = model.mimeData([model.index_of("w_page")])
    assert json.loads(bytes(page_mime.data(WIDGET_IDS_MIME)).decode()) == ["w_page"]
    assert not model.canDropMimeData(page_mime, Qt.DropAction.MoveAction, 0, 0,
                                     model.index_of("w_contactCard"))
    assert not model.dropMimeData(page_mime, Qt.DropAction.MoveAction, 0, 0,
                                  model.index_of("w_contactCard"))
    assert controller.doc.parent_of("w_page").id == "w_tabs"


def test_rename_from_model_edit_and_row_updates(panel, controller):
    model = panel.model
    index = model.index_of("w_contactEmail")
    assert model.setData(index, "emailLabel")
    assert controller.doc.widget("w_contactEmail").name == "emailLabel"
    assert model.index_of("w_contactEmail").data() == "emailLabel"
    assert not model.setData(index, "contactPhone")  # name taken: refused


def test_delete_and_duplicate_actions(panel, controller):
    controller.select(["w_contactPhone"])
    before = controller.app.model_dump(by_alias=True)
    panel.duplicate_selected()
    names = doc_names(controller, "w_contactCard")
    assert names[:3] == ["contactName", "contactPhone", "contactPhone1"]
    assert names_under(panel, "w_contactCard") == names
    copy_id = controller.selection[0]
    assert copy_id != "w_contactPhone" and controller.doc.widget(copy_id).name == "contactPhone1"
    panel.delete_selected()
    assert "contactPhone1" not in doc_names(controller, "w_contactCard")
    assert "contactPhone1" not in names_under(panel, "w_contactCard")
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert controller.app.model_dump(by_alias=True) == before


def test_pii_and_binding_badges(panel, controller):
    model = panel.model
    badges = model.index_of("w_contactPhone", 2).data(Qt.ItemDataRole.UserRole + 1)
    assert [name for name, _ in badges] == ["mdi6.link-variant", "mdi6.shield-account"]
    assert model.index_of("w_contactAddress", 2).data(Qt.ItemDataRole.UserRole + 1) == (
        ("mdi6.link-variant", "#1565c0"),)
    assert not model.index_of("w_callButton", 2).data(Qt.ItemDataRole.UserRole + 1)
    assert "personal data" in model.index_of("w_contactPhone").data(
        Qt.ItemDataRole.ToolTipRole).lower()


def test_pii_through_list_item_alias(controller):
    screen = controller.app.screen("customers")
    found = pii_widgets(controller.app, screen)
    assert "w_customerCity" in found  # item.contact_name is pii
    assert "w_customerName" not in found


def test_switching_screen_rebuilds(panel, controller):
    controller.set_current_screen(controller.app.screen("customers").id)
    assert panel.model.index(0, 0).data() == "customersRoot"
    assert panel.model.rowCount(QModelIndex()) == 1
