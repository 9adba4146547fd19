"""Timing helpers of ``bench.run``: paired runs, medians with their spread, goals and rows.

A row measures Fieldcraft and its floor (or a peer program) alternately ``n`` times, so load on
a shared machine hits both alike, and keeps every time: the table shows min/median/max of each
side and the ratio of the medians.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Goal:
    """``ratio``: time / floor ≤ value; ``ms``: the median ≤ value milliseconds."""

    kind: str
    value: float

    def verdict(self, ratio: float, median_s: float) -> str:
        if self.kind == "ratio":
            if ratio <= self.value:
                return f"≤ {self.value:g}×: met"
            return f"≤ {self.value:g}×: **missed** by {ratio / self.value:.1f}× ({ratio:.2f}×)"
        ms = median_s * 1000
        if ms <= self.value:
            return f"≤ {self.value:g} ms: met"
        return f"≤ {self.value:g} ms: **missed** by {ms - self.value:.0f} ms"


@dataclass
class Row:
    """One benchmark line: what, at which size, every time of it and of its floor."""

    name: str
    widgets: int
    times: list[float]
    floor_name: str
    floors: list[float]
    goal: Goal | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def floor_median(self) -> float:
        return statistics.median(self.floors)

    @property
    def ratio(self) -> float:
        return self.median / self.floor_median if self.floor_median else float("inf")

    def key(self) -> tuple[str, str]:
        return self.name, self.widgets_text()

    def widgets_text(self) -> str:
        return f"{self.widgets:,}" if self.widgets else "—"

    def markdown(self) -> str:
        goal = self.goal.verdict(self.ratio, self.median) if self.goal else ""
        per_k = (f"{self.median * 1000 / (self.widgets / 1000):.1f} ms" if self.widgets >= 1000
                 else "—")
        return (f"| {self.name} | {self.widgets_text()} | {ms(self.median)} | {spread(self.times)} | "
                f"{per_k} | {self.floor_name} | {ms(self.floor_median)} | {spread(self.floors)} | "
                f"{self.ratio:.2f}× | {len(self.times)} | {goal} |")


HEADER = ("| benchmark | widgets | median | min–max | per 1k widgets | floor or peer (same run) | "
          "floor median | floor min–max | ratio | n | goal |\n"
          "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |")


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:.0f} ms" if value >= 100 else f"{value:.1f} ms"


def spread(times: Sequence[float]) -> str:
    return f"{min(times) * 1000:.0f}–{max(times) * 1000:.0f}" if len(times) > 1 else "—"


def paired(func: Callable[[], object], floor: Callable[[], object], repeat: int
           ) -> tuple[list[float], list[float]]:
    """Every time of ``func`` and of ``floor``, run alternately."""
    times: list[float] = []
    floors: list[float] = []
    for _ in range(repeat):
        for target, fn in ((times, func), (floors, floor)):
            start = time.perf_counter()
            fn()
            target.append(time.perf_counter() - start)
    return times, floors


def process(argv: Sequence[str], cwd: Path | None = None) -> Callable[[], None]:
    """A whole process as a thunk (stdout/stderr discarded; the exit code is not checked: GNU
    ``diff`` exits 1 when files differ, ``git merge-file`` with the conflict count)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}

    def run() -> None:
        subprocess.run(list(argv), cwd=cwd or ROOT, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, check=False)
    return run


def fieldcraft(*args: str) -> list[str]:
    """``fieldcraft ARGS`` as this checkout runs it (``python -m designer``)."""
    return [sys.executable, "-m", "designer", *args]


def checked(argv: Sequence[str]) -> None:
    """Run ``argv`` once and fail loudly if it fails (so a broken row is never timed)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(list(argv), cwd=ROOT, env=env, capture_output=True, text=True)
    if out.returncode not in (0,):
        raise SystemExit(f"{' '.join(argv)} failed ({out.returncode}): {out.stderr[-1000:]}")
