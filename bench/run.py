"""All headless benchmarks in one table, each row beside a floor measured in the same run.

Usage: ``python -m bench.run [--sizes 1000 10000 50000] [--out docs/performance.md]``.
Generated models come from ``bench.generate`` (screens of 50 widgets). Every time is the best of
``--repeat`` runs; the ratio is time / floor (lower is better). Designer rows (first painted
frame, drag, select-all/delete/undo, cold start, memory) come from ``bench.bench_designer``,
which runs the real window offscreen; ``--designer`` adds them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import orjson

from bench.bench_export import count_ui_widgets, find_uic, ui_file
from bench.generate import make_app
from designer.model import App, dumps, load
from designer.model.fileio import write_atomic
from designer.model.validate import validate_app
from designer.review.lint import lint
from exporters import get, names

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_BEGIN = "<!-- hostile-bench:begin -->"   # bench.hostile's section of the --out file


@dataclass
class Row:
    """One benchmark line: what, at which size, its time, and its floor."""

    name: str
    widgets: int
    seconds: float
    floor_name: str
    floor: float

    @property
    def ratio(self) -> float:
        return self.seconds / self.floor if self.floor else float("inf")


def best(func: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def paired(func: Callable[[], object], floor: Callable[[], object], repeat: int
           ) -> tuple[float, float]:
    """Best times of ``func`` and ``floor``, run alternately so machine load hits both alike."""
    times: list[float] = []
    floors: list[float] = []
    for _ in range(repeat):
        for target, fn in ((times, func), (floors, floor)):
            start = time.perf_counter()
            fn()
            target.append(time.perf_counter() - start)
    return min(times), min(floors)


def uic_seconds(widgets: int, tmp: Path, repeat: int) -> float:
    """``uic -g python`` on a .ui file with the same number of widgets."""
    uic = find_uic()
    if uic is None:
        raise SystemExit("uic not found: PySide6-Essentials ships it")
    form = ui_file(widgets)
    path = tmp / "form.ui"
    path.write_text(form, "utf-8")
    n = count_ui_widgets(form)
    seconds = best(lambda: subprocess.run([*uic, str(path)], capture_output=True, check=True),
                   repeat)
    return seconds * widgets / n


def headless_rows(widgets: int, repeat: int, tmp: Path) -> list[Row]:
    """Open, save, validate, lint and export rows for a generated model of ``widgets``."""
    app = make_app(max(widgets // 50, 1), 50)
    count = sum(1 for _ in app.widgets())
    path = tmp / f"bench{count}.fieldcraft.json"
    data = dumps(app)
    path.write_bytes(data)
    raw = orjson.loads(data)
    plain = tmp / "plain.json"

    def row(name: str, func: Callable[[], object], floor_name: str,
            floor: Callable[[], object]) -> Row:
        seconds, floor_seconds = paired(func, floor, repeat)
        return Row(name, count, seconds, floor_name, floor_seconds)

    text = data.decode()
    rows = [
        row("open (read, check, migrate, validate)", lambda: load(path),
            "orjson.loads + model validation",
            lambda: App.model_validate(orjson.loads(path.read_bytes()))),
        row("save (canonical, atomic, fsync)",
            lambda: write_atomic(path, dumps(app), backup=True), "orjson.dumps + plain write",
            lambda: plain.write_bytes(orjson.dumps(raw, option=orjson.OPT_INDENT_2))),
        row("validate (semantic)", lambda: validate_app(app), "model validation",
            lambda: App.model_validate(raw)),
        row("lint (all rules, with lines)", lambda: lint(app, file=str(path), text=text),
            "model validation", lambda: App.model_validate(raw)),
    ]
    uic = uic_seconds(count, tmp, repeat)
    for target in names():
        exporter = get(target)
        out = tmp / f"out-{target}"
        rows.append(Row(f"export {target}", count,
                        best(lambda: exporter.export(app, out), repeat),
                        "uic -g python, same widget count", uic))
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


def table(rows: list[Row]) -> str:
    """A Markdown table of the rows."""
    lines = ["| benchmark | widgets | time | floor (same run) | floor time | ratio |",
             "| --- | ---: | ---: | --- | ---: | ---: |"]
    for r in rows:
        lines.append(f"| {r.name} | {r.widgets:,} | {r.seconds * 1000:.0f} ms | {r.floor_name} | "
                     f"{r.floor * 1000:.0f} ms | {r.ratio:.2f}× |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--designer", action="store_true", help="also run the GUI benchmarks")
    parser.add_argument("--out", type=Path, help="also write the results as Markdown here")
    ns = parser.parse_args(argv)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in ns.sizes:
            rows.extend(headless_rows(size, ns.repeat if size <= 10000 else 1, Path(tmp)))
    text = table(rows)
    extra = designer_rows() if ns.designer else []
    if extra:
        text += "\n" + "\n".join(extra)
    print(text)
    if ns.out:
        machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
        body = (f"# Performance\n\nGenerated by `python -m bench.run{' --designer' if extra else ''}"
                f" --out {ns.out}` ({machine}). Times are the best of the repeats; each floor is "
                f"measured in the same run, and the ratio is time / floor. The floors run the way a naive "
                f"loader would, with Python's cyclic garbage collector on; `load`, `dumps` and "
                f"`validate_app` pause it while they build ~10 objects per widget, which is why "
                f"some ratios are below 1.\n\n{text}\n")
        old = ns.out.read_text("utf-8") if ns.out.exists() else ""
        if HOSTILE_BEGIN in old:             # keep the section bench.hostile generated
            body += "\n" + HOSTILE_BEGIN + old.split(HOSTILE_BEGIN, 1)[1]
        ns.out.write_text(body, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
