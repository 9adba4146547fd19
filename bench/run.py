"""All headless benchmarks in one table, each row beside a floor or peer measured in the same run.

Usage: ``python -m bench.run [--sizes 1000 10000 50000 100000] [--only diff merge ...]
[--repeat 3] [--out docs/performance.md]``. Models come from ``bench.generate`` (screens of 50
widgets). Each row runs Fieldcraft and its floor alternately ``--repeat`` times (``--big-repeat``
above 10,000 widgets) and shows min/median/max of both; the ratio is median / median. Floors do
the same work the same way: the cyclic GC paused as ``load``/``dumps`` pause it, the same
validation, the same output bytes. ``--only`` regenerates some groups, ``--targets`` limits the export rows; with ``--out``, rows of
the other groups (and the designer and hostile sections) are kept. ``--designer`` adds the GUI
rows from ``bench.bench_designer``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

import orjson

from bench.bench_export import count_ui_widgets, find_uic, ui_file
from bench.bench_review import edited
from bench.generate import make_app
from bench.stats import HEADER, Goal, Row, checked, fieldcraft, paired, process
from designer.model import App, dumps, load
from designer.model.fileio import write_atomic
from designer.model.gc_pause import gc_paused
from designer.model.validate import validate_app
from designer.review.diff import diff_apps
from designer.review.lint import lint
from designer.review.merge import merge_apps
from exporters import get, names

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_BEGIN = "<!-- hostile-bench:begin -->"   # bench.hostile's section of the --out file
DESIGNER_BEGIN = "<!-- designer-bench:begin -->"
DESIGNER_END = "<!-- designer-bench:end -->"
GROUPS = ("cli", "open", "save", "validate", "lint", "diff", "merge", "export", "export-process")


def _validated(data: bytes) -> App:
    with gc_paused():
        return App.model_validate(orjson.loads(data))


def _saved(app: App, path: Path) -> None:
    with gc_paused():
        data = orjson.dumps(app.model_dump(mode="json", by_alias=True, exclude_defaults=True),
                            option=orjson.OPT_INDENT_2) + b"\n"
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def cli_rows(repeat: int) -> list[Row]:
    """``fieldcraft --version`` / ``--help`` as whole processes beside ``python -c pass``."""
    floor = process([sys.executable, "-c", "pass"])
    rows = []
    for arg in ("--version", "--help"):
        checked(fieldcraft(arg))
        times, floors = paired(process(fieldcraft(arg)), floor, repeat)
        rows.append(Row(f"fieldcraft {arg} (whole process)", 0, times, "python -c pass", floors,
                        Goal("ms", 60)))
    return rows


def uic_thunk(widgets: int, tmp: Path) -> tuple[Callable[[], object], float]:
    """``uic -g python`` on a .ui form with ``widgets`` widgets; the scale to the exact count."""
    uic = find_uic()
    if uic is None:
        raise SystemExit("uic not found: PySide6-Essentials ships it")
    form = ui_file(widgets)
    path = tmp / f"form{widgets}.ui"
    path.write_text(form, "utf-8")
    return process([*uic, str(path)]), widgets / count_ui_widgets(form)


def headless_rows(widgets: int, repeat: int, tmp: Path, groups: set[str],
                  targets: list[str] | None = None) -> list[Row]:
    """The chosen groups' rows for a generated model of ``widgets`` (export rows for
    ``targets``, default every target)."""
    screens = max(widgets // 50, 1)
    app = make_app(screens, 50)
    count = sum(1 for _ in app.widgets())
    path = tmp / f"bench{count}.fieldcraft.json"
    data = dumps(app)
    path.write_bytes(data)
    plain = tmp / "plain.json"
    rows: list[Row] = []

    def row(group: str, name: str, func: Callable[[], object], floor_name: str,
            floor: Callable[[], object], goal: Goal | None = None, scale: float = 1.0) -> None:
        if group in groups:
            times, floors = paired(func, floor, repeat)
            rows.append(Row(name, count, times, floor_name, [f * scale for f in floors], goal))

    paused = "orjson.loads + model validation, GC paused"
    row("open", "open (read, check, migrate, validate)", lambda: load(path), paused,
        lambda: _validated(path.read_bytes()), Goal("ratio", 1.3))
    row("save", "save (canonical, atomic, backup, fsync)",
        lambda: write_atomic(path, dumps(app), backup=True),
        "pydantic dump + orjson.dumps + write + fsync, GC paused", lambda: _saved(app, plain))
    row("validate", "validate (semantic)", lambda: validate_app(app), paused,
        lambda: _validated(data))
    row("lint", "lint (all rules, with lines)", lambda: lint(app, file=str(path), text=data),
        paused, lambda: _validated(data), Goal("ratio", 3))
    if groups & {"diff", "merge"}:
        ours, theirs = edited(app, 0, "ours"), edited(app, screens - 1, "theirs")
        files = {}
        for name, model in (("base", app), ("ours", ours), ("theirs", theirs)):
            files[name] = tmp / f"{name}.fieldcraft.json"
            files[name].write_bytes(dumps(model))
        row("diff", "diff, in process (two loaded models)", lambda: diff_apps(app, ours),
            "GNU diff of the two files (whole process)",
            process(["diff", str(files["base"]), str(files["ours"])]), Goal("ratio", 3))
        row("merge", "merge, in process (three loaded models)",
            lambda: merge_apps(app, ours, theirs),
            "git merge-file -p of the three files (whole process)",
            process(["git", "merge-file", "-p", str(files["ours"]), str(files["base"]),
                     str(files["theirs"])]), Goal("ratio", 3))
    if groups & {"export", "export-process"}:
        uic, scale = uic_thunk(count, tmp)
        for target in targets or names():
            exporter = get(target)
            out = tmp / f"out-{target}"
            row("export", f"export {target}, in process", lambda: exporter.export(app, out),
                "uic -g python, same widget count (whole process)", uic, scale=scale)
            argv = fieldcraft("export", str(path), "-t", target, "-o", str(out), "-q")
            if "export-process" in groups:
                checked(argv)
            row("export-process", f"fieldcraft export {target} (whole process)", process(argv),
                "uic -g python, same widget count (whole process)", uic, Goal("ratio", 5),
                scale=scale)
    return rows


def designer_rows() -> list[str]:
    """Markdown rows of the designer benchmarks (real window, offscreen), from bench_designer."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-m", "bench.bench_designer", "--json"],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=1800)
    if out.returncode:
        raise SystemExit(f"bench_designer failed: {out.stderr.strip()[-2000:]}")
    rows = json.loads(out.stdout.strip().splitlines()[-1])
    return [f"| designer: {name.strip()}{f' (goal {goal}: {ok})' if goal else ''} | — | {value} | "
            f"{floor_name} | {floor} | {ratio} |"
            for name, value, floor, ratio, goal, ok, floor_name in rows]


DESIGNER_HEADER = ("| benchmark | widgets | time | floor (same run) | floor time | ratio |\n"
                   "| --- | ---: | ---: | --- | ---: | ---: |")


def merge_table(old: str, rows: list[Row]) -> list[str]:
    """The headless table's lines: ``rows`` replace old rows with the same benchmark and size,
    every other old row is kept; ordered by group, then benchmark, then size."""
    keep: dict[tuple[str, str], str] = {}
    header = HEADER.splitlines()[0]
    if header in old:
        body = old.split(header, 1)[1].splitlines()[2:]
        for line in body:
            if not line.startswith("| "):
                break
            cells = [c.strip() for c in line.strip("|").split("|")]
            keep[(cells[0], cells[1])] = line
    for r in rows:
        keep[r.key()] = r.markdown()

    def order(key: tuple[str, str]) -> tuple[int, str, int]:
        name, size = key
        group = next((i for i, g in enumerate(("fieldcraft", "open", "save", "validate", "lint",
                                                "diff", "merge", "export", "fieldcraft export"))
                      if name.startswith(g)), 99)
        if name.startswith("fieldcraft export"):
            group = 8
        return group, name, int(size.replace(",", "")) if size != "—" else 0
    return [keep[k] for k in sorted(keep, key=order)]


def write_doc(out: Path, rows: list[Row], designer: list[str], argv: list[str]) -> None:
    old = out.read_text("utf-8") if out.exists() else ""
    lines = merge_table(old, rows)
    machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    if designer:
        design = "\n".join([DESIGNER_HEADER, *designer])
    elif DESIGNER_BEGIN in old:
        design = old.split(DESIGNER_BEGIN, 1)[1].split(DESIGNER_END, 1)[0].strip()
        design = design.split("\n", 2)[2] if design.startswith("## ") else design
    else:
        design = ""
    body = (f"# Performance\n\nGenerated by `python -m bench.run` (last: `{' '.join(argv)}`; "
            f"{machine}, a shared machine). Each row ran Fieldcraft and its floor or peer "
            "alternately n times; the ratio is median / median, min–max shows the noise. "
            "Floors do the same work the same way (GC paused like `load`/`dumps`, the same "
            "validation, the same output bytes); peers are whole processes and say so; "
            "`--only GROUP` reruns some rows and keeps the others.\n\n"
            + "\n".join([HEADER, *lines]) + "\n")
    if design:
        body += (f"\n{DESIGNER_BEGIN}\n## Designer (`--designer`; best of the repeats, kept "
                 f"until rerun)\n\n{design}\n{DESIGNER_END}\n")
    if HOSTILE_BEGIN in old:             # keep the section bench.hostile generated
        body += "\n" + HOSTILE_BEGIN + old.split(HOSTILE_BEGIN, 1)[1]
    out.write_text(body, "utf-8")


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000, 100000])
    parser.add_argument("--only", nargs="+", choices=GROUPS, default=list(GROUPS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--big-repeat", type=int, default=1, help="repeats above 10,000 widgets")
    parser.add_argument("--targets", nargs="+", choices=names(),
                        help="export rows for these targets only (default: all)")
    parser.add_argument("--designer", action="store_true", help="also run the GUI benchmarks")
    parser.add_argument("--out", type=Path, help="also write the results as Markdown here")
    ns = parser.parse_args(args)
    groups = set(ns.only)
    rows: list[Row] = cli_rows(ns.repeat) if "cli" in groups else []
    with tempfile.TemporaryDirectory() as tmp:
        for size in ns.sizes:
            rows.extend(headless_rows(size, ns.repeat if size <= 10000 else ns.big_repeat,
                                      Path(tmp), groups - {"cli"}, ns.targets))
    designer = designer_rows() if ns.designer else []
    print("\n".join([HEADER, *(r.markdown() for r in rows), *designer]))
    if ns.out:
        write_doc(ns.out, rows, designer, ["python -m bench.run", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
