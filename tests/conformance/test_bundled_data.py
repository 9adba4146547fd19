"""A CSV price list that ships with the app, on every runnable target (the PWA and the Expo web
build, each built as a user builds it): every row of the file reads without a back end, and an
entity the device may change keeps its changes across a restart offline, sending nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from designer.model import load
from tests.price_list import price_list

from .conftest import PHONE
from .driver import NO_INTERNET, BrowserDriver
from .targets import BUILDERS


@pytest.mark.parametrize("target", ["react-native-web", "pwa"])
def test_a_shipped_price_list_reads_and_changes_on_the_device(
        target: str, tmp_path: Path, expo_tools: Any, chromium: Any) -> None:
    from tests.pwa.backend import Server

    model = price_list(tmp_path, "offline_read_write")
    app = load(model)
    site = tmp_path / "site"
    site.mkdir()
    with Server(app, site) as server:
        BUILDERS[target](app, server.url + "api", tmp_path, site, expo_tools, str(model))
        context = chromium.new_context(**PHONE)
        driver = BrowserDriver(context, server.url)
        try:
            driver.open()
            driver.type("Search Price", "<b>450<")     # the file's last row, as plain text
            driver.tap_text("Bolt <b>450</b>")
            driver.wait_text("P0450")
            driver.tap("Edit")
            driver.type("Product name", "Bolt, stainless")
            driver.tap("Save")
            driver.wait_text("Bolt, stainless")
            driver.installed()
            driver.offline()
            driver.open()  # the app started again, offline
            driver.type("Search Price", "stainless")
            driver.wait_text("Bolt, stainless")
            assert not driver.visible("Bolt <b>1</b>")
            driver.screenshot(tmp_path / f"{target}-bundled-list.png")  # to look at
            driver.online()
            driver.gate.check(NO_INTERNET)
            assert not [r for r in server.backend.requests if r["path"].startswith("/api")]
        except BaseException:
            driver.screenshot(tmp_path / f"{target}-bundled.png")
            raise
        finally:
            context.close()
