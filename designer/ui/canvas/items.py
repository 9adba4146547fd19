"""Graphics items of the canvas. Items only paint and expose setters; they never edit the model."""

from __future__ import annotations

from typing import Any, Mapping

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from widgets import WidgetBase

from .paint_context import SELECTION, PaintContext, round_pen
from .painters import paint_widget

HANDLE = 8.0
#: Handle names, clockwise from the top-left; each maps to (dx, dy) in {-1, 0, 1}.
HANDLES: dict[str, tuple[int, int]] = {
    "nw": (-1, -1), "n": (0, -1), "ne": (1, -1), "e": (1, 0),
    "se": (1, 1), "s": (0, 1), "sw": (-1, 1), "w": (-1, 0),
}


class WidgetItem(QGraphicsItem):
    """One widget on the canvas, painted by its kind's painter in local coordinates."""

    def __init__(self, widget: WidgetBase, ctx: PaintContext, depth: int,
                 parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.widget = widget
        self.ctx = ctx
        self.env: Mapping[str, Any] | None = None
        self.hovered = False
        self._rect = QRectF(0, 0, 1, 1)
        self._bounds = self._padded(self._rect)
        self.setAcceptHoverEvents(True)
        # painted once into a pixmap: dragging and scrolling blit instead of re-painting
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.set_depth(depth)

    @property
    def widget_id(self) -> str:
        return self.widget.id

    def set_depth(self, depth: int) -> None:
        self.setZValue(depth)

    def set_geometry(self, x: float, y: float, w: float, h: float) -> None:
        """Place the item (content coordinates) and resize it."""
        if self.pos().x() != x or self.pos().y() != y:
            self.setPos(x, y)
        if self._rect.width() != w or self._rect.height() != h:
            self.prepareGeometryChange()
            self._rect = QRectF(0, 0, max(w, 0.0), max(h, 0.0))
            self._bounds = self._padded(self._rect)

    def rect(self) -> QRectF:
        return QRectF(self._rect)

    def _padded(self, rect: QRectF) -> QRectF:
        m = 16 if self.widget.kind == "list" else 2  # lists mark their template in the margin
        return rect.adjusted(-m, -m, 2, 2)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return self._bounds

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        paint_widget(p, self._rect, self.widget, self.ctx, self.env)
        if self.hovered and self.ctx.design_chrome:
            p.setPen(QPen(SELECTION, 1.0))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(self._rect.adjusted(0.5, 0.5, -0.5, -0.5))

    def set_hovered(self, hovered: bool) -> None:
        if hovered != self.hovered:
            self.hovered = hovered
            self.update()

    def hoverEnterEvent(self, event: Any) -> None:  # noqa: N802
        self.set_hovered(True)

    def hoverLeaveEvent(self, event: Any) -> None:  # noqa: N802
        self.set_hovered(False)


class RepeatItem(QGraphicsItem):
    """Extra preview rows of a list: its template painted again with another row's data."""

    def __init__(self, parts: list[tuple[WidgetBase, QRectF]], ctx: PaintContext,
                 env: Mapping[str, Any], parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.parts = parts
        self.ctx = ctx
        self.env = env
        self._bounds = QRectF()
        for _, r in parts:
            self._bounds = self._bounds.united(r)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        for w, r in self.parts:
            p.save()
            p.translate(r.topLeft())
            paint_widget(p, QRectF(0, 0, r.width(), r.height()), w, self.ctx, self.env)
            p.restore()


class SelectionOverlay(QGraphicsItem):
    """Selection outlines (content coordinates) and eight resize handles around one widget."""

    def __init__(self, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.rects: list[QRectF] = []
        self.show_handles = False
        self.setZValue(10_000)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._bounds = QRectF()

    def set_rects(self, rects: list[QRectF], show_handles: bool) -> None:
        self.prepareGeometryChange()
        self.rects = rects
        self.show_handles = show_handles and len(rects) == 1
        bounds = QRectF()
        for r in rects:
            bounds = bounds.united(r)
        self._bounds = bounds.adjusted(-HANDLE, -HANDLE, HANDLE, HANDLE)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def handle_rects(self) -> dict[str, QRectF]:
        """Handle name → rect (content coordinates) for the single selected widget."""
        if not self.show_handles or not self.rects:
            return {}
        r = self.rects[0]
        out = {}
        for name, (dx, dy) in HANDLES.items():
            cx = r.center().x() + dx * r.width() / 2
            cy = r.center().y() + dy * r.height() / 2
            out[name] = QRectF(cx - HANDLE / 2, cy - HANDLE / 2, HANDLE, HANDLE)
        return out

    def handle_at(self, pos: QPointF, slop: float = 3.0) -> str | None:
        for name, rect in self.handle_rects().items():
            if rect.adjusted(-slop, -slop, slop, slop).contains(pos):
                return name
        return None

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        pen = QPen(SELECTION, 1.5)
        pen.setCosmetic(True)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for r in self.rects:
            p.drawRect(r)
        p.setBrush(QColor("#ffffff"))
        for rect in self.handle_rects().values():
            p.drawRect(rect)


class IndicatorItem(QGraphicsItem):
    """Feedback while dragging: the insertion line, a target outline and snapping guides."""

    def __init__(self, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.line: tuple[QPointF, QPointF] | None = None
        self.target: QRectF | None = None
        self.guides: list[tuple[QPointF, QPointF]] = []
        self.ghost: QRectF | None = None
        self.setZValue(10_001)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._bounds = QRectF()

    def show(self, line: tuple[QPointF, QPointF] | None = None, target: QRectF | None = None,
             guides: list[tuple[QPointF, QPointF]] | None = None,
             ghost: QRectF | None = None) -> None:  # type: ignore[override]
        self.prepareGeometryChange()
        self.line, self.target, self.guides, self.ghost = line, target, guides or [], ghost
        bounds = QRectF()
        for a, b in ([self.line] if self.line else []) + self.guides:
            bounds = bounds.united(QRectF(a, b).normalized())
        for r in (self.target, self.ghost):
            if r is not None:
                bounds = bounds.united(r)
        self._bounds = bounds.adjusted(-6, -6, 6, 6)
        self.setVisible(True)
        self.update()

    def clear(self) -> None:
        self.show()
        self.setVisible(False)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.target is not None:
            pen = QPen(SELECTION, 1.5, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.setBrush(QColor(13, 153, 255, 18))
            p.drawRect(self.target)
        if self.ghost is not None:
            p.setPen(QPen(SELECTION, 1))
            p.setBrush(QColor(13, 153, 255, 40))
            p.drawRect(self.ghost)
        if self.line is not None:
            a, b = self.line
            p.setPen(round_pen(SELECTION, 3))
            p.drawLine(a, b)
            p.setBrush(SELECTION)
            p.drawEllipse(a, 3.5, 3.5)
            p.drawEllipse(b, 3.5, 3.5)
        guide = QPen(QColor("#f24822"), 1)
        guide.setCosmetic(True)
        p.setPen(guide)
        for a, b in self.guides:
            p.drawLine(a, b)


class RubberBandItem(QGraphicsItem):
    """The rubber-band selection rectangle."""

    def __init__(self, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.band = QRectF()
        self.setZValue(10_002)
        self.setVisible(False)

    def set_band(self, rect: QRectF | None) -> None:
        self.prepareGeometryChange()
        self.band = rect.normalized() if rect is not None else QRectF()
        self.setVisible(rect is not None)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.band.adjusted(-1, -1, 1, 1)

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        p.setPen(QPen(SELECTION, 1))
        p.setBrush(QColor(13, 153, 255, 30))
        p.drawRect(self.band)
