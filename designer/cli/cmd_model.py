"""``validate``, ``new`` and ``schema`` sub-commands."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import orjson

from designer.model import App, ModelFileError, Screen, new_id, save
from designer.model.errors import SaveError
from designer.model.fileio import write_atomic
from designer.model.jsonlocate import locate_all
from designer.model.schema import json_schema
from designer.model.printable import printable
from widgets import CATALOG

from .common import CliError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check model files (exit 1 if any is invalid)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("new", help="create a new model file with one empty screen")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--name", default="", help="app name (default: from the file name)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser("schema", help="print the model file's JSON Schema")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(handler=cmd_schema)


def cmd_validate(ns: argparse.Namespace) -> int:
    from designer.model.validate import validate_app

    failed = False
    for file in ns.files:
        try:
            app = _load(file)
        except ModelFileError as exc:
            for problem in exc.problems or []:
                print(problem.format())
            if not exc.problems:
                print(printable(exc))
            failed = True
            continue
        problems = validate_app(app, file)
        lines = locate_all(Path(file).read_bytes(), [p.path for p in problems]) if problems else {}
        for problem in problems:
            print(replace(problem, line=lines.get(problem.path)).format())
        errors = [p for p in problems if p.severity == "error" or ns.strict]
        failed = failed or bool(errors)
        if not problems:
            print(f"{printable(file)}: ok ({sum(1 for _ in app.widgets())} widgets, "
                  f"{len(app.screens)} screens)")
    return 1 if failed else 0


def _load(file: str) -> App:
    from designer.model import load
    return load(file)


def cmd_new(ns: argparse.Namespace) -> int:
    path = Path(ns.file)
    if path.exists() and not ns.force:
        raise CliError(f"{path}: already exists (use --force to overwrite)")
    name = ns.name or path.name.split(".")[0].replace("_", " ").replace("-", " ").title() or "My app"
    if not name.strip() or len(name) > 200:
        raise CliError(f"--name: an app name has 1-200 characters (got {len(name)})", 2)
    root = CATALOG.get("column").create(new_id("w"), "root",
                                        padding={"top": 16, "right": 16, "bottom": 16, "left": 16})
    title = CATALOG.get("heading").create(new_id("w"), "title", text=name)
    root.children.append(title)  # type: ignore[attr-defined]
    app = App(id=new_id("app"), name=name, start_screen="home",
              screens=[Screen(id=new_id("s"), name="home", title=name, root=root)])
    try:
        save(app, path, backup=False)
    except SaveError as exc:
        raise CliError(str(exc)) from None
    print(f"created {printable(path)}")
    return 0


def cmd_schema(ns: argparse.Namespace) -> int:
    data = orjson.dumps(json_schema(), option=orjson.OPT_INDENT_2) + b"\n"
    if ns.output:
        try:
            write_atomic(Path(ns.output), data, backup=False)
        except SaveError as exc:
            raise CliError(str(exc)) from None
    else:
        sys.stdout.buffer.write(data)
    return 0
