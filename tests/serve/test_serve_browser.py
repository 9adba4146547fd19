"""The served PWA in chromium against ``fieldcraft serve``: list → detail → create → edit with
the mock's state changing, the mock's "offline" switch holding the outbox until it is flipped
back, and a model saved with a new title reloading the page on the same screen."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from playwright.sync_api import expect

from designer.model import load
from tests.conftest import EXAMPLE
from tests.pwa.test_pwa_app import order_offline, with_edit_screen

pytestmark = pytest.mark.browser

PIXEL = {"viewport": {"width": 412, "height": 915}, "is_mobile": True, "has_touch": True}


def customer(s: Any, key: str) -> dict[str, Any]:
    return next(c for c in s.state()["rows"]["Customer"] if c["id"] == key)


def until(page: Any, check: Any, seconds: float = 20) -> None:
    """Wait (bounded) until ``check()`` holds: the mock's state changes after the page's sync."""
    for _ in range(int(seconds * 10)):
        if check():
            return
        page.wait_for_timeout(100)
    assert check()


def test_served_app_against_the_mock_offline_switch_and_live_reload(
        serve: Any, chromium_browser: Any, tmp_path: Path) -> None:
    app = with_edit_screen(load(EXAMPLE), "last_write_wins")
    model = tmp_path / "app.fieldcraft.json"
    model.write_text(json.dumps(app.model_dump(mode="json", by_alias=True, exclude_defaults=True),
                                indent=2), "utf-8")
    s = serve(model=model)
    context = chromium_browser.new_context(**PIXEL)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(s.url)
        page.wait_for_selector("main .fc-screen-body[data-ready] [data-fc='customerName']")
        names = page.locator("[data-fc='customerList'] [data-fc='customerName']")
        expect(names).to_have_count(len(s.state()["rows"]["Customer"]))
        # list → detail
        page.get_by_role("button", name="Café Riviera").click()
        page.wait_for_selector("main[data-screen='customerDetail'] .fc-screen-body[data-ready]")
        assert page.locator("[data-fc='detailName']").inner_text() == "Café Riviera"
        page.get_by_role("button", name="Back").click()
        page.wait_for_selector("main[data-screen='customers'] .fc-screen-body[data-ready]")
        # create: an order, delivered to the mock
        before = len(s.state()["rows"]["Order"])

        class Waits:
            def wait_ready(self, screen: str) -> None:
                page.wait_for_selector(f"main[data-screen='{screen}'] .fc-screen-body[data-ready]")
        order_offline(Waits(), page)
        until(page, lambda: len(s.state()["rows"]["Order"]) == before + 1)
        orders = s.state()["rows"]["Order"]
        assert len(orders) == before + 1 and orders[-1]["customer_id"] == "C-1001"
        assert orders[-1]["total"] == 54 and orders[-1]["id"].startswith("N-")
        # edit
        page.goto(s.url + "#/customerEdit?customerId=C-1004")
        page.wait_for_selector("main[data-screen='customerEdit'] .fc-screen-body[data-ready]")
        contact = page.get_by_label("Contact")
        expect(contact).to_have_value("Sam O'Neill")
        contact.fill("Client Name")
        page.locator("[data-fc='save']").click()
        until(page, lambda: customer(s, "C-1004")["contact_name"] == "Client Name")
        page.wait_for_selector("#fc-sync[data-state='synced']", timeout=20000)
        # the mock goes offline: the outbox holds the change, then delivers it
        s.switch(offline=True)
        seen = len(s.state()["log"])
        contact.fill("Offline Name")
        page.locator("[data-fc='save']").click()
        page.wait_for_selector("#fc-sync:has-text('1 pending')", timeout=20000)
        for _ in range(100):  # the app tried to deliver, and got no answer
            if any(e["status"] == "offline" for e in s.state()["log"][seen:]):
                break
            page.wait_for_timeout(100)
        tried = s.state()["log"][seen:]
        assert tried and {e["status"] for e in tried} == {"offline"}, tried
        expect(page.locator("#fc-sync")).to_contain_text("1 pending")
        assert customer(s, "C-1004")["contact_name"] == "Client Name"
        s.switch(offline=False)
        page.locator("#fc-sync").click()  # "sync now"
        until(page, lambda: customer(s, "C-1004")["contact_name"] == "Offline Name")
        page.wait_for_selector("#fc-sync[data-state='synced']", timeout=20000)
        patches = [e for e in s.state()["log"] if e["method"] == "PATCH" and e["status"] == 200]
        assert [p["body"] for p in patches] == [{"contact_name": "Client Name"},
                                                {"contact_name": "Offline Name"}]
        # the page is connected for live reload; saving the model reloads it on the same screen
        assert len(s.state()["devices"]) == 1
        assert page.locator("#fc-title").inner_text() == "Edit contact"
        data = json.loads(model.read_text("utf-8"))
        next(sc for sc in data["screens"] if sc["name"] == "customerEdit")["title"] = "Kontakt ändern"
        model.write_text(json.dumps(data, indent=2), "utf-8")
        expect(page.locator("#fc-title")).to_have_text("Kontakt ändern", timeout=20000)
        page.wait_for_selector("main[data-screen='customerEdit'] .fc-screen-body[data-ready]")
        expect(page.get_by_label("Contact")).to_have_value("Offline Name")
        assert s.state()["generation"] == 1
        assert customer(s, "C-1004")["contact_name"] == "Offline Name"  # the session survives
        assert errors == []
    finally:
        context.close()
