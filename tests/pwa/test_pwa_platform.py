"""What the phone's browser sees of the exported example: an installable manifest whose icons
exist, theme colour and localization from the model, and the device features (camera capture,
geolocation, SVG charts) as the user meets them."""

from __future__ import annotations

import json
import struct
import urllib.request
from typing import Any

import pytest

from designer.model import App

pytestmark = pytest.mark.browser


def fetch(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (127.0.0.1)
        return response.headers.get("Content-Type", ""), response.read()


def test_manifest_icons_and_theme(serve: Any, example: App) -> None:
    s = serve(example)
    page = s.open()
    href = page.locator("link[rel=manifest]").get_attribute("href")
    ctype, raw = fetch(s.server.url + href)
    manifest = json.loads(raw)
    assert ctype == "application/manifest+json"
    assert manifest["theme_color"] == example.theme.primary and manifest["display"] == "standalone"
    assert {i.get("purpose") for i in manifest["icons"]} >= {"any", "maskable"}
    for icon in manifest["icons"]:
        ctype, data = fetch(s.server.url + icon["src"])
        assert ctype == icon["type"], icon
        if icon["type"] == "image/png":
            width, height = struct.unpack(">II", data[16:24])
            assert f"{width}x{height}" == icon["sizes"], icon
    primary = tuple(int(example.theme.primary[i:i + 2], 16) for i in (1, 3, 5))
    assert page.locator(".fc-appbar").evaluate("e => getComputedStyle(e).backgroundColor") == \
        f"rgb({primary[0]}, {primary[1]}, {primary[2]})"


def test_strings_follow_the_phone_language(serve: Any, example: App) -> None:
    s = serve(example, locale="de-DE")
    page = s.open()
    assert page.locator("[data-fc='customersTitle']").inner_text() == "Meine Kunden"
    assert page.locator("html").get_attribute("lang") in ("de", "en")  # set from the model


def test_camera_location_and_chart(serve: Any, example: App) -> None:
    s = serve(example, permissions=["geolocation"],
              geolocation={"latitude": 47.26921, "longitude": 11.40410})
    page = s.open("#/visitCheckIn?customerId=C-1001")
    s.wait_ready("visitCheckIn")
    camera = page.locator("input[type=file]")
    assert camera.get_attribute("accept") == "image/*"
    assert camera.get_attribute("capture") == "environment"  # opens the camera on phones
    assert page.get_by_role("group", name="Location").count() == 1  # the field label
    assert page.get_by_role("button", name="Location", exact=True).count() == 0
    page.get_by_role("button", name="Use current location", exact=True).click()  # the action
    page.wait_for_selector("text=47.269210,11.404100")
    page.goto(s.server.url + "#/customerDetail?customerId=C-1001")
    s.wait_ready("customerDetail")
    chart = page.locator("svg[role=img]").first
    assert chart.get_attribute("aria-label")
    assert chart.locator("rect").count() >= 2  # one bar per order of this customer
