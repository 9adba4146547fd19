"""Device features where the browser lacks them, and the network: headless chromium has no
BarcodeDetector, so barcodes are typed (widget and `scan_barcode` action); the app fetches
nothing but its own files and the back end."""

from __future__ import annotations

from typing import Any

import pytest

from designer.model import App, Screen
from tests.exporters_rn.helpers import kitchen_sink

pytestmark = pytest.mark.browser


def with_scan_screen(app: App) -> App:
    data = app.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    screen = Screen.model_validate({
        "id": "s_scan", "name": "scan", "title": "Scan",
        "variables": [{"name": "code", "type": "string"}, {"name": "typed", "type": "string"}],
        "root": {"kind": "column", "id": "w_scanRoot", "name": "scanRoot", "children": [
            {"kind": "barcode_scanner", "id": "w_bc", "name": "bc", "label": "Article code",
             "bindings": {"value": "typed"}},
            {"kind": "label", "id": "w_typed", "name": "typedOut", "bindings": {"text": '"Typed: " + typed'}},
            {"kind": "button", "id": "w_scanBtn", "name": "scanBtn", "text": "Scan a code",
             "actions": {"tap": [{"type": "scan_barcode", "target": "code"}]}},
            {"kind": "label", "id": "w_code", "name": "codeOut", "bindings": {"text": '"Code: " + code'}},
        ]}})
    data["screens"].append(screen.model_dump(mode="json", exclude_defaults=True))
    return App.model_validate(data)


def test_barcode_is_typed_where_the_browser_cannot_scan(serve: Any) -> None:
    s = serve(with_scan_screen(kitchen_sink()))
    page = s.open("#/scan")
    s.wait_ready("scan")
    assert page.evaluate("'BarcodeDetector' in window") is False
    assert page.get_by_role("button", name="Scan", exact=True).count() == 0  # no camera button
    page.get_by_label("Article code").fill("4006381333931")
    page.wait_for_selector("[data-fc='typedOut']:has-text('Typed: 4006381333931')")

    page.get_by_role("button", name="Scan a code").click()
    dialog = page.get_by_role("dialog", name="Type the code")
    code = dialog.get_by_role("textbox", name="Code")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Code"
    code.fill("  ABC-123 ")
    code.press("Enter")
    page.wait_for_selector("[data-fc='codeOut']:has-text('Code: ABC-123')")
    assert dialog.count() == 0

    page.get_by_role("button", name="Scan a code").click()
    dialog.get_by_role("textbox", name="Code").fill("ignored")
    dialog.get_by_role("button", name="Cancel").click()
    assert page.locator("[data-fc='codeOut']").inner_text() == "Code: ABC-123"


def test_nothing_is_fetched_but_the_app_and_its_back_end(serve: Any) -> None:
    """Every widget kind on screen (map, chart, icons, images …): no CDN, font or tile request."""
    s = serve(kitchen_sink())
    seen: list[str] = []
    s.context.on("request", lambda r: seen.append(r.url))
    page = s.open("#/kitchenSink")
    s.wait_ready("kitchenSink")
    s.wait_sync("synced")
    page.goto(s.server.url + "#/customerDetail?customerId=C-1001")
    s.wait_ready("customerDetail")
    assert seen and all(u.startswith(s.server.url) or u.startswith("data:") for u in seen), \
        [u for u in seen if not u.startswith(s.server.url)]
    assert any("/api/" in u for u in seen)
