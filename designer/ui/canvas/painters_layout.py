"""Painters of containers: column/row frames in design mode, cards, tabs, lists, scroll, free."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from designer.layout_engine import CARD_TITLE_HEIGHT, SEARCH_HEIGHT, TAB_BAR_HEIGHT
from widgets import WidgetBase

from .paint_context import PaintContext, mix
from .painters import Env, draw_text, painter, radius, styled_box, text_color


def _design_outline(p: QPainter, rect: QRectF, ctx: PaintContext) -> None:
    """A faint dashed outline showing a layout container's extent while designing."""
    if not ctx.design_chrome:
        return
    pen = QPen(mix(ctx.outline, ctx.background, 0.35), 1, Qt.PenStyle.DashLine)
    pen.setDashPattern([3, 3])
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))


def _empty_hint(p: QPainter, rect: QRectF, ctx: PaintContext, text: str) -> None:
    if not ctx.design_chrome or rect.height() < 20:
        return
    draw_text(p, rect, text, ctx.font(12), ctx.muted, int(Qt.AlignmentFlag.AlignCenter))


@painter("column", "row", "scroll", "tab_page")
def paint_flex(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    styled_box(p, rect, w, ctx)
    if getattr(w, "children", None):
        if not w.style.background and not w.style.border_color:
            _design_outline(p, rect, ctx)
    else:
        _design_outline(p, rect, ctx)
        _empty_hint(p, rect, ctx, "Drop widgets here")
    if w.kind == "scroll" and ctx.design_chrome:
        vertical = getattr(w, "direction", "vertical") == "vertical"
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(mix(ctx.outline, ctx.text_color, 0.1))
        if vertical:
            p.drawRoundedRect(QRectF(rect.right() - 5, rect.top() + 8, 3, 48), 1.5, 1.5)
        else:
            p.drawRoundedRect(QRectF(rect.left() + 8, rect.bottom() - 5, 48, 3), 1.5, 1.5)


@painter("card")
def paint_card(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    r = radius(w, ctx)
    elevation = getattr(w, "elevation", 1)
    for i in range(elevation * 2, 0, -1):
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0, 10))
        p.drawRoundedRect(rect.adjusted(-i * 0.3, i * 0.6, i * 0.3, i * 0.8), r + i * 0.5,
                          r + i * 0.5)
    bg = QColor(w.style.background) if w.style.background else mix(ctx.background,
                                                                   ctx.surface, 0.5)
    p.setBrush(bg)
    p.setPen(QPen(QColor(w.style.border_color) if w.style.border_color
                  else mix(ctx.outline, ctx.background, 0.4), 1))
    p.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), r, r)
    title = ctx.text(w, "title", env)
    pad = getattr(w, "padding", None)
    if title:
        left = (pad.left if pad else 0) or 12
        top = pad.top if pad else 0
        draw_text(p, QRectF(rect.left() + left, rect.top() + top, rect.width() - 2 * left,
                            CARD_TITLE_HEIGHT - 6), title, ctx.font(15, "bold"),
                  text_color(w, ctx))
    if not getattr(w, "children", None):
        _empty_hint(p, rect, ctx, "Drop widgets into the card")


@painter("tabs")
def paint_tabs(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    styled_box(p, rect, w, ctx)
    pages = getattr(w, "children", [])
    bar = QRectF(rect.left(), rect.top(), rect.width(), TAB_BAR_HEIGHT)
    p.fillRect(bar, mix(ctx.background, ctx.surface, 0.7))
    p.setPen(QPen(ctx.outline, 1))
    p.drawLine(bar.bottomLeft(), bar.bottomRight())
    if not pages:
        _empty_hint(p, rect.adjusted(0, TAB_BAR_HEIGHT, 0, 0), ctx, "Add tab pages")
        return
    active = ctx.active_tabs.get(w.id, 0)
    tab_w = bar.width() / len(pages)
    for i, page in enumerate(pages):
        cell = QRectF(bar.left() + tab_w * i, bar.top(), tab_w, bar.height())
        on = i == active
        draw_text(p, cell, getattr(page, "title", "Tab"), ctx.font(14, "medium"),
                  ctx.primary if on else ctx.muted, int(Qt.AlignmentFlag.AlignCenter))
        if on:
            p.fillRect(QRectF(cell.left() + 12, cell.bottom() - 3, cell.width() - 24, 3),
                       ctx.primary)


@painter("list")
def paint_list(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    styled_box(p, rect, w, ctx)
    top = rect.top()
    pad = getattr(w, "padding", None)
    if getattr(w, "searchable", False):
        search = QRectF(rect.left() + (pad.left if pad else 0), top + (pad.top if pad else 0),
                        rect.width() - ((pad.left + pad.right) if pad else 0), SEARCH_HEIGHT)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(mix(ctx.surface, ctx.text_color, 0.03))
        p.drawRoundedRect(search, SEARCH_HEIGHT / 2, SEARCH_HEIGHT / 2)
        ctx.draw_icon(p, "mdi6.magnify", QRectF(search.left() + 12, search.center().y() - 10,
                                                20, 20), ctx.muted)
        draw_text(p, search.adjusted(40, 0, -12, 0), getattr(w, "search_placeholder", "Search"),
                  ctx.font(14), ctx.muted)
    if not getattr(w, "children", None):
        _design_outline(p, rect, ctx)
        _empty_hint(p, rect, ctx, "Drop the item template here")
        return
    rows = ctx.list_row_rects.get(w.id, [])
    if getattr(w, "divider", True):
        p.setPen(QPen(mix(ctx.outline, ctx.background, 0.3), 1))
        for row in rows:
            y = row.bottom() + getattr(w, "gap", 8) / 2
            if y < rect.bottom() - 2:
                p.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
    if ctx.design_chrome:
        _design_outline(p, rect, ctx)
        if rows:
            row = rows[0]
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(mix(ctx.secondary, ctx.background, 0.3))
            p.drawRoundedRect(QRectF(rect.left() - 6, row.top(), 3, row.height()), 1.5, 1.5)
            ctx.draw_icon(p, "mdi6.repeat", QRectF(rect.left() - 15, row.top() - 14, 12, 12),
                          ctx.secondary)
    elif ctx.preview and ctx.list_empty.get(w.id):
        draw_text(p, rect.adjusted(0, SEARCH_HEIGHT if getattr(w, "searchable", False) else 0,
                                   0, 0), getattr(w, "empty_text", ""), ctx.font(14), ctx.muted,
                  int(Qt.AlignmentFlag.AlignCenter))


@painter("free")
def paint_free(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    styled_box(p, rect, w, ctx)
    if not ctx.design_chrome:
        return
    grid = float(getattr(w, "grid", 8))
    pad = getattr(w, "padding", None)
    ox = rect.left() + (pad.left if pad else 0)
    oy = rect.top() + (pad.top if pad else 0)
    step = grid
    while step < 8:
        step *= 2
    dot = mix(ctx.outline, ctx.background, 0.2)
    p.setPen(QPen(dot, 1))
    y = oy
    points: list[QPointF] = []
    while y < rect.bottom():
        x = ox
        while x < rect.right():
            points.append(QPointF(x, y))
            x += step * 2
        y += step * 2
    p.drawPoints(points)
    _design_outline(p, rect, ctx)
    if not getattr(w, "children", None):
        _empty_hint(p, rect, ctx, "Free layout: drop widgets anywhere")
