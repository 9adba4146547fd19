"""A CSV price list in the PWA: every row of the file ships with the app (not only the model's
200 sample rows), reads offline from the first start, and stays read-only unless its offline
mode lets the device change it; then changes survive a reload and never reach a server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from designer.model import load

from tests.price_list import price_list

pytestmark = pytest.mark.browser


def test_every_row_of_the_file_ships_and_reads_offline(serve: Any, tmp_path: Path) -> None:
    model = price_list(tmp_path)
    app = load(model)
    assert len(app.data_sources[0].entities[0].sample_rows) == 200  # the model keeps a sample
    s = serve(app, model_file=str(model))
    assert not [w for w in s.warnings if w.code == "bundled-data"], s.warnings
    page = s.open("#/priceList")
    s.wait_ready("priceList")
    page.get_by_role("searchbox").fill("<b>450<")  # the file's last row, shown as text
    page.get_by_text("Bolt <b>450</b>", exact=True).wait_for()
    assert page.locator("main b").count() == 0
    expect(page.locator("#fc-sync")).to_have_count(0)  # no back end: nothing to sync
    s.wait_service_worker()
    s.set_offline(True)
    page.reload()
    s.wait_ready("priceList")
    page.get_by_role("searchbox").fill("<b>450<")
    page.get_by_text("Bolt <b>450</b>", exact=True).click()
    s.wait_ready("priceDetail")
    expect(page.locator("main")).to_contain_text("P0450")
    assert "Delete" not in page.locator("main").inner_text()  # read-only: no delete, no edit
    s.set_offline(False)
    assert not [r for r in s.backend.requests if r["path"].startswith("/api")]


def test_a_device_writable_list_keeps_its_changes_on_the_device(serve: Any,
                                                                tmp_path: Path) -> None:
    model = price_list(tmp_path, "offline_read_write")
    s = serve(load(model), model_file=str(model))
    page = s.open("#/priceEdit?priceSku=P0002")
    s.wait_ready("priceEdit")
    name = page.get_by_label("Product name")
    expect(name).to_have_value("Bolt <b>2</b>")
    name.fill("Bolt, stainless")
    page.locator("[data-fc='savePrice1']").click()
    page.wait_for_selector("main[data-screen='priceEdit']", state="detached")
    page.goto(s.server.url + "#/priceDetail?priceSku=P0003")
    s.wait_ready("priceDetail")
    page.get_by_role("button", name="Delete").click()
    page.get_by_role("button", name="OK").click()  # "Delete this record?"
    page.wait_for_selector("main[data-screen='priceDetail']", state="detached")
    page.reload()
    page.goto(s.server.url + "#/priceList")
    s.wait_ready("priceList")
    page.get_by_text("Bolt, stainless", exact=True).wait_for()
    expect(page.get_by_text("Bolt <b>3</b>", exact=True)).to_have_count(0)
    expect(page.get_by_text("Bolt <b>4</b>", exact=True)).to_have_count(1)
    assert not [r for r in s.backend.requests if r["path"].startswith("/api")]
