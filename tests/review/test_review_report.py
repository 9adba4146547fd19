"""The HTML review report: content (Qt-free, fake renderer) and the real thing in chromium."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import struct
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from designer.cli import main
from designer.model import App, dumps, load
from designer.review.approval import approve, read_approvals
from designer.review.lint import lint
from designer.review.policy import Policy
from designer.review.report import build_report, describe_action
from tests.conftest import EXAMPLE

from .helpers import build, root_children, with_phone

def tiny_png(width: int = 4, height: int = 8) -> bytes:
    """A valid grey PNG (no imaging library needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


class FakeRenderer:
    """Records which screens of which app were rendered."""

    def __init__(self, fail: str = "") -> None:
        self.calls: list[tuple[str, str]] = []
        self.fail = fail

    def __call__(self, app: App, screen: str) -> bytes:
        self.calls.append((app.name, screen))
        if screen == self.fail:
            raise RuntimeError("boom")
        return tiny_png()


def test_report_content() -> None:
    app = build(lambda d: (with_phone(d), root_children(d)[1]["children"][0]["bindings"].update(
        text="item.name + item.phone")))
    findings = lint(app, Policy(pii_display="masked"))
    html = build_report(app, "app.fieldcraft.json", findings, FakeRenderer())
    assert html.count('src="data:image/png;base64,') == 1
    assert "Not approved yet" in html
    assert 'crm.Customer.phone</code> <span class="badge pii">pii</span>' in html
    flow = re.search(r"<section id=\"dataflow\">.*?</section>", html, re.S).group(0)
    assert "GET https://api.example.com/v1/customers" in flow and "phone" in flow
    assert "FC306" in html and "pii-unmasked" in html
    assert "Network" in html and "android.permission.INTERNET" in html
    assert "Changes since" not in html


def test_report_escapes_model_strings() -> None:
    hostile = "</code><img src=x onerror=alert(2)>"
    app = build(lambda d: (d.update(name="<script>alert(1)</script>"),
                           d["screens"][0].update(title=hostile),
                           root_children(d)[1]["children"][0]["bindings"].update(
                               text='"<b>`x`</b>" + item.name')))
    html = build_report(app, "a.json", lint(app))
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<b>`x`</b>" not in html and "&lt;b&gt;`x`&lt;/b&gt;" in html


def test_report_against_old_version_shows_before_and_after() -> None:
    old = build()
    new = build(lambda d: (root_children(d)[0].update(text="Clients"),
                           d["screens"].append({"id": "s2", "name": "extra", "root": {
                               "kind": "column", "id": "w_r2", "name": "root"}})))
    renderer = FakeRenderer()
    html = build_report(new, "new.json", [], renderer, against=old, against_file="old.json")
    assert ("Test app", "home") in renderer.calls and len(renderer.calls) == 3   # home ×2, extra
    assert html.count('<figcaption>before</figcaption>') == 1
    assert 'badge warning">changed' in html and 'badge ok">new' in html
    assert "Changes since old.json" in html and "&#34;Customers&#34;" in html


def test_renderer_failure_is_shown_not_raised() -> None:
    html = build_report(build(), "a.json", [], FakeRenderer(fail="home"))
    assert "could not render: RuntimeError: boom" in html


def test_approval_status(tmp_path: Path) -> None:
    model = tmp_path / "a.fieldcraft.json"
    shutil.copy(EXAMPLE, model)
    approve(model, "Jane")
    html = build_report(load(model), str(model), approvals=read_approvals(model))
    assert "Approved</b> by Jane" in html
    app = load(model)
    app.name = "Changed"
    html = build_report(app, str(model), approvals=read_approvals(model))
    assert "Changed since approval." in html


def test_action_descriptions() -> None:
    app = load(EXAMPLE)
    texts = [describe_action(a) for _s, w, _p in app.widgets() for acts in w.actions.values()
             for a in acts]
    assert "open screen customerDetail (customerId=item.id)" in texts
    assert any(t.startswith("create crm.Order from order") for t in texts)
    assert all(t and "\\" not in t for t in texts)


# ----------------------------------------------------------------------------- chromium


@pytest.fixture(scope="module")
def browser(chromium_browser: Any) -> Any:
    return chromium_browser


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    folder = tmp_path / "site"
    folder.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield folder, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_review_command_report_in_chromium(browser: Any, served: tuple[Path, str],
                                           tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    folder, url = served
    old = tmp_path / "old.fieldcraft.json"
    new = tmp_path / "new.fieldcraft.json"
    shutil.copy(EXAMPLE, old)
    app = load(old)
    app.screens[1].title = "Customer card"
    app.data_sources[0].entities[0].fields[1].pii = True
    new.write_bytes(dumps(app))
    report = folder / "report.html"
    code = main(["review", str(new), "--against", str(old), "-o", str(report)])
    assert code == 0, capsys.readouterr().err
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"{m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: problems.append(f"request {r.url}")
            if not r.url.startswith((url, "data:")) else None)
    page.goto(url + "report.html")
    page.wait_for_load_state("load")
    assert problems == []
    images = page.eval_on_selector_all("img", "els => els.map(e => [e.alt, e.naturalWidth, "
                                              "e.naturalHeight])")
    assert len(images) == 5                                # 4 screens + the changed one's before
    assert all(w > 300 and h > 600 for _alt, w, h in images), images
    assert page.locator("#changes tbody tr").count() == 2
    assert page.locator("text=Customer card").first.is_visible()
    shot = tmp_path / "review.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 50_000
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 4
    page.close()


def test_review_command_summary_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = tmp_path / "app.fieldcraft.json"
    model.write_bytes(dumps(build(lambda d: d["data_sources"][0].update(
        base_url="http://api.example.com/v1"))))
    report = tmp_path / "report.html"
    assert main(["review", str(model), "-o", str(report)]) == 0
    assert capsys.readouterr().out == f"wrote {report}: 1 screen, 1 lint finding (1 error)\n"
    assert "FC302" in report.read_text("utf-8")
