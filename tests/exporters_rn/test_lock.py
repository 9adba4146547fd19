"""The React Native export's pinned packages are one consistent set: the committed lock is the
lock of exactly the pins in ``exporters/react_native/project.py``, it installs into a tree that
``npm ls`` calls clean (no missing or invalid peer), and the Expo CLI's own
``expo install --check`` accepts every version for the pinned SDK.

The lock is produced by ``packaging/rn_lock.py`` (it needs the registry); users export offline,
so these tests are what keeps a hand-edited pin from shipping a lock that says otherwise.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from exporters.react_native.project import DEV_PACKAGES, LOCK_DIR, PACKAGES, lock_package_json
from .expo_toolchain import ExpoToolchain
from .helpers import example, export


def _lock() -> dict:
    return json.loads((LOCK_DIR / "package-lock.json").read_text("utf-8"))


def test_the_committed_lock_is_the_lock_of_the_pins() -> None:
    assert json.loads((LOCK_DIR / "package.json").read_text("utf-8")) == lock_package_json()
    lock = _lock()
    root = lock["packages"][""]
    assert root["dependencies"] == PACKAGES and root["devDependencies"] == DEV_PACKAGES
    resolved = {name: lock["packages"][f"node_modules/{name}"]["version"]
                for name in {**PACKAGES, **DEV_PACKAGES}}
    assert resolved == {**PACKAGES, **DEV_PACKAGES}


def test_the_export_ships_that_lock_and_those_pins(tmp_path: Path) -> None:
    out = tmp_path / "app"
    export("react-native", example(), out)
    package = json.loads((out / "package.json").read_text("utf-8"))
    assert package["dependencies"] == PACKAGES and package["devDependencies"] == DEV_PACKAGES
    shipped = json.loads((out / "package-lock.json").read_text("utf-8"))
    assert shipped["packages"][""]["dependencies"] == PACKAGES
    assert {k: v for k, v in shipped["packages"].items() if k} == {
        k: v for k, v in _lock()["packages"].items() if k}


def test_npm_ls_of_the_installed_lock_is_clean(expo_tools: ExpoToolchain) -> None:
    """``npm ci`` of the lock (no --legacy-peer-deps) gives a tree with no problem at any depth."""
    result = subprocess.run(["npm", "ls", "--all", "--json"], cwd=expo_tools.root,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    # optional peers nobody installs (e.g. masked-view for a JS stack) are not problems
    assert json.loads(result.stdout).get("problems", []) == []


def _expo_check(project: Path, tools: ExpoToolchain) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*tools.bin("expo", "bin/cli"), "install", "--check"], cwd=project,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "CI": "1", "EXPO_NO_TELEMETRY": "1",
                               "EXPO_OFFLINE": "1"})


def _modules_with(tools: ExpoToolchain, into: Path, fake: dict[str, str]) -> None:
    """A node_modules of links to the installed packages, with ``fake`` packages replaced by
    a package.json claiming another version (what ``expo install --check`` reads)."""
    into.mkdir()
    for entry in tools.node_modules.iterdir():
        if entry.name not in fake:
            (into / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    for name, version in fake.items():
        meta = json.loads((tools.node_modules / name / "package.json").read_text("utf-8"))
        (into / name).mkdir()
        (into / name / "package.json").write_text(json.dumps({**meta, "version": version}))


def test_expo_install_check_accepts_every_pin(tmp_path: Path, expo_tools: ExpoToolchain) -> None:
    out = tmp_path / "app"
    export("react-native", example(), out)
    (out / "node_modules").symlink_to(expo_tools.node_modules, target_is_directory=True)
    result = _expo_check(out, expo_tools)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Dependencies are up to date" in result.stdout + result.stderr


def test_expo_install_check_refuses_a_version_the_sdk_does_not_want(
        tmp_path: Path, expo_tools: ExpoToolchain) -> None:
    """The check above can fail: an expo-camera one major behind the SDK is named."""
    out = tmp_path / "app"
    export("react-native", example(), out)
    _modules_with(expo_tools, out / "node_modules", {"expo-camera": "56.0.0"})
    result = _expo_check(out, expo_tools)
    assert result.returncode != 0
    assert "expo-camera@56.0.0" in result.stdout + result.stderr
