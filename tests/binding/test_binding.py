"""Drop plans: field → bound widget of the right kind and root; entity → list or form; detail
screens with a key parameter; every plan applied is valid, undoable and re-doable."""

from __future__ import annotations

import pytest

from designer.binding import (FIELD_WIDGET, screen_for_entity_detail, widget_for_field,
                              widgets_for_entity)
from designer.commands import UndoStack
from designer.model import dumps, load
from designer.model.document import Document
from designer.model.errors import UnknownReferenceError
from designer.model.validate import validate_app

from ..conftest import EXAMPLE


@pytest.fixture()
def doc() -> Document:
    return Document(load(EXAMPLE))


def errors(doc: Document) -> list[str]:
    return [p.format() for p in validate_app(doc.app) if p.severity == "error"]


@pytest.mark.parametrize("field, kind, prop", [
    ("name", "text_input", "value"), ("email", "text_input", "value"),
    ("segment", "dropdown", "value"), ("blocked", "switch", "value"),
    ("last_visit", "date_input", "value"), ("credit_limit", "number_input", "value"),
    ("location", "map", "coordinates"),
])
def test_field_drop_on_a_detail_screen_binds_to_the_loaded_record(doc: Document, field: str,
                                                                  kind: str, prop: str) -> None:
    screen = doc.app.screen("customerDetail")
    plan = widget_for_field(doc, screen, "crm", "Customer", field)
    widget = plan.widget
    assert widget.kind == kind
    assert widget.bindings == {prop: f"customer.{field}"}
    assert plan.screen_changes == [] and plan.root == "customer"
    assert widget.name not in doc.names_in_screen(screen)
    assert widget.id not in doc.all_ids()


def test_field_widgets_carry_source_details(doc: Document) -> None:
    screen = doc.app.screen("customerDetail")
    email = widget_for_field(doc, screen, "crm", "Customer", "email").widget
    assert (email.label, email.input_type) == ("E-mail", "email")
    segment = widget_for_field(doc, screen, "crm", "Customer", "segment").widget
    assert [o.value for o in segment.options] == ["A", "B", "C"]
    name = widget_for_field(doc, screen, "crm", "Customer", "name").widget
    assert [r.rule for r in name.validation] == ["required"]
    limit = widget_for_field(doc, screen, "crm", "Customer", "credit_limit").widget
    assert limit.decimals == 2
    ident = widget_for_field(doc, screen, "crm", "Customer", "id").widget
    assert ident.read_only


def test_field_drop_inside_a_list_binds_to_the_item(doc: Document) -> None:
    screen = doc.app.screen("customers")
    item_row = next(w for w, _ in screen.walk() if w.name == "customerItem")
    plan = widget_for_field(doc, screen, "crm", "Customer", "city", parent_id=item_row.id)
    assert plan.widget.bindings == {"value": "item.city"} and plan.screen_changes == []
    explicit = widget_for_field(doc, screen, "crm", "Customer", "city", "row.customer")
    assert explicit.widget.bindings == {"value": "row.customer.city"}


def test_field_drop_with_nothing_to_bind_adds_a_record_variable(doc: Document) -> None:
    screen = doc.app.screen("customers")
    plan = widget_for_field(doc, screen, "crm", "Visit", "photo")
    assert plan.root == "visit"
    assert plan.widget.kind == "camera_photo"               # a new draft record is editable
    assert plan.widget.bindings == {"value": "visit.photo"}
    stack = UndoStack(doc)
    before = dumps(doc.app)
    stack.push(plan.macro(screen.root.id, 0))
    assert [v.entity for v in screen.variables] == ["crm.Visit"]
    assert errors(doc) == []
    stack.undo()
    assert dumps(doc.app) == before
    stack.redo()
    assert doc.widget(plan.widget.id).bindings == {"value": "visit.photo"}


def test_every_field_type_has_a_widget(doc: Document) -> None:
    for ftype in ("string", "integer", "decimal", "boolean", "date", "datetime", "enum", "image",
                  "geo", "reference", "list"):
        assert ftype in FIELD_WIDGET
    screen = doc.app.screen("orderEntry")
    lines = widget_for_field(doc, screen, "crm", "Order", "lines").widget
    assert lines.kind == "list" and lines.bindings == {"items": "order.lines"}
    labels = [w.bindings.get("text") for w, _ in _walk(lines)]
    assert "item.product_name" in labels                     # item template from OrderLine
    stack = UndoStack(doc)
    stack.push(widget_for_field(doc, screen, "crm", "Order", "lines").macro(screen.root.id, 0))
    assert errors(doc) == []


def _walk(widget):
    stack = [(widget, None)]
    while stack:
        w, p = stack.pop()
        yield w, p
        stack.extend((c, w) for c in getattr(w, "children", []))


def test_entity_drop_as_list_adds_a_query_and_navigates_to_the_detail(doc: Document) -> None:
    screen = doc.app.screen("customers")
    plan = widgets_for_entity(doc, screen, "crm", "Customer", "auto")
    lst = plan.widget
    assert lst.kind == "list" and lst.bindings == {"items": "customers"}   # existing query reused
    assert plan.screen_changes == []
    tap = lst.actions["item_tap"][0]
    assert (tap.screen, tap.params) == ("customerDetail", {"customerId": "item.id"})
    product = widgets_for_entity(doc, screen, "crm", "Product", "list")
    assert product.root == "products" and len(product.screen_changes) == 1
    texts = [w.bindings.get("text") for w, _ in _walk(product.widget)]
    assert "item.name" in texts
    stack = UndoStack(doc)
    stack.push(product.macro(screen.root.id, 2))
    assert screen.data[-1].name == "products" and screen.data[-1].entity == "Product"
    assert errors(doc) == []


def test_entity_drop_as_form_has_every_field_and_a_save_button(doc: Document) -> None:
    screen = doc.app.screen("visitCheckIn")                  # has a crm.Visit variable
    plan = widgets_for_entity(doc, screen, "crm", "Visit", "auto")
    form = plan.widget
    assert form.kind == "column" and plan.root == "visit" and plan.screen_changes == []
    bound = {w.bindings.get("value") for w, _ in _walk(form) if "value" in w.bindings}
    assert bound == {"visit.customer_id", "visit.checked_in_at", "visit.notes", "visit.photo",
                     "visit.signature", "visit.location"}   # `id` is read-only: not entered
    labels = {w.label for w, _ in _walk(form) if hasattr(w, "label") and w.label}
    assert {"Customer", "Checked in", "Notes", "Photo", "Location"} <= labels
    save = form.children[-1]
    assert save.kind == "button"
    assert (save.actions["tap"][0].type, save.actions["tap"][0].operation) == ("submit_form",
                                                                               "create")
    stack = UndoStack(doc)
    stack.push(plan.macro(screen.root.children[0].id, 0))
    assert errors(doc) == []


def test_detail_screen_with_key_parameter_query_and_navigation(doc: Document) -> None:
    screen = doc.app.screen("orderEntry")
    products = next(w for w, _ in screen.walk() if w.name == "productPicker")
    plan = screen_for_entity_detail(doc, "crm", "Product", products.id)
    detail = plan.screen
    assert (detail.name, plan.parameter) == ("productDetail", "productSku")
    assert [(p.name, p.type) for p in detail.parameters] == [("productSku", "string")]
    query = detail.data[0]
    assert (query.mode, query.entity, query.key, query.name) == ("one", "Product", "productSku",
                                                                 "product")
    texts = [w.bindings for w, _ in detail.walk() if w.bindings]
    assert {"text": "product.name"} in texts
    assert {"src": "product.image"} in texts
    stack = UndoStack(doc)
    before = dumps(doc.app)
    stack.push(plan.macro())
    nav = doc.widget(products.id).actions["item_tap"][0]
    assert (nav.screen, nav.params) == ("productDetail", {"productSku": "item.sku"})
    assert errors(doc) == []
    stack.undo()
    assert dumps(doc.app) == before


def test_detail_plan_names_are_unique(doc: Document) -> None:
    first = screen_for_entity_detail(doc, "crm", "Customer")
    assert first.screen.name == "customerDetail1"             # customerDetail exists
    assert first.parameter == "customerId"


def test_unknown_references_are_refused(doc: Document) -> None:
    screen = doc.app.screen("customers")
    with pytest.raises(UnknownReferenceError):
        widget_for_field(doc, screen, "nope", "Customer", "name")
    with pytest.raises(UnknownReferenceError):
        widget_for_field(doc, screen, "crm", "Nope", "name")
    with pytest.raises(UnknownReferenceError):
        widget_for_field(doc, screen, "crm", "Customer", "nope")


def test_imported_sources_bind_cleanly(doc: Document) -> None:
    from designer.commands import AddDataSource
    from designer.importers import import_file

    from ..importers.helpers import SPECS

    stack = UndoStack(doc)
    for kind, spec in (("openapi", "petstore_v3.yaml"), ("odata", "sap_gateway_v2.xml"),
                       ("odata", "northwind_v4.xml"), ("openapi", "crm_v31.json")):
        source = import_file(kind, SPECS / spec).source
        stack.push(AddDataSource(source))
        screen = doc.app.screen("customers")
        for entity in source.entities:
            for mode in ("list", "form"):
                plan = widgets_for_entity(doc, screen, source.name, entity.name, mode)
                stack.push(plan.macro(screen.root.id, len(screen.root.children)))
            if entity.key:
                stack.push(screen_for_entity_detail(doc, source.name, entity.name).macro())
    assert errors(doc) == []


def test_form_dropped_into_a_bare_container_gets_padding(doc: Document) -> None:
    screen = doc.app.screen("visitCheckIn")
    bare = screen.root                                      # a scroll without padding
    padded = screen.root.children[0]                        # a column with 16 px padding
    into_bare = widgets_for_entity(doc, screen, "crm", "Visit", "form", parent_id=bare.id)
    into_padded = widgets_for_entity(doc, screen, "crm", "Visit", "form", parent_id=padded.id)
    assert into_bare.widget.padding.left == 16
    assert into_padded.widget.padding.left == 0
