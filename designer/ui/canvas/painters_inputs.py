"""Painters of input and field-work widgets: a label above a box, like Material outlined fields."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from designer.layout_engine import ERROR_LINE, INPUT_LABEL_SIZE, LABEL_GAP, LINE_FACTOR
from widgets import WidgetBase

from .paint_context import PaintContext, mix, readable_on, round_pen
from .painters import Env, draw_text, painter, placeholder_panel, radius, text_color

ERROR = QColor("#c62828")


def _label(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> QRectF:
    """Draw the input's label (with a * for required) and return the rect below it."""
    label = ctx.text(w, "label", env)
    if not getattr(w, "label", "") and "label" not in w.bindings:
        return rect
    h = INPUT_LABEL_SIZE * LINE_FACTOR
    required = any(getattr(r, "rule", "") == "required" for r in getattr(w, "validation", []))
    draw_text(p, QRectF(rect.x(), rect.y(), rect.width(), h), label + (" *" if required else ""),
              ctx.font(INPUT_LABEL_SIZE, "medium"), text_color(w, ctx, ctx.muted))
    return QRectF(rect.x(), rect.y() + h + LABEL_GAP, rect.width(), rect.height() - h - LABEL_GAP)


def _field_box(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext,
               error: bool = False) -> None:
    bg = QColor(w.style.background) if w.style.background else ctx.background
    border = ERROR if error else (QColor(w.style.border_color) if w.style.border_color
                                  else ctx.outline)
    p.setBrush(bg)
    p.setPen(QPen(border, 1.6 if error else 1.2))
    r = min(radius(w, ctx), rect.height() / 2)
    p.drawRoundedRect(rect.adjusted(0.6, 0.6, -0.6, -0.6), r, r)


def _value_text(w: WidgetBase, ctx: PaintContext, env: Env) -> tuple[str, bool]:
    """(text shown in the box, is it a placeholder)."""
    if ctx.preview and ("value" in w.bindings or w.id in ctx.run_values):
        value = ctx.text(w, "value", env)
        if value:
            return value, False
    placeholder = getattr(w, "placeholder", "") or ""
    if not ctx.preview and "value" in w.bindings:
        return f"{{{w.bindings['value']}}}", True
    return placeholder, True


def validation_error(w: WidgetBase, ctx: PaintContext, env: Env) -> str:
    """Run mode, after a submit or once the field was edited: the message of the first rule
    its value breaks ("" if none)."""
    from .run_rules import broken_rule
    rules = getattr(w, "validation", [])
    if not rules or not ctx.preview or not (ctx.validate or w.id in ctx.touched):
        return ""
    value = ctx.value(w, "value", env) if ("value" in w.bindings or w.id in ctx.run_values) \
        else None
    scope = dict(env or {})
    return broken_rule(rules, value, lambda expr, v: ctx.sample.evaluate(
        expr, {**scope, "value": v}) is True)


def _trailing_icon(p: QPainter, box: QRectF, ctx: PaintContext, icon: str) -> QRectF:
    ctx.draw_icon(p, icon, QRectF(box.right() - 32, box.center().y() - 10, 20, 20), ctx.muted)
    return box.adjusted(12, 0, -40, 0)


@painter("text_input", "number_input", "date_input", "time_input", "dropdown",
         "barcode_scanner", "location")
def paint_field(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    box = _label(p, rect, w, ctx, env)
    error = validation_error(w, ctx, env)
    if error:  # the layout reserved a line below the box for the message
        box.setHeight(max(box.height() - ERROR_LINE, 1.0))
    _field_box(p, box, w, ctx, bool(error))
    icon = {"date_input": "mdi6.calendar", "time_input": "mdi6.clock-outline",
            "dropdown": "mdi6.chevron-down", "barcode_scanner": "mdi6.barcode-scan",
            "location": "mdi6.crosshairs-gps", "number_input": "mdi6.unfold-more-horizontal"
            }.get(w.kind)
    if w.kind == "text_input" and getattr(w, "input_type", "text") == "password":
        icon = "mdi6.eye-off-outline"
    inner = _trailing_icon(p, box, ctx, icon) if icon else box.adjusted(12, 0, -12, 0)
    text, is_placeholder = _value_text(w, ctx, env)
    if not text:
        text = {"date_input": "dd/mm/yyyy", "time_input": "hh:mm", "location": "Capture location",
                "barcode_scanner": "Scan or type a code"}.get(w.kind, "")
        is_placeholder = True
    multiline = getattr(w, "input_type", "") == "multiline"
    flags = int(Qt.AlignmentFlag.AlignLeft | (Qt.AlignmentFlag.AlignTop if multiline
                                              else Qt.AlignmentFlag.AlignVCenter))
    area = inner.adjusted(0, 12, 0, -12) if multiline else inner
    draw_text(p, area, text, ctx.font(15), ctx.muted if is_placeholder else ctx.text_color, flags,
              wrap=multiline)
    if error:
        _error_text(p, box, error, ctx)


def _error_text(p: QPainter, box: QRectF, message: str, ctx: PaintContext) -> None:
    """The message on the line below the field's border."""
    draw_text(p, QRectF(box.left() + 4, box.bottom() + 3, box.width() - 8, ERROR_LINE - 4),
              message, ctx.font(11), ERROR)


@painter("checkbox", "switch")
def paint_toggle(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    on = bool(ctx.value(w, "value", env)) if ctx.preview and "value" in w.bindings else \
        w.kind == "switch"
    cy = rect.center().y()
    if w.kind == "checkbox":
        box = QRectF(rect.left() + 2, cy - 10, 20, 20)
        p.setPen(QPen(ctx.primary if on else ctx.muted, 2))
        p.setBrush(ctx.primary if on else Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(box, 4, 4)
        if on:
            ctx.draw_icon(p, "mdi6.check-bold", box.adjusted(2, 2, -2, -2), QColor("#ffffff"))
        text_rect = QRectF(rect.left() + 34, rect.top(), rect.width() - 34, rect.height())
    else:
        track = QRectF(rect.right() - 46, cy - 12, 44, 24)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(ctx.primary if on else mix(ctx.outline, ctx.text_color, 0.2))
        p.drawRoundedRect(track, 12, 12)
        knob_x = track.right() - 22 if on else track.left() + 2
        p.setBrush(QColor("#ffffff"))
        p.drawEllipse(QRectF(knob_x, cy - 10, 20, 20))
        text_rect = QRectF(rect.left(), rect.top(), rect.width() - 56, rect.height())
    draw_text(p, text_rect, ctx.text(w, "label", env), ctx.font(15), text_color(w, ctx))


@painter("radio_group")
def paint_radio(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    body = _label(p, rect, w, ctx, env)
    options = getattr(w, "options", []) or []
    selected = ctx.value(w, "value", env) if ctx.preview else (options[0].value if options else None)
    for i, opt in enumerate(options or [None]):
        row = QRectF(body.left(), body.top() + 36 * i, body.width(), 36)
        on = opt is not None and opt.value == selected
        circle = QRectF(row.left() + 2, row.center().y() - 10, 20, 20)
        p.setPen(QPen(ctx.primary if on else ctx.muted, 2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(circle)
        if on:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(ctx.primary)
            p.drawEllipse(circle.adjusted(5, 5, -5, -5))
        text = (opt.label or opt.value) if opt is not None else "No options"
        draw_text(p, row.adjusted(34, 0, 0, 0), text, ctx.font(15), ctx.text_color)


@painter("slider")
def paint_slider(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    body = _label(p, rect, w, ctx, env)
    lo, hi = float(getattr(w, "min", 0)), float(getattr(w, "max", 100))
    value = ctx.value(w, "value", env) if ctx.preview else None
    t = 0.4
    if isinstance(value, (int, float)) and hi > lo:
        t = min(max((float(value) - lo) / (hi - lo), 0.0), 1.0)
    cy = body.center().y()
    left, right = body.left() + 10, body.right() - 10
    x = left + (right - left) * t
    p.setPen(round_pen(mix(ctx.primary, ctx.background, 0.7), 4))
    p.drawLine(QPointF(left, cy), QPointF(right, cy))
    p.setPen(round_pen(ctx.primary, 4))
    p.drawLine(QPointF(left, cy), QPointF(x, cy))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ctx.primary)
    p.drawEllipse(QPointF(x, cy), 10, 10)


@painter("camera_photo")
def paint_camera(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env) -> None:
    body = _label(p, rect, w, ctx, env)
    count = getattr(w, "max_photos", 1)
    caption = "Take photo" if count == 1 else f"Take up to {count} photos"
    placeholder_panel(p, body, ctx, "mdi6.camera-plus-outline", caption, radius(w, ctx),
                      dashed=True)
    error = validation_error(w, ctx, env)
    if error:
        _error_text(p, body, error, ctx)


@painter("signature")
def paint_signature(p: QPainter, rect: QRectF, w: WidgetBase, ctx: PaintContext, env: Env
                    ) -> None:
    body = _label(p, rect, w, ctx, env)
    error = validation_error(w, ctx, env)
    _field_box(p, body, w, ctx, bool(error))
    pen_color = QColor(getattr(w, "pen_color", "#000000"))
    path = QPainterPath()
    x0, y0 = body.left() + 24, body.center().y() + 6
    path.moveTo(x0, y0)
    for i in range(1, 7):
        path.quadTo(x0 + 22 * i - 11, y0 - (24 if i % 2 else -10), x0 + 22 * i, y0 - 4 * (i % 3))
    p.setPen(QPen(mix(pen_color, ctx.background, 0.55), 2))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)
    base = body.bottom() - 26
    p.setPen(QPen(ctx.outline, 1, Qt.PenStyle.DashLine))
    p.drawLine(QPointF(body.left() + 16, base), QPointF(body.right() - 16, base))
    ctx.draw_icon(p, "mdi6.draw", QRectF(body.right() - 34, body.top() + 8, 22, 22), ctx.muted)
    draw_text(p, QRectF(body.left() + 16, base + 2, body.width() - 32, 18), "Sign here",
              ctx.font(11), ctx.muted)
    if error:
        _error_text(p, body, error, ctx)


def chip(p: QPainter, rect: QRectF, text: str, ctx: PaintContext, color: QColor) -> None:
    """A small rounded chip (used by run-mode messages)."""
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    p.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    draw_text(p, rect.adjusted(12, 0, -12, 0), text, ctx.font(13, "medium"), readable_on(color),
              int(Qt.AlignmentFlag.AlignCenter))
