"""The canvas view: zoom (ctrl+wheel, buttons, fit), pan (middle drag / space+drag) and drops."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import (QColor, QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent,
                           QKeyEvent, QMouseEvent, QPainter, QPalette, QWheelEvent)
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from .drop_interaction import DropInteraction
from .scene import CanvasScene

ZOOM_MIN, ZOOM_MAX = 0.1, 8.0
#: The desk around the device: a soft grey in light themes, near-black in dark ones.
DESK_LIGHT, DESK_DARK = QColor("#e9ebef"), QColor("#16171a")


class CanvasView(QGraphicsView):
    """Shows a ``CanvasScene``; forwards palette/data drags to a ``DropInteraction``."""

    zoom_changed = Signal(float)

    def __init__(self, scene: CanvasScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.canvas = scene
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self.drop = DropInteraction(scene)
        self._pan_from: QPointF | None = None
        self._space = False
        self.grid_visible = False
        self._apply_palette()

    def _apply_palette(self) -> None:
        """Follow the window palette (light or dark system theme) for the desk colour."""
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        self.canvas.setBackgroundBrush(DESK_DARK if dark else DESK_LIGHT)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)

    # ---------------------------------------------------------------- zoom
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        factor = min(max(factor, ZOOM_MIN), ZOOM_MAX)
        current = self.zoom()
        if abs(current - factor) > 1e-6:
            self.scale(factor / current, factor / current)
            self.zoom_changed.emit(factor)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / 1.25)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def fit(self) -> None:
        """Fit the device frame and its desk margin in the view (no scroll bars left)."""
        self.canvas.ensure_layout()
        self.fitInView(self.canvas.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self.zoom_changed.emit(self.zoom())

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            self.set_zoom(self.zoom() * (1.15 ** steps))
            event.accept()
            return
        super().wheelEvent(event)

    # ----------------------------------------------------------------- pan
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and \
                getattr(self.canvas, "text_editor", None) is None:
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._space:
            self._space = False
            self.viewport().unsetCursor()
            return
        super().keyReleaseEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.MiddleButton or (
                self._space and event.button() == Qt.MouseButton.LeftButton):
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._pan_from is not None:
            self._pan_from = None
            if self._space:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            else:
                self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # ---------------------------------------------------------------- drops
    def _content_pos(self, event: Any) -> QPointF:
        return self.canvas.to_content(self.mapToScene(event.position().toPoint()))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.drop.accepts(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self.drop.hover(event.mimeData(), self._content_pos(event))
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if self.drop.accepts(event.mimeData()) and \
                self.drop.hover(event.mimeData(), self._content_pos(event)):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802
        self.drop.cancel()
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        if self.drop.drop(event.mimeData(), self._content_pos(event)):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    # ----------------------------------------------------------------- grid
    def drawForeground(self, painter: QPainter, rect: Any) -> None:  # noqa: N802
        if not self.grid_visible:
            return
        from PySide6.QtGui import QColor, QPen
        pen = QPen(QColor(13, 153, 255, 40), 0)
        painter.setPen(pen)
        screen = self.canvas.frame.mapRectToScene(self.canvas.frame.screen_rect())
        step = 8.0
        x = screen.left()
        while x <= screen.right():
            painter.drawLine(QPointF(x, screen.top()), QPointF(x, screen.bottom()))
            x += step
        y = screen.top()
        while y <= screen.bottom():
            painter.drawLine(QPointF(screen.left(), y), QPointF(screen.right(), y))
            y += step
