"""Export time of the 10,000-widget model for every export target (budget ≤ 1 s each).

Usage: ``python -m bench.bench_export_targets [--screens 200 --widgets 50 --repeat 3]``
Prints one row per target: best and median wall time, files and bytes written.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_export import BUDGET_S, big_app
from exporters import get, names


def measure(target: str, app, repeat: int) -> tuple[list[float], int, int]:
    times, files, size = [], 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            out = Path(tmp) / f"out{i}"
            model = copy.deepcopy(app)
            start = time.perf_counter()
            result = get(target).export(model, out)
            times.append(time.perf_counter() - start)
            files = len(result.files)
            size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
            shutil.rmtree(out)
    return times, files, size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screens", type=int, default=200)
    parser.add_argument("--widgets", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--target", action="append", help="only these targets")
    args = parser.parse_args(argv)
    app = big_app(args.screens, args.widgets)
    total = args.screens * args.widgets
    print(f"model: {args.screens} screens x {args.widgets} widgets = {total} widgets; "
          f"budget {BUDGET_S:.1f} s per export")
    print(f"{'target':<14} {'best s':>8} {'median s':>9} {'files':>6} {'MB':>6}  verdict")
    over = False
    for target in args.target or names():
        times, files, size = measure(target, app, args.repeat)
        best, median = min(times), statistics.median(times)
        verdict = "ok" if median <= BUDGET_S else "OVER BUDGET"
        over |= median > BUDGET_S
        print(f"{target:<14} {best:8.3f} {median:9.3f} {files:6d} {size / 1e6:6.2f}  {verdict}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
