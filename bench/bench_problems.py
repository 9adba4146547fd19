"""The problems pane on a big model: longest UI-thread stall while it lints and fills.

Usage: ``python -m bench.bench_problems [--screens 200] [--widgets 50]`` (offscreen). A 1 ms
QTimer on the UI thread ticks while the pane lints the model on its worker and adds the rows;
the longest gap between ticks is how long the UI thread was blocked (issue 19 goal: ≤ 16 ms
on 10,000 widgets).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def measure(screens: int, widgets: int) -> tuple[float, float, int]:
    """(longest UI-thread gap in s, lint + fill time in s, findings)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from bench.generate import make_app
    from designer.ui.controller import DocumentController
    from designer.ui.panels.problems import ProblemsPanel

    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    controller = DocumentController(make_app(screens, widgets))
    panel = ProblemsPanel(controller)
    panel.show()
    panel.timer.stop()
    from designer.review.lint import lint
    lint(controller.app)                # imports and caches warm, as in a running designer
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now
    beat = QTimer()
    beat.setInterval(1)
    beat.timeout.connect(tick)
    beat.start()
    start = time.perf_counter()
    last[0] = start
    panel.refresh()
    while panel.filling or panel.shown_revision != panel.revision:
        qapp.processEvents()
        time.sleep(0.0005)
    total = time.perf_counter() - start
    beat.stop()
    panel.close()
    return max(gaps or [0.0]), total, len(panel.problems)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screens", type=int, default=200)
    parser.add_argument("--widgets", type=int, default=50)
    ns = parser.parse_args()
    gap, total, found = measure(ns.screens, ns.widgets)
    ok = "ok" if gap <= 0.016 else "MISSED"
    print(f"problems pane, {ns.screens * ns.widgets:,} widgets, {found:,} findings: longest "
          f"UI-thread stall {gap * 1000:.1f} ms (goal ≤ 16 ms: {ok}); lint + fill "
          f"{total * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
