"""Fixtures for behaviour scenarios: chromium, the npm toolchain, and one served build of the
example app per target (its mock back end is reset before every scenario)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from designer.model import load
from tests.conftest import EXAMPLE
from tests.exporters_rn.expo_toolchain import ExpoToolchain, install
from tests.pwa.wire import with_order_screen, with_wire_names

from .targets import (BUILDERS, with_calls, with_contact_editor, with_etags, with_multipart_visits,
                      with_online_customers, with_order_items,
                      with_paged_customers, with_sap_gateway, with_scan_button)

CONFLICT_POLICIES = {"server_wins", "client_wins", "last_write_wins", "ask_user"}
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"viewport": {"width": 412, "height": 915}, "is_mobile": True, "has_touch": True,
         "locale": "en-US"}


@pytest.fixture(scope="session")
def expo_tools() -> ExpoToolchain:
    """The React Native export's locked packages with the Expo CLI (npm ci, cached)."""
    return install()


@pytest.fixture(scope="session")
def chromium(chromium_browser: Any) -> Any:
    return chromium_browser


class Deployment:
    """A target's build of the example app served on 127.0.0.1 with the mock back end
    (``target+wire``: the example against a back end with its own field names;
    ``target+scan``: with a scan_barcode button on the start screen; ``target+ask_user`` etc.:
    Customer under that conflict policy, with a contact editor; variants combine with ``+``)."""

    def __init__(self, target: str, work: Path, tools: ExpoToolchain) -> None:
        from tests.pwa.backend import Server

        target, *variants = target.split("+")
        app = load(EXAMPLE)
        if "wire" in variants:
            app = with_order_screen(with_wire_names(app))
        if "scan" in variants:
            app = with_scan_button(app)
        if "paged" in variants:
            app = with_paged_customers(app)
        if "etag" in variants:
            app = with_etags(app)
        if "sap" in variants:
            app = with_sap_gateway(app)
        if "calls" in variants:
            app = with_calls(app)
        if "multipart" in variants:
            app = with_multipart_visits(app)
        if "items" in variants:
            app = with_order_items(app)
        for policy in set(variants) & CONFLICT_POLICIES:
            app = with_contact_editor(app, policy)
        if "online" in variants:  # Customer's changes sent at once, not through the outbox
            app = with_online_customers(app)
        self.app = app
        site = work / "site"
        site.mkdir(parents=True, exist_ok=True)
        self.server = Server(self.app, site).__enter__()
        BUILDERS[target](self.app, self.server.url + "api", work, site, tools)

    @property
    def backend(self) -> Any:
        return self.server.backend

    def reset(self) -> None:
        from tests.pwa.backend import Backend

        fresh = Backend(self.app, self.backend.root)
        self.backend.rows = fresh.rows
        self.backend.requests.clear()
        self.backend.idempotent.clear()
        self.backend.fail_writes = 0
        self.backend.drop = False
        self.backend.lose_answer = set()
        self.backend.refuse = None
        self.backend.csrf_token, self.backend.csrf_expires = None, False
        self.backend.calls.clear()

    def close(self) -> None:
        self.server.__exit__(None, None, None)


@pytest.fixture(scope="module")
def deployments(tmp_path_factory: pytest.TempPathFactory, expo_tools: ExpoToolchain
                ) -> Iterator[dict[str, Deployment]]:
    built: dict[str, Deployment] = {}

    class Lazy(dict):  # build a target the first time a scenario asks for it
        def __missing__(self, target: str) -> Deployment:
            work = tmp_path_factory.mktemp(target.replace("+", "-"))
            built[target] = Deployment(target, work, expo_tools)
            self[target] = built[target]
            return built[target]

    yield Lazy()
    for deployment in built.values():
        deployment.close()
