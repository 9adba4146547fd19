"""One painter per widget kind: ``paint(painter, rect, widget, ctx, env)`` in item coordinates.

Adding a widget type = one catalog entry + one painter registered here (see ``PAINTERS``).
Inputs and field-work widgets live in ``painters_inputs``; containers in ``painters_layout``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any, Callable, Mapping

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen

from widgets import WidgetBase

from .paint_context import PaintContext, mix, readable_on

Env = Mapping[str, Any] | None
Painter = Callable[[QPainter, QRectF, WidgetBase, PaintContext, Env], None]
PAINTERS: dict[str, Painter] = {}
#: Kinds whose bound text is tinted (instead of a badge) while designing.
TINTED_WHEN_BOUND = frozenset({"label", "heading", "web_link"})


def painter(*kinds: str) -> Callable[[Painter], Painter]:
    """Register a painter for widget kinds."""
    def register(fn: Painter) -> Painter:
        for kind in kinds:
            PAINTERS[kind] = fn
        return fn
    return register


def paint_widget(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    """Paint ``w`` into ``rect`` with its kind's painter (a labelled box if there is none)."""
    fn = PAINTERS.get(w.kind, paint_unknown)
    p.save()
    try:
        fn(p, rect, w, ctx, env)
    except Exception as exc:  # noqa: BLE001 - an exception escaping paint() aborts PySide
        p.restore()
        p.save()
        p.setPen(QPen(QColor("#c62828"), 1, Qt.PenStyle.DashLine))
        p.setBrush(QColor(198, 40, 40, 20))
        p.drawRect(rect)
        p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), f"{w.kind}: {type(exc).__name__}")
    p.restore()
    if (ctx.design_chrome and w.bindings and w.kind not in TINTED_WHEN_BOUND
            and not w.IS_CONTAINER and rect.width() >= 120):
        _binding_badge(p, rect, ctx)


# -------------------------------------------------------------------- helpers
def text_color(w: WidgetBase, ctx: PaintContext, default: QColor | None = None) -> QColor:
    return QColor(w.style.text_color) if w.style.text_color else (default or ctx.text_color)


def radius(w: WidgetBase, ctx: PaintContext) -> float:
    return float(w.style.corner_radius) if w.style.corner_radius is not None else ctx.radius


def align_flag(w: WidgetBase, default: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
               ) -> Qt.AlignmentFlag:
    return {"start": Qt.AlignmentFlag.AlignLeft, "center": Qt.AlignmentFlag.AlignHCenter,
            "end": Qt.AlignmentFlag.AlignRight}.get(w.style.text_align or "", default)


def styled_box(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext,
               fill: QColor | None = None, border: QColor | None = None) -> None:
    """Background/border from the widget's style (falling back to ``fill``/``border``)."""
    bg = QColor(w.style.background) if w.style.background else fill
    bc = QColor(w.style.border_color) if w.style.border_color else border
    width = w.style.border_width if w.style.border_width is not None else (1.0 if bc else 0.0)
    if bg is None and (bc is None or not width):
        return
    p.setBrush(QBrush(bg) if bg is not None else Qt.BrushStyle.NoBrush)
    p.setPen(QPen(bc, width) if bc is not None and width else Qt.PenStyle.NoPen)
    inset = width / 2
    r = radius(w, ctx)
    p.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), r, r)


def draw_text(p: QPainter, rect: QRectF, text: str, font: Any, color: QColor,
              flags: int = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
              wrap: bool = False) -> None:
    p.setFont(font)
    p.setPen(color)
    if wrap:
        flags |= int(Qt.TextFlag.TextWordWrap)
        p.drawText(rect, flags, text)
        return
    elided = p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()))
    p.drawText(rect, flags, elided)


def placeholder_panel(p: QPainter, rect: QRectF, ctx: PaintContext, icon: str, caption: str,
                      r: float | None = None, dashed: bool = False) -> None:
    """A tinted panel with a centred icon and caption (map, chart, camera, signature ...)."""
    r = ctx.radius if r is None else r
    p.setBrush(mix(ctx.surface, ctx.primary, 0.06))
    pen = QPen(mix(ctx.outline, ctx.primary, 0.25), 1.2)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), r, r)
    size = min(36.0, rect.height() * 0.4, rect.width() * 0.4)
    has_caption = bool(caption) and rect.height() > size + 28
    top = rect.center().y() - (size + (22 if has_caption else 0)) / 2
    ctx.draw_icon(p, icon, QRectF(rect.center().x() - size / 2, top, size, size),
                  mix(ctx.primary, ctx.surface, 0.2))
    if has_caption:
        draw_text(p, QRectF(rect.x() + 8, top + size + 4, rect.width() - 16, 18), caption,
                  ctx.font(12), ctx.muted, int(Qt.AlignmentFlag.AlignCenter))


def _binding_badge(p: QPainter, rect: QRectF, ctx: PaintContext) -> None:
    if rect.width() < 24 or rect.height() < 12:
        return
    d = 14.0
    badge = QRectF(rect.right() - d - 1, rect.top() + 1, d, d)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(mix(ctx.secondary, QColor("#ffffff"), 0.1))
    p.drawEllipse(badge)
    ctx.draw_icon(p, "mdi6.link-variant", badge.adjusted(2.5, 2.5, -2.5, -2.5), QColor("#ffffff"))


# -------------------------------------------------------------------- leaves
@painter("label", "heading")
def paint_label(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    styled_box(p, rect, w, ctx)
    text = ctx.text(w, "text", env)
    color = text_color(w, ctx)
    if not ctx.preview and "text" in w.bindings:
        color = mix(color, ctx.secondary, 0.75)
    if not text and not ctx.preview:
        text, color = f"{{{w.bindings.get('text', '')}}}", ctx.muted
    flags = int(align_flag(w) | Qt.AlignmentFlag.AlignTop)
    draw_text(p, rect, text, ctx.widget_font(w), color, flags, wrap=True)


@painter("web_link")
def paint_link(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    font = ctx.widget_font(w)
    font.setUnderline(True)
    draw_text(p, rect, ctx.text(w, "text", env), font, text_color(w, ctx, ctx.primary),
              int(align_flag(w) | Qt.AlignmentFlag.AlignVCenter))
    font.setUnderline(False)


@painter("button")
def paint_button(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    variant = getattr(w, "variant", "primary")
    enabled = ctx.value(w, "enabled", env) if "enabled" in w.bindings and ctx.preview else True
    fill: QColor | None
    fg: QColor
    border: QColor | None = None
    if variant == "primary":
        fill = ctx.primary
        fg = readable_on(fill)
    elif variant == "danger":
        fill = QColor("#c62828")
        fg = QColor("#ffffff")
    elif variant == "secondary":
        fill = mix(ctx.background, ctx.primary, 0.1)
        fg = ctx.primary
        border = mix(ctx.background, ctx.primary, 0.45)
    else:
        fill, fg = None, ctx.primary
    if w.style.text_color:
        fg = QColor(w.style.text_color)
    r = min(radius(w, ctx), rect.height() / 2)
    if fill is not None or w.style.background:
        bg = QColor(w.style.background) if w.style.background else fill
        assert bg is not None
        p.setBrush(bg)
        p.setPen(QPen(border, 1) if border is not None else Qt.PenStyle.NoPen)
        p.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), r, r)
    text = ctx.text(w, "text", env)
    font = ctx.font(w.style.font_size or 15, w.style.font_weight or "medium")
    p.setFont(font)
    tw = p.fontMetrics().horizontalAdvance(text)
    icon = getattr(w, "icon", "")
    icon_w = 22.0 if icon else 0.0
    total = min(tw + icon_w, rect.width() - 16)
    x = rect.center().x() - total / 2
    if icon:
        ctx.draw_icon(p, icon, QRectF(x, rect.center().y() - 9, 18, 18), fg)
    draw_text(p, QRectF(x + icon_w, rect.y(), total - icon_w + 2, rect.height()), text, font, fg)
    if not enabled:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(255, 255, 255, 140))
        p.drawRoundedRect(rect, r, r)


@painter("image")
def paint_image(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    src = ctx.text(w, "src", env)
    caption = src.rsplit("/", 1)[-1] if src else (getattr(w, "alt", "") or "Image")
    placeholder_panel(p, rect, ctx, "mdi6.image-outline", caption[:40], radius(w, ctx))


@painter("icon")
def paint_icon(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    color = text_color(w, ctx, ctx.primary)
    if not ctx.draw_icon(p, getattr(w, "icon", "star"), rect, color):
        ctx.draw_icon(p, "mdi6.help-circle-outline", rect, ctx.muted)


@painter("divider")
def paint_divider(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    color = QColor(w.style.border_color) if w.style.border_color else ctx.outline
    p.setPen(QPen(color, w.style.border_width or 1))
    y = rect.center().y()
    p.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))


@painter("spacer")
def paint_spacer(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    if not ctx.design_chrome:
        return
    pen = QPen(mix(ctx.outline, ctx.background, 0.3), 1, Qt.PenStyle.DotLine)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))


@painter("map")
def paint_map(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    r = radius(w, ctx)
    path = QPainterPath()
    path.addRoundedRect(rect, r, r)
    p.save()
    p.setClipPath(path)
    p.fillRect(rect, QColor("#e8efe3"))
    p.setPen(QPen(QColor("#ffffff"), 6))
    for i in range(1, 4):
        x = rect.left() + rect.width() * i / 4
        p.drawLine(QPointF(x - 30, rect.top()), QPointF(x + 20, rect.bottom()))
    p.setPen(QPen(QColor("#f6d77a"), 8))
    p.drawLine(QPointF(rect.left(), rect.center().y() + 20),
               QPointF(rect.right(), rect.center().y() - 25))
    p.setPen(QPen(QColor("#a9cbe8"), 14))
    p.drawLine(QPointF(rect.left(), rect.bottom() - 18), QPointF(rect.right(), rect.bottom() - 40))
    pin = QRectF(rect.center().x() - 16, rect.center().y() - 34, 32, 32)
    ctx.draw_icon(p, "mdi6.map-marker", pin, QColor("#d93025"))
    address = ctx.text(w, "address", env) or (f"{{{w.bindings['address']}}}"
                                             if "address" in w.bindings else "Map")
    p.restore()
    chip = QRectF(rect.left() + 8, rect.bottom() - 30, rect.width() - 16, 22)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(255, 255, 255, 230))
    p.drawRoundedRect(chip, 11, 11)
    draw_text(p, chip.adjusted(10, 0, -10, 0), address, ctx.font(12), ctx.text_color)


def paint_unknown(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    placeholder_panel(p, rect, ctx, "mdi6.help-box", w.kind)


def _register_remaining() -> None:
    """Import the modules whose painters register themselves (they import this one's helpers)."""
    for module in ("painters_inputs", "painters_layout", "painters_chart"):
        import_module(f"{__package__}.{module}")


_register_remaining()
