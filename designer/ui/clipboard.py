"""The system clipboard for copied widgets (vendor MIME type plus the same JSON as text).

A ``QMimeData`` created from Python and handed to the clipboard is owned by Qt's clipboard, which
on some platforms (offscreen, the generic ``QPlatformClipboard``) is a C++ global destroyed after
the interpreter has finalized; deleting the object then runs PySide's wrapper clean-up without a
Python thread state and the process dies with SIGSEGV on exit. So at interpreter exit (``atexit``,
Python still alive) our data is swapped for a plain-text copy made by Qt itself, which has no
Python wrapper: the pasteable JSON survives for other instances and the exit is clean.
"""

from __future__ import annotations

import atexit

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from .canvas.edit_actions import CLIPBOARD_MIME

_release_registered = False


def put_widgets(payload: str) -> None:
    """Put copied widgets (``edit_actions.copy_payload`` JSON) on the clipboard."""
    global _release_registered
    mime = QMimeData()
    mime.setData(CLIPBOARD_MIME, payload.encode("utf-8"))
    mime.setText(payload)
    QGuiApplication.clipboard().setMimeData(mime)
    if not _release_registered:
        atexit.register(release)
        _release_registered = True


def read_text() -> str:
    """The clipboard's widget payload, or its plain text ('' if neither)."""
    mime = QGuiApplication.clipboard().mimeData()
    if mime is None:
        return ""
    if mime.hasFormat(CLIPBOARD_MIME):
        return bytes(mime.data(CLIPBOARD_MIME).data()).decode("utf-8", "replace")
    return mime.text() if mime.hasText() else ""


def release() -> None:
    """Replace our Python-made clipboard data by a Qt-made text copy (run before exit)."""
    if QGuiApplication.instance() is None:
        return
    clipboard = QGuiApplication.clipboard()
    mime = clipboard.mimeData()
    if mime is not None and mime.hasFormat(CLIPBOARD_MIME):
        clipboard.setText(mime.text())
