"""Every behaviour scenario against every runnable target (React Native through
react-native-web, and the PWA) in Debian's chromium, with the mock back end."""

from __future__ import annotations

from contextlib import nullcontext

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import PHONE
from .driver import NO_INTERNET, BrowserDriver
from .scenarios import (ARCHIVE, BACK_ENDS, CONFLICTS, DEPENDENT, SCENARIOS, VARIANTS,
                        offline_order_answer_lost)

TARGETS = ["react-native-web", "pwa"]


@pytest.mark.parametrize("scenario", sorted(set(SCENARIOS) - {"order_lines",
                                                               "scan_without_camera"}))
@pytest.mark.parametrize("target", TARGETS)
def test_scenario(target: str, scenario: str, deployments: Any, chromium: Any,
                  tmp_path: Path) -> None:
    deployment = deployments[target]
    deployment.reset()
    context = chromium.new_context(**PHONE)
    driver = BrowserDriver(context, deployment.server.url)
    try:
        SCENARIOS[scenario](driver, deployment.backend)
        driver.gate.check(NO_INTERNET)
    except BaseException:
        driver.screenshot(tmp_path / f"{target}-{scenario}.png")
        raise
    finally:
        context.close()


@pytest.mark.parametrize("target", TARGETS)
def test_scan_without_camera(target: str, deployments: Any, chromium: Any, tmp_path: Path) -> None:
    deployment = deployments[f"{target}+scan"]
    deployment.reset()
    context = chromium.new_context(**PHONE)
    driver = BrowserDriver(context, deployment.server.url)
    try:
        SCENARIOS["scan_without_camera"](driver, deployment.backend)
        driver.gate.check(NO_INTERNET)
    except BaseException:
        driver.screenshot(tmp_path / f"{target}-scan.png")
        raise
    finally:
        context.close()


WIRE_SCENARIOS = ["list_and_search", "detail", "offline_outbox", "sync_after_server_error",
                  "order_lines"]


@pytest.mark.parametrize("scenario", WIRE_SCENARIOS)
@pytest.mark.parametrize("target", TARGETS)
def test_scenario_with_wire_names(target: str, scenario: str, deployments: Any, chromium: Any,
                                  tmp_path: Path) -> None:
    """The same behaviour against an OData back end whose JSON keys are not identifiers
    (`first-name`, `Customer ID`), also in records nested in list fields (order lines), with
    `__metadata` on every record: reads arrive renamed, writes leave renamed without annotations
    (the mock refuses model names and `__metadata` with 400), and the query options name the
    back end's fields."""
    deployment = deployments[f"{target}+wire"]
    deployment.reset()
    context = chromium.new_context(**PHONE)
    driver = BrowserDriver(context, deployment.server.url)
    try:
        SCENARIOS[scenario](driver, deployment.backend)
        driver.gate.check(NO_INTERNET)
    except BaseException:
        driver.screenshot(tmp_path / f"{target}-wire-{scenario}.png")
        raise
    finally:
        context.close()
    api = [r for r in deployment.backend.requests if r["path"].startswith("/api/")]
    lists = [r for r in api if r["path"] == "/api/customers"]
    assert lists and {r["query"] for r in lists} == {
        "$orderby=company-name desc,city&$select=Customer ID,company-name,first-name,city"}
    writes = [r for r in api if r["method"] in ("POST", "PUT", "PATCH")]
    if scenario in ("offline_outbox", "sync_after_server_error", "order_lines"):
        raw = writes[-1]["raw"]
        assert "Customer ID" in raw and "customer_id" not in raw, raw
        assert ("visit-notes" in raw) if scenario == "offline_outbox" else ("Order Total" in raw)
        assert "__metadata" not in json.dumps(raw), raw
        for line in raw.get("lines", []):
            assert {"Product SKU", "Qty", "line-total"} <= set(line), line
            assert not {"product_sku", "quantity", "line_total"} & set(line), line


@pytest.mark.parametrize("etag", [False, True], ids=["compared", "etag"])
@pytest.mark.parametrize("scenario", sorted(CONFLICTS))
@pytest.mark.parametrize("target", TARGETS)
def test_conflict_policy_with_wire_names(target: str, scenario: str, etag: bool, deployments: Any,
                                         chromium: Any, tmp_path: Path) -> None:
    """Conflict policies against the OData back end with its own field names: the winning
    PATCH carries only the changed field under its wire name. ``etag``: the back end checks
    versions (If-Match; its 412 goes to the policy) instead of the app comparing first."""
    policy, run = CONFLICTS[scenario]
    deployment = deployments[f"{target}+wire+{policy}" + ("+etag" if etag else "")]
    deployment.reset()
    context = chromium.new_context(**PHONE)
    driver = BrowserDriver(context, deployment.server.url)
    try:
        with driver.provoked("HTTP 412", "status of 412") if etag else nullcontext():
            run(driver, deployment.backend)
        driver.gate.check(NO_INTERNET)
    except BaseException:
        driver.screenshot(tmp_path / f"{target}-conflict-{scenario}.png")
        raise
    finally:
        context.close()
    for patch in deployment.backend.writes("PATCH"):
        assert patch["raw"] == {"first-name": "Client Name"}, patch
        assert patch["path"] == "/api/customers/C-1003", patch


@pytest.mark.parametrize("scenario", sorted(ARCHIVE))
@pytest.mark.parametrize("target", TARGETS)
def test_error_archive(target: str, scenario: str, deployments: Any, chromium: Any,
                       tmp_path: Path) -> None:
    """The error archive: a refused change is kept with the server's message and
    holds back later changes to its record until the user fixes or discards it (against the
    OData back end with its own field names; last_write_wins for Customer)."""
    deployment = deployments[f"{target}+wire+last_write_wins"]
    deployment.reset()
    context = chromium.new_context(**PHONE)
    driver = BrowserDriver(context, deployment.server.url)
    try:
        ARCHIVE[scenario](driver, deployment.backend)
        driver.gate.check(NO_INTERNET)
        driver.screenshot(tmp_path / f"{target}-{scenario}.png")
    except BaseException:
        driver.screenshot(tmp_path / f"{target}-{scenario}-failed.png")
        raise
    finally:
        context.close()


@pytest.mark.parametrize("scenario", sorted(BACK_ENDS))
@pytest.mark.parametrize("target", TARGETS)
def test_real_back_end(target: str, scenario: str, deployments: Any, chromium: Any,
                       tmp_path: Path) -> None:
    """Operations as real APIs declare them: parameters from the record, the screen and the
    run-time configuration, rows at a result path, every page."""
    deployment = deployments[f"{target}+{VARIANTS[scenario]}"]
    deployment.reset()
    context = chromium.new_context(**PHONE)
    driver = BrowserDriver(context, deployment.server.url)
    try:
        BACK_ENDS[scenario](driver, deployment.backend)
        driver.gate.check(NO_INTERNET)
        driver.screenshot(tmp_path / f"{target}-{scenario}.png")
    except BaseException:
        driver.screenshot(tmp_path / f"{target}-{scenario}-failed.png")
        raise
    finally:
        context.close()


@pytest.mark.parametrize("scenario", sorted(DEPENDENT))
@pytest.mark.parametrize("target", TARGETS)
def test_dependent_changes(target: str, scenario: str, deployments: Any, chromium: Any,
                           tmp_path: Path) -> None:
    """Records created offline that other records point at: created in order, the server's
    key in place of the device's temporary one before the dependants are sent."""
    deployment = deployments[f"{target}+items"]
    deployment.reset()
    context = chromium.new_context(**PHONE)
    driver = BrowserDriver(context, deployment.server.url)
    try:
        DEPENDENT[scenario](driver, deployment.backend)
        driver.gate.check(NO_INTERNET)
        driver.screenshot(tmp_path / f"{target}-{scenario}.png")
    except BaseException:
        driver.screenshot(tmp_path / f"{target}-{scenario}-failed.png")
        raise
    finally:
        context.close()


@pytest.mark.parametrize("target", TARGETS)
def test_dependent_changes_answer_lost(target: str, deployments: Any, chromium: Any,
                                       tmp_path: Path) -> None:
    """The order of the dependent-changes scenario is created on the server but its answer is
    lost (the connection drops): the app sends it again under the same Idempotency-Key, the
    server answers as the first time, and the items go with that order's key — one order."""
    deployment = deployments[f"{target}+items"]
    deployment.reset()
    context = chromium.new_context(**PHONE)
    driver = BrowserDriver(context, deployment.server.url)
    try:
        offline_order_answer_lost(driver, deployment.backend)
        driver.gate.check(NO_INTERNET)
    except BaseException:
        driver.screenshot(tmp_path / f"{target}-answer-lost-failed.png")
        raise
    finally:
        context.close()
