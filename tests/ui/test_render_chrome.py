"""``fieldcraft render`` shows the app as it looks: no design chrome in the PNG."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from designer.model import load, save
from designer.ui.canvas.paint_context import PaintContext, mix
from tests.conftest import EXAMPLE, ROOT
from widgets import CATALOG


def _model(tmp_path: Path) -> Path:
    """The example's customers screen (rows/columns without a background) plus a free layout
    holding a button, an empty column and a spacer: every kind of design outline and hint."""
    app = load(EXAMPLE)
    root = app.screen("customers").root
    free = CATALOG.get("free").create("w_free", "free1", height=160)
    free.children.append(CATALOG.get("button").create(
        "w_fb", "fb", layout={"frame": {"x": 20, "y": 20, "w": 120, "h": 40}}))
    root.children += [free, CATALOG.get("column").create(
                          "w_empty", "empty1", layout={"height": "fixed", "fixed_height": 80}),
                      CATALOG.get("spacer").create("w_sp", "sp1")]
    path = tmp_path / "chrome.fieldcraft.json"
    save(app, path)
    return path


def _outline_pixels(image: QImage, app_file: Path) -> int:
    """Pixels in the exact colour of the dashed container outline (1 px lines on whole pixels)."""
    ctx = PaintContext(load(app_file))
    dash = mix(ctx.outline, ctx.background, 0.35).rgb()
    return sum(image.pixel(x, y) == dash for y in range(image.height()) for x in range(image.width()))


def _render_cli(tmp_path: Path, model: Path, out: str) -> QImage:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "designer", "render", str(model), "--screen",
                           "customers", "--out", out], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return QImage(str(tmp_path / out))


def test_render_has_no_container_outlines_grid_or_hints(tmp_path: Path, qapp,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from designer.ui.render import render_screen

    model = _model(tmp_path)
    rendered = _render_cli(tmp_path, model, "shot.png")
    # the same screen with the design chrome forced on, as the canvas paints it while designing
    monkeypatch.setattr(PaintContext, "design_chrome", property(lambda self: not self.preview))
    designed = QImage.fromData(render_screen(load(model), "customers"))
    assert (rendered.width(), rendered.height()) == (designed.width(), designed.height())
    assert _outline_pixels(designed, model) > 300
    assert _outline_pixels(rendered, model) == 0
    # the free layout's dot grid and the "Drop widgets here" hint are gone too; content stays
    differing = sum(rendered.pixel(x, y) != designed.pixel(x, y)
                    for y in range(0, rendered.height(), 2) for x in range(0, rendered.width(), 2))
    assert differing > 200
    ink = QColor(load(model).theme.primary).rgb()
    assert sum(rendered.pixel(x, y) == ink for y in range(rendered.height())
               for x in range(rendered.width())) > 1000   # buttons are still drawn
