"""CLI edges a shell user hits: closed pipes, an unreachable X display, options between file
arguments, conflict messages naming real files, and policy files with several problems."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT


def fieldcraft(*args: str, env: dict[str, str] | None = None,
               cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    base = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "designer", *args], capture_output=True,
                          text=True, env={**base, **(env or {})}, cwd=cwd, timeout=180)


@pytest.mark.parametrize("command", [["schema"], ["diff", "--textconv", str(EXAMPLE)],
                                     ["validate", str(EXAMPLE)]])
def test_output_into_a_closed_pipe_ends_quietly(command: list[str]) -> None:
    """``fieldcraft schema | head -c 80``: once the reader has gone, writes fail with EPIPE.
    The reading end is closed before the command starts, so every run meets the closed pipe
    (with ``head`` it depends on timing)."""
    env = {**os.environ,
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([sys.executable, "-m", "designer", *command], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, env=env, timeout=120)
    finally:
        os.close(write_end)
    assert done.returncode in (0, 141), done.stderr
    assert done.stderr == ""


def _no_display_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = ":97"          # set, but no X server listens there
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 display handling")
def test_render_and_review_fall_back_to_offscreen_when_the_display_is_unreachable(
        tmp_path: Path) -> None:
    env = _no_display_env()
    assert not Path("/tmp/.X11-unix/X97").exists()
    runs = {
        "render": [sys.executable, "-m", "designer", "render", str(EXAMPLE), "--screen",
                   "customers", "--out", str(tmp_path / "s.png")],
        "review": [sys.executable, "-m", "designer", "review", str(EXAMPLE), "-o",
                   str(tmp_path / "r.html")],
    }
    for name, cmd in runs.items():
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, f"{name}: exit {done.returncode}\n{done.stderr[-2000:]}"
    assert (tmp_path / "s.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert "data:image/png;base64," in (tmp_path / "r.html").read_text()


def _two_models(tmp_path: Path) -> tuple[str, str]:
    old, new = tmp_path / "old.fieldcraft.json", tmp_path / "new.fieldcraft.json"
    shutil.copy(EXAMPLE, old)
    new.write_text(EXAMPLE.read_text().replace('"title": "Customers"', '"title": "Clients"', 1))
    assert new.read_text() != old.read_text()
    return str(old), str(new)


def test_options_between_file_arguments(tmp_path: Path) -> None:
    old, new = _two_models(tmp_path)
    diff = fieldcraft("diff", old, "--format", "json", new)
    assert diff.returncode == 0, diff.stderr
    report = json.loads(diff.stdout)
    assert report["old"] == old and report["new"] == new and report["changes"]
    lint = fieldcraft("lint", old, "--format", "json", new)
    assert lint.returncode in (0, 1) and "usage:" not in lint.stderr, lint.stderr
    assert [entry["file"] for entry in json.loads(lint.stdout)] == [old, new]
    validate = fieldcraft("validate", old, "--strict", new)
    assert "usage:" not in validate.stderr, validate.stderr
    assert f"{old}: ok" in validate.stdout and f"{new}: ok" in validate.stdout


def test_merge_conflict_names_the_output_file(tmp_path: Path) -> None:
    base = tmp_path / "base.fieldcraft.json"
    shutil.copy(EXAMPLE, base)
    ours, theirs = tmp_path / "ours.fieldcraft.json", tmp_path / "theirs.fieldcraft.json"
    ours.write_text(EXAMPLE.read_text().replace('"title": "Customers"', '"title": "A"', 1))
    theirs.write_text(EXAMPLE.read_text().replace('"title": "Customers"', '"title": "B"', 1))
    out = tmp_path / "merged.fieldcraft.json"
    done = fieldcraft("merge", str(base), str(ours), str(theirs), "-o", str(out))
    assert done.returncode == 1 and not out.exists()
    head = done.stderr.splitlines()[0]
    assert f"{out} was not written and {ours} is unchanged" in head, head
    assert "OUT" not in head and "OURS" not in head


def test_a_bad_policy_reports_every_problem(tmp_path: Path) -> None:
    policy = tmp_path / "it-policy.yaml"
    policy.write_text("colour: red\nrules:\n  FC302: loud\n  no-such-rule: error\n"
                      "allowed_hosts: [https://api.example.com]\npii:\n  offline: maybe\n")
    done = fieldcraft("lint", str(EXAMPLE), "--policy", str(policy))
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert all(str(policy) in line for line in lines), done.stderr
    for key in ("colour: unknown setting", "rules.FC302: 'loud'", "rules: unknown rule",
                "allowed_hosts: 'https://api.example.com'", "pii.offline: 'maybe'"):
        assert sum(key in line for line in lines) == 1, (key, done.stderr)
    assert len(lines) == 5 and "Traceback" not in done.stderr
