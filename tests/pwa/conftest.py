"""Browser fixtures: Debian's chromium through Playwright, the export served with a mock API."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from designer.model import App, load
from exporters import ExportOptions, get
from tests.conftest import EXAMPLE

from tests.browser_gate import OFFLINE, ConsoleGate

from .backend import Server, point_config_at

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PIXEL = {"viewport": {"width": 412, "height": 915}, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="session")
def browser(chromium_browser: Any) -> Any:
    return chromium_browser


@pytest.fixture
def example() -> App:
    return load(EXAMPLE)


class Served:
    """An exported app served on 127.0.0.1 with its mock back end and a fresh browser context."""

    def __init__(self, browser: Any, app: App, out: Path, model_file: str = "",
                 **context: Any) -> None:
        result = get("pwa").export(app, out, ExportOptions(assets_dir=out.parent / "assets",
                                                           model_file=model_file))
        self.warnings = result.warnings
        self.server = Server(app, out).__enter__()
        self.backend = self.server.backend
        point_config_at(out, self.server.url + "api")
        self.context = browser.new_context(**{**PIXEL, **context})
        self.gate = ConsoleGate()
        self._offline: AbstractContextManager[list[str]] | None = None
        self.page = self.new_page()

    def new_page(self) -> Any:
        return self.gate.watch(self.context.new_page())

    def set_offline(self, offline: bool) -> None:
        """Take the browser context off (or back on) the network; while it is off, the app's
        requests to this server may fail with ERR_INTERNET_DISCONNECTED (declared to the gate)."""
        if offline and self._offline is None:
            self._offline = self.gate.expect_network_errors(self.server.url, codes=(OFFLINE,))
            self._offline.__enter__()
        self.context.set_offline(offline)
        if not offline and self._offline is not None:
            self._offline.__exit__(None, None, None)
            self._offline = None

    def open(self, hash_: str = "") -> Any:
        self.page.goto(self.server.url + hash_)
        self.wait_ready()
        return self.page

    def wait_ready(self, screen: str | None = None) -> None:
        sel = "main .fc-screen-body[data-ready]"
        if screen:
            sel = f"main[data-screen='{screen}'] .fc-screen-body[data-ready]"
        self.page.wait_for_selector(sel, timeout=15000)

    def wait_service_worker(self) -> None:
        """Wait until the service worker controls the page (the app shell is cached)."""
        self.page.evaluate("""() => navigator.serviceWorker.ready.then(() =>
            navigator.serviceWorker.controller ? true : new Promise((done) =>
              navigator.serviceWorker.addEventListener("controllerchange", () => done(true))))""")

    def wait_sync(self, state: str) -> None:
        self.page.wait_for_selector(f"#fc-sync[data-state='{state}']", timeout=20000)

    def close(self) -> None:
        self.context.close()
        self.server.__exit__(None, None, None)


@pytest.fixture
def serve(browser: Any, tmp_path: Path) -> Iterator[Any]:
    served: list[Served] = []

    def start(app: App, model_file: str = "", **context: Any) -> Served:
        s = Served(browser, app, tmp_path / f"app{len(served)}", model_file, **context)
        served.append(s)
        return s

    yield start
    try:
        for s in served:
            s.gate.check()
    finally:
        for s in served:
            s.close()
