"""Records nested in list fields (order lines) against an OData back end with its own field
names: read renamed wire → model at every level, written back model → wire, and OData's
``__metadata`` never reaching the screens or the device cache, nor sent back."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from playwright.sync_api import expect

from designer.model import App
from tests.pwa.test_pwa_storage_and_scale import READ_CACHE
from tests.pwa.wire import LINES, WIRE_NAMES, with_order_screen, with_wire_names

pytestmark = pytest.mark.browser


def keys(value: Any) -> set[str]:
    """Every key of every object in a JSON value, at any depth."""
    if isinstance(value, list):
        return set().union(*(keys(v) for v in value)) if value else set()
    if isinstance(value, dict):
        return set(value).union(*(keys(v) for v in value.values()))
    return set()


def test_order_lines_are_renamed_both_ways_and_metadata_stays_out(serve: Any,
                                                                   example: App) -> None:
    s = serve(with_order_screen(with_wire_names(example)))
    s.backend.find("Order", "O-5001")["lines"] = copy.deepcopy(LINES)
    page = s.open("#/orderView?orderId=O-5001")
    s.wait_ready("orderView")
    lines = page.locator("[data-fc='viewLines'] [data-fc='viewLineName']")
    expect(lines).to_have_text(["2 × Trail Backpack 30L", "3 × Espresso Beans 1kg"])
    expect(page.locator("[data-fc='viewLineSku']").first).to_have_text("SKU 000123")
    expect(page.locator("[data-fc='viewTotal']")).to_have_text("Lines total: €233.80")
    s.wait_sync("synced")

    cached = json.loads(page.evaluate(READ_CACHE))["records"]
    orders = [r["rec"] for r in cached if r["se"] == "crm/Order"]
    assert orders and any(o.get("lines") == LINES for o in orders)
    assert not {k for k in keys(cached) if k == "__metadata" or "@" in k}
    wire_only = {w for names in WIRE_NAMES.values() for w in names.values()}
    assert not keys(cached) & wire_only, "the cache keeps model names only"

    page.get_by_label("Order notes").fill("Leave at the back door")
    page.locator("[data-fc='saveOrder']").click()
    page.wait_for_selector("text=Order updated")
    s.wait_sync("synced")
    [put] = s.backend.writes("PUT")
    assert put["path"] == "/api/orders/O-5001"
    raw = put["raw"]
    assert "__metadata" not in keys(raw), "annotations are not sent back"
    assert raw["lines"][0] == {"Product SKU": "000123", "product_name": "Trail Backpack 30L",
                               "Qty": 2, "unit_price": 89.9, "line-total": 179.8}
    stored = s.backend.find("Order", "O-5001")
    assert stored["notes"] == "Leave at the back door" and stored["lines"] == LINES
