"""Honest sync status in chromium: a failed request counts as offline whatever
`navigator.onLine` says, the sync chip never claims "Up to date" when the back end was never
reached, and a read the device cannot answer shows the load error with a Retry."""

from __future__ import annotations

from typing import Any

import pytest

from designer.model import App
from tests.browser_gate import OFFLINE

pytestmark = pytest.mark.browser

#: Chromium 150 reports navigator.onLine === true after a reload while offline; this makes any
#: chromium say so, so the app cannot lean on the flag.
ONLINE_LIE = ("Object.defineProperty(Navigator.prototype, 'onLine', "
              "{get: () => true, configurable: true})")
DROPPED = "net::ERR_EMPTY_RESPONSE"


def test_an_unreachable_back_end_is_never_up_to_date(serve: Any, example: App) -> None:
    s = serve(example)
    s.backend.drop = True  # the server closes every API connection unanswered
    with s.gate.expect_network_errors(s.server.url + "api/", codes=(DROPPED,)) as failed:
        page = s.open()
        s.wait_sync("offline")
        alert = page.locator("main .fc-load-error")
        alert.wait_for()
        assert page.evaluate("navigator.onLine") is True
        assert "Could not load data" in alert.inner_text()
        assert "Not synced yet" in alert.inner_text()
        assert page.locator("[data-fc='customerName']").count() == 0
        assert page.locator(".fc-empty:visible").count() == 0  # no "nothing here" instead
        assert page.locator("#fc-sync").inner_text() != "Up to date"
    assert failed and all(url.startswith(s.server.url + "api/") for url in failed)
    s.backend.drop = False
    alert.get_by_role("button", name="Retry").click()
    page.wait_for_selector("[data-fc='customerName']")
    assert alert.is_hidden()
    s.wait_sync("synced")
    page.reload()  # the time of the last sync is kept
    s.wait_ready()
    assert page.locator("#fc-sync").get_attribute("title").startswith("Last synced ")


def test_a_page_reloaded_offline_is_offline_whatever_navigator_online_says(
        serve: Any, example: App) -> None:
    s = serve(example)
    s.context.add_init_script(ONLINE_LIE)
    page = s.open()
    s.wait_sync("synced")
    s.wait_service_worker()
    with s.gate.expect_network_errors(s.server.url + "api/", codes=(OFFLINE,)) as failed:
        s.context.set_offline(True)
        page.reload()  # the service worker serves the shell; the start-up calls fail
        s.wait_ready("customers")
        s.wait_sync("offline")
        chip = page.locator("#fc-sync")
        assert chip.inner_text() == "Offline"
        assert chip.get_attribute("title").startswith("Last synced ")
        assert page.locator("[data-fc='customerName']").count() == 6  # from the cache
        assert page.locator("main .fc-load-error").is_hidden()
        assert failed, "the start-up calls were made and failed"
        page.reload()  # the offline state survives a reload
        s.wait_ready("customers")
        assert page.locator("#fc-sync").get_attribute("data-state") == "offline"
        s.context.set_offline(False)
    s.wait_sync("synced")  # the next answered request (or the online event) is online again
    assert page.evaluate("navigator.onLine") is True
