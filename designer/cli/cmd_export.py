"""``export`` sub-command: compile a model into a project for a target platform."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from designer.model.jsonlocate import locate_all
from designer.model.printable import printable

from .common import CliError, load_model


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export the app for a target platform (pwa, …)")
    p.add_argument("file", metavar="FILE", nargs="?", help="the model file")
    p.add_argument("--target", "-t", default=None, help="target name (see --list-targets)")
    p.add_argument("--out", "-o", metavar="DIR", help="output folder (replaced atomically)")
    p.add_argument("--templates", metavar="DIR", help="folder of templates overriding built-in ones")
    p.add_argument("--assets", metavar="DIR",
                   help="folder the model's asset names refer to (default: assets/ beside FILE)")
    p.add_argument("--allow-partial", action="store_true",
                   help="export even if the target lacks features the model uses (warns)")
    p.add_argument("--require-approval", action="store_true",
                   help="refuse a model whose content changed since `fieldcraft approve`")
    p.add_argument("--list-targets", action="store_true", help="list export targets and exit")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(handler=cmd_export)


def _list_targets() -> int:
    from exporters import targets

    for info in targets():
        print(f"{info.name:<14} {info.title} {info.version}: {info.description}")
    return 0


class _Bar:
    """A one-line progress bar on stderr (only when stderr is a terminal)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.last = -1

    def __call__(self, done: int, total: int, message: str) -> None:
        if not self.enabled:
            return
        width = 30
        filled = int(width * done / max(total, 1))
        if filled == self.last and done < total:
            return
        self.last = filled
        stream = getattr(sys.stderr, "raw_text", sys.stderr)   # our own \r is not escaped
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
                     f"{printable(message)[:40]:<40}")
        if done >= total:
            stream.write("\n")
        stream.flush()


def cmd_export(ns: argparse.Namespace) -> int:
    from exporters import ExportFailed, ExportOptions, UnknownTargetError, get

    if ns.list_targets:
        return _list_targets()
    if not ns.file or not ns.target or not ns.out:
        raise CliError("export needs FILE, --target and --out (or --list-targets)", code=2)
    try:
        exporter = get(ns.target)
    except UnknownTargetError as exc:
        raise CliError(str(exc), code=2) from exc
    model = Path(ns.file)
    if ns.require_approval:
        from designer.review.approval import ApprovalError, check_approval
        try:
            approval = check_approval(ns.file)
        except ApprovalError as exc:
            raise CliError(f"not exported: {exc}") from None
        print(printable(f"{ns.file}: content approved by {approval.by} on {approval.at}"),
              file=sys.stderr)
    app = load_model(ns.file)
    templates = Path(ns.templates) if ns.templates else None
    assets = Path(ns.assets) if ns.assets else model.resolve().parent / "assets"
    options = ExportOptions(templates=templates, allow_partial=ns.allow_partial, assets_dir=assets,
                            model_file=ns.file, progress=_Bar(not ns.quiet))
    try:
        result = exporter.export(app, ns.out, options)
    except ExportFailed as exc:
        lines = locate_all(model.read_bytes(), [p.path for p in exc.problems])
        for problem in exc.problems:
            print(replace(problem, line=lines.get(problem.path)).format(), file=sys.stderr)
        hint = " (use --allow-partial to export anyway)" if any(
            p.code.startswith("unsupported-") for p in exc.problems) else ""
        raise CliError(f"{exc}{hint}") from exc
    lines = locate_all(model.read_bytes(), [p.path for p in result.warnings]) \
        if result.warnings else {}
    for problem in result.warnings:
        print(replace(problem, line=lines.get(problem.path)).format(), file=sys.stderr)
    print(printable(f"exported {ns.file} to {result.out} ({ns.target}, {len(result.files)} files)"))
    return 0
