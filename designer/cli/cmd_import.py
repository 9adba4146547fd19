"""``import``: add a back-end contract or sample file to a model as a data source (or update it)."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from designer.commands import UndoStack
from designer.model import dumps, save
from designer.model.jsonlocate import line_of
from designer.model.document import Document
from designer.model.printable import printable, printable_lines

from .common import CliError, load_model

KINDS = ("openapi", "odata", "csv", "json", "sqlite")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import", help="import a back-end contract or sample file as a data source",
        description="Add a data source to MODEL from an OpenAPI/Swagger spec, an OData $metadata "
                    "document, a CSV/JSON sample or a SQLite database, and save MODEL. If the "
                    "model already has that source (same --name, or same file), it is updated "
                    "and the changes and affected bindings are reported.")
    p.add_argument("model", metavar="MODEL", help="the *.fieldcraft.json model file")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--openapi", metavar="SPEC", help="OpenAPI 3.x or Swagger 2.0 (JSON/YAML)")
    group.add_argument("--odata", metavar="METADATA", help="OData v2/v4 $metadata XML")
    group.add_argument("--csv", metavar="FILE", help="CSV sample data")
    group.add_argument("--json", metavar="FILE", help="JSON sample data")
    group.add_argument("--sqlite", metavar="DB", help="SQLite database")
    p.add_argument("--name", help="name of the data source (default: from the title or file)")
    p.add_argument("--base-url", metavar="URL", help="set the source's base URL")
    p.add_argument("--locale", metavar="LOCALE",
                   help="CSV/JSON: the locale the file was written in (en-US reads 01/02/2024 as "
                        "January 2; de-DE as 1 February), for dates no cell decides")
    p.add_argument("--dry-run", action="store_true", help="report only; do not save the model")
    p.set_defaults(handler=cmd_import)


def cmd_import(ns: argparse.Namespace) -> int:
    from designer.importers import SpecError, import_file
    from designer.importers.apply import plan_import
    from designer.importers.reimport import format_report

    kind = next(k for k in KINDS if getattr(ns, k))
    spec = getattr(ns, kind)
    app = load_model(ns.model)
    try:
        result = import_file(kind, spec, ns.name, locale=ns.locale)
    except SpecError as exc:
        print(printable_lines(str(exc)), file=sys.stderr)
        print(f"fieldcraft: nothing imported; {printable(ns.model)} was not changed",
              file=sys.stderr)
        return 1
    result.source.origin = _origin(spec, ns.model)
    if ns.base_url is not None:
        if len(ns.base_url) > 2048:
            raise CliError("--base-url is longer than 2048 characters")
        result.source.base_url = ns.base_url
        result.warnings = [p for p in result.warnings if p.code != "import.server"]
    for problem in result.warnings:
        print(problem.format(), file=sys.stderr)
    if ns.name and kind in ("csv", "json"):
        _keep_entity_name(app, result.source, ns.name)
    before = dumps(app)
    plan = plan_import(app, result, explicit_name=bool(ns.name), model_file=ns.model)
    if plan.report is not None and plan.report.broken:
        text = Path(ns.model).read_bytes()
        plan.report.broken = [replace(p, line=line_of(text, p.path)) for p in plan.report.broken]
    doc = Document(app)
    UndoStack(doc).push(plan.command)
    generated = _generated_errors(doc.app, plan.source.name, ns.model)
    if generated:
        for problem in generated:
            print(problem.format(), file=sys.stderr)
        print(f"fieldcraft: the imported source would not validate; nothing imported, "
              f"{printable(ns.model)} was not changed", file=sys.stderr)
        return 1
    unchanged = plan.report is not None and dumps(doc.app) == before
    if not ns.dry_run and not unchanged:
        save(doc.app, ns.model)
    verb = "would update" if ns.dry_run else "updated"
    if plan.report is None:
        verb = "would add" if ns.dry_run else "added"
    print(printable(f"{verb} data source `{plan.source.name}` ({result.summary()}) from {spec}"))
    if plan.report is not None:
        print(printable_lines(format_report(plan.report)))
    if unchanged and not ns.dry_run:
        print(f"nothing changed; {printable(ns.model)} was not rewritten")
    from designer.importers.target_notes import what_targets_do

    for line in what_targets_do(plan.source.kind):
        print(printable(line))
    if plan.source.auth.credential:
        print(f"credential: store the secret as `{plan.source.auth.credential}` in the OS keyring "
              f"(fieldcraft service) or the environment variable "
              f"FIELDCRAFT_CRED_{_env_name(plan.source.auth.credential)}")
    return 0


def _keep_entity_name(app: object, source: object, name: str) -> None:
    """A CSV/JSON sample names its one entity after the file; re-imported into an existing
    one-entity source from a file named otherwise (orders_2024.csv into ``orders``), the
    entity keeps the name the model gave it, so bindings and queries still find it."""
    existing = next((d for d in app.data_sources if d.name == name), None)  # type: ignore[attr-defined]
    if existing is None or len(existing.entities) != 1 or len(source.entities) != 1:  # type: ignore[attr-defined]
        return
    old, new = existing.entities[0].name, source.entities[0]  # type: ignore[attr-defined]
    if new.name != old:
        for entity in source.entities:  # type: ignore[attr-defined]
            for f in entity.fields:
                if f.entity == new.name:
                    f.entity = old
        new.name = old


def _generated_errors(app: object, source: str, model: str) -> list[object]:
    """Validate errors inside the imported source (what the importer generated): an import
    never saves a source that validate rejects. Bindings a re-import breaks elsewhere are
    listed by the re-import report instead."""
    from designer.model.validate import validate_app

    index = next(i for i, s in enumerate(app.data_sources) if s.name == source)  # type: ignore[attr-defined]
    return [p for p in validate_app(app, model) if p.severity == "error"  # type: ignore[arg-type]
            and p.path[:2] == ("data_sources", index)]


def _origin(spec: str, model: str) -> str:
    """The spec's path relative to the model's folder (POSIX separators), else its file name."""
    try:
        rel = os.path.relpath(os.path.abspath(spec), os.path.dirname(os.path.abspath(model)))
    except ValueError:
        return os.path.basename(spec)
    rel = rel.replace(os.sep, "/")
    return rel if len(rel) <= 1024 else os.path.basename(spec)[:1024]


def _env_name(credential: str) -> str:
    from designer.secrets import env_var_name
    return env_var_name(credential).removeprefix("FIELDCRAFT_CRED_")
