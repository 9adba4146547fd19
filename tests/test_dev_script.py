"""``./dev``: system packages are installed with apt-get waiting (bounded) for a held lock.

``apt_install`` runs with fake ``dpkg-query`` (nothing installed), ``sudo`` and ``apt-get``
on PATH, so nothing on the machine changes; the fake apt-get records its arguments.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _fake(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", "utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def _apt_install(tmp_path: Path, env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str],
                                                                  list[str]]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    _fake(bin_dir, "dpkg-query", "exit 1")
    _fake(bin_dir, "sudo", 'exec "$@"')
    _fake(bin_dir, "apt-get", f'echo "$*" >> "{log}"')
    run = subprocess.run(["bash", "-c", f'source "{ROOT / "dev"}" && apt_install xvfb git'],
                         capture_output=True, text=True, timeout=60,
                         env={**os.environ, **env, "PATH": f"{bin_dir}:{os.environ['PATH']}"})
    return run, log.read_text("utf-8").splitlines() if log.exists() else []


def test_apt_get_waits_for_the_lock_with_a_bound_and_says_so(tmp_path: Path) -> None:
    run, calls = _apt_install(tmp_path, {})
    assert run.returncode == 0, run.stderr
    assert "waits for it up to 600s" in run.stdout
    assert calls == ["-o DPkg::Lock::Timeout=600 update -qq",
                     "-o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends xvfb git"]


def test_the_lock_bound_can_be_set(tmp_path: Path) -> None:
    run, calls = _apt_install(tmp_path, {"FIELDCRAFT_APT_LOCK_TIMEOUT": "30"})
    assert run.returncode == 0, run.stderr
    assert "up to 30s" in run.stdout
    assert all(call.startswith("-o DPkg::Lock::Timeout=30 ") for call in calls) and len(calls) == 2


def test_sourcing_dev_runs_no_command(tmp_path: Path) -> None:
    run = subprocess.run(["bash", "-c", f'source "{ROOT / "dev"}" && echo sourced'],
                         capture_output=True, text=True, timeout=60)
    assert run.stdout == "sourced\n" and run.returncode == 0, run.stderr


def test_a_test_run_names_the_chromium_node_npm_and_python_it_uses() -> None:
    """``.ci/run`` runs ``./dev test``, which prints these first (issue 18: a CI log shows the
    browser that turned it red)."""
    run = subprocess.run(["bash", "-c", f'source "{ROOT / "dev"}" && tool_versions'],
                         capture_output=True, text=True, timeout=60,
                         env={**os.environ, "FIELDCRAFT_VENV": sys.prefix})
    assert run.returncode == 0, run.stderr
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True,
                              text=True, timeout=60).stdout.splitlines()[0]
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    line = run.stdout.strip()
    assert line.startswith("==> ") and chromium in line and f"node {node}" in line, line
    assert "npm " in line and "Python 3." in line, line
