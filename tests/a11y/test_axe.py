"""axe-core in chromium on every screen of the example app, as the PWA and as the React Native
web build: no critical and no serious violation (WCAG 2.x A/AA rules and axe's best practices).

The screens are reached as a user reaches them (customers → a customer → check-in, back, new
order), once online with everything synced and once offline, when the sync chip shows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conformance.conftest import PHONE, Deployment
from tests.conformance.driver import NO_INTERNET, BrowserDriver
from tests.exporters_rn.expo_toolchain import ExpoToolchain, install

from .axe_tool import axe_source

pytestmark = pytest.mark.browser

TARGETS = ["pwa", "react-native-web"]

#: Run axe on the whole document; the result keeps only what a test needs to name a problem.
RUN_AXE = """async () => {
  // screens slide and fade in: measure colours once every finite animation has finished
  await Promise.all(document.getAnimations()
    .filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity)
    .map((a) => a.finished.catch(() => null)));
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + n.failureSummary),
  }));
}"""


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_source()


@pytest.fixture(scope="module")
def tools() -> ExpoToolchain:
    return install()


@pytest.fixture(scope="module")
def deployments(tmp_path_factory: pytest.TempPathFactory, tools: ExpoToolchain
                ) -> Iterator[dict[str, Deployment]]:
    built: dict[str, Deployment] = {}

    class Lazy(dict):  # build a target the first time a test asks for it
        def __missing__(self, target: str) -> Deployment:
            built[target] = Deployment(target, tmp_path_factory.mktemp(f"axe-{target}"), tools)
            self[target] = built[target]
            return built[target]

    yield Lazy()
    for deployment in built.values():
        deployment.close()


def violations(driver: BrowserDriver, axe: str) -> list[dict[str, Any]]:
    driver.page.evaluate(axe + "\n;undefined")
    found: list[dict[str, Any]] = driver.page.evaluate(RUN_AXE)
    return found


def serious(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in found if v["impact"] in ("critical", "serious")]


def visit_every_screen(driver: BrowserDriver, check: Any) -> None:
    driver.open()
    driver.wait_text("Café Riviera")
    check("customers")
    driver.tap("Café Riviera")
    driver.wait_text("Chiara Rossi")
    check("customerDetail")
    driver.tap("Check in")
    driver.wait_text("Visit: Café Riviera")
    check("visitCheckIn")
    driver.back()
    driver.tap("New order")
    driver.wait_text("Order for Café Riviera")
    check("orderEntry")


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
@pytest.mark.parametrize("target", TARGETS)
def test_no_critical_or_serious_violations(target: str, offline: bool, deployments: Any,
                                           tools: ExpoToolchain, chromium_browser: Any, axe: str,
                                           tmp_path: Path) -> None:
    deployment = deployments[target]
    deployment.reset()
    context = chromium_browser.new_context(**PHONE)
    driver = BrowserDriver(context, deployment.server.url)
    report: dict[str, list[dict[str, Any]]] = {}

    def check(screen: str) -> None:
        if offline:
            driver.offline()
            driver.wait_text("Offline")
        report[screen] = violations(driver, axe)
        driver.screenshot(tmp_path / f"{target}-{screen}{'-offline' if offline else ''}.png")
        if offline:
            driver.online()

    try:
        visit_every_screen(driver, check)
        driver.gate.check(NO_INTERNET)  # nothing logged but the declared offline failures
    finally:
        (tmp_path / "axe.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
        context.close()
    assert sorted(report) == ["customerDetail", "customers", "orderEntry", "visitCheckIn"]
    assert {screen: serious(found) for screen, found in report.items() if serious(found)} == {}



def test_axe_reports_what_the_fixes_removed(chromium_browser: Any, axe: str) -> None:
    """The check is real: the two faults the exported apps had are critical/serious here."""
    context = chromium_browser.new_context()
    page = context.new_page()
    try:
        page.set_content('<html lang="en"><head><title>t</title></head><body><main>'
                         '<canvas role="img" aria-label="Signature" aria-required="true"></canvas>'
                         '<p style="color:#98a2b3;background:#fff">No lines yet</p></main></body>'
                         '</html>')
        page.evaluate(axe + "\n;undefined")
        found = {v["id"]: v["impact"] for v in page.evaluate(RUN_AXE)}
    finally:
        context.close()
    assert found.get("aria-allowed-attr") == "critical"
    assert found.get("color-contrast") == "serious"
