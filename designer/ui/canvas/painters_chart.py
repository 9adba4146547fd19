"""The chart painter: bar/line with category labels and a value scale, pie with a legend.

Follows the exported PWA's SVG chart: up to 12 points in preview, category labels under the
plot (thinned to fit), values above bars, pie slices with "label (n%)" in a legend.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen

from widgets import WidgetBase

from .paint_context import PaintContext, mix
from .painters import Env, draw_text, painter, styled_box

#: Shown while designing (or when the bound collection has no usable rows).
PLACEHOLDER = [("A", 3.0), ("B", 5.0), ("C", 4.0), ("D", 7.0), ("E", 6.0), ("F", 8.0)]
MAX_POINTS = 12
LEFT_ALIGN = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
RIGHT_ALIGN = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTRE = int(Qt.AlignmentFlag.AlignCenter)


def nice_ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    """Round scale values covering ``lo..hi`` (always including 0 when it is in range)."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi - lo <= 0:
        hi = lo + 1
    raw = (hi - lo) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(lo / step) * step
    ticks = [start]
    while ticks[-1] < hi - 1e-9:
        ticks.append(ticks[-1] + step)
    return [round(t, 10) for t in ticks]


def short(v: float) -> str:
    """Compact value text, as the PWA chart writes it (12k, 1.5M)."""
    n = abs(v)
    if n >= 1e6:
        return f"{v / 1e6:.1f}M"
    if n >= 1e4:
        return f"{v / 1e3:.0f}k"
    return str(int(v)) if float(v).is_integer() else f"{v:.1f}"


def chart_points(w: WidgetBase, ctx: PaintContext, env: Env) -> list[tuple[str, float]]:
    """(label, value) per row of the bound collection in preview; placeholders otherwise."""
    if not ctx.preview:
        return PLACEHOLDER
    items = ctx.value(w, "items", env)
    value_field = getattr(w, "value_field", "")
    label_field = getattr(w, "label_field", "")
    points: list[tuple[str, float]] = []
    if isinstance(items, list) and value_field:
        for row in items:
            if isinstance(row, dict) and isinstance(row.get(value_field), (int, float)) \
                    and not isinstance(row.get(value_field), bool):
                label = row.get(label_field) if label_field else ""
                points.append(("" if label is None else str(label), float(row[value_field])))
    return points[:MAX_POINTS] or PLACEHOLDER


@painter("chart")
def paint_chart(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    styled_box(p, rect, w, ctx, fill=ctx.surface)
    title = ctx.text(w, "title", env)
    top = rect.top() + 10
    if title:
        draw_text(p, QRectF(rect.left() + 12, top, rect.width() - 24, 20), title,
                  ctx.font(14, "bold"), ctx.text_color)
        top += 26
    points = chart_points(w, ctx, env)
    area = QRectF(rect.left() + 12, top + 2, rect.width() - 24, rect.bottom() - top - 10)
    if area.height() < 24 or area.width() < 40:
        return
    kind = getattr(w, "chart_type", "bar")
    if kind == "pie":
        _pie(p, area, points, ctx)
    else:
        _bars_or_line(p, area, points, ctx, kind == "line")


def _slice_colour(ctx: PaintContext, i: int, n: int) -> Any:
    return mix(ctx.primary, ctx.secondary, i / max(n - 1, 1))


def _pie(p: QPainter, area: QRectF, points: list[tuple[str, float]], ctx: PaintContext) -> None:
    d = min(area.height(), area.width() * 0.45)
    pie = QRectF(area.left() + 4, area.center().y() - d / 2, d, d)
    total = sum(max(v, 0) for _, v in points) or 1
    start = 90 * 16
    for i, (_, v) in enumerate(points):
        span = -round(5760 * max(v, 0) / total)
        p.setBrush(_slice_colour(ctx, i, len(points)))
        p.setPen(QPen(ctx.surface, 2))
        p.drawPie(pie, start, span)
        start += span
    # legend: a swatch and "label (n%)" per slice, as many as fit
    left = pie.right() + 16
    font = ctx.font(12)
    line = 20.0
    rows = max(int(area.height() // line), 1)
    y = area.center().y() - min(rows, len(points)) * line / 2
    for i, (label, v) in enumerate(points[:rows]):
        swatch = QRectF(left, y + 4, 12, 12)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_slice_colour(ctx, i, len(points)))
        p.drawRoundedRect(swatch, 3, 3)
        percent = round(100 * max(v, 0) / total)
        draw_text(p, QRectF(left + 18, y, area.right() - left - 18, line),
                  f"{label or '–'} ({percent}%)", font, ctx.text_color, LEFT_ALIGN)
        y += line


def _bars_or_line(p: QPainter, area: QRectF, points: list[tuple[str, float]],
                  ctx: PaintContext, line: bool) -> None:
    values = [v for _, v in points]
    ticks = nice_ticks(min(values), max(values))
    lo, hi = ticks[0], ticks[-1]
    font = ctx.font(11)
    p.setFont(font)
    metrics = p.fontMetrics()
    axis_w = max(metrics.horizontalAdvance(short(t)) for t in ticks) + 6
    label_h = metrics.height() + 4
    plot = QRectF(area.left() + axis_w, area.top() + label_h / 2 + (0 if line else 12),
                  area.width() - axis_w, area.height() - label_h - label_h / 2
                  - (0 if line else 12))

    def y_of(v: float) -> float:
        return plot.bottom() - plot.height() * (v - lo) / ((hi - lo) or 1)

    # value scale with faint grid lines
    grid = mix(ctx.outline, ctx.surface, 0.45)
    for t in ticks:
        y = y_of(t)
        p.setPen(QPen(ctx.outline if t == 0 else grid, 1))
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        draw_text(p, QRectF(area.left(), y - label_h / 2, axis_w - 6, label_h), short(t), font,
                  ctx.muted, RIGHT_ALIGN)
    # category labels, thinned so they do not overlap
    step = plot.width() / len(points)
    widest = max(metrics.horizontalAdvance(label[:12]) for label, _ in points) + 6
    every = max(1, math.ceil(widest / step))
    for i, (label, _) in enumerate(points):
        if i % every == 0:
            width = min(step * every, area.width())
            x = plot.left() + step * (i + 0.5) - width / 2
            cell = QRectF(min(max(x, area.left()), area.right() - width), plot.bottom() + 3,
                          width, label_h)
            draw_text(p, cell, label[:12], font, ctx.muted, CENTRE)
    centres = [QPointF(plot.left() + step * (i + 0.5), y_of(v)) for i, v in enumerate(values)]
    if line:
        path = QPainterPath(centres[0])
        for pt in centres[1:]:
            path.lineTo(pt)
        p.setPen(QPen(ctx.primary, 2.5))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(ctx.primary)
        for pt in centres:
            p.drawEllipse(pt, 3.5, 3.5)
        return
    bar_w = max(2.0, min(48.0, step * 0.6))
    zero = y_of(0)
    value_font = ctx.font(11, "bold")
    p.setFont(value_font)
    # values above the bars when every one fits over its bar (else the scale says enough)
    labelled = max(p.fontMetrics().horizontalAdvance(short(v)) for v in values) + 2 <= step
    for pt, v in zip(centres, values):
        bar = QRectF(pt.x() - bar_w / 2, min(pt.y(), zero), bar_w, max(abs(zero - pt.y()), 1))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(ctx.primary)
        p.drawRoundedRect(bar, 3, 3)
        if labelled:
            draw_text(p, QRectF(pt.x() - step / 2, bar.top() - label_h, step, label_h),
                      short(v), value_font, ctx.text_color, CENTRE)
