"""``scaffold``: add list → detail → edit/new screens for an entity, wired, and save the model."""

from __future__ import annotations

import argparse
import sys

from designer.model.printable import printable

from .common import load_model


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "scaffold", help="add list, detail and edit screens for an entity",
        description="Add to MODEL a list screen of ENTITY (tap opens the detail), a detail "
                    "screen (Edit, Delete), an edit form and a new-record form — the same "
                    "screens the designer makes when an entity is dropped — and save MODEL. "
                    "Forms and buttons appear only for what the source offers. Nothing is "
                    "saved if the result would not validate.")
    p.add_argument("model", metavar="MODEL", help="the *.fieldcraft.json model file")
    p.add_argument("--source", required=True, help="the data source")
    p.add_argument("--entity", required=True, help="the entity of the source")
    p.add_argument("--dry-run", action="store_true", help="report only; do not save the model")
    p.set_defaults(handler=cmd_scaffold)


def cmd_scaffold(ns: argparse.Namespace) -> int:
    from designer.binding.scaffold import scaffold_entity
    from designer.commands import UndoStack
    from designer.model import save
    from designer.model.document import Document
    from designer.model.errors import InvalidValueError, UnknownReferenceError
    from designer.model.validate import validate_app

    app = load_model(ns.model)
    before = {(p.code, p.path, p.message) for p in validate_app(app) if p.severity == "error"}
    stack = UndoStack(Document(app))
    try:
        made = scaffold_entity(stack, ns.source, ns.entity)
    except (UnknownReferenceError, InvalidValueError) as exc:
        print(f"fieldcraft scaffold: {printable(exc)}; {printable(ns.model)} was not changed",
              file=sys.stderr)
        return 1
    new = [p for p in validate_app(stack.doc.app, ns.model) if p.severity == "error"
           and (p.code, p.path, p.message) not in before]
    if new:
        for problem in new:
            print(problem.format(), file=sys.stderr)
        print(f"fieldcraft scaffold: the screens would not validate; {printable(ns.model)} was "
              "not changed", file=sys.stderr)
        return 1
    if not ns.dry_run:
        save(stack.doc.app, ns.model)
    verb = "would add" if ns.dry_run else "added"
    listed = ", ".join(f"{role} `{name}`" for role, name in made.screens.items())
    print(printable(f"{verb} screens for {ns.source}.{ns.entity}: {listed}"))
    return 0
