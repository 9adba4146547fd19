"""``open`` (and no arguments): start the designer."""

from __future__ import annotations

import argparse
import ctypes.util
import importlib.util
import os
import re
import sys
from pathlib import Path
from typing import Mapping

from designer.model.input_file import not_regular

from .common import CliError, example_path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("open", help="open the designer (on the bundled example by default)")
    p.add_argument("file", nargs="?", metavar="FILE")
    p.add_argument("--quit-after", type=int, metavar="MS", help=argparse.SUPPRESS)
    p.set_defaults(handler=cmd_open)


def display_problem(env: Mapping[str, str] | None = None, platform: str = sys.platform) -> str:
    """Why Qt could not open a window here ("" if it can), checked before Qt aborts the process.

    Only Linux/BSD without an explicit ``QT_QPA_PLATFORM`` is checked: Qt's xcb plugin needs its
    libraries (libxcb-cursor, -icccm, -keysyms, …) and a reachable X display, or else Qt aborts.
    """
    env = os.environ if env is None else env
    if not platform.startswith(("linux", "freebsd", "openbsd")) or env.get("QT_QPA_PLATFORM"):
        return ""
    if env.get("WAYLAND_DISPLAY"):
        return ""
    if not env.get("DISPLAY"):
        return ("there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set); run it in a "
                "desktop session, or use the headless commands (validate, lint, render, export, "
                "review)")
    missing = _xcb_plugin_problem()
    if missing:
        return missing
    if not _x_reachable():
        return f"the X display {env['DISPLAY']!r} cannot be reached (is the X server running?)"
    return ""


def _xcb_plugin_problem() -> str:
    """Load Qt's xcb platform plugin the way Qt will; name the missing library if it fails."""
    spec = importlib.util.find_spec("PySide6")
    folders = list(spec.submodule_search_locations or []) if spec else []
    plugin = next((Path(f) / "Qt" / "plugins" / "platforms" / "libqxcb.so" for f in folders
                   if (Path(f) / "Qt" / "plugins" / "platforms" / "libqxcb.so").exists()), None)
    if plugin is None:
        return ""
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        found = re.search(r"(lib[\w.+-]+?)\.so\.(\d+)", str(exc))
        hint = ""
        if found:
            name, version = found.groups()
            package = name + ("-" if name[-1].isdigit() else "") + version
            hint = f" (Debian/Ubuntu: `sudo apt-get install {package}`, or run `./dev designer`)"
        return f"Qt's X11 platform plugin cannot be loaded: {exc}{hint}"
    return ""


def _x_reachable() -> bool:
    """Whether libxcb can connect to $DISPLAY (what Qt's xcb plugin does first)."""
    try:
        xcb = ctypes.CDLL(ctypes.util.find_library("xcb") or "libxcb.so.1")
    except OSError:
        return False
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    conn = xcb.xcb_connect(None, None)
    try:
        return bool(conn) and xcb.xcb_connection_has_error(conn) == 0
    finally:
        if conn:
            xcb.xcb_disconnect(conn)


def cmd_open(ns: argparse.Namespace) -> int:
    problem = display_problem()
    if problem:
        raise CliError(f"cannot open the designer: {problem}")
    if ns.file and not os.path.isfile(ns.file):
        # said here, not in a modal dialog over an empty window (which also hangs smoke runs)
        reason = not_regular(ns.file) or "No such file or directory"
        raise CliError(f"{ns.file}: cannot read file: {reason}")
    try:
        from designer.ui.app import run
    except ImportError as exc:
        if "designer.ui" in str(exc) or "PySide6" in str(exc) or "libEGL" in str(exc) \
                or "libGL" in str(exc):
            raise CliError(f"the designer cannot start: {exc}") from None
        raise
    if ns.quit_after is not None:  # smoke test of installs and bundles: show, paint, quit
        from designer.ui.app import smoke_run
        return smoke_run(ns.file or str(example_path()), ns.quit_after)
    return run(ns.file or str(example_path()))
