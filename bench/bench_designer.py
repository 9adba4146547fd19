"""Designer performance on generated big models; prints one table (not a timed test).

Usage: ``python -m bench.bench_designer`` (offscreen). Measures, against the goals in issue 3:
open to first painted frame (1k, 10k and 50k widgets), drag frame times with 1,000 widgets on the
visible screen, select-all + delete of 1,000 widgets and its undo, cold start to the first
window, and memory above an empty designer.

Every row has a floor measured in the same run — what the designer cannot go below because it
is not the designer's work — and the ratio value / floor:

- open: ``orjson.loads`` + ``App.model_validate`` of the same file (the model package);
- drag frame: repainting the same view without moving anything;
- delete / undo: the same command on a Qt-free ``Document`` + ``UndoStack`` (model + commands);
- cold start: a process importing Qt, the model and the widget catalog and creating the
  QApplication; whole process: ``python -c pass``;
- memory: what the loaded model takes in a process without Qt.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import orjson  # noqa: E402

from bench.generate import make_app, make_screen  # noqa: E402
from designer.model import App, dumps  # noqa: E402

STILL = "repaint without moving"
MODEL = "same command on the Qt-free Document"
ROWS: list[tuple[str, str, str, str, str, str, str]] = []


def row(name: str, value: float, floor: float | None, goal: float | None,
        unit: str = "ms", *, floor_name: str) -> None:
    """One table row; ``value``/``floor``/``goal`` in seconds (``unit`` "ms") or MB."""
    def fmt(x: float) -> str:
        return f"{x * 1000:.1f} ms" if unit == "ms" else f"{x:.0f} MB"
    ratio = f"{value / floor:.2f}×" if floor else "—"
    ok = "—" if goal is None else ("ok" if value <= goal else "MISSED")
    goal_text = "" if goal is None else ("≤ " + fmt(goal))
    ROWS.append((name, fmt(value), fmt(floor) if floor is not None else "—", ratio, goal_text,
                 ok, floor_name))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def write_model(folder: Path, screens: int, per_screen: int) -> Path:
    path = folder / f"big_{screens}x{per_screen}.fieldcraft.json"
    path.write_bytes(dumps(make_app(screens, per_screen)))
    return path


def parse_baseline(path: Path) -> float:
    start = time.perf_counter()
    App.model_validate(orjson.loads(path.read_bytes()))
    return time.perf_counter() - start


def open_first_frame(window, path: Path) -> float:
    from PySide6.QtWidgets import QApplication
    start = time.perf_counter()
    assert window.io.open_path(path)
    window.scene.ensure_layout()
    window.view.viewport().repaint()
    QApplication.processEvents()
    return time.perf_counter() - start


def bench_open(window, folder: Path) -> None:
    for screens, per, goal in ((20, 50, None), (200, 50, 0.5), (1000, 50, 2.5)):
        path = write_model(folder, screens, per)
        base = min(parse_baseline(path) for _ in range(3))
        took = min(open_first_frame(window, path) for _ in range(2))
        window.io.shutdown()
        row(f"open {screens * per:,} widgets → first painted frame", took, base, goal,
            floor_name="orjson.loads + model validation")


def one_screen_app(widgets: int) -> App:
    app = make_app(1, 10)
    data = app.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data["screens"] = [make_screen(0, widgets)]
    data["screens"][0]["parameters"] = []
    data["screens"][0]["data"] = []
    return App.model_validate(data)


def bench_drag_and_delete(label: str, controller, scene, view, folder: Path) -> None:
    """Drag one widget among 1,000, then delete them all and undo (``label``: what is shown)."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from designer.ui.canvas.edit_actions import delete_command

    controller.replace_app(one_screen_app(1000), None)
    scene.ensure_layout()
    count = len(scene.item_for_widget)
    first = controller.current_screen().root.children[0].id
    rect = scene.box_rect(first)
    view.set_zoom(0.5)
    view.centerOn(scene.content.mapToScene(rect.center()))
    QApplication.processEvents()
    viewport = view.viewport()
    start = view.mapFromScene(scene.content.mapToScene(rect.center()))
    still = []
    for _ in range(120):
        t0 = time.perf_counter()
        viewport.repaint()
        still.append(time.perf_counter() - t0)
    still.sort()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    frames = []
    for i in range(1, 121):
        p = QPoint(start.x() + (i % 40), start.y() + i)
        t0 = time.perf_counter()
        QTest.mouseMove(viewport, p)
        viewport.repaint()
        frames.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(start.x(), start.y() + 120))
    scene.ensure_layout()
    viewport.repaint()
    release = time.perf_counter() - t0
    t0 = time.perf_counter()
    scene.relayout()
    viewport.repaint()
    relayout = time.perf_counter() - t0
    frames.sort()

    def p95(values: list[float]) -> float:
        return values[int(len(values) * 0.95) - 1]

    row(f"[{label}] drag frame p95 ({count:,} widgets on screen)", p95(frames), p95(still),
        0.016, floor_name=STILL)
    row("  drag frame median", statistics.median(frames), statistics.median(still), None,
        floor_name=STILL)
    row("  drop (one command + relayout + paint)", release, relayout, None,
        floor_name="relayout + paint alone")
    QApplication.processEvents()
    screen = controller.current_screen()
    ids = [c.id for c in screen.root.children]
    n = sum(1 for _ in screen.walk()) - 1
    model_delete, model_undo = model_floor(controller.app, ids)
    controller.select(ids)
    QApplication.processEvents()
    t0 = time.perf_counter()
    controller.push(delete_command(controller.doc, controller.selection))
    scene.ensure_layout()
    viewport.repaint()
    delete = time.perf_counter() - t0
    QApplication.processEvents()
    t0 = time.perf_counter()
    controller.undo_stack.undo()
    scene.ensure_layout()
    viewport.repaint()
    undo = time.perf_counter() - t0
    QApplication.processEvents()
    row(f"[{label}] select all + delete {n:,} widgets", delete, model_delete, 0.2,
        floor_name=MODEL)
    row("  undo of that delete", undo, model_undo, 0.2, floor_name=MODEL)
    controller.undo_stack.setClean()


def model_floor(app: App, ids: list[str]) -> tuple[float, float]:
    """The same delete and undo on a Qt-free document (model + commands only)."""
    from designer.commands import UndoStack
    from designer.model import Document
    from designer.ui.canvas.edit_actions import delete_command

    doc = Document(app.model_copy(deep=True))
    stack = UndoStack(doc)
    t0 = time.perf_counter()
    stack.push(delete_command(doc, ids))
    delete = time.perf_counter() - t0
    t0 = time.perf_counter()
    stack.undo()
    return delete, time.perf_counter() - t0


def bench_canvas_only(folder: Path) -> None:
    """The same on a bare canvas (no side panels), to separate the canvas from the panels."""
    from designer.ui.canvas.scene import CanvasScene
    from designer.ui.canvas.view import CanvasView
    from designer.ui.controller import DocumentController

    controller = DocumentController(one_screen_app(10))
    scene = CanvasScene(controller)
    view = CanvasView(scene)
    view.resize(1000, 860)
    view.show()
    bench_drag_and_delete("canvas only", controller, scene, view, folder)
    view.close()


RSS = """
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0
"""

# The designer's own start path (``fieldcraft open``): designer.ui.app.open_window.
CHILD = textwrap.dedent("""
    import os, sys, time
    t0 = time.perf_counter()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, {root!r})
    from designer.ui.app import create_application, open_window
    app = create_application()
    window = open_window({path!r})
    window.scene.ensure_layout()
    window.repaint()
    app.processEvents()
    first = time.perf_counter() - t0
""") + RSS + textwrap.dedent("""
    window.io.shutdown()
    print(first, rss())
""")

# What any designer start needs before the designer's own work: Qt, the model, the catalog.
FLOOR_CHILD = textwrap.dedent("""
    import os, sys, time
    t0 = time.perf_counter()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, {root!r})
    from PySide6.QtWidgets import QApplication
    import designer.model, designer.commands, widgets
    app = QApplication([])
    print(time.perf_counter() - t0)
""")

# The loaded model's memory without Qt or any view.
MODEL_CHILD = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from designer.model import load
""") + RSS + textwrap.dedent("""
    before = rss()
    app = load({path!r})
    print(rss() - before)
""")


def _run(script: str, state: str) -> tuple[str, float]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, env={**os.environ, "FIELDCRAFT_STATE_DIR": state})
    return out.stdout, time.perf_counter() - start


def child(path: str, state: str) -> tuple[float, int, float]:
    out, wall = _run(CHILD.format(root=str(ROOT), path=path), state)
    first, rss = out.split()
    return float(first), int(rss), wall


def bench_start_and_memory(folder: Path) -> None:
    state = str(folder / "state")
    runs = [child("", state) for _ in range(3)]
    first = min(r[0] for r in runs)
    wall = min(r[2] for r in runs)
    floor = min(float(_run(FLOOR_CHILD.format(root=str(ROOT)), state)[0]) for _ in range(3))
    bare = min(_python_startup() for _ in range(3))
    row("cold start → first window painted (in process)", first, floor, 0.5,
        floor_name="empty app: import Qt + model + catalog, QApplication")
    row("  whole process incl. interpreter start", wall, bare, None,
        floor_name="python -c pass")
    empty_rss = min(r[1] for r in runs)
    big = str(write_model(folder, 200, 50))
    loaded_rss = min(child(big, state)[1] for _ in range(2))
    model_rss = min(int(_run(MODEL_CHILD.format(root=str(ROOT), path=big), state)[0])
                    for _ in range(2))
    extra = (loaded_rss - empty_rss) / 2**20
    row("memory above an empty designer (10,000 widgets)", extra, model_rss / 2**20, 150,
        unit="MB", floor_name="the loaded model without Qt")


def _python_startup() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


def main() -> None:
    from designer.ui.app import create_application
    from designer.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="fieldcraft-bench-") as tmp:
        folder = Path(tmp)
        os.environ["FIELDCRAFT_STATE_DIR"] = str(folder / "state")
        os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
        create_application()
        window = MainWindow()
        window.io.ask = lambda title, text, buttons: buttons[-1]
        window.resize(1400, 900)
        window.show()
        bench_open(window, folder)
        bench_drag_and_delete("main window", window.controller, window.scene, window.view,
                              folder)
        window.close()
        bench_canvas_only(folder)
        bench_start_and_memory(folder)
    if "--json" in sys.argv:  # for bench.run, which prints every benchmark in one table
        print(json.dumps(ROWS))
        return
    width = max(len(r[0]) for r in ROWS)
    print(f"{'measure':<{width}}  {'value':>10}  {'floor':>10}  {'ratio':>7}  {'goal':>10}"
          "  result")
    print("-" * (width + 57))
    for name, value, floor, ratio, goal, ok, _ in ROWS:
        print(f"{name:<{width}}  {value:>10}  {floor:>10}  {ratio:>7}  {goal:>10}  {ok}")


if __name__ == "__main__":
    main()
