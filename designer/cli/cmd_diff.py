"""``diff``: semantic diff of two model files by ids (also a git textconv/external diff)."""

from __future__ import annotations

import argparse
import json
import os
import sys

from designer.model import App, load
from designer.model.printable import printable

from .common import CliError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("diff", help="semantic diff of two model files (screens, widgets, "
                                    "bindings, actions, data sources, endpoints, policies)")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="OLD NEW; or the 7 arguments git passes to an external diff command")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--textconv", action="store_true",
                   help="print FILE as one line per property, keyed by id (git textconv)")
    p.add_argument("--exit-code", action="store_true", help="exit 1 when the models differ")
    p.set_defaults(handler=cmd_diff)


def _load(path: str) -> App | None:
    """The model, or None for git's /dev/null (file added or deleted)."""
    if path == os.devnull or (os.path.isfile(path) and os.path.getsize(path) == 0):
        return None
    return load(path)


def cmd_diff(ns: argparse.Namespace) -> int:
    from designer.review.diff import diff_apps, outline

    files = list(ns.files)
    if ns.textconv:
        if len(files) != 1:
            raise CliError("--textconv takes exactly one FILE", 2)
        app = _load(files[0])
        sys.stdout.write(outline(app) if app is not None else "")
        return 0
    title = ""
    if len(files) == 7:          # git: path old-file old-hex old-mode new-file new-hex new-mode
        title, files = files[0], [files[1], files[4]]
    if len(files) != 2:
        raise CliError("diff needs OLD and NEW model files", 2)
    old, new = _load(files[0]), _load(files[1])
    empty = App(id="empty", name="(none)")
    changes = diff_apps(old or empty, new or empty)
    if ns.format == "json":
        sys.stdout.write(json.dumps({"old": files[0], "new": files[1],
                                     "changes": [c.to_json() for c in changes]},
                                    indent=2, ensure_ascii=False) + "\n")
    else:
        head = printable(title or f"{files[0]} → {files[1]}")
        if old is None or new is None:
            head += " (new file)" if old is None else " (deleted)"
        lines = [f"fieldcraft diff {head}: {len(changes)} change{'s' if len(changes) != 1 else ''}"]
        lines += [change.text() for change in changes]
        sys.stdout.write("\n".join(lines) + "\n")
    return 1 if ns.exit_code and changes else 0
