"""The bundled example against a back end with its own field names (``DataField.wire_name``)."""

from __future__ import annotations

from typing import Any

from designer.model import App


#: Back-end names that are not identifiers, per entity of the example (model name -> wire name).
WIRE_NAMES = {
    "Customer": {"id": "Customer ID", "name": "company-name", "contact_name": "first-name",
                 "credit_limit": "credit.limit"},
    "Visit": {"customer_id": "Customer ID", "notes": "visit-notes", "signature": "sig:image"},
    "Order": {"customer_id": "Customer ID", "total": "Order Total"},
    # the items of Order.lines (a list field of OrderLine records)
    "OrderLine": {"product_sku": "Product SKU", "quantity": "Qty", "line_total": "line-total"},
}

#: Lines of order O-5001 on the server (model names), for the order screen.
LINES = [
    {"product_sku": "000123", "product_name": "Trail Backpack 30L", "quantity": 2,
     "unit_price": 89.9, "line_total": 179.8},
    {"product_sku": "010455", "product_name": "Espresso Beans 1kg", "quantity": 3,
     "unit_price": 18, "line_total": 54},
]


def with_wire_names(app: App) -> App:
    """The example as an OData back end that names fields its own way (``first-name`` …); the
    customer list asks the server to sort by name (``$orderby``, written with model names)."""
    data = app.model_dump(mode="json", by_alias=True)
    for source in data["data_sources"]:
        source["kind"] = "odata"
        for entity in source["entities"]:
            for f in entity["fields"]:
                f["wire_name"] = WIRE_NAMES.get(entity["name"], {}).get(f["name"], "")
            for op in entity["operations"]:
                if entity["name"] == "Customer" and op["kind"] == "list":
                    op["path"] += "?$orderby=name desc,city&$select=id,name,contact_name,city"
    return App.model_validate(data)


def _label(name: str, text: str, grow: bool = False) -> dict[str, Any]:
    layout = {"layout": {"grow": 1.0}} if grow else {}
    return {"kind": "label", "id": f"w_{name}", "name": name, "text": "",
            "bindings": {"text": text}, **layout}


#: An order with its lines (read from the server), editable notes, saved with the update (PUT).
ORDER_SCREEN = {
    "id": "s_orderView", "name": "orderView", "title": "Order",
    "parameters": [{"name": "orderId"}],
    "data": [{"name": "order", "source": "crm", "entity": "Order", "mode": "one",
              "key": "orderId"}],
    "root": {"kind": "column", "id": "w_orderViewRoot", "name": "orderViewRoot", "gap": 12.0,
             "padding": {"top": 16.0, "right": 16.0, "bottom": 16.0, "left": 16.0}, "children": [
        {"kind": "heading", "id": "w_orderViewTitle", "name": "orderViewTitle", "text": "Order",
         "bindings": {"text": '"Order " + order.id'}},
        {"kind": "list", "id": "w_viewLines", "name": "viewLines", "empty_text": "No lines",
         "bindings": {"items": "order.lines"}, "children": [
             {"kind": "row", "id": "w_viewLine", "name": "viewLine", "children": [
                 _label("viewLineName", 'format_number(item.quantity) + " × " + item.product_name',
                        grow=True),
                 _label("viewLineSku", '"SKU " + item.product_sku')]}]},
        _label("viewTotal", '"Lines total: " + format_currency(sum(order.lines, "line_total"),'
                            ' "EUR")'),
        {"kind": "text_input", "id": "w_viewNotes", "name": "viewNotes", "label": "Order notes",
         "bindings": {"value": "order.notes"}},
        {"kind": "button", "id": "w_saveOrder", "name": "saveOrder", "text": "Save order",
         "actions": {"tap": [
             {"type": "submit_form", "source": "crm", "entity": "Order", "operation": "update",
              "record": "order"},
             {"type": "show_message", "text": '"Order updated"', "level": "success"}]}}]},
}

#: On the customer's detail: their orders, each opening the order screen.
ORDER_LIST = {
    "kind": "list", "id": "w_orderList", "name": "orderList", "bindings": {"items": "orders"},
    "actions": {"item_tap": [{"type": "navigate", "screen": "orderView",
                              "params": {"orderId": "item.id"}}]},
    "children": [_label("orderListId", '"Order " + item.id + " · " + item.status')]}


def with_order_screen(app: App) -> App:
    """The example plus an order screen (lines, notes, save) opened from the customer's
    orders on their detail screen."""
    data = app.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for screen in data["screens"]:
        if screen["name"] == "customerDetail":
            screen["root"]["children"][0]["children"].append(ORDER_LIST)
    data["screens"].append(ORDER_SCREEN)
    return App.model_validate(data)
