"""Browser fixtures: Debian's chromium through Playwright, the export served with a mock API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from designer.model import App, load
from exporters import ExportOptions, get
from tests.conftest import EXAMPLE

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

    def __init__(self, browser: Any, app: App, out: Path, **context: Any) -> None:
        result = get("pwa").export(app, out, ExportOptions(assets_dir=out.parent / "assets"))
        self.warnings = result.warnings
        self.server = Server(app, out).__enter__()
        self.backend = self.server.backend
        point_config_at(out, self.server.url + "api")
        self.context = browser.new_context(**{**PIXEL, **context})
        self.errors: list[str] = []
        self.page = self.new_page()

    def new_page(self) -> Any:
        page = self.context.new_page()
        page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        return page

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

    def start(app: App, **context: Any) -> Served:
        s = Served(browser, app, tmp_path / f"app{len(served)}", **context)
        served.append(s)
        return s

    yield start
    errors = [e for s in served for e in s.errors]
    for s in served:
        s.close()
    assert errors == [], "the app logged errors:\n" + "\n".join(errors)
