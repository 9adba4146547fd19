"""Copied widgets on the clipboard: pasteable, and the process still exits cleanly."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.conftest import EXAMPLE, ROOT

pytestmark = pytest.mark.gui


def test_process_that_copied_widgets_exits_cleanly(tmp_path):
    # Qt's offscreen clipboard is a C++ global destroyed after Python finalizes; a QMimeData made
    # in Python and left on it used to crash the exit with SIGSEGV (exit code 139).
    script = textwrap.dedent(f"""
        from pathlib import Path
        from designer.ui.app import create_application
        from designer.ui.main_window import MainWindow
        app = create_application()
        window = MainWindow()
        window.io.open_path(Path({str(EXAMPLE)!r}))
        window.controller.select(["w_customersTitle"])
        assert window.copy()
        window.controller.undo_stack.setClean()
        window.close()
        print("copied")
    """)
    env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "XDG_RUNTIME_DIR": "/tmp/fieldcraft-runtime", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "FIELDCRAFT_STATE_DIR": str(tmp_path / "state"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=120, cwd=ROOT)
    assert "copied" in done.stdout, done.stderr
    assert done.returncode == 0, f"exit code {done.returncode}: {done.stderr[-2000:]}"


def test_released_clipboard_still_pastes(make_window, model_file):
    from designer.ui import clipboard
    window = make_window(model_file)
    window.controller.set_current_screen(window.controller.app.screen("visitCheckIn").id)
    window.controller.select(["w_visitNotes"])
    assert window.copy()
    clipboard.release()  # what runs at interpreter exit: our data becomes plain Qt-made text
    window.controller.select([])
    window.paste()
    pasted = window.controller.doc.widget(window.controller.selection[0])
    assert pasted.kind == "text_input" and pasted.label == "Notes"
    assert pasted.id != "w_visitNotes"
