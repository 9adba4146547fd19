"""Render a screen offscreen to PNG as the app looks: the canvas painters without design chrome.

No selection, bezel, container outlines, drop hints, free-layout grid or binding badges.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from designer.model import App

from .canvas.devices import load_devices

_APP: Any = None


class RenderError(ValueError):
    """A screen or device that does not exist (the message names the valid choices)."""


def ensure_qapp() -> Any:
    """The running QApplication, or a new offscreen one when there is no display."""
    global _APP
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if existing is not None:
        return existing
    if not os.environ.get("QT_QPA_PLATFORM") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
            or sys.platform in ("win32", "darwin")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _APP = QApplication([sys.argv[0] if sys.argv else "fieldcraft"])
    return _APP


def render_screen(app: App, screen_name: str, device_id: str | None = None,
                  sample_data: bool = False, scale: float = 1.0) -> bytes:
    """PNG bytes of ``screen_name`` at the device's size (taller if the content scrolls).

    ``sample_data`` shows bound widgets with the data sources' sample rows (lists repeat rows).
    Raises RenderError for an unknown screen or device.
    """
    screen = app.screen(screen_name)
    if screen is None:
        names = ", ".join(s.name for s in app.screens) or "none"
        raise RenderError(f"no screen named `{screen_name}` (screens: {names})")
    if device_id is not None and device_id not in load_devices():
        raise RenderError(f"unknown device `{device_id}` (devices: "
                          f"{', '.join(load_devices())})")
    if not 0.1 <= scale <= 8:
        raise RenderError(f"scale {scale} is outside 0.1..8")
    ensure_qapp()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter

    from .canvas.scene import CanvasScene
    from .controller import DocumentController

    controller = DocumentController(app.model_copy(deep=True))
    controller.set_current_screen(screen.id)
    scene = CanvasScene(controller)
    try:
        scene.frame.bezel_visible = False
        scene.ctx.chrome = False
        scene.device_override = device_id
        scene.set_preview(sample_data)
        source = scene.frame.mapRectToScene(scene.frame.screen_rect())
        size = (max(1, round(source.width() * scale)), max(1, round(source.height() * scale)))
        image = QImage(size[0], size[1], QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        scene.render(painter, QRectF(0, 0, size[0], size[1]), source)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())
    finally:
        scene.clear()
        scene.deleteLater()
        controller.deleteLater()
