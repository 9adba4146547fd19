"""``fieldcraft open FILE`` with a file that is not there: one line, exit 1, no window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize("make", ["missing", "folder"])
def test_open_of_a_missing_file_is_a_message(tmp_path: Path, make: str) -> None:
    target = tmp_path / "app.fieldcraft.json"
    if make == "folder":
        target.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FIELDCRAFT_STATE_DIR": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    out = subprocess.run([sys.executable, "-m", "designer", "open", str(target),
                          "--quit-after", "200"], capture_output=True, text=True, cwd=ROOT,
                         timeout=60, env=env)
    assert out.returncode == 1, (out.returncode, out.stdout, out.stderr)
    assert out.stderr.startswith(f"fieldcraft: {target}: cannot read file: ")
    assert "Traceback" not in out.stderr and "window shown" not in out.stdout
