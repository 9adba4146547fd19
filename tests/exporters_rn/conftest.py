"""Fixtures for the React Native exporter tests: the npm tool folders (installed once)."""

from __future__ import annotations

import pytest

from . import expo_toolchain
from .toolchain import Toolchain, install


@pytest.fixture(scope="session")
def rn_toolchain() -> Toolchain:
    """esbuild and @noble/ciphers for running the data layer in node (npm ci, cached)."""
    return install()


@pytest.fixture(scope="session")
def expo_tools() -> expo_toolchain.ExpoToolchain:
    """The export's own locked packages: Expo CLI, Metro, tsc, ESLint (npm ci, cached)."""
    return expo_toolchain.install()
