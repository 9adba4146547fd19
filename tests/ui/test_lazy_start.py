"""What the designer defers until it is needed: icon library, importers, thumbnails out of view."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from designer.commands import AddScreen
from tests.conftest import EXAMPLE, ROOT

pytestmark = pytest.mark.gui


def test_first_window_does_not_import_what_it_does_not_show(tmp_path):
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from designer.ui.app import create_application
        from designer.ui.main_window import MainWindow
        app = create_application()
        window = MainWindow()
        assert window.io.open_path(Path({str(EXAMPLE)!r}))
        window.show()
        app.processEvents()
        icons = window.acts["undo"].icon().pixmap(16, 16).toImage()
        drawn = any(icons.pixelColor(x, y).alpha() for x in range(16) for y in range(16))
        print("drawn", drawn)
        print("loaded", sorted(m for m in ("qtawesome", "designer.importers", "yaml")
                               if m in sys.modules))
        window.controller.undo_stack.setClean()
    """)
    env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path),
           "XDG_RUNTIME_DIR": "/tmp/fieldcraft-runtime", "PATH": "/usr/bin:/bin",
           "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "FIELDCRAFT_STATE_DIR": str(tmp_path / "state")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "drawn True" in done.stdout          # toolbar icons are there without qtawesome
    assert "loaded []" in done.stdout, done.stdout


def test_import_menu_lists_the_importers_when_opened(make_window, model_file):
    window = make_window(model_file)
    window.docks["data"].raise_()
    panel = window.data_panel
    assert panel.import_button.isVisible()
    panel.import_menu.aboutToShow.emit()
    labels = [a.text() for a in panel.import_menu.actions()]
    assert "OpenAPI contract" in labels
    panel.import_menu.aboutToShow.emit()   # opening again does not add them twice
    assert [a.text() for a in panel.import_menu.actions()] == labels


def test_thumbnails_are_drawn_for_the_rows_in_view(make_window, model_file, qtbot):
    from designer.ui.screens_panel import new_screen
    window = make_window(model_file)
    controller = window.controller
    for _ in range(30):
        taken = {s.name for s in controller.app.screens}
        assert controller.push(AddScreen(new_screen(taken, "page")))
    panel = window.screens
    ids = [s.id for s in controller.app.screens]
    qtbot.waitUntil(lambda: not panel._thumb_timer.isActive() and
                    not panel._thumb_delay.isActive(), timeout=5000)
    drawn = set(panel._thumbs)
    assert drawn and len(drawn) < len(ids) // 2, "thumbnails drawn for rows out of view"
    assert ids[0] in drawn and ids[-1] not in drawn
    panel.list.scrollToBottom()
    qtbot.waitUntil(lambda: ids[-1] in panel._thumbs, timeout=5000)


def test_opening_pauses_garbage_collection_only_while_loading(make_window, model_file,
                                                               monkeypatch, tmp_path):
    import gc

    from designer.ui import document_io
    seen: list[bool] = []
    real_load = document_io.load

    def load(path):
        seen.append(gc.isenabled())
        return real_load(path)

    monkeypatch.setattr(document_io, "load", load)
    window = make_window()
    assert gc.isenabled()
    assert window.io.open_path(model_file)
    broken = tmp_path / "broken.fieldcraft.json"
    broken.write_text("{ not json")
    assert not window.io.open_path(broken)
    assert seen == [False, False]        # no collector passes while the model is built
    assert gc.isenabled()                # ... and they resume afterwards, also after an error
    assert window.errors and window.controller.path == model_file
