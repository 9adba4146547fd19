"""Fixtures for the React Native exporter tests: the npm tool folder (installed once)."""

from __future__ import annotations

import pytest

from .toolchain import Toolchain, install


@pytest.fixture(scope="session")
def rn_toolchain() -> Toolchain:
    """tsc, esbuild and the real react / react-native / expo-* type packages (npm ci, cached)."""
    return install()
