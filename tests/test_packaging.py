"""The PyInstaller bundle: built from ``packaging/fieldcraft.spec``, then used as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT

MAX_BUNDLE_MB = 250


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("pyinstaller")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
         str(ROOT / "packaging" / "fieldcraft.spec")],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=900)
    assert out.returncode == 0, out.stderr[-4000:]
    exe = work / "dist" / "fieldcraft" / "fieldcraft"
    assert exe.exists()
    return exe


def run(exe: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=120,
                          env={**clean, **env}, cwd=exe.parent.parent)


def test_bundle_version_and_size(bundle: Path) -> None:
    out = run(bundle, "--version")
    assert out.returncode == 0 and out.stdout.startswith("fieldcraft "), out.stderr
    size = sum(f.stat().st_size for f in bundle.parent.rglob("*")
               if f.is_file() and not f.is_symlink()) / 1e6
    print(f"bundle size: {size:.0f} MB")
    assert size < MAX_BUNDLE_MB


def test_bundle_validates_and_exports_headless(bundle: Path, tmp_path: Path) -> None:
    assert run(bundle, "validate", str(EXAMPLE)).returncode == 0
    out = run(bundle, "export", str(EXAMPLE), "--target", "pwa", "--out", str(tmp_path / "pwa"),
              "--quiet")
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "pwa" / "index.html").exists()
    assert (tmp_path / "pwa" / "manifest.webmanifest").exists()


def test_bundle_opens_the_window_offscreen(bundle: Path) -> None:
    out = run(bundle, "open", "--quit-after", "500", QT_QPA_PLATFORM="offscreen")
    assert out.returncode == 0, out.stderr[-2000:]
    assert "window shown" in out.stdout and "Field Sales" in out.stdout
