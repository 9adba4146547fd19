"""What the app stores on the device (pii encrypted) and a 10,000-row list (virtual scrolling)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from designer.model import App
from tests.pwa.wire import with_wire_names

pytestmark = pytest.mark.browser

READ_CACHE = """async () => {
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open("fieldcraft-app_field_sales");
    r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error);
  });
  const read = (store) => new Promise((ok) => {
    const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result);
  });
  return JSON.stringify({records: await read("records"), outbox: await read("outbox")});
}"""


@pytest.mark.parametrize("wire", [False, True])
def test_pii_fields_are_encrypted_in_the_device_cache_and_outbox(serve: Any, example: App,
                                                                 wire: bool) -> None:
    """Also when the back end names the pii fields its own way (`first-name`, `sig:image`)."""
    s = serve(with_wire_names(example) if wire else example)
    page = s.open()
    s.wait_sync("synced")
    s.wait_service_worker()
    s.set_offline(True)
    s.wait_sync("offline")
    page.goto(s.server.url + "#/visitCheckIn?customerId=C-1001")
    s.wait_ready("visitCheckIn")
    page.get_by_label("Notes").fill("Met the buyer")
    box = page.locator(".fc-signature-pad").bounding_box()
    page.mouse.move(box["x"] + 30, box["y"] + 30)
    page.mouse.down()
    page.mouse.move(box["x"] + 200, box["y"] + 90)
    page.mouse.up()
    page.locator("[data-fc='saveVisit']").click()
    page.wait_for_selector("#fc-sync:has-text('1 pending')")
    stored = page.evaluate(READ_CACHE)
    assert "Alpine Outdoor GmbH" in stored          # ordinary fields are cached
    assert "Met the buyer" in stored             # notes is not pii
    for secret in ("\"Julia Berger\"", "julia.berger@alpine-outdoor.example", "+43 512 123456",
                   "data:image/png"):               # contact, e-mail, phone, signature: pii
        assert secret not in stored
    assert '"$enc"' in stored
    s.set_offline(False)
    s.wait_sync("synced")
    [post] = s.backend.writes("POST")
    assert post["body"]["signature"].startswith("data:image/png;base64,")  # decrypted to send
    assert post["raw"]["sig:image" if wire else "signature"] == post["body"]["signature"]


def test_ten_thousand_rows_render_only_what_is_visible(serve: Any, example: App) -> None:
    s = serve(example)
    base = s.backend.rows["Customer"][0]
    s.backend.rows["Customer"][:] = [dict(base, id=f"C-{i:05d}", name=f"Customer {i:05d}")
                                     for i in range(10_000)]
    page = s.open()
    names = page.locator("[data-fc='customerList'] [data-fc='customerName']")
    expect(names.first).to_have_text("Customer 00000")
    assert names.count() < 60  # virtual: only the rows in view (plus a few) exist
    viewport = page.locator("[data-fc='customerList'] .fc-list")
    viewport.evaluate("el => { el.scrollTop = el.scrollHeight; }")
    expect(page.get_by_role("button", name="Customer 09999")).to_be_visible()
    assert names.count() < 60
    assert page.locator("[aria-posinset='10000']").get_attribute("aria-setsize") == "10000"
    page.get_by_role("searchbox", name="Search customers").fill("Customer 04242")
    expect(names).to_have_text(["Customer 04242"])
    page.get_by_role("button", name="Customer 04242").click()
    s.wait_ready("customerDetail")
    assert "customerId=C-04242" in page.url
