"""Every behaviour scenario against every runnable target (React Native through
react-native-web, and the PWA) in Debian's chromium, with the mock back end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import PHONE
from .driver import BrowserDriver
from .scenarios import SCENARIOS

TARGETS = ["react-native-web", "pwa"]


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
@pytest.mark.parametrize("target", TARGETS)
def test_scenario(target: str, scenario: str, deployments: Any, chromium: Any,
                  tmp_path: Path) -> None:
    deployment = deployments[target]
    deployment.reset()
    context = chromium.new_context(**PHONE)
    driver = BrowserDriver(context, deployment.server.url)
    try:
        SCENARIOS[scenario](driver, deployment.backend)
    except BaseException:
        driver.screenshot(tmp_path / f"{target}-{scenario}.png")
        raise
    finally:
        context.close()
    # expo-camera's web build starts a QR worker that imports jsQR from a CDN at load time; with
    # no internet here that import fails. It is web-only (native apps scan natively).
    assert [e for e in driver.errors if "page error" in e and "jsQR" not in e] == []
