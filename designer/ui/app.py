"""Start the designer: ``run(path)`` opens a window on a model file (``fieldcraft open``)."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from .main_window import MainWindow

APP_NAME = "Fieldcraft Designer"


def dark_palette() -> QPalette:
    """A Fusion palette for dark system themes."""
    p = QPalette()
    base, window, text = QColor("#1e2025"), QColor("#2a2d33"), QColor("#e6e8eb")
    for role, color in ((QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
                        (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, window),
                        (QPalette.ColorRole.Text, text), (QPalette.ColorRole.Button, window),
                        (QPalette.ColorRole.ButtonText, text),
                        (QPalette.ColorRole.ToolTipBase, base), (QPalette.ColorRole.ToolTipText, text),
                        (QPalette.ColorRole.Highlight, QColor("#0d99ff")),
                        (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
                        (QPalette.ColorRole.PlaceholderText, QColor("#8a9099"))):
        p.setColor(role, color)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6b7079"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6b7079"))
    return p


def apply_system_theme(app: QApplication) -> bool:
    """Follow the system's light/dark preference; True if dark."""
    dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    return dark


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once) with Fusion style and the system colour scheme."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Fieldcraft")
    app.setStyle("Fusion")
    apply_system_theme(app)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _s: apply_system_theme(app))
    return app


def open_window(path: str | None) -> MainWindow:
    """A main window showing ``path`` (errors are shown in a dialog; the window stays empty)."""
    from designer.model.gc_pause import gc_paused

    with gc_paused():  # importing the designer and building its window: ~100 ms less
        from .main_window import MainWindow

        window = MainWindow()
        # a never-saved app lost in a crash comes first (the file is one click away in Recent)
        # then a saved file's unsaved changes (any file, not only the one being opened)
        if not window.io.offer_untitled_recovery() and \
                not window.io.offer_file_recovery_at_start(Path(path) if path else None) \
                and path:
            window.io.open_path(Path(path))
    window.show()
    QTimer.singleShot(0, window.view.fit)
    return window


def run(path: str) -> int:
    """Open the designer on ``path``; returns the exit code when the last window closes."""
    app = create_application()
    window = open_window(path)
    code = app.exec()
    del window
    return int(code)


def _report_shown(app: QApplication, window: MainWindow) -> None:
    """Print what the smoke run's window shows and end the event loop (1 if nothing is shown)."""
    shown = window.isVisible() and window.controller.app.screens
    print(f"window shown: {window.windowTitle()} "
          f"({len(window.controller.app.screens)} screens)" if shown else "window not shown")
    app.exit(0 if shown else 1)


def smoke_run(path: str, quit_after_ms: int) -> int:
    """Open a window on ``path``, let it paint, print what was shown and quit (for smoke tests)."""
    app = create_application()
    window = open_window(path)
    QTimer.singleShot(max(quit_after_ms, 0), partial(_report_shown, app, window))
    code = app.exec()
    window.close()
    del window
    return int(code)
