"""The Help menu: the bundled docs (expressions, lint rules, targets, preview) and an About box."""

from __future__ import annotations

import platform
import sys
from importlib import metadata
from pathlib import Path
from typing import Callable

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMenu, QMenuBar, QMessageBox, QWidget

#: (menu text, file in docs/)
HELP_DOCS = (("&Expressions", "expressions.md"), ("&Lint Rules", "lint-rules.md"),
             ("&Export Targets", "targets.md"), ("&Preview on a Device", "preview.md"),
             ("&Installing", "install.md"))


def docs_dir() -> Path:
    """Where the bundled docs are (the source tree's or the installed package's ``docs``)."""
    here = Path(__file__).resolve()
    for folder in (here.parents[2] / "docs", here.parents[1] / "docs",
                   Path(getattr(sys, "_MEIPASS", here.parents[2])) / "docs"):
        if folder.is_dir():
            return folder
    return here.parents[2] / "docs"


def fieldcraft_version() -> str:
    try:
        return metadata.version("fieldcraft")
    except metadata.PackageNotFoundError:
        return "0.1.0 (source tree)"


def about_text() -> str:
    """The About box's text: what Fieldcraft is and the versions it runs on."""
    return (f"<h3>Fieldcraft {fieldcraft_version()}</h3>"
            "<p>An offline-first designer for codeless mobile apps, exported as a PWA, a React "
            "Native (Expo) app or a Flutter app.</p>"
            f"<p>Python {platform.python_version()} · Qt {qVersion()} · PySide6 "
            f"{PYSIDE_VERSION}<br>{platform.system()} {platform.release()}</p>")


def build_help_menu(bar: QMenuBar, parent: QWidget,
                    open_url: Callable[[QUrl], object] = QDesktopServices.openUrl) -> QMenu:
    """Add the Help menu to ``bar``; docs not shipped with this build are disabled, not hidden."""
    menu = bar.addMenu("&Help")
    folder = docs_dir()
    for text, name in HELP_DOCS:
        path = folder / name
        action = QAction(text, menu)
        action.setObjectName(f"help:{name}")
        action.setEnabled(path.is_file())
        action.setStatusTip(str(path) if path.is_file() else f"{name} is not part of this build")
        action.triggered.connect(lambda _=False, p=path: open_url(QUrl.fromLocalFile(str(p))))
        menu.addAction(action)
    menu.addSeparator()
    about = QAction("&About Fieldcraft", menu)
    about.setObjectName("help:about")
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.triggered.connect(lambda: show_about(parent))
    menu.addAction(about)
    return menu


def show_about(parent: QWidget) -> QMessageBox:
    """Show the About box (non-blocking) and return it."""
    box = QMessageBox(QMessageBox.Icon.NoIcon, "About Fieldcraft", about_text(),
                      QMessageBox.StandardButton.Close, parent)
    box.setObjectName("about_box")
    box.setWindowIcon(parent.windowIcon())
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.open()
    return box
