"""The zero-console-errors gate (tests/browser_gate.py) in chromium: it ignores exactly the
network failures a test declares, and still fails on everything else."""

from __future__ import annotations

from typing import Any

import pytest

from designer.model import App
from tests.browser_gate import OFFLINE

pytestmark = pytest.mark.browser

FETCH = "(url) => fetch(url).then(() => 'ok', (e) => e.name)"


def quiet_page(s: Any) -> Any:
    """A page of the served origin without the app (nothing else requests in the background)."""
    s.context.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    s.page.goto(s.server.url + "config.json")
    return s.page


def test_an_unexpected_console_error_still_fails(serve: Any, example: App) -> None:
    s = serve(example)
    page = s.open()
    page.evaluate("console.error('something broke')")
    with pytest.raises(AssertionError, match="something broke"):
        s.gate.check()
    s.gate.errors.clear()


def test_an_undeclared_offline_failure_fails(serve: Any, example: App) -> None:
    s = serve(example)
    page = quiet_page(s)
    s.context.set_offline(True)  # not through set_offline: nothing declared
    assert page.evaluate(FETCH, s.server.url + "api/customers") == "TypeError"
    with pytest.raises(AssertionError, match="ERR_INTERNET_DISCONNECTED"):
        s.gate.check()
    s.context.set_offline(False)
    s.gate.errors.clear()


def test_only_the_declared_urls_and_codes_are_ignored(serve: Any, example: App) -> None:
    s = serve(example)
    page = quiet_page(s)
    api = s.server.url + "api/"
    with s.gate.expect_network_errors(api + "customers", codes=(OFFLINE,)) as failed:
        s.context.set_offline(True)
        assert page.evaluate(FETCH, api + "customers") == "TypeError"   # declared
        assert page.evaluate(FETCH, api + "products") == "TypeError"    # another URL
        s.context.set_offline(False)
    assert failed == [api + "customers"]
    # the same URL failing another way (the server drops the connection) is not declared
    with s.gate.expect_network_errors(api + "customers", codes=(OFFLINE,)):
        s.backend.drop = True
        assert page.evaluate(FETCH, api + "customers") == "TypeError"
        s.backend.drop = False
    # and after the declaration, the declared failure is no longer expected
    s.context.set_offline(True)
    assert page.evaluate(FETCH, api + "customers") == "TypeError"
    s.context.set_offline(False)
    assert [e.split(" (")[0] for e in s.gate.errors] == [
        "console error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED",
        "console error: Failed to load resource: net::ERR_EMPTY_RESPONSE",
        "console error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED"], s.gate.errors
    assert s.gate.errors[0].endswith(f"({api}products)")
    assert s.gate.ignored == [f"Failed to load resource: {OFFLINE} ({api}customers)"]
    s.gate.errors.clear()


def test_a_declared_failure_that_lands_after_the_block_is_still_declared(serve: Any,
                                                                         example: App) -> None:
    """A call sent inside the declaration whose failure arrives after it (the back end was
    slow to drop it) is the one the test provoked: the block waits for it to end."""
    s = serve(example)
    page = quiet_page(s)
    api = s.server.url + "api/"

    s.backend.drop, s.backend.drop_delay = True, 0.4
    with s.gate.expect_network_errors(api, codes=("net::ERR_EMPTY_RESPONSE",)) as failed:
        page.evaluate("(url) => { window.pending = fetch(url).catch((e) => e.name); }",
                      api + "customers")
    assert failed == [api + "customers"]
    assert page.evaluate("window.pending") == "TypeError"
    s.backend.drop, s.backend.drop_delay = False, 0.0
    s.gate.check()
