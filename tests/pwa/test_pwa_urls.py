"""The exported PWA sends requests to the base URL's host and nowhere else, whatever a deployer
writes into config.json or a model slips past validation (issue 18: allow-list bypasses).

Every request the page makes is routed: the page's own server (127.0.0.1) answers, every other
host is recorded and aborted, so nothing leaves the machine.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from designer.model import App, load
from exporters import ExportOptions, get
from tests.conftest import EXAMPLE
from widgets import CATALOG

from .backend import Server

pytestmark = pytest.mark.browser

ALLOWED = "api.example-crm.com"


class Page:
    """An export served on 127.0.0.1 in a context that records and aborts foreign requests."""

    def __init__(self, browser: Any, app: App, out: Path) -> None:
        get("pwa").export(app, out, ExportOptions(assets_dir=EXAMPLE.parent / "assets"))
        self.out = out
        self.server = Server(app, out).__enter__()
        self.hosts: list[str] = []
        # no service worker: every request then goes through the context's router
        self.context = browser.new_context(service_workers="block")
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()

    def _route(self, route: Any) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if host == "127.0.0.1":
            route.continue_()
        else:
            self.hosts.append(host)
            route.abort()

    def set_base_url(self, url: str) -> None:
        config = json.loads((self.out / "config.json").read_text("utf-8"))
        config["sources"]["crm"]["base_url"] = url
        (self.out / "config.json").write_text(json.dumps(config), "utf-8")

    def open(self) -> Any:
        """Open the start screen and wait until its data calls have settled."""
        self.page.goto(self.server.url)
        self.page.wait_for_selector("main .fc-screen-body[data-ready]", timeout=15000)
        return self.page

    def close(self) -> None:
        self.context.close()
        self.server.__exit__(None, None, None)


@pytest.fixture
def served(chromium_browser: Any, tmp_path: Path) -> Iterator[Any]:
    pages: list[Page] = []

    def start(app: App) -> Page:
        pages.append(Page(chromium_browser, app, tmp_path / f"app{len(pages)}"))
        return pages[-1]

    yield start
    for p in pages:
        p.close()


def test_the_allowed_base_url_is_called(served: Any) -> None:
    """The control: the router sees the app's requests to a good base URL."""
    page = served(load(EXAMPLE))
    page.set_base_url(f"https://{ALLOWED}/v1")
    page.open()
    assert ALLOWED in page.hosts and set(page.hosts) == {ALLOWED}


@pytest.mark.parametrize("base_url", [
    "//evil.example/v1",                                 # scheme-relative: the page's scheme
    f"https://evil.example\\@{ALLOWED}/v1",              # the browser reads \ as /
    f"https://{ALLOWED}@evil.example/v1",                # user info before the real host
    "/\\evil.example/v1",                                # also scheme-relative for a browser
])
def test_tricky_base_urls_in_config_reach_no_other_host(served: Any, base_url: str) -> None:
    page = served(load(EXAMPLE))
    page.set_base_url(base_url)
    opened = page.open()
    assert page.hosts == []
    status = opened.locator(".fc-load-error").first   # the refusal is shown, not hidden
    assert status.is_visible() and "Could not load data" in (status.text_content() or "")


def test_an_operation_path_that_continues_the_host_is_refused(served: Any) -> None:
    """A model whose path slipped past validation (edited export): base + path would be
    https://api.example-crm.com.evil.example/customers."""
    page = served(load(EXAMPLE))
    page.set_base_url(f"https://{ALLOWED}")
    module = page.out / "app" / "model" / "app.js"
    text = module.read_text("utf-8")
    assert text.count('"path":"/customers"') == 1
    module.write_text(text.replace('"path":"/customers"', '"path":".evil.example/customers"'),
                      "utf-8")
    page.open()
    assert f"{ALLOWED}.evil.example" not in page.hosts
    assert set(page.hosts) <= {ALLOWED}


def test_scheme_relative_links_and_images_go_nowhere(served: Any) -> None:
    app = load(EXAMPLE)
    screen = app.screen(app.start_screen or "")
    assert screen is not None
    screen.root.children[0:0] = [
        CATALOG.get("web_link").create("w_evil_link", "evilLink", url="//evil.example/x",
                                       text="Help"),
        CATALOG.get("image").create("w_evil_img", "evilImage", a11y_label="Logo",
                                    bindings={"src": '"//evil.example/p.png"'}),
    ]
    page = served(app)
    page.set_base_url(f"https://{ALLOWED}/v1")
    opened = page.open()
    link = opened.locator("a.fc-link").first
    assert link.get_attribute("href") is None
    link.click()
    assert opened.locator("img[src*='evil']").count() == 0
    assert set(page.hosts) <= {ALLOWED} and len(page.context.pages) == 1
