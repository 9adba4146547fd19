"""``fieldcraft render``: a screen to PNG, with the data sources' sample rows on request."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from designer.model import load
from tests.conftest import EXAMPLE, ROOT


def render(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "designer", "render", str(EXAMPLE), *args],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)


def text_bands(image: QImage, x0: int, x1: int, y0: int) -> int:
    """Horizontal bands of dark (text) pixels between x0..x1 from y0 down."""
    bands, inside = 0, False
    for y in range(y0, image.height() - 40):
        dark = any(image.pixelColor(x, y).lightness() < 110 for x in range(x0, x1, 2))
        bands += dark and not inside
        inside = dark
    return bands


def test_render_with_sample_data_repeats_the_list_rows(tmp_path: Path) -> None:
    plain = render(tmp_path, "--screen", "customers", "--out", "plain.png")
    sample = render(tmp_path, "--screen", "customers", "--sample-data", "--out", "sample.png")
    assert plain.returncode == 0 and sample.returncode == 0, plain.stderr + sample.stderr
    assert sample.stdout.strip() == "wrote sample.png"
    with_rows, without = QImage(str(tmp_path / "sample.png")), QImage(str(tmp_path / "plain.png"))
    assert with_rows.width() == without.width() > 300
    rows = load(EXAMPLE).source("crm").entity("Customer").sample_rows
    # below the item template (2 text lines per row): one name + city line pair per sample row
    below_template = text_bands(with_rows, 16, 250, 270)
    assert below_template >= 2 * (len(rows) - 1)
    assert text_bands(without, 16, 250, 270) == 0


def test_render_of_an_unknown_screen_is_a_clear_error(tmp_path: Path) -> None:
    out = render(tmp_path, "--screen", "nope", "--sample-data", "--out", "x.png")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "no screen named `nope`" in out.stderr and str(EXAMPLE) in out.stderr
    assert not (tmp_path / "x.png").exists()

