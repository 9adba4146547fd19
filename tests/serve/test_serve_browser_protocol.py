"""The served PWA in chromium against what the mock now declares: a list read across its cursor
pages, and an SAP OData V2 service (CSRF token, ETags) created and edited through screens made
by ``fieldcraft scaffold``. The app and the mock agree on the wire, so a preview works where
production would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import ROOT, model_file
from .test_serve_browser import PIXEL, until

pytestmark = pytest.mark.browser


def scaffolded(folder: Path) -> Path:
    model = model_file(folder)
    for source, entity in (("crm", "Ticket"), ("sap", "SalesOrder")):
        done = subprocess.run([sys.executable, "-m", "designer", "scaffold", str(model),
                               "--source", source, "--entity", entity],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert done.returncode == 0, done.stderr
    return model


def left(page: Any, screen: str) -> None:
    """Wait until the app itself has navigated away from ``screen`` (a form's save goes back)."""
    page.wait_for_selector(f"main[data-screen='{screen}']", state="detached")


def test_served_app_pages_a_list_and_writes_to_an_sap_service_with_csrf_and_etags(
        serve: Any, chromium_browser: Any, tmp_path: Path) -> None:
    s = serve(model=scaffolded(tmp_path))
    context = chromium_browser.new_context(**PIXEL)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(s.url + "#/ticketList")
        page.wait_for_selector("main[data-screen='ticketList'] .fc-screen-body[data-ready]")
        expect(page.locator("[data-fc='subjectTitle1']")).to_have_count(5)
        reads = [e for e in s.state()["log"] if e["path"] == "/api/crm/tickets"]
        # each load of the list follows the cursor over its three pages (the app may load twice)
        queries = [e["query"] for e in reads]
        pages = ["", "cursor=c2", "cursor=c4"]
        assert len(queries) >= 3 and queries == (pages * len(queries))[:len(queries)], queries
        # SAP: the edit form's PATCH needs the CSRF token and the record's ETag
        page.goto(s.url + "#/salesOrderEdit?salesOrderId=500000001")
        page.wait_for_selector("main[data-screen='salesOrderEdit'] .fc-screen-body[data-ready]")
        note = page.get_by_label("Note")
        expect(note).to_have_value("first")
        note.fill("changed in the preview")
        page.locator("[data-fc='saveSalesOrder1']").click()

        def row() -> dict[str, Any]:
            return next(r for r in s.state()["rows"]["SalesOrder"] if r["id"] == "500000001")
        until(page, lambda: row()["note"] == "changed in the preview")
        left(page, "salesOrderEdit")  # the save goes back; a goto before that would race it
        log = s.state()["log"]
        assert any(e["path"] == "/api/sap/" and e["status"] == 200 for e in log)  # token fetch
        patch = [e for e in log if e["method"] == "PATCH"]
        assert [e["status"] for e in patch] == [200], patch
        sent = dict(patch[0]["headers"])
        assert sent["If-Match"] == 'W/"2026-01-01T00:00:00.000Z"' and "x-csrf-token" in sent
        # create through the new-record form
        page.goto(s.url + "#/newSalesOrder")
        page.wait_for_selector("main[data-screen='newSalesOrder'] .fc-screen-body[data-ready]")
        page.get_by_label("Id").fill("500000002")
        page.get_by_label("Note").fill("made on the phone")
        page.locator("[data-fc='saveSalesOrder1']").click()
        until(page, lambda: any(r["id"] == "500000002" for r in s.state()["rows"]["SalesOrder"]))
        left(page, "newSalesOrder")
        posts = [e for e in s.state()["log"] if e["method"] == "POST"]
        assert [e["status"] for e in posts] == [201], posts
        # a save that removes the screen a phone is on: it reloads on the start screen
        page.goto(s.url + "#/ticketList")
        page.wait_for_selector("main[data-screen='ticketList'] .fc-screen-body[data-ready]")
        data = json.loads(s.model.read_text("utf-8"))
        data["screens"] = [sc for sc in data["screens"] if sc["name"] != "ticketList"]
        s.model.write_text(json.dumps(data, indent=2), "utf-8")
        page.wait_for_selector("main[data-screen='customers'] .fc-screen-body[data-ready]",
                               timeout=20000)
        assert s.state()["generation"] == 1 and s.state()["problem"] == ""
        assert errors == []
    finally:
        context.close()
