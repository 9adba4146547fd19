"""Run mode as a user drives it: tapped rows, the back arrow, typing, dropdowns, validation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from .helpers import click

pytestmark = pytest.mark.gui


def run_on(window, screen_name: str) -> None:
    c = window.controller
    c.set_current_screen(c.app.screen(screen_name).id)
    window.acts["run"].trigger()
    window.scene.ensure_layout()


def row_centre(window, list_id: str, index: int) -> QPointF:
    rows = window.scene.ctx.list_row_rects[list_id]
    lb = window.scene.box_rect(list_id)
    return rows[index].center() + lb.topLeft()


def detail_name(window) -> str:
    item = window.scene.item_for_widget["w_detailName"]
    return window.scene.ctx.text(item.widget, "text", item.env)


def test_tapping_the_second_row_opens_the_second_record(make_window, model_file):
    window = make_window(model_file)
    run_on(window, "customers")
    click(window, row_centre(window, "w_customerList", 1))
    assert window.controller.current_screen().name == "customerDetail"
    assert window.scene.params == {"customerId": "C-1002"}
    assert detail_name(window) == "Bäckerei Sonnenschein"
    window.controller.set_current_screen(window.controller.app.screen("customers").id)
    window.scene.ensure_layout()
    click(window, row_centre(window, "w_customerList", 2))
    assert detail_name(window) == "Café Riviera"
