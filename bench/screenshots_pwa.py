"""Screenshots of the exported example app at a Pixel viewport into ``docs/screenshots/``.

Usage: ``python -m bench.screenshots_pwa`` (needs /usr/bin/chromium). Serves the export with the
test suite's mock back end on 127.0.0.1.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from designer.model import load
from exporters import get
from tests.conftest import EXAMPLE, ROOT
from tests.pwa.backend import Server, point_config_at
from tests.pwa.conftest import ARGS, CHROMIUM

OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    app = load(EXAMPLE)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        out = Path(tmp) / "pwa"
        get("pwa").export(app, out)
        with Server(app, out) as server:
            point_config_at(out, server.url + "api")
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_context(viewport={"width": 412, "height": 915}, is_mobile=True,
                                       has_touch=True, device_scale_factor=2).new_page()

            def ready(screen: str) -> None:
                page.wait_for_selector(f"main[data-screen='{screen}'] .fc-screen-body[data-ready]")

            def shot(name: str) -> None:
                page.screenshot(path=str(OUT / f"pwa-{name}.png"), animations="disabled")

            page.goto(server.url)
            ready("customers")
            page.wait_for_selector("#fc-sync[data-state='synced']")
            shot("customers")
            page.get_by_role("button", name="Alpine Outdoor GmbH").click()
            ready("customerDetail")
            shot("customer-detail")
            page.locator("[data-fc='newOrderButton']").click()
            ready("orderEntry")
            page.get_by_role("button", name="Trail Backpack 30L").click()
            page.get_by_label("Quantity").fill("4")
            page.locator("[data-fc='addLine']").click()
            page.get_by_role("button", name="Espresso Beans 1kg").click()
            page.get_by_label("Quantity").fill("10")
            page.locator("[data-fc='addLine']").click()
            shot("order-entry")
            page.go_back()
            ready("customerDetail")
            page.locator("[data-fc='checkInButton']").click()
            ready("visitCheckIn")
            page.locator("[data-fc='saveVisit']").click()
            page.wait_for_selector("text=Please add a short note")
            shot("visit-validation")
            page.context.set_offline(True)
            page.go_back()
            ready("customerDetail")
            page.wait_for_selector("#fc-sync[data-state='offline']")
            shot("offline")
            browser.close()
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    main()
