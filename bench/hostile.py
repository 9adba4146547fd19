"""Every CLI entry point on hostile input, as whole processes: exit code, wall time, peak RSS.

Usage: ``python -m bench.hostile [--tiny] [--out docs/performance.md]``.
Cases are the hostile corpus (``tests/hostile/corpus``) and generated deep and long inputs
(``bench.hostile_inputs``): a 10,000-entity reference chain, 10,000-deep and 65-level widget
nesting, a 40 MB sample string, a 50 MB widget text, and deep or long import inputs of every
kind. Each model case runs validate, lint, diff, merge, review, export ×3 and render; each
import case runs ``import``. The peak is the kernel's accounting of that one child (``wait4``).
A row passes when the exit is 0, 1 or 2 (never 70), no traceback is printed, and the peak is at
most 3× the input's size + 150 MB. ``--out`` replaces the generated section of that file.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from bench import hostile_inputs as H
from bench.measure import fieldcraft
from designer.model.base import MAX_WIDGET_DEPTH

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "hostile" / "corpus"
BEGIN, END = "<!-- hostile-bench:begin -->", "<!-- hostile-bench:end -->"
MB = 2**20
TARGETS = ("pwa", "react-native", "flutter")


@dataclass
class Row:
    """One command on one case."""

    case: str
    size: int
    command: str
    code: int
    seconds: float
    peak: int
    clean: bool                      # no traceback, no internal error

    @property
    def budget(self) -> int:
        return 3 * self.size + 150 * MB

    @property
    def ok(self) -> bool:
        return self.code in (0, 1, 2) and self.clean and self.peak <= self.budget


def model_commands(model: Path, out: Path) -> dict[str, list[str]]:
    """The commands that read a model file."""
    try:
        screen = str(json.loads(model.read_text("utf-8"))["screens"][0]["name"])
    except (ValueError, KeyError, IndexError, TypeError, UnicodeDecodeError, RecursionError):
        screen = "main"
    return {
        "validate": ["validate", str(model)],
        "lint": ["lint", str(model)],
        "diff": ["diff", str(H.EXAMPLE), str(model)],
        "merge": ["merge", str(H.EXAMPLE), str(H.EXAMPLE), str(model),
                  "-o", str(out / "merged.fieldcraft.json")],
        "review": ["review", str(model), "-o", str(out / "review.html")],
        **{f"export {t}": ["export", str(model), "-t", t, "-o", str(out / t), "-q",
                           "--allow-partial"] for t in TARGETS},
        "render": ["render", str(model), "--screen", screen, "--out", str(out / "screen.png")],
    }


def measure(case: str, size: int, command: str, args: list[str]) -> Row:
    run = fieldcraft(args, timeout=900)
    out = run.stdout + run.stderr
    return Row(case, size, command, run.code, run.seconds, run.peak,
               "Traceback" not in out and "internal error" not in out)


def sqlite_long_text(path: Path, chars: int) -> Path:
    """A SQLite database with one table whose row holds a ``chars``-long text."""
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")
        db.execute("INSERT INTO note (body) VALUES (?)", ("x" * chars,))
    return path


def csv_long_field(path: Path, chars: int) -> Path:
    """A CSV sample with one ``chars``-long field."""
    path.write_text(f"id,body\n1,{'y' * chars}\n2,short\n", "utf-8")
    return path


Make = Callable[[Path, int], Path]


def cases(tiny: bool) -> tuple[list[tuple[str, Make, int]], list[tuple[str, str, Make, int]]]:
    """(model cases, import cases): name, generator, size parameter (and import kind)."""
    n, deep, long = (30, 2_000, 10_000) if tiny else (10_000, 10_000, 40 * 10**6)
    models: list[tuple[str, Make, int]] = [
        (f"{deep:,}-deep widget nesting", H.nested_widgets, deep),
        (f"{MAX_WIDGET_DEPTH + 1}-level widget nesting", H.nested_widgets,
         MAX_WIDGET_DEPTH - 1),
        (f"{long / 1e6:g} MB sample string", H.long_sample_string, long),
        (f"{long * 1.25 / 1e6:g} MB widget text", H.long_widget_text, long * 5 // 8),
    ]
    imports: list[tuple[str, str, Make, int]] = [
        (f"openapi: {n:,}-entity reference chain", "openapi", H.openapi_chain, n),
        (f"openapi: {deep:,} $ref hops", "openapi", H.openapi_ref_hops, deep),
        (f"openapi: {deep:,}-deep inline schema", "openapi", H.openapi_inline_nesting, deep),
        (f"odata: {n:,}-type ComplexType chain", "odata", H.odata_chain, n),
        (f"json: {deep:,}-deep sample", "json", H.json_sample_nesting, deep),
        (f"csv: {long / 1e6:g} MB field", "csv", csv_long_field, long),
        (f"sqlite: {long / 1e6:g} MB text", "sqlite", sqlite_long_text, long),
    ]
    return models, imports


def _copy(source: Path) -> Make:
    return lambda path, _size: Path(shutil.copy(source, path))


def run_all(tiny: bool, tmp: Path, corpus_files: int | None = None) -> list[Row]:
    """Measure every case; in tiny mode small imports and one model (the chain)."""
    rows: list[Row] = []
    corpus = [] if tiny else sorted(CORPUS.glob("*.fieldcraft.json"))[:corpus_files]
    models, imports = cases(tiny)
    for name, kind, make, size in imports:
        folder = Path(tempfile.mkdtemp(dir=tmp))
        spec = make(folder / f"input.{'xml' if kind == 'odata' else kind}", size)
        model = folder / "m.fieldcraft.json"
        shutil.copy(H.EXAMPLE, model)
        rows.append(measure(name, spec.stat().st_size, f"import --{kind}",
                            ["import", str(model), f"--{kind}", str(spec)]))
        if make is H.openapi_chain:          # then every command on the imported chain
            models.insert(0, (f"example + {size:,}-entity chain on a screen",
                              _copy(H.use_chain(model)), 0))
    if tiny:                                 # every entry point once: the chain model only
        models = models[:1]
    models += [(f"corpus: {path.name}", _copy(path), 0) for path in corpus]
    for name, make, size in models:
        folder = Path(tempfile.mkdtemp(dir=tmp))
        model = make(folder / "case.fieldcraft.json", size)
        for command, args in model_commands(model, folder).items():
            rows.append(measure(name, model.stat().st_size, command, args))
    return rows


def table(rows: list[Row]) -> str:
    """Markdown: one line per case and command."""
    lines = ["| case | input | command | exit | time | peak RSS | budget | ok |",
             "| --- | ---: | --- | ---: | ---: | ---: | ---: | --- |"]
    for r in rows:
        lines.append(f"| {r.case} | {r.size / MB:.1f} MB | {r.command} | {r.code} | "
                     f"{r.seconds:.1f} s | {r.peak / MB:.0f} MB | {r.budget / MB:.0f} MB | "
                     f"{'ok' if r.ok else '**FAIL**'} |")
    return "\n".join(lines)


def write_section(path: Path, text: str) -> None:
    """Replace (or append) the generated hostile-bench section of ``path``."""
    body = path.read_text("utf-8") if path.exists() else "# Performance\n"
    section = f"{BEGIN}\n{text}\n{END}"
    if BEGIN in body and END in body:
        head, rest = body.split(BEGIN, 1)
        body = head + section + rest.split(END, 1)[1]
    else:
        body = body.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(body, "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="small inputs, each entry point once (smoke test)")
    parser.add_argument("--corpus", type=int, metavar="N", help="only the first N corpus files")
    parser.add_argument("--out", type=Path, help="write the table into this Markdown file")
    ns = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rows = run_all(ns.tiny, Path(tmp), ns.corpus)
    text = table(rows)
    print(text)
    if ns.out:
        machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
        failed = sum(not r.ok for r in rows)
        write_section(ns.out, (
            f"## Hostile input, every CLI entry point\n\nGenerated by `python -m bench.hostile"
            f"{' --tiny' if ns.tiny else ''}"
            f"{f' --corpus {ns.corpus}' if ns.corpus is not None else ''} --out {ns.out}` ({machine}); {len(rows)} runs, "
            f"{failed} failed. Each row is one whole `fieldcraft` process; the peak RSS is the "
            f"kernel's (`wait4`), the budget is 3× the input's size + 150 MB, and a row is ok "
            f"when the exit is 0, 1 or 2 (never the internal-error 70), nothing printed a "
            f"traceback and the peak is within the budget. Times are one run each on a shared "
            f"machine.\n\n{text}"))
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
