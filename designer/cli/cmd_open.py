"""``open`` (and no arguments): start the designer."""

from __future__ import annotations

import argparse

from .common import CliError, example_path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("open", help="open the designer (on the bundled example by default)")
    p.add_argument("file", nargs="?", metavar="FILE")
    p.add_argument("--quit-after", type=int, metavar="MS", help=argparse.SUPPRESS)
    p.set_defaults(handler=cmd_open)


def cmd_open(ns: argparse.Namespace) -> int:
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
