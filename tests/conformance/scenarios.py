"""Behaviour scenarios, written once against ``Driver`` and the mock back end, run for every
target that can run here. They use the bundled example app (customers → detail → visit/order).
"""

from __future__ import annotations

import json
import re
import struct
import tempfile
import time
import zlib
from collections import Counter
from contextlib import nullcontext
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from .call_scenarios import odata_calls
from .driver import Driver

Scenario = Callable[[Driver, Any], None]


def wait_for(check: Callable[[], bool], what: str, timeout: float = 20) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def posts(backend: Any, path: str) -> list[dict[str, Any]]:
    return [r for r in backend.requests if r["method"] == "POST" and r["path"] == path]


def list_and_search(app: Driver, backend: Any) -> None:
    """The start screen lists every customer from the back end; search narrows the list."""
    app.open()
    for name in ("Alpine Outdoor GmbH", "Bäckerei Sonnenschein", "Café Riviera",
                 "Delta Hardware Ltd", "Épicerie du Port", "Fjord Fisk AS"):
        app.wait_text(name)
    app.type("Search customers", "riviera")
    app.wait_gone("Alpine Outdoor GmbH")
    assert app.visible("Café Riviera")


def paged_list(app: Driver, backend: Any) -> None:
    """A list the back end pages by cursor, at a declared result path, with a required tenant
    header from the run-time configuration: every page is fetched, each with the header."""
    app.open()
    for name in ("Alpine Outdoor GmbH", "Bäckerei Sonnenschein", "Café Riviera",
                 "Delta Hardware Ltd", "Épicerie du Port", "Fjord Fisk AS"):
        app.wait_text(name)
    lists = [r for r in backend.requests if r["method"] == "GET" and r["path"] == "/api/customers"]
    assert {r.get("status") for r in lists} == {200}, lists
    # each load of the list (the screen's, the offline prefetch's) walks the three pages
    cursors = Counter(dict(parse_qsl(r["query"])).get("after") for r in lists)
    assert set(cursors) == {None, "c2", "c4"} and len(set(cursors.values())) == 1, cursors
    assert all(dict(parse_qsl(r["query"])).get("limit") == "2" for r in lists)
    assert all(dict(parse_qsl(r["query"])).get("status") == "active" for r in lists)
    assert all(r.get("tenant") == "test-tenant" for r in lists)


def detail_via_placeholder(app: Driver, backend: Any) -> None:
    """The detail of a customer whose item path names its placeholder `{customer_id}` (not
    the key field `id`): the tapped record's key fills it, and the back end answers."""
    app.open()
    app.tap("Café Riviera")
    app.wait_text("Chiara Rossi")
    app.wait_text("Credit limit: €12,000.00")
    reads = [r for r in backend.requests if r["method"] == "GET"
             and r["path"].startswith("/api/customers/")]
    assert reads and {(r["path"], r.get("status")) for r in reads} == {
        ("/api/customers/C-1003", 200)}, reads


def detail(app: Driver, backend: Any) -> None:
    """Tapping a customer opens its detail with bound and formatted fields."""
    app.open()
    app.tap("Café Riviera")
    app.wait_text("Chiara Rossi")
    app.wait_text("Credit limit: €12,000.00")
    assert app.visible("chiara@riviera.example")
    assert any(r["path"] == "/api/customers/C-1003" for r in backend.requests)


def validation(app: Driver, backend: Any) -> None:
    """Submitting the visit form empty shows the rule messages and sends nothing."""
    app.open()
    app.tap("Café Riviera")
    app.tap("Check in")
    app.wait_text("Visit: Café Riviera")
    app.tap("Check in")
    app.wait_text("Please add a short note")
    app.wait_text("The customer must sign")
    app.type("Notes", "Shelf space agreed")
    app.wait_gone("Please add a short note")
    assert posts(backend, "/api/visits") == []


def offline_outbox(app: Driver, backend: Any) -> None:
    """A visit saved offline is kept in the outbox and delivered exactly once when online."""
    app.open()
    app.tap("Café Riviera")
    app.tap("Check in")
    app.wait_text("Visit: Café Riviera")
    app.offline()
    app.type("Notes", "Offline visit note")
    app.draw("Customer signature")
    app.tap("Check in")
    app.wait_text("Visit saved")
    app.wait_text("1 pending")  # queued in the outbox (offline: it cannot have been sent)
    assert posts(backend, "/api/visits") == []
    app.online()
    wait_for(lambda: len(posts(backend, "/api/visits")) == 1, "the visit to be delivered")
    app.wait_idle()  # nothing more is sent or waits to be
    sent = posts(backend, "/api/visits")
    assert len(sent) == 1, sent
    body = sent[0]["body"]
    assert body["notes"] == "Offline visit note" and body["customer_id"] == "C-1003"
    assert str(body["signature"]).startswith("data:image/"), "the drawn signature is sent"
    assert sent[0]["key"], "delivered with an Idempotency-Key"


def unreachable_back_end(app: Driver, backend: Any) -> None:
    """A back end that was never reached, with nothing cached: the start screen says it could
    not load and that nothing was synced yet, with a Retry — never "Up to date" or an empty
    list; Retry once the back end answers lists the customers."""
    backend.drop = True  # every API connection is closed unanswered
    with app.provoked("net::ERR_EMPTY_RESPONSE"):
        app.open()
        app.wait_text("Could not load data")
        app.wait_text("Not synced yet")
        assert not app.visible("Up to date")
        assert not app.visible("Alpine Outdoor GmbH")
        assert any(r.get("dropped") for r in backend.requests), "the calls were made"
        backend.drop = False      # before the declaration ends: later calls are answered
    app.tap("Retry")
    app.wait_text("Alpine Outdoor GmbH")
    app.wait_gone("Could not load data")


def sync_after_server_error(app: Driver, backend: Any) -> None:
    """An order refused with 503 stays queued; "Sync now" delivers it once."""
    backend.fail_writes = 1
    app.open()
    app.tap("Café Riviera")
    app.tap("New order")
    app.wait_text("Order for Café Riviera")
    app.tap_text("Espresso Beans 1kg")
    app.type("Quantity", "3")
    app.tap("Add")
    app.wait_text("€54.00")
    with app.provoked("HTTP 503"):
        app.tap("Submit order")
        wait_for(lambda: any(r["method"] == "POST" and r["path"] == "/api/orders"
                             for r in backend.requests), "the first (refused) delivery")
        app.wait_text("1 pending")  # the app has taken the refusal: the order stays queued
    assert backend.rows["Order"] == [] or all(r.get("customer_id") != "C-1003"
                                              or r.get("lines") is None
                                              for r in backend.rows["Order"])
    app.back()
    app.wait_text("Fjord Fisk AS")
    app.tap("Sync now")
    wait_for(lambda: any(r.get("total") == 54 for r in backend.rows["Order"]),
             "the order to be stored")
    stored = [r for r in backend.rows["Order"] if r.get("total") == 54]
    assert len(stored) == 1
    assert stored[0]["lines"][0]["product_sku"] == "010455"
    assert stored[0]["lines"][0]["quantity"] == 3


def location_button_named_by_its_action(app: Driver, backend: Any) -> None:
    """The location field's button is announced by what it does, not as the field's label."""
    app.open()
    app.tap("Café Riviera")
    app.tap("Check in")
    app.wait_text("Visit: Café Riviera")
    wait_for(lambda: app.count("button", re.compile(r"^Use current location$")) == 1,
             "a button named by its action")
    assert app.count("button", re.compile(r"^\s*Location\s*$")) == 0


def scan_without_camera(app: Driver, backend: Any) -> None:
    """scan_barcode where there is no usable camera (headless chromium: none, and permission is
    never granted) asks the user to type the code; Enter submits, Cancel keeps the old code."""
    app.open()
    app.wait_text("Alpine Outdoor GmbH")
    app.tap("Scan a code")
    app.wait_text("Type the code")
    app.type("Code", "  ABC-123 ")
    app.submit("Code")
    app.wait_text("Code: ABC-123")
    app.wait_gone("Type the code")
    app.tap("Scan a code")
    app.type("Code", "ignored")
    app.tap("Cancel")
    app.wait_gone("Type the code")
    assert app.visible("Code: ABC-123") and not app.visible("Code: ignored")


def order_lines(app: Driver, backend: Any) -> None:
    """An order's lines (records nested in a list field) show on the order screen, and saving
    the order sends them back whole (the wired example's order screen, ``tests/pwa/wire.py``)."""
    from tests.pwa.wire import LINES

    with backend.lock:
        backend.find("Order", "O-5001")["lines"] = [dict(line) for line in LINES]
    app.open()
    app.tap("Alpine Outdoor GmbH")
    app.tap_text("Order O-5001 · delivered")
    app.wait_text("2 × Trail Backpack 30L")
    app.wait_text("3 × Espresso Beans 1kg")
    app.wait_text("Lines total: €233.80")
    app.type("Order notes", "Leave at the back door")
    app.tap("Save order")
    wait_for(lambda: any(r["method"] == "PUT" for r in backend.requests), "the order update")
    [put] = [r for r in backend.requests if r["method"] == "PUT"]
    assert put["path"] == "/api/orders/O-5001" and put["body"] is not None, put
    stored = backend.find("Order", "O-5001")
    assert stored.get("notes") == "Leave at the back door" and stored["lines"] == LINES, (put, stored)


def conflict(policy: str, server_later: bool) -> Scenario:
    """A contact edited offline while another user changes the same customer on the server;
    back online, ``policy`` decides (ask_user: the user picks Keep mine). The winner ends up on
    the server and in the app; a client win sends only the changed field."""
    client_wins = policy == "ask_user" or not server_later

    def scenario(app: Driver, backend: Any) -> None:
        app.open()
        app.tap("Café Riviera")
        app.wait_text("Chiara Rossi")
        app.tap("Edit contact")
        app.wait_text("Editing Café Riviera")
        app.offline()
        if not server_later:
            backend.server_edit("Customer", "C-1003", contact_name="Server Name", city="Chelsea")
            time.sleep(0.05)  # the local change must be later than the server's
        app.type("Contact", "Client Name")
        app.tap("Save")
        app.wait_text("1 pending")
        if server_later:
            time.sleep(0.05)
            backend.server_edit("Customer", "C-1003", contact_name="Server Name", city="Chelsea")
        app.online()
        if policy == "ask_user":
            app.tap("Keep mine")
        if client_wins:
            wait_for(lambda: any(p.get("status", 200) < 300 for p in backend.writes("PATCH")),
                     "the contact to be sent")
        app.wait_gone("1 pending")
        app.wait_idle()  # nothing else is sent afterwards
        server = backend.find("Customer", "C-1003")
        patches = [p for p in backend.writes("PATCH") if p.get("status", 200) < 300]
        if backend.source("crm").entity("Customer").concurrency == "etag":
            # the server's version check caught the other user's change, whatever wins
            refused = [p for p in backend.writes("PATCH") if p.get("status") == 412]
            assert len(refused) == 1 and all(p["headers"].get("if-match")
                                             for p in backend.writes("PATCH")), refused
        assert server["city"] == "Chelsea", server  # only the changed field is sent
        if client_wins:
            assert server["contact_name"] == "Client Name", server
            assert len(patches) == 1 and patches[0]["body"] == {"contact_name": "Client Name"}, \
                patches
        else:
            assert server["contact_name"] == "Server Name", server
            assert patches == [], patches
        app.back()
        app.wait_text("Client Name" if client_wins else "Server Name")

    scenario.__doc__ = conflict.__doc__
    return scenario


BLOCKED = "Contact name is blocked by credit control"


def refuse_blocked_contact(backend: Any) -> None:
    """The mock back end's business rule: a customer whose contact is "Blocked Name" is
    refused with 422 and an OData error body carrying the server's message."""
    def rule(entity: str, method: str, body: Any) -> tuple[int, Any] | None:
        if entity == "Customer" and isinstance(body, dict) \
                and body.get("contact_name") == "Blocked Name":
            return 422, {"error": {"code": "CREDIT_CONTROL", "message": BLOCKED}}
        return None
    backend.refuse = rule


def patches(backend: Any) -> list[dict[str, Any]]:
    return [r for r in backend.requests if r["method"] == "PATCH"
            and r["path"] == "/api/customers/C-1003" and not r.get("dropped")]


def _two_edits_first_refused(app: Driver, backend: Any) -> None:
    """Offline, the contact is changed twice; online, the first change is refused (422, with
    the server's message) and the second, to the same record, is held back — never sent."""
    refuse_blocked_contact(backend)
    app.open()
    app.tap("Café Riviera")
    app.wait_text("Chiara Rossi")
    app.tap("Edit contact")
    app.wait_text("Editing Café Riviera")
    app.offline()
    app.type("Contact", "Blocked Name")
    app.tap("Save")
    app.wait_text("1 pending")
    app.type("Contact", "Second Name")
    app.tap("Save")
    app.wait_text("2 pending")
    with app.provoked("HTTP 422"):
        app.online()
        wait_for(lambda: len(patches(backend)) == 1, "the first change to be refused")
        app.wait_text("1 failed")
    app.back()                                   # to the customer list (no "Contact" there)
    app.back()
    app.wait_text("Fjord Fisk AS")
    app.tap("Sync status")
    app.wait_text("Pending changes")
    app.wait_text(BLOCKED)
    app.wait_text("The server refused this change (HTTP 422)")
    app.wait_text("Waits for a refused change before it")
    time.sleep(0.5)
    assert len(patches(backend)) == 1, "nothing is sent past the refused change"
    assert backend.find("Customer", "C-1003")["contact_name"] == "Chiara Rossi"


def refused_change_fixed(app: Driver, backend: Any) -> None:
    """A refused change is kept with the server's message and holds back the next change to the
    same record; fixed on the pending-changes screen, it is sent with the correction, then the
    change held behind it — each once, in order, and the server ends with the last one."""
    _two_edits_first_refused(app, backend)
    app.tap("Fix")
    app.type("Contact", "Fixed Name")
    app.tap("Fix and retry")
    wait_for(lambda: len(patches(backend)) == 3, "the fixed change and the held one")
    app.wait_text("Nothing waits to be sent")
    app.tap("Close")
    app.wait_idle()
    sent = [p["body"] for p in patches(backend)]
    assert sent == [{"contact_name": "Blocked Name"}, {"contact_name": "Fixed Name"},
                    {"contact_name": "Second Name"}], sent
    keys = [p["key"] for p in patches(backend)]
    assert all(keys) and keys[0] != keys[1] != keys[2], "a corrected change is a new request"
    assert backend.find("Customer", "C-1003")["contact_name"] == "Second Name"
    app.tap("Café Riviera")
    app.wait_text("Second Name")


def refused_change_discarded(app: Driver, backend: Any) -> None:
    """A refused change is discarded only after a confirmation (Cancel keeps it); then the
    change held behind it is sent, once, and the refused one never."""
    _two_edits_first_refused(app, backend)
    app.tap("Discard")
    app.tap("Cancel")
    app.wait_text(BLOCKED)                       # kept: the user said no
    app.tap("Discard")
    app.wait_text("Discard this change?")
    app.tap("OK")
    wait_for(lambda: len(patches(backend)) == 2, "the held change")
    app.wait_text("Nothing waits to be sent")
    app.tap("Close")
    app.wait_idle()
    sent = [p["body"] for p in patches(backend)]
    assert sent == [{"contact_name": "Blocked Name"}, {"contact_name": "Second Name"}], sent
    assert backend.find("Customer", "C-1003")["contact_name"] == "Second Name"


#: Error-archive scenarios, run against the last_write_wins contact-editor build.
def sap_create_with_csrf(app: Driver, backend: Any) -> None:
    """An order created against SAP Gateway (OData V2): every call says DataServiceVersion 2.0
    (never OData-Version), the write fetches a CSRF token first, and when that token has
    expired (403, `x-csrf-token: Required`) fetches a new one and sends once more."""
    backend.csrf_expires = True
    app.open()
    app.tap("Café Riviera")
    app.tap("New order")
    app.wait_text("Order for Café Riviera")
    app.tap_text("Espresso Beans 1kg")
    app.type("Quantity", "2")
    app.tap("Add")
    with app.provoked("HTTP 403", "status of 403"):
        app.tap("Submit order")
        wait_for(lambda: any(r["method"] == "POST" and r["path"] == "/api/orders"
                             and r.get("status") == 201 for r in backend.requests),
                 "the order delivered")
    api = [r for r in backend.requests if r["path"].startswith("/api")]
    assert all(r["headers"].get("dataserviceversion") == "2.0" and "odata-version" not in r["headers"]
               for r in api), [(r["path"], r["headers"]) for r in api]
    fetches = [r for r in api if r["path"] in ("/api", "/api/")
               and r["headers"].get("x-csrf-token", "").lower() == "fetch"]
    orders = [r for r in api if r["method"] == "POST" and r["path"] == "/api/orders"]
    assert len(fetches) == 2, "a token, and a new one when it had expired"
    assert [(r["status"], r["headers"].get("x-csrf-token")) for r in orders] == [
        (403, "token-1"), (201, "token-2")]
    assert len(backend.rows["Order"]) == 1 + sum(1 for r in backend.app.data_sources[0]
                                                  .entity("Order").sample_rows), "delivered once"


def _png(path: Path) -> Path:
    """A small opaque PNG (24×16, two colours) written to ``path``."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(b"\0" + b"".join(bytes((200, 40 + x * 8, 30) if y < 8 else (20, 90, 200))
                                      for x in range(24)) for y in range(16))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 24, 16, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return path


def multipart_photo_visit(app: Driver, backend: Any) -> None:
    """A visit with a shelf photo and a signature, created against an upload API: one
    multipart/form-data POST, the photo and the signature as image files, the other fields as
    text parts, with an Idempotency-Key; the back end refuses JSON for it, so only this works."""
    app.open()
    app.tap("Café Riviera")
    app.tap("Check in")
    app.wait_text("Visit: Café Riviera")
    app.type("Notes", "Shelf restocked")
    with tempfile.TemporaryDirectory() as folder:
        app.choose_photo("Shelf photo", _png(Path(folder) / "shelf.png"))
        wait_for(lambda: app.count("img", re.compile(r"^(Shelf photo|Photo 1)$")) == 1,
                 "the photo shown")
    app.draw("Customer signature")
    app.tap("Check in")
    app.wait_text("Visit saved")
    wait_for(lambda: any(r.get("status") == 201 for r in posts(backend, "/api/visits")),
             "the visit delivered")
    sent = posts(backend, "/api/visits")
    assert [(r["status"], r["encoding"]) for r in sent] == [(201, "multipart")], sent
    files = {f["field"]: f for f in sent[0]["files"]}
    assert set(files) == {"photo", "signature"}, files
    assert files["photo"]["type"] in ("image/jpeg", "image/png") and files["photo"]["size"] > 100
    assert files["signature"]["type"] in ("image/png", "image/svg+xml")
    assert files["signature"]["size"] > 100
    body = sent[0]["body"]
    assert body["notes"] == "Shelf restocked" and body["customer_id"] == "C-1003", body
    assert sent[0]["key"], "delivered with an Idempotency-Key"
    stored = backend.rows["Visit"][-1]
    assert str(stored["photo"]).startswith(f"data:{files['photo']['type']};base64,")


def etag_update_online(app: Driver, backend: Any) -> None:
    """An ETag-checked customer edited while online (no outbox): the PATCH carries If-Match with
    the version the app loaded, so the back end takes it (found by ``fieldcraft serve``'s mock:
    the online path sent none and every change was refused with 428)."""
    app.open()
    app.tap("Café Riviera")
    app.wait_text("Chiara Rossi")
    app.tap("Edit contact")
    app.wait_text("Editing Café Riviera")
    app.type("Contact", "Client Name")
    app.tap("Save")
    wait_for(lambda: backend.writes("PATCH"), "the contact to be sent")
    sent = backend.writes("PATCH")
    assert [p["status"] for p in sent] == [200] and sent[0]["headers"].get("if-match"), sent
    assert backend.find("Customer", "C-1003")["contact_name"] == "Client Name"


#: Real back ends: declared parameters, result paths and paging (example+paged), SAP Gateway.
BACK_ENDS: dict[str, Scenario] = {"paged_list": paged_list, "sap_create_with_csrf": sap_create_with_csrf,
                                  "detail_via_placeholder": detail_via_placeholder,
                                  "multipart_photo_visit": multipart_photo_visit,
                                  "etag_update_online": etag_update_online,
                                  "odata_calls": odata_calls}
VARIANTS = {"paged_list": "paged", "sap_create_with_csrf": "sap",
            "detail_via_placeholder": "paged", "multipart_photo_visit": "multipart",
            "etag_update_online": "wire+last_write_wins+etag+online", "odata_calls": "calls"}

def offline_order_with_items(app: Driver, backend: Any, lose_answer: bool = False) -> None:
    """Records created offline that others point at (issue 14 item 2): an order started
    offline and three items added to it, the app killed and started again twice; online, the
    server gets the order once, then each item once with the order's server key (it refuses a
    reference to a record it does not have), and the screen that was opened with the
    temporary key shows the server's; the cache keeps the server's key offline.
    ``lose_answer``: the server creates the order but its answer never arrives (the
    connection drops); the app sends it again with the same Idempotency-Key and gets the
    first answer — one order on the server, the items with its key."""
    if lose_answer:
        backend.lose_answer = {"/api/orders"}
    app.open()
    # used online before: an order's items seen once (React Native caches what its screens
    # loaded; the PWA fills the cache of every entity kept offline)
    app.tap("Alpine Outdoor GmbH")
    app.tap_text("delivered order")
    app.wait_text("Opened as O-5001")
    app.wait_text("No items")
    app.back()
    app.back()
    app.tap("Café Riviera")
    app.wait_text("Chiara Rossi")
    app.installed()
    app.offline()
    app.tap("Start order")
    app.wait_text("1 pending")
    _open_draft_order(app)
    app.wait_text("Order local-")  # the device's temporary key until the server gives one
    for n, sku in enumerate(("SKU-1", "SKU-2", "SKU-3"), start=2):
        app.type("Product SKU", sku)
        app.tap("Add item")
        app.wait_text(f"{sku} in local-")
        app.wait_text(f"{n} pending")
    for _ in range(2):  # killed and started again: everything waits on the device
        app.reload()
        app.wait_text("4 pending")
    assert not [r for r in backend.requests if r["path"].startswith("/api/") and r["method"] != "GET"]
    app.open()
    app.tap("Café Riviera")
    _open_draft_order(app)
    app.wait_text("SKU-3 in local-")
    app.wait_text("Opened as local-")
    with app.provoked("net::ERR_EMPTY_RESPONSE") if lose_answer else nullcontext():
        app.online()
        wait_for(lambda: len(posts(backend, "/api/order_items")) == 3, "the items to be delivered",
                 timeout=60 if lose_answer else 20)
        app.wait_idle()
    writes = backend.writes()
    *lost, order = posts(backend, "/api/orders")
    assert [r.get("answer_lost") for r in lost] == ([True] if lose_answer else []), lost
    assert all(r["key"] == order["key"] and r["body"] == order["body"] for r in lost), lost
    assert order["status"] == 201 and "id" not in order["body"], order
    assert order["body"]["customer_id"] == "C-1003" and order["body"]["status"] == "draft"
    [created] = [r for r in backend.rows["Order"] if r.get("customer_id") == "C-1003"]
    key = created["id"]
    items = posts(backend, "/api/order_items")
    assert [r["body"]["product_sku"] for r in items] == ["SKU-1", "SKU-2", "SKU-3"], items
    assert all(r["status"] == 201 and r["body"]["order_id"] == {"id": key} and "id" not in r["body"]
               for r in items), items
    assert writes.index(order) < min(writes.index(r) for r in items), "the order goes first"
    assert len(writes) == 4 + len(lost), writes  # nothing applied twice, nothing refused
    assert "local-" not in json.dumps([r.get("raw") for r in writes]) + json.dumps(
        [r["path"] for r in backend.requests]), "a temporary key never reaches the server"
    stored = [r for r in backend.rows["OrderItem"] if r["order_id"] == {"id": key}]
    assert sorted(r["product_sku"] for r in stored) == ["SKU-1", "SKU-2", "SKU-3"], stored
    # the screen opened with the temporary key now shows the server's, without a tap
    app.wait_text(f"Order {key} of C-1003")
    app.wait_text(f"Opened as {key}")
    for sku in ("SKU-1", "SKU-2", "SKU-3"):
        app.wait_text(f"{sku} in {key}")
    assert not app.visible("local-")
    # and the device cache holds the server's keys: offline again, after a restart
    app.offline()
    app.reload()
    app.open()
    app.tap("Café Riviera")
    _open_draft_order(app)
    app.wait_text(f"Order {key} of C-1003")
    app.wait_text(f"SKU-2 in {key}")
    assert not app.visible("local-")
    app.online()


def _open_draft_order(app: Driver) -> None:
    """Tap the customer's draft order (the list may be re-drawn under the first tap while the
    app tries to sync, as a person would tap again)."""
    app.wait_text("draft order")
    for _ in range(20):
        app.tap_text("draft order")
        time.sleep(0.3)
        if app.visible("Opened as"):
            return
    raise AssertionError("the draft order did not open")


DEPENDENT: dict[str, Scenario] = {"offline_order_with_items": offline_order_with_items}


def offline_order_answer_lost(app: Driver, backend: Any) -> None:
    """The dependent-changes scenario with the order's answer lost after the server applied it."""
    offline_order_with_items(app, backend, lose_answer=True)

ARCHIVE: dict[str, Scenario] = {
    "refused_change_fixed": refused_change_fixed,
    "refused_change_discarded": refused_change_discarded,
}


#: Conflict scenarios, each run against a build with that policy for Customer.
CONFLICTS: dict[str, tuple[str, Scenario]] = {
    "last_write_wins_server_later": ("last_write_wins", conflict("last_write_wins", True)),
    "last_write_wins_client_later": ("last_write_wins", conflict("last_write_wins", False)),
    "ask_user_keep_mine": ("ask_user", conflict("ask_user", True)),
}


SCENARIOS: dict[str, Scenario] = {
    "list_and_search": list_and_search,
    "detail": detail,
    "validation": validation,
    "offline_outbox": offline_outbox,
    "unreachable_back_end": unreachable_back_end,
    "sync_after_server_error": sync_after_server_error,
    "order_lines": order_lines,
    "location_button": location_button_named_by_its_action,
    "scan_without_camera": scan_without_camera,
}
