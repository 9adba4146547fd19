"""``fieldcraft`` / ``fieldcraft open`` where no window can be opened: a message, never a Qt abort."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys

import pytest

from designer.cli import cmd_open
from designer.cli.cmd_open import display_problem
from tests.conftest import ROOT

HEADLESS = {k: v for k, v in os.environ.items()
            if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}


@pytest.mark.parametrize("args", [[], ["open", "app.fieldcraft.json"]])
def test_no_display_is_a_message_not_an_abort(args: list[str]) -> None:
    out = subprocess.run([sys.executable, "-m", "designer", *args], capture_output=True,
                         text=True, cwd=ROOT, timeout=120, env=HEADLESS)
    assert out.returncode == 1, (out.returncode, out.stderr)     # Qt's abort would be -6
    assert out.stderr.startswith("fieldcraft: cannot open the designer: there is no display")
    assert "headless commands" in out.stderr and "qt.qpa" not in out.stderr


def test_unreachable_x_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cmd_open, "_xcb_plugin_problem", lambda: "")
    problem = display_problem({"DISPLAY": ":4711"}, "linux")
    assert problem == "the X display ':4711' cannot be reached (is the X server running?)"


def test_missing_xcb_library_names_the_debian_package(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_icccm(name: str, *args: object, **kwargs: object) -> None:
        if name.endswith("libqxcb.so"):
            raise OSError("libxcb-icccm.so.4: cannot open shared object file: No such file")
    monkeypatch.setattr(ctypes, "CDLL", no_icccm)
    problem = display_problem({"DISPLAY": ":0"}, "linux")
    assert problem.startswith("Qt's X11 platform plugin cannot be loaded: libxcb-icccm.so.4")
    assert "`sudo apt-get install libxcb-icccm4`" in problem


@pytest.mark.parametrize("env, platform", [
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux"),
    ({}, "darwin"),
    ({}, "win32"),
])
def test_other_platforms_are_left_to_qt(env: dict[str, str], platform: str) -> None:
    assert display_problem(env, platform) == ""
