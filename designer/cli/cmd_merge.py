"""``merge``: three-way merge of model files by ids (a git merge driver)."""

from __future__ import annotations

import argparse
from dataclasses import replace
import os
import sys
from pathlib import Path

from designer.model import App, load
from designer.model.errors import ModelFileError
from designer.model.fileio import write_atomic
from designer.model.printable import printable_lines

from .common import CliError, write_output


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("merge", help="three-way merge of model files; exit 1 with a conflict "
                                     "report (OURS untouched) on true conflicts")
    p.add_argument("base", metavar="BASE")
    p.add_argument("ours", metavar="OURS")
    p.add_argument("theirs", metavar="THEIRS")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="write the merged model to OUT (default: stdout); as a git merge "
                        "driver use -o %%A")
    p.add_argument("--report", metavar="FILE", help="also write the conflict report to FILE")
    p.add_argument("--name", metavar="PATH",
                   help="the model's path to name in messages (as a git merge driver: %%P, "
                        "since git passes temporary files)")
    p.set_defaults(handler=cmd_merge)


def _load_base(path: str) -> App | None:
    if path == os.devnull or (os.path.isfile(path) and os.path.getsize(path) == 0):
        return None          # git passes an empty base when both sides added the file
    return load(path)


def _not_written(ns: argparse.Namespace) -> str:
    """What a refused merge left alone, naming the real files (git's temporaries only by --name)."""
    if ns.name:
        return f"your version of {ns.name} is unchanged"
    if ns.output and os.path.abspath(ns.output) == os.path.abspath(ns.ours):
        return f"{ns.output} was not written (it keeps your version)"
    if ns.output:
        return f"{ns.output} was not written and {ns.ours} is unchanged"
    return f"nothing was written and {ns.ours} is unchanged"


def cmd_merge(ns: argparse.Namespace) -> int:
    from designer.review.merge import merge_apps

    try:
        base, ours, theirs = _load_base(ns.base), load(ns.ours), load(ns.theirs)
    except ModelFileError as exc:
        if ns.name:     # git's temporary file names mean nothing to the user
            side = {ns.base: "base", ns.ours: "ours", ns.theirs: "theirs"}.get(exc.file, "")
            label = f"{ns.name} ({side})" if side else ns.name
            exc.file = label
            exc.problems = [replace(p, file=label) for p in exc.problems]
        raise
    result = merge_apps(base, ours, theirs)
    if not result.clean:
        what = f"{ns.name}: cannot merge the two versions" if ns.name else \
            f"cannot merge {ns.theirs} into {ns.ours}"
        report = printable_lines(f"fieldcraft merge: {what}; {_not_written(ns)}.\n"
                                 + result.report())
        sys.stderr.write(report)
        if ns.report:
            write_output(ns.report, report, "the merge report")
        return 1
    if ns.output:
        write_atomic(Path(ns.output), result.content, backup=False)
    else:
        sys.stdout.buffer.write(result.content)
    return 0
