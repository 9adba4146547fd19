"""Export benchmark: the 10,000-widget model to the PWA (budget ≤ 1 s), with per-widget cost
next to Qt's ``uic -g python`` on a ``.ui`` file with the same widget count, in the same run.

Usage: ``python -m bench.bench_export [--screens 200 --widgets 50 --repeat 3]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from bench.generate import make_app
from exporters import get

BUDGET_S = 1.0


def big_app(screens: int, widgets: int):
    """``bench.generate.make_app`` with navigation to ``screen0`` (which takes no parameters)
    passing none, so the model validates and the exporter accepts it."""
    from designer.model import App

    data = make_app(screens, widgets).model_dump(mode="json", by_alias=True, exclude_defaults=True)

    def fix(node):
        for action in node.get("actions", {}).get("tap", []):
            if action.get("type") == "navigate" and action.get("screen") == "screen0":
                action.pop("params", None)
        for child in node.get("children", []):
            fix(child)

    for screen in data["screens"]:
        fix(screen["root"])
    return App.model_validate(data)


def find_uic() -> list[str] | None:
    """Qt's uic shipped inside PySide6 (or the pyside6-uic script)."""
    try:
        import PySide6
        base = Path(PySide6.__file__).parent
        for candidate in (base / "Qt" / "libexec" / "uic", base / "uic"):
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return [str(candidate), "-g", "python"]
    except ImportError:
        pass
    script = shutil.which("pyside6-uic")
    return [script] if script else None


def ui_file(widgets: int) -> str:
    """A Designer ``.ui`` form with ``widgets`` widgets (labels, line edits, buttons in groups)."""
    kinds = [("QLabel", "text"), ("QLineEdit", "placeholderText"), ("QPushButton", "text"),
             ("QCheckBox", "text")]
    body, n = [], 1  # the top-level QWidget counts as one
    group = 0
    while n < widgets:
        group += 1
        inner = []
        n += 1
        for i in range(min(4, widgets - n)):
            cls, prop = kinds[i]
            inner.append(f'<item><widget class="{cls}" name="w{group}_{i}"><property name="{prop}">'
                         f'<string>{escape(f"{cls} {group}.{i}")}</string></property></widget></item>')
            n += 1
        body.append(f'<item><widget class="QGroupBox" name="g{group}"><property name="title">'
                    f'<string>Section {group}</string></property><layout class="QVBoxLayout" '
                    f'name="l{group}">{"".join(inner)}</layout></widget></item>')
    return ('<?xml version="1.0" encoding="UTF-8"?><ui version="4.0"><class>Form</class>'
            '<widget class="QWidget" name="Form"><layout class="QVBoxLayout" name="root">'
            f'{"".join(body)}</layout></widget><resources/><connections/></ui>')


def count_ui_widgets(text: str) -> int:
    return text.count("<widget ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--screens", type=int, default=200)
    parser.add_argument("--widgets", type=int, default=50, help="widgets per screen")
    parser.add_argument("--repeat", type=int, default=3)
    ns = parser.parse_args()
    app = big_app(ns.screens, ns.widgets)
    total = sum(1 for _ in app.widgets())
    exporter = get("pwa")
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(ns.repeat):
            start = time.perf_counter()
            result = exporter.export(app, Path(tmp) / "out")
            times.append(time.perf_counter() - start)
        files = len(result.files)
        size = sum(p.stat().st_size for p in (Path(tmp) / "out").rglob("*") if p.is_file())
        best = min(times)
        from designer.model.validate import validate_app
        start = time.perf_counter()
        validate_app(app)
        validation = time.perf_counter() - start
        print(f"PWA export: {total} widgets, {ns.screens} screens -> {files} files, "
              f"{size / 1e6:.1f} MB; best {best:.3f} s of {ns.repeat} "
              f"({best / total * 1e6:.1f} µs/widget); budget {BUDGET_S:.1f} s: "
              f"{'OK' if best <= BUDGET_S else 'OVER'}")
        print(f"  of which validate_app (model validation, run by every export): "
              f"{validation:.3f} s; the exporter's own work: {best - validation:.3f} s")
        uic = find_uic()
        if uic is None:
            print("uic: not found (PySide6 missing?)")
        else:
            form = ui_file(total)
            ui_path = Path(tmp) / "form.ui"
            ui_path.write_text(form, "utf-8")
            uic_times = []
            for _ in range(ns.repeat):
                start = time.perf_counter()
                done = subprocess.run([*uic, str(ui_path)], capture_output=True, text=True)
                uic_times.append(time.perf_counter() - start)
                if done.returncode:
                    print(f"uic failed: {done.stderr.strip()[:200]}")
                    break
            ub = min(uic_times)
            n = count_ui_widgets(form)
            print(f"uic -g python: {n} widgets -> {len(done.stdout.splitlines())} lines; best "
                  f"{ub:.3f} s ({ub / n * 1e6:.1f} µs/widget); PWA/uic per widget: "
                  f"{(best / total) / (ub / n):.2f}x")
    return 0 if best <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
