"""The device around a screen: bezel with rounded corners, status bar, app bar, home indicator."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from .devices import APP_BAR_HEIGHT, DeviceProfile
from .paint_context import PaintContext, mix, readable_on
from .painters import draw_text


class DeviceFrameItem(QGraphicsItem):
    """Paints the device and the screen's chrome; the screen's top-left is the item origin."""

    def __init__(self, profile: DeviceProfile, ctx: PaintContext,
                 parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profile = profile
        self.title = ""
        #: The app bar's back arrow: not on the start screen (there is nothing to go back to).
        self.back = True
        self.screen_height = profile.height
        self.bezel_visible = True
        self.fold = False
        self.setZValue(-1)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def configure(self, profile: DeviceProfile, title: str, content_height: float,
                  back: bool = True) -> None:
        """Set device, app-bar title, back arrow and content height (the screen grows for long
        content)."""
        self.prepareGeometryChange()
        self.profile = profile
        self.title = title
        self.back = back
        needed = profile.content_top + content_height + profile.bottom_inset
        self.fold = needed > profile.height + 0.5
        self.screen_height = max(profile.height, needed)
        self.update()

    def back_rect(self) -> QRectF:
        """Where a tap on the app bar's back arrow lands (item coordinates)."""
        return QRectF(0, self.profile.status_bar, 52, APP_BAR_HEIGHT)

    def screen_rect(self) -> QRectF:
        return QRectF(0, 0, self.profile.width, self.screen_height)

    def boundingRect(self) -> QRectF:  # noqa: N802
        b = self.profile.bezel + 4
        return self.screen_rect().adjusted(-b, -b, b, b + 8)

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        d, ctx = self.profile, self.ctx
        screen = self.screen_rect()
        r = d.corner_radius
        if self.bezel_visible:
            b = d.bezel
            outer = screen.adjusted(-b, -b, b, b)
            for i in range(6, 0, -1):
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(0, 0, 0, 12))
                p.drawRoundedRect(outer.adjusted(-i, -i + 3, i, i + 3), r + b + i, r + b + i)
            p.setBrush(QColor("#1d1f23"))
            p.setPen(QPen(QColor("#4a4d55"), 1.5))
            p.drawRoundedRect(outer, r + b, r + b)
        clip = QPainterPath()
        clip.addRoundedRect(screen, r, r)
        p.save()
        if self.bezel_visible:
            p.setClipPath(clip)
        p.fillRect(screen, ctx.background)
        self._status_bar(p, screen)
        self._app_bar(p, screen)
        if d.bottom_inset:
            bar = QRectF(screen.center().x() - 60, screen.bottom() - d.bottom_inset / 2 - 2.5,
                         120, 5)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(mix(ctx.text_color, ctx.background, 0.2))
            p.drawRoundedRect(bar, 2.5, 2.5)
        p.restore()
        if self.fold and ctx.design_chrome:
            pen = QPen(QColor(13, 153, 255, 150), 1, Qt.PenStyle.DashLine)
            p.setPen(pen)
            y = d.height
            p.drawLine(QPointF(-d.bezel, y), QPointF(screen.right() + d.bezel, y))
            draw_text(p, QRectF(screen.right() + d.bezel + 6, y - 9, 90, 18), "device fold",
                      ctx.font(11), QColor(13, 153, 255))

    def _status_bar(self, p: QPainter, screen: QRectF) -> None:
        d, ctx = self.profile, self.ctx
        bar = QRectF(0, 0, screen.width(), d.status_bar)
        color = mix(ctx.primary, QColor("#000000"), 0.18)
        p.fillRect(bar, color)
        fg = readable_on(color)
        side = max(d.corner_radius * 0.55, 16)
        draw_text(p, QRectF(side, 0, 60, bar.height()), "9:41", ctx.font(13, "bold"), fg)
        x = bar.right() - side - 16
        for icon in ("mdi6.battery-80", "mdi6.wifi", "mdi6.signal-cellular-3"):
            ctx.draw_icon(p, icon, QRectF(x, bar.center().y() - 8, 16, 16), fg)
            x -= 20
        if d.cutout == "island":
            p.setBrush(QColor("#000000"))
            p.setPen(Qt.PenStyle.NoPen)
            p.drawRoundedRect(QRectF(bar.center().x() - 62, 11, 124, 34), 17, 17)
        elif d.cutout == "punch_hole":
            p.setBrush(QColor("#000000"))
            p.setPen(Qt.PenStyle.NoPen)
            p.drawEllipse(QPointF(bar.center().x(), bar.center().y()), 7, 7)

    def _app_bar(self, p: QPainter, screen: QRectF) -> None:
        d, ctx = self.profile, self.ctx
        bar = QRectF(0, d.status_bar, screen.width(), APP_BAR_HEIGHT)
        p.fillRect(bar, ctx.primary)
        fg = readable_on(ctx.primary)
        if self.back:
            ctx.draw_icon(p, "mdi6.arrow-left", QRectF(14, bar.center().y() - 11, 22, 22), fg)
        left = 52 if self.back else 16
        draw_text(p, bar.adjusted(left, 0, -16, 0), self.title, ctx.font(19, "medium"), fg)
