"""Diff, merge and lint build ~10 objects per widget: they run without cyclic GC passes (issue 17).

With the collector on, its passes over the growing heap took most of a 10,000-widget diff
(2.4 s of which 0.3 s was the work). The count comes from ``gc.callbacks``, not from a timer.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Any, Callable, Iterator

import pytest

from bench.bench_review import edited
from bench.generate import make_app
from designer.model import App, dumps
from designer.review.diff import diff_apps
from designer.review.lint import lint
from designer.review.merge import merge_apps


@pytest.fixture
def collections() -> Iterator[list[int]]:
    with _collections() as seen:
        yield seen


@pytest.fixture(scope="module")
def apps() -> tuple[App, App, App]:
    app = make_app(20, 50)                       # 1,000 widgets: many gen-0 thresholds
    return app, edited(app, 0, "ours"), edited(app, 19, "theirs")


@contextmanager
def _collections() -> Iterator[list[int]]:
    """Generations of the GC passes that start inside the block."""
    seen: list[int] = []

    def callback(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.collect()
    gc.callbacks.append(callback)
    try:
        yield seen
    finally:
        gc.callbacks.remove(callback)


def _run(func: Callable[[], object], seen: list[int]) -> None:
    """Run ``func``; at most the one young-generation pass when collection resumes."""
    assert gc.isenabled()
    func()
    assert gc.isenabled(), "collection resumes afterwards"
    assert seen in ([], [0]), f"{len(seen)} GC passes"


def test_diff_runs_without_gc_passes(apps: tuple[App, App, App], collections: list[int]) -> None:
    base, ours, _ = apps
    _run(lambda: diff_apps(base, ours), collections)


def test_merge_runs_without_gc_passes(apps: tuple[App, App, App], collections: list[int]) -> None:
    base, ours, theirs = apps
    result: list[Any] = []
    _run(lambda: result.append(merge_apps(base, ours, theirs)), collections)
    assert result[0].clean


def test_lint_runs_without_gc_passes(apps: tuple[App, App, App]) -> None:
    base = apps[0]
    text = dumps(base)
    found: list[Any] = []
    with _collections() as seen:
        _run(lambda: found.extend(lint(base, file="big.fieldcraft.json", text=text)), seen)
    assert found
