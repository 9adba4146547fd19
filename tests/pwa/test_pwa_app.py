"""The exported example app in chromium against a mock REST back end: list, search, detail,
validation, offline outbox (exactly once) and every conflict policy."""

from __future__ import annotations

from typing import Any

import pytest

from playwright.sync_api import expect

from designer.model import App, Screen
from tests.pwa.wire import with_wire_names

pytestmark = pytest.mark.browser


def names(page: Any) -> Any:
    return page.locator("[data-fc='customerList'] [data-fc='customerName']")


def rows(page: Any) -> list[str]:
    return names(page).all_inner_texts()


def test_list_loads_search_filters_and_tap_opens_the_right_record(serve: Any, example: App) -> None:
    s = serve(example)
    page = s.open()
    page.wait_for_selector("[data-fc='customerName']")
    assert sorted(rows(page)) == sorted(r["name"] for r in s.backend.rows["Customer"])
    assert rows(page)[0] == "Alpine Outdoor GmbH"  # sorted by name as the query says
    assert page.locator("#fc-title").inner_text() == "Customers"
    assert page.locator("[data-fc='customersTitle']").inner_text() == "My customers"  # t()

    search = page.get_by_role("searchbox", name="Search customers")
    search.fill("riviera")
    expect(names(page)).to_have_text(["Café Riviera"])
    search.fill("epicerie")  # accents are folded
    expect(names(page)).to_have_text(["Épicerie du Port"])
    search.fill("zzz-nobody")
    page.wait_for_selector(".fc-empty:not([hidden])")
    search.fill("")
    expect(names(page)).to_have_count(6)

    page.get_by_role("button", name="Café Riviera").click()
    s.wait_ready("customerDetail")
    assert page.locator("[data-fc='detailName']").inner_text() == "Café Riviera"
    assert page.locator("[data-fc='contactPhone']").inner_text() == "+39 02 5551234"
    assert "customerId=C-1003" in page.url
    assert page.locator("[data-fc='blockedNotice']").is_hidden()
    assert page.locator("[data-fc='creditLimit']").inner_text() == "Credit limit: €12,000.00"
    # tel:/mailto:/maps links are built from the record
    assert page.locator("[data-fc='customerMap'] a").get_attribute("href").startswith(
        "https://www.google.com/maps/search/?api=1&query=Via%20Torino")
    # the API got the bearer token from config.json, never from the code
    assert {r["auth"] for r in s.backend.requests if r["path"].startswith("/api")} == {
        "Bearer test-token"}

    page.go_back()  # browser history
    s.wait_ready("customers")
    page.get_by_role("button", name="Épicerie du Port").click()
    s.wait_ready("customerDetail")
    assert page.locator("[data-fc='blockedNotice']").is_visible()  # blocked customer
    assert page.locator("[data-fc='newOrderButton']").is_hidden()
    page.get_by_role("button", name="Back").click()
    s.wait_ready("customers")


def draw_signature(page: Any) -> None:
    box = page.locator(".fc-signature-pad").bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 40)
    page.mouse.down()
    for i in range(1, 12):
        page.mouse.move(box["x"] + 20 + i * 20, box["y"] + 40 + (i % 3) * 25)
    page.mouse.up()


def test_form_validation_blocks_bad_input(serve: Any, example: App) -> None:
    s = serve(example)
    page = s.open("#/visitCheckIn?customerId=C-1002")
    s.wait_sync("synced")
    save = page.locator("[data-fc='saveVisit']")
    save.click()
    notes = page.get_by_label("Notes")
    page.wait_for_selector("text=Please add a short note")
    assert page.get_by_text("The customer must sign").is_visible()
    assert notes.get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == notes.get_attribute("id")
    assert s.backend.writes() == []

    notes.fill("x" * 2001)  # too long: still blocked
    draw_signature(page)
    save.click()
    page.wait_for_selector("text=Keep notes under 2000 characters")
    assert s.backend.writes() == []

    notes.fill("Talked about the spring range.")
    assert page.get_by_text("The customer must sign").is_hidden()
    save.click()
    s.wait_ready("customers")  # go_back after saving (the visit was opened directly)
    s.wait_sync("synced")
    [post] = s.backend.writes()
    assert post["method"] == "POST" and post["path"] == "/api/visits"
    assert post["body"]["notes"] == "Talked about the spring range."
    assert post["body"]["customer_id"] == "C-1002"
    assert post["body"]["signature"].startswith("data:image/png;base64,")
    assert post["body"]["checked_in_at"][:2] == "20" and "T" in post["body"]["checked_in_at"]


def order_offline(s: Any, page: Any) -> None:
    page.get_by_role("button", name="Alpine Outdoor GmbH").click()
    s.wait_ready("customerDetail")
    page.locator("[data-fc='newOrderButton']").click()
    s.wait_ready("orderEntry")
    total = page.locator("[data-fc='orderTotal']")
    assert total.inner_text() == "Total: €0.00"  # a new order has no lines (null): sum is 0
    page.get_by_role("button", name="Espresso Beans 1kg").click()
    page.wait_for_selector("[data-fc='selectedProduct']:has-text('Espresso Beans 1kg')")
    page.get_by_label("Quantity").fill("3")
    page.locator("[data-fc='addLine']").click()
    page.wait_for_selector("[data-fc='lineName']:has-text('3 × Espresso Beans 1kg')")
    assert page.locator("[data-fc='orderTotal']").inner_text() == "Total: €54.00"
    page.locator("[data-fc='submitOrder']").click()


def test_order_created_offline_survives_reload_and_is_delivered_exactly_once(
        serve: Any, example: App) -> None:
    s = serve(example)
    page = s.open()
    s.wait_sync("synced")  # prefetch filled the cache
    s.wait_service_worker()
    s.set_offline(True)
    s.wait_sync("offline")
    order_offline(s, page)
    page.wait_for_selector("text=Order saved; it will be sent when online")
    s.wait_ready("customerDetail")
    page.wait_for_selector("#fc-sync:has-text('1 pending')")
    assert s.backend.writes() == []

    page.reload()  # offline: the service worker serves the app shell
    s.wait_ready("customerDetail")
    assert page.locator("[data-fc='detailName']").inner_text() == "Alpine Outdoor GmbH"
    page.wait_for_selector("#fc-sync:has-text('1 pending')")
    assert s.backend.writes() == []

    s.set_offline(False)
    s.wait_sync("synced")
    posts = s.backend.writes()
    assert [(p["method"], p["path"]) for p in posts] == [("POST", "/api/orders")]
    body = posts[0]["body"]
    assert body["customer_id"] == "C-1001" and body["total"] == 54
    assert body["lines"] == [{"line_total": 54, "product_name": "Espresso Beans 1kg",
                              "product_sku": "010455", "quantity": 3, "unit_price": 18}]
    assert "id" not in body  # read-only key: assigned by the server
    page.reload()
    s.wait_ready("customerDetail")
    s.wait_sync("synced")
    assert len(s.backend.writes()) == 1
    assert sum(1 for o in s.backend.rows["Order"] if o["customer_id"] == "C-1001") == 3


def with_edit_screen(app: App, policy: str) -> App:
    """The example plus a screen editing a customer's contact, with ``policy`` for Customer."""
    data = app.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for entity in data["data_sources"][0]["entities"]:
        if entity["name"] == "Customer":
            entity["offline"] = {"mode": "offline_read_write", "conflict": policy}
    edit = Screen.model_validate({
        "id": "s_edit", "name": "customerEdit", "title": "Edit contact",
        "parameters": [{"name": "customerId"}],
        "data": [{"name": "customer", "source": "crm", "entity": "Customer", "mode": "one",
                  "key": "customerId"}],
        "root": {"kind": "column", "id": "w_editRoot", "name": "editRoot", "children": [
            {"kind": "text_input", "id": "w_contact", "name": "contact", "label": "Contact",
             "bindings": {"value": "customer.contact_name"}},
            {"kind": "button", "id": "w_save", "name": "save", "text": "Save",
             "actions": {"tap": [{"type": "submit_form", "source": "crm", "entity": "Customer",
                                  "operation": "update", "record": "customer"}]}}]}})
    data["screens"].append(edit.model_dump(mode="json", exclude_defaults=True))
    return App.model_validate(data)


@pytest.mark.parametrize("policy,server_edit_after_client,winner,wire", [
    ("server_wins", True, "server", False),
    ("client_wins", True, "client", False),
    ("last_write_wins", True, "server", False),
    ("last_write_wins", False, "client", False),
    ("ask_user", True, "client", False),
    ("last_write_wins", True, "server", True),   # an OData back end naming fields its own way
    ("ask_user", True, "client", True),
])
def test_conflict_policy_decides(serve: Any, example: App, policy: str,
                                 server_edit_after_client: bool, winner: str, wire: bool) -> None:
    s = serve(with_edit_screen(with_wire_names(example) if wire else example, policy))
    page = s.open("#/customerEdit?customerId=C-1004")
    s.wait_sync("synced")
    contact = page.get_by_label("Contact")
    assert contact.input_value() == "Sam O'Neill"
    s.set_offline(True)
    s.wait_sync("offline")
    if not server_edit_after_client:
        s.backend.server_edit("Customer", "C-1004", contact_name="Server Name", city="Chelsea")
        page.wait_for_timeout(20)  # the local change must be later than the server's
    contact.fill("Client Name")
    page.locator("[data-fc='save']").click()
    page.wait_for_selector("#fc-sync:has-text('1 pending')")
    if server_edit_after_client:
        page.wait_for_timeout(20)
        s.backend.server_edit("Customer", "C-1004", contact_name="Server Name", city="Chelsea")
    s.set_offline(False)
    if policy == "ask_user":
        dialog = page.get_by_role("dialog", name="Changed on the server")
        dialog.wait_for()
        assert dialog.locator(".fc-conflict-mine").first.inner_text() == "Client Name"
        assert dialog.locator(".fc-conflict-server").first.inner_text() == "Server Name"
        dialog.get_by_role("button", name="Keep mine").click()
    s.wait_sync("synced")
    server = s.backend.find("Customer", "C-1004")
    patches = s.backend.writes("PATCH")
    if winner == "client":
        assert server["contact_name"] == "Client Name"
        assert len(patches) == 1 and patches[0]["body"] == {"contact_name": "Client Name"}
        assert patches[0]["raw"] == {"first-name" if wire else "contact_name": "Client Name"}
    else:
        assert server["contact_name"] == "Server Name"
        assert patches == []
    assert server["city"] == "Chelsea"  # PATCH sends only the changed field
    page.reload()
    s.wait_ready("customerEdit")
    assert page.get_by_label("Contact").input_value() == server["contact_name"]
