"""Canvas chart in preview: category labels and a value scale (bar/line), a legend (pie)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolBar

from designer.commands import SetProperty
from designer.ui.canvas import painters_chart
from designer.ui.canvas.painters_chart import nice_ticks
from tests.ui.test_canvas_interactions import show

CHART = "w_ordersChart"


def test_nice_ticks_cover_the_values_with_round_steps() -> None:
    assert nice_ticks(612.5, 1798) == [0, 500, 1000, 1500, 2000]
    assert nice_ticks(-3, 7) == [-5, -2.5, 0, 2.5, 5, 7.5]
    assert nice_ticks(0, 0) == [0, 0.25, 0.5, 0.75, 1]


def _paint_chart(window, monkeypatch, tmp_path: Path, name: str) -> list[tuple[str, QRectF]]:
    """Paint the chart's canvas item and record the texts it drew with their rects."""
    drawn: list[tuple[str, QRectF]] = []
    real = painters_chart.draw_text

    def spy(p, rect, text, font, *args, **kw):
        # readable: nothing the chart writes is elided or wider than the room it is given
        assert QFontMetricsF(font).horizontalAdvance(text) <= rect.width() + 0.5, text
        drawn.append((text, QRectF(rect)))
        real(p, rect, text, font, *args, **kw)

    monkeypatch.setattr(painters_chart, "draw_text", spy)
    window.scene.ensure_layout()
    box = window.scene.box_rect(CHART)
    source = window.scene.content.mapRectToScene(box)
    image = QImage(int(box.width()), int(box.height()), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    window.scene.render(painter, QRectF(image.rect()), source)
    painter.end()
    image.save(str(tmp_path / f"{name}.png"))
    monkeypatch.setattr(painters_chart, "draw_text", real)
    return drawn  # item coordinates: the chart's box is (0, 0, width, height)


def _orders(window) -> list[dict]:
    """The rows the chart's ``items`` binding gives in preview (this customer's orders)."""
    item = window.scene.item_for_widget[CHART]
    rows = window.scene.ctx.value(item.widget, "items", item.env)
    assert isinstance(rows, list) and len(rows) >= 2
    return rows


def _set_type(window, kind: str) -> None:
    assert window.controller.push(SetProperty([CHART], "chart_type", kind))


@pytest.mark.parametrize("kind", ["bar", "line"])
def test_bar_and_line_charts_label_categories_and_values(make_window, model_file, monkeypatch,
                                                         tmp_path, kind):
    window = make_window(model_file)
    show(window, "customerDetail")
    _set_type(window, kind)
    toolbar = window.findChild(QToolBar, "main_toolbar")
    QTest.mouseClick(toolbar.widgetForAction(window.acts["preview"]), Qt.MouseButton.LeftButton)
    assert window.scene.ctx.preview
    texts = _paint_chart(window, monkeypatch, tmp_path, kind)
    orders = _orders(window)
    labels = [str(o["order_date"]) for o in orders]
    by_text = {t: r for t, r in texts}
    for label in labels:  # every category under the plot
        assert label in by_text, texts
    scale = [t for t in ("0", "500", "1000", "1500", "2000") if t in by_text]
    assert scale == ["0", "500", "1000", "1500", "2000"]
    # the scale runs bottom-up left of the categories; categories sit below the scale's 0
    assert by_text["0"].center().y() > by_text["2000"].center().y()
    assert all(by_text[label].top() >= by_text["0"].center().y() for label in labels)
    assert by_text["2000"].right() <= min(by_text[label].left() for label in labels)
    box = window.scene.item_for_widget[CHART].rect()
    assert all(box.contains(r) for _, r in texts)
    if kind == "bar":  # values above the bars, as the PWA chart writes them
        assert "612.5" in by_text and "1798" in by_text


def test_pie_chart_has_a_legend_with_shares(make_window, model_file, monkeypatch, tmp_path):
    window = make_window(model_file)
    show(window, "customerDetail")
    _set_type(window, "pie")
    window.acts["preview"].trigger()
    texts = [t for t, _ in _paint_chart(window, monkeypatch, tmp_path, "pie")]
    orders = _orders(window)
    total = sum(o["total"] for o in orders)
    for o in orders:
        assert f"{o['order_date']} ({round(100 * o['total'] / total)}%)" in texts


def test_many_long_categories_are_thinned_not_overlapping(make_window, model_file, monkeypatch,
                                                          tmp_path):
    window = make_window(model_file)
    show(window, "customerDetail")
    orders = window.controller.app.source("crm").entity("Order")
    rows = [{**orders.sample_rows[0], "order_date": f"2026-01-{n + 10}", "total": 100.0 * n}
            for n in range(12)]
    monkeypatch.setattr(orders, "sample_rows", rows)
    window.acts["preview"].trigger()
    window.scene.relayout()
    texts = _paint_chart(window, monkeypatch, tmp_path, "many")
    categories = [(t, r) for t, r in texts if t.startswith("2026-")]
    assert 2 <= len(categories) < 12
    for (_, a), (_, b) in zip(categories, categories[1:]):
        assert a.right() <= b.left() + 1   # cells (each wide enough for its text) never overlap
    box = window.scene.item_for_widget[CHART].rect()
    assert all(box.contains(r) for _, r in texts)
