"""Runnable targets for the behaviour scenarios: each builds the example app against a mock
back end URL and returns the folder to serve."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from designer.model import App
from exporters import ExportOptions, get

from exporters.react_native.project import env_name
from tests.exporters_rn.expo_toolchain import ExpoToolchain, export_web


def with_scan_button(app: App) -> App:
    """The example with a "Scan a code" button (the scan_barcode action) on the start screen
    and a label showing the scanned code."""
    data = app.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    start = next(s for s in data["screens"] if s["name"] == "customers")
    start.setdefault("variables", []).append({"name": "code", "type": "string"})
    start["root"]["children"][:0] = [
        {"kind": "button", "id": "w_scanCode", "name": "scanCode", "text": "Scan a code",
         "actions": {"tap": [{"type": "scan_barcode", "target": "code"}]}},
        {"kind": "label", "id": "w_scannedCode", "name": "scannedCode", "text": "",
         "bindings": {"text": '"Code: " + code'}}]
    return App.model_validate(data)


def with_contact_editor(app: App, policy: str) -> App:
    """The example with ``policy`` for Customer and an "Edit contact" button on the customer
    detail opening a screen that edits the contact (submit_form update, sent as a PATCH)."""
    data = app.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for entity in data["data_sources"][0]["entities"]:
        if entity["name"] == "Customer":
            entity["offline"] = {"mode": "offline_read_write", "conflict": policy}
    detail = next(s for s in data["screens"] if s["name"] == "customerDetail")
    detail["root"]["children"][0]["children"].append(
        {"kind": "button", "id": "w_editContact", "name": "editContact", "text": "Edit contact",
         "actions": {"tap": [{"type": "navigate", "screen": "customerEdit",
                              "params": {"customerId": "customerId"}}]}})
    data["screens"].append({
        "id": "s_customerEdit", "name": "customerEdit", "title": "Edit contact",
        "parameters": [{"name": "customerId"}],
        "data": [{"name": "customer", "source": "crm", "entity": "Customer", "mode": "one",
                  "key": "customerId"}],
        "root": {"kind": "column", "id": "w_editRoot", "name": "editRoot", "children": [
            {"kind": "label", "id": "w_editing", "name": "editing", "text": "",
             "bindings": {"text": '"Editing " + customer.name'}},
            {"kind": "text_input", "id": "w_contact", "name": "contact", "label": "Contact",
             "bindings": {"value": "customer.contact_name"}},
            {"kind": "button", "id": "w_saveContact", "name": "saveContact", "text": "Save",
             "actions": {"tap": [{"type": "submit_form", "source": "crm", "entity": "Customer",
                                  "operation": "update", "record": "customer"}]}}]}})
    return App.model_validate(data)


def _text(name: str, text: str) -> dict:
    return {"kind": "label", "id": f"w_{name}", "name": name, "text": "",
            "bindings": {"text": text}}


def with_order_items(app: App) -> App:
    """Orders and their items as separate records, as most back ends keep them: an OrderItem
    points at its Order by a reference field (``order_id``, a record holding the order's key), and the server assigns both keys.
    The customer detail gets "Start order" (creates a draft order for the customer) and their
    orders; an order opens a screen that adds items to it ("Add item")."""
    data = app.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data["data_sources"][0]["entities"].append({
        "name": "OrderItem", "label": "Order item", "key": ["id"],
        "fields": [{"name": "id", "label": "Item no.", "read_only": True},
                   {"name": "order_id", "label": "Order", "type": "reference", "entity": "Order",
                    "required": True},
                   {"name": "product_sku", "label": "Product SKU"}],
        "operations": [{"kind": "list", "path": "/order_items"},
                       {"kind": "get", "path": "/order_items/{id}", "params": [
                           {"name": "id", "required": True, "value": "record.id"}]},
                       {"kind": "create", "method": "POST", "path": "/order_items"}],
        "offline": {"mode": "offline_read_write", "conflict": "server_wins"}})
    detail = next(s for s in data["screens"] if s["name"] == "customerDetail")
    detail.setdefault("variables", []).append({"name": "draft", "type": "record", "entity": "crm.Order"})
    detail["root"]["children"][0]["children"] += [
        {"kind": "button", "id": "w_startOrder", "name": "startOrder", "text": "Start order",
         "actions": {"tap": [
             {"type": "set_variable", "name": "draft.customer_id", "value": "customerId"},
             {"type": "set_variable", "name": "draft.status", "value": '"draft"'},
             {"type": "submit_form", "source": "crm", "entity": "Order", "operation": "create",
              "record": "draft"},
             {"type": "show_message", "text": '"Order started"', "level": "success"}]}},
        {"kind": "list", "id": "w_draftOrders", "name": "draftOrders",
         "bindings": {"items": "orders"},
         "actions": {"item_tap": [{"type": "navigate", "screen": "orderItems",
                                   "params": {"orderId": "item.id"}}]},
         "children": [_text("draftOrderLabel", 'item.status + " order"')]}]
    data["screens"].append({
        "id": "s_orderItems", "name": "orderItems", "title": "Order items",
        "parameters": [{"name": "orderId"}],
        "variables": [{"name": "item", "type": "record", "entity": "crm.OrderItem"}],
        "data": [{"name": "order", "source": "crm", "entity": "Order", "mode": "one",
                  "key": "orderId"},
                 {"name": "items", "source": "crm", "entity": "OrderItem",
                  "filter": "row.order_id.id == orderId"}],
        "root": {"kind": "column", "id": "w_itemsRoot", "name": "itemsRoot", "children": [
            _text("itemsOrder", '"Order " + order.id + " of " + order.customer_id'),
            _text("itemsParam", '"Opened as " + orderId'),
            {"kind": "list", "id": "w_itemList", "name": "itemList", "empty_text": "No items",
             "bindings": {"items": "items"},
             "children": [_text("itemLabel", 'item.product_sku + " in " + item.order_id.id')]},
            {"kind": "text_input", "id": "w_sku", "name": "sku", "label": "Product SKU",
             "bindings": {"value": "item.product_sku"}},
            {"kind": "button", "id": "w_addItem", "name": "addItem", "text": "Add item",
             "actions": {"tap": [
                 {"type": "set_variable", "name": "item.order_id.id", "value": "orderId"},
                 {"type": "submit_form", "source": "crm", "entity": "OrderItem",
                  "operation": "create", "record": "item"},
                 {"type": "show_message", "text": '"Item added"', "level": "success"}]}}]}})
    return App.model_validate(data)


def with_paged_customers(app: App) -> App:
    """The example against a back end that pages its customers (two a page, by cursor), puts
    them at ``data.customers`` and refuses a list without its tenant header (a run-time
    configuration value) and its ``status`` query parameter; a customer is read and changed
    at ``/customers/{customer_id}``, a placeholder filled from the record's ``id``."""
    data = app.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for entity in data["data_sources"][0]["entities"]:
        if entity["name"] == "Customer":
            listing = next(o for o in entity["operations"] if o["kind"] == "list")
            listing.update(result=["data", "customers"], paging={
                "style": "cursor", "next": ["meta", "next_cursor"], "param": "after",
                "size_param": "limit", "page_size": 2}, params=[
                {"name": "tenant", "wire_name": "X-Tenant-Id", "location": "header",
                 "required": True, "config": "tenant"},
                {"name": "status", "location": "query", "required": True,
                 "value": '"active"'}])
            # GitHub-style: the item path's placeholder is not named after the key field
            for op in entity["operations"]:
                if op["kind"] in ("get", "update"):
                    op.update(path="/customers/{customer_id}", params=[
                        {"name": "customer_id", "location": "path", "required": True,
                         "value": "record.id"}])
    return App.model_validate(data)


def with_multipart_visits(app: App) -> App:
    """Visits created as multipart/form-data (the shelf photo and the signature as files), as
    APIs that take uploads want them; the back end refuses a JSON body for it."""
    data = app.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for entity in data["data_sources"][0]["entities"]:
        if entity["name"] == "Visit":
            for op in entity["operations"]:
                if op["kind"] == "create":
                    op["body"] = "multipart"
    return App.model_validate(data)


def with_etags(app: App) -> App:
    """Customer under the back end's optimistic concurrency: changes send If-Match."""
    data = app.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for entity in data["data_sources"][0]["entities"]:
        if entity["name"] == "Customer":
            entity["concurrency"] = "etag"
    return App.model_validate(data)


def with_online_customers(app: App) -> App:
    """Customer changes sent at once (cached_read: no outbox), the policy most apps start with."""
    data = app.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for entity in data["data_sources"][0]["entities"]:
        if entity["name"] == "Customer":
            entity["offline"] = {"mode": "cached_read"}
    return App.model_validate(data)


def with_sap_gateway(app: App) -> App:
    """The example's back end as a SAP Gateway OData V2 service: DataServiceVersion headers,
    and writes only with the CSRF token the service gives out."""
    data = app.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data["data_sources"][0].update(kind="odata", odata_version="2.0", csrf=True)
    return App.model_validate(data)


#: Customer's OData v4 calls: a bound action (parameters in a JSON body) and a bound function
#: (parameters as OData literals in `@` aliases), as the OData importer writes them.
CALLS = [
    {"kind": "call", "name": "confirm", "operation_id": "Crm.Confirm", "method": "POST",
     "path": "/customers/{id}/Crm.Confirm", "result": ["value"], "params": [
         {"name": "id", "location": "path", "required": True, "value": "record.id"},
         {"name": "reason", "location": "body", "required": True},
         {"name": "count", "location": "body", "type": "integer"}]},
    {"kind": "call", "name": "score", "operation_id": "Crm.Score", "method": "GET",
     "path": "/customers/{id}/Crm.Score(asOf=@asOf,label=@label)", "result": ["value"],
     "params": [
         {"name": "id", "location": "path", "required": True, "value": "record.id"},
         {"name": "asOf", "wire_name": "@asOf", "location": "query", "type": "date",
          "required": True},
         {"name": "label", "wire_name": "@label", "location": "query", "required": True}]},
]


def with_calls(app: App) -> App:
    """The example's back end as an OData v4 service with Customer's calls, run from the
    detail screen: "Confirm visit" (the action) and "Check score" (the function, its answer
    kept in the screen variable `score` and shown)."""
    data = app.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data["data_sources"][0].update(kind="odata", odata_version="4.0")
    customer = next(e for e in data["data_sources"][0]["entities"] if e["name"] == "Customer")
    customer["operations"] += CALLS
    screen = next(s for s in data["screens"] if s["name"] == "customerDetail")
    screen.setdefault("variables", []).append({"name": "score", "type": "string"})
    call = {"type": "call_operation", "source": "crm", "entity": "Customer", "record": "customer"}
    screen["root"]["children"][0]["children"][1:1] = [
        {"kind": "button", "id": "w_confirmVisit", "name": "confirmVisit", "text": "Confirm visit",
         "actions": {"tap": [{**call, "operation": "confirm",
                              "args": {"reason": '"Visit done"', "count": "2"}}]}},
        {"kind": "button", "id": "w_checkScore", "name": "checkScore", "text": "Check score",
         "actions": {"tap": [{**call, "operation": "score", "target": "score", "args": {
             "asOf": '"2026-12-07"', "label": "customer.name + \"'s\""}}]}},
        {"kind": "label", "id": "w_scoreText", "name": "scoreText", "visible_when": "score != \"\"",
         "bindings": {"text": '"Score: " + score'}, "text": "Score"}]
    return App.model_validate(data)


def build_react_native_web(app: App, api_url: str, work: Path, site: Path,
                           tools: ExpoToolchain, model_file: str = "") -> None:
    """Export the Expo project as it is and build it with the Expo CLI (Metro,
    react-native-web) into ``site``; the back end's URL is a run-time setting, given as a
    deployer would (EXPO_PUBLIC_<SOURCE>_BASE_URL; same origin, so the path alone)."""
    get("react-native").export(app, work / "project", ExportOptions(model_file=model_file))
    configure = work / "project" / "app.json"
    config = json.loads(configure.read_text("utf-8"))
    for source in config["expo"]["extra"]["fieldcraft"]["dataSources"].values():
        for name in source.get("params", {}):
            source["params"][name] = f"test-{name}"  # what a deployer fills in (a tenant id)
    configure.write_text(json.dumps(config, indent=2), "utf-8")
    path = "/" + api_url.split("://", 1)[-1].split("/", 1)[1]
    export_web(work / "project", tools, site, {env_name(s.name): path for s in app.data_sources})


def build_pwa(app: App, api_url: str, work: Path, site: Path, tools: ExpoToolchain,
              model_file: str = "") -> None:
    """Export the PWA into ``site`` and configure its endpoint as a deployer would."""
    from tests.pwa.backend import point_config_at

    get("pwa").export(app, site, ExportOptions(assets_dir=work / "assets", model_file=model_file))
    point_config_at(site, api_url)


BUILDERS: dict[str, Callable[..., None]] = {
    "react-native-web": build_react_native_web,
    "pwa": build_pwa,
}
