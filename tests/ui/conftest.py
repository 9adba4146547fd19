"""Fixtures for driving the real designer window offscreen."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

# Recent files (QSettings) and recovery files of tests never touch the user's own.
_STATE = Path(tempfile.mkdtemp(prefix="fieldcraft-test-state-"))
os.environ.setdefault("XDG_CONFIG_HOME", str(_STATE / "config"))


@pytest.fixture(autouse=True)
def settings_scope(tmp_path_factory) -> Iterator[Path]:
    """Each test gets its own empty QSettings (recent files, export choices)."""
    from PySide6.QtCore import QSettings
    folder = tmp_path_factory.mktemp("settings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture
def no_leaked_windows(qapp) -> Iterator[None]:
    """Fail the test if it leaves a visible top-level window behind (napari's check)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication
    before = {id(w) for w in QApplication.topLevelWidgets()}
    yield
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    leaked = [w for w in QApplication.topLevelWidgets()
              if id(w) not in before and w.isVisible() and w.isWindow()]
    for w in leaked:
        w.close()
    assert not leaked, f"test leaked top-level windows: {[type(w).__name__ for w in leaked]}"


@pytest.fixture
def state_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("FIELDCRAFT_STATE_DIR", str(folder))
    return folder


@pytest.fixture
def model_file(tmp_path) -> Path:
    from tests.conftest import EXAMPLE
    target = tmp_path / "field_sales.fieldcraft.json"
    shutil.copy(EXAMPLE, target)
    return target


@pytest.fixture
def make_window(qtbot, no_leaked_windows, state_dir):
    """Factory: a shown MainWindow on a file, dialogs answered by ``answers`` (recorded)."""
    from designer.ui.app import create_application
    from designer.ui.main_window import MainWindow

    create_application()
    made = []

    def make(path: Path | None = None, answers: dict[str, str] | None = None) -> MainWindow:
        window = MainWindow()
        window.asked = []  # type: ignore[attr-defined]
        window.errors = []  # type: ignore[attr-defined]

        def ask(title: str, text: str, buttons: list[str]) -> str:
            window.asked.append((title, text))  # type: ignore[attr-defined]
            return (answers or {}).get(title, buttons[-1])

        window.io.ask = ask
        window.io.show_error = lambda title, text: window.errors.append((title, text))
        qtbot.addWidget(window)
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        if path is not None:
            assert window.io.open_path(path), window.errors
        window.view.set_zoom(1.0)
        window.scene.ensure_layout()
        made.append(window)
        return window

    yield make
    for window in made:
        window.io.shutdown()
        window.controller.undo_stack.setClean()
        window.close()
