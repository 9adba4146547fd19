"""Data panel: sources → entities → fields, pii/key marks, drag payload, samples, import/remove."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from designer.model import fileio
from designer.ui.controller import DocumentController
from designer.ui.panels import DataPanel
from designer.ui.panels.data import FIELD_MIME, available_importers
from tests.conftest import EXAMPLE


@pytest.fixture
def controller() -> DocumentController:
    return DocumentController(fileio.load(EXAMPLE), EXAMPLE)


@pytest.fixture
def panel(qtbot, controller) -> DataPanel:
    data = DataPanel(controller)
    qtbot.addWidget(data)
    data.resize(340, 700)
    data.show()
    qtbot.waitExposed(data)
    return data


def child_named(item, text):
    for i in range(item.childCount()):
        if item.child(i).data(0, Qt.ItemDataRole.UserRole)[-1] == text or \
                item.child(i).data(0, Qt.ItemDataRole.UserRole)[1] == text and \
                item.child(i).data(0, Qt.ItemDataRole.UserRole)[2] is None:
            return item.child(i)
    raise AssertionError(text)


def test_tree_lists_sources_entities_and_fields(panel, controller):
    tree = panel.tree
    assert tree.topLevelItemCount() == 1
    crm = tree.topLevelItem(0)
    assert crm.text(0) == "crm" and crm.text(1) == "REST"
    source = controller.app.source("crm")
    assert [crm.child(i).data(0, Qt.ItemDataRole.UserRole)[1] for i in range(crm.childCount())] \
        == [e.name for e in source.entities]
    customer = crm.child(0)
    fields = [customer.child(i).data(0, Qt.ItemDataRole.UserRole)[2]
              for i in range(customer.childCount())]
    assert fields == [f.name for f in source.entity("Customer").fields]
    assert customer.text(1) == "6 rows"


def test_pii_and_key_fields_are_marked(panel, controller):
    customer = panel.tree.topLevelItem(0).child(0)
    entity = controller.app.source("crm").entity("Customer")
    for i in range(customer.childCount()):
        item = customer.child(i)
        field = entity.field(item.data(0, Qt.ItemDataRole.UserRole)[2])
        marked = not item.icon(2).isNull()
        assert marked == (field.pii or field.name in entity.key), field.name
        if field.pii:
            assert "pii" in item.toolTip(2).lower() and "pii" in item.toolTip(0).lower()
        elif field.name in entity.key:
            assert item.toolTip(2) == "Key field"


def test_drag_payload_for_field_and_entity(panel):
    customer = panel.tree.topLevelItem(0).child(0)
    phone = next(customer.child(i) for i in range(customer.childCount())
                 if customer.child(i).data(0, Qt.ItemDataRole.UserRole)[2] == "phone")
    mime = panel.tree.mimeData([phone])
    assert json.loads(bytes(mime.data(FIELD_MIME)).decode()) == {
        "source": "crm", "entity": "Customer", "field": "phone"}
    mime = panel.tree.mimeData([customer])
    assert json.loads(bytes(mime.data(FIELD_MIME)).decode()) == {
        "source": "crm", "entity": "Customer", "field": None}
    assert FIELD_MIME in panel.tree.mimeTypes()
    assert phone.flags() & Qt.ItemFlag.ItemIsDragEnabled
    assert not panel.tree.topLevelItem(0).flags() & Qt.ItemFlag.ItemIsDragEnabled


def test_clicking_an_entity_shows_sample_rows(panel, controller):
    product = panel.tree.topLevelItem(0).child(1)
    rect = panel.tree.visualItemRect(product)
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    entity = controller.app.source("crm").entity("Product")
    assert panel.samples.rowCount() == len(entity.sample_rows)
    headers = [panel.samples.horizontalHeaderItem(c).text()
               for c in range(panel.samples.columnCount())]
    assert headers[:len(entity.fields)] == [f.name for f in entity.fields]
    assert panel.samples.item(0, 0).text() == str(entity.sample_rows[0]["sku"])
    assert "Product: 6 sample rows" in panel.sample_title.text()


def test_pii_columns_marked_in_samples(panel):
    customer = panel.tree.topLevelItem(0).child(0)
    panel.tree.setCurrentItem(customer)
    headers = {panel.samples.horizontalHeaderItem(c).text(): panel.samples.horizontalHeaderItem(c)
               for c in range(panel.samples.columnCount())}
    assert not headers["phone"].icon().isNull()
    assert headers["city"].icon().isNull()


def test_remove_source_is_one_undo_step(panel, controller):
    before = controller.app.model_dump(by_alias=True)
    asked: list[str] = []
    panel.ask = lambda title, text, buttons: asked.append(title) or "Delete"  # screens read crm
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0).child(2))
    assert panel.remove_button.isEnabled()
    QTest.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert asked == ["Delete data source"]
    assert controller.app.data_sources == []
    assert panel.tree.topLevelItemCount() == 0
    controller.undo_stack.undo()
    assert controller.app.model_dump(by_alias=True) == before
    assert panel.tree.topLevelItemCount() == 1


def test_import_openapi_adds_a_source(panel, controller, tmp_path):
    importers = {i.label: i for i in available_importers()}
    assert "OpenAPI contract" in importers  # the importer package ships it
    assert panel.import_button.isVisible()
    spec = tmp_path / "tiny.json"
    spec.write_text(json.dumps({
        "openapi": "3.0.0", "info": {"title": "Tiny", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {"/items": {"get": {"responses": {"200": {"description": "ok", "content": {
            "application/json": {"schema": {"type": "array", "items": {
                "$ref": "#/components/schemas/Item"}}}}}}}}},
        "components": {"schemas": {"Item": {"type": "object", "properties": {
            "id": {"type": "string"}, "email": {"type": "string", "format": "email"}}}}}}))
    steps = controller.undo_stack.count()
    assert panel.import_file(importers["OpenAPI contract"], str(spec))
    assert controller.undo_stack.count() == steps + 1
    assert [s.name for s in controller.app.data_sources] == ["crm", "tiny"]
    assert panel.tree.topLevelItemCount() == 2
    assert "Imported tiny" in panel.status.text()


def test_import_of_a_csv_says_what_each_target_does_with_it(panel, controller, tmp_path):
    importer = {i.label: i for i in available_importers()}["CSV file"]
    prices = tmp_path / "prices.csv"
    prices.write_text("sku,price\nA-1,2.50\nA-2,3.00\n", "utf-8")
    assert panel.import_file(importer, str(prices))
    text, details = panel.status.text(), panel.status.toolTip()
    assert "Imported prices" in text and "ship in the app for flutter, pwa, react-native" in text
    assert [line.split(":")[0] for line in details.splitlines()[:3]] == [
        "flutter", "pwa", "react-native"]
    assert "read-only unless" in details
    panel.resize(420, 600)
    assert panel.grab().save(str(tmp_path / "csv_import_status.png"))  # to look at


def test_import_of_a_broken_file_shows_the_error(panel, controller, tmp_path, qtbot):
    importer = {i.label: i for i in available_importers()}["OpenAPI contract"]
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with qtbot.waitSignal(controller.error):
        assert not panel.import_file(importer, str(broken))
    assert "broken.json" in panel.status.text()
    assert len(controller.app.data_sources) == 1


@pytest.mark.parametrize("label, fixture", [("OData metadata", "sap_gateway_v2.xml"),
                                            ("CSV file", "visits.csv"),
                                            ("OpenAPI contract", "petstore_swagger2.yaml")])
def test_every_import_kind_works_from_the_panel(panel, controller, label, fixture):
    from tests.conftest import ROOT
    importer = {i.label: i for i in available_importers()}[label]
    before = len(controller.app.data_sources)
    assert panel.import_file(importer, str(ROOT / "tests" / "fixtures" / "specs" / fixture))
    assert len(controller.app.data_sources) == before + 1
    source = controller.app.data_sources[-1]
    assert source.entities and all(e.fields for e in source.entities)


def test_reimport_from_the_panel_keeps_settings_and_reports_broken_bindings(
        panel, controller, tmp_path):
    from tests.importers.test_reimport_cli import CRM_V1

    importer = {i.label: i for i in available_importers()}["OpenAPI contract"]
    spec = tmp_path / "crm-openapi.yaml"           # the example's crm came from this file
    spec.write_text(CRM_V1.replace("contact_name: {type: string}", ""))
    before = controller.app.model_dump(by_alias=True)
    steps = controller.undo_stack.count()
    assert panel.import_file(importer, str(spec))
    assert controller.undo_stack.count() == steps + 1
    crm = controller.app.source("crm")
    assert [s.name for s in controller.app.data_sources] == ["crm"]
    # what the user tuned survives the re-import
    assert crm.id == "ds_crm" and crm.offline.mode == "offline_read_write"
    assert crm.auth.credential == "crm_api_token"
    text, details = panel.status.text(), panel.status.toolTip()
    assert text.startswith("Updated crm: ") and "binding" in text
    assert "field removed: Customer.contact_name" in details
    assert any("item.contact_name" in line and "screens[" in line
               for line in details.splitlines())
    controller.undo_stack.undo()
    assert controller.app.model_dump(by_alias=True) == before


def test_fields_show_an_icon_per_type_and_their_back_end_name(panel, controller, tmp_path):
    spec = tmp_path / "types.yaml"
    spec.write_text("""
openapi: 3.0.0
info: {title: Types}
components:
  schemas:
    Visit:
      type: object
      properties:
        visit-id: {type: string}
        count: {type: integer}
        amount: {type: number}
        done: {type: boolean}
        day: {type: string, format: date}
        at: {type: string, format: date-time}
        kind: {type: string, enum: [a, b]}
        photo: {type: string, contentMediaType: image/png}
        where: {type: object, properties: {lat: {type: number}, lng: {type: number}}}
        customer: {$ref: '#/components/schemas/Customer'}
        notes: {type: array, items: {$ref: '#/components/schemas/Customer'}}
    Customer: {type: object, properties: {id: {type: string}}}
""")
    importer = {i.label: i for i in available_importers()}["OpenAPI contract"]
    assert panel.import_file(importer, str(spec))
    source_item = panel.tree.topLevelItem(1)
    visit = child_named(source_item, "Visit")
    entity = controller.app.source("types").entity("Visit")
    assert len({f.type for f in entity.fields}) == 11             # every field type
    images = {}
    for i in range(visit.childCount()):
        item = visit.child(i)
        field = entity.field(item.data(0, Qt.ItemDataRole.UserRole)[2])
        images[field.type] = item.icon(0).pixmap(16, 16).toImage()
        assert item.text(1).startswith(field.type)
    kinds = list(images)
    assert all(images[a] != images[b] for a in kinds for b in kinds if a != b)
    visit_id = child_named(visit, "visit_id")
    assert "Back-end name: visit-id" in visit_id.toolTip(0)
    assert "Back-end name" not in child_named(visit, "count").toolTip(0)


def test_reimporting_an_unchanged_file_changes_nothing(panel, controller, tmp_path):
    importer = {i.label: i for i in available_importers()}["CSV file"]
    csv = tmp_path / "orders.csv"
    csv.write_text("id,name,qty\n1,Apple,3\n2,Pear,5\n", "utf-8")
    assert panel.import_file(importer, str(csv))
    controller.undo_stack.setClean()  # as if saved
    steps = controller.undo_stack.count()
    assert panel.import_file(importer, str(csv))
    assert controller.undo_stack.count() == steps and controller.undo_stack.isClean()
    assert "nothing changed" in panel.status.text()
    csv.write_text("id,name,qty\n1,Apple,3\n2,Pear,5\n3,Fig,1\n", "utf-8")
    assert panel.import_file(importer, str(csv))  # a changed file is still re-imported
    assert controller.undo_stack.count() == steps + 1
    assert len(controller.app.source("orders").entities[0].sample_rows) == 3
