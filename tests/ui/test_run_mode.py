"""Run mode as a user drives it: tapped rows, the back arrow, typing, dropdowns, validation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from designer.commands import AddWidget
from designer.layout_engine import ERROR_LINE
from widgets.leaves import Dropdown, Option
from designer.ui.canvas.painters_inputs import validation_error

from .helpers import centre, click

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


def back_arrow(window) -> QPointF:
    frame = window.scene.frame
    return window.scene.content.mapFromScene(frame.mapToScene(frame.back_rect().center()))


def test_the_app_bars_back_arrow_goes_back(make_window, model_file):
    window = make_window(model_file)
    run_on(window, "customers")
    click(window, row_centre(window, "w_customerList", 1))
    click(window, centre(window, "w_newOrderButton"))
    assert window.controller.current_screen().name == "orderEntry"
    click(window, back_arrow(window))
    assert window.controller.current_screen().name == "customerDetail"
    assert detail_name(window) == "Bäckerei Sonnenschein"
    click(window, back_arrow(window))
    assert window.controller.current_screen().name == "customers"


def test_typing_into_a_field_runs_its_rules_and_the_message_is_below_the_box(
        make_window, model_file, qtbot):
    window = make_window(model_file)
    run_on(window, "orderEntry")
    field = "w_quantityInput"
    before = window.scene.box_rect(field)
    click(window, centre(window, field))
    editor = window.scene.text_editor
    assert editor is not None
    viewport = window.view.viewport()
    QTest.keyClick(viewport, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(viewport, "1200")
    QTest.keyClick(viewport, Qt.Key.Key_Return)
    window.scene.ensure_layout()
    item = window.scene.item_for_widget[field]
    assert window.scene.run_paths["quantity"] == 1200
    assert validation_error(item.widget, window.scene.ctx, item.env) == "At most 999 per line"
    after = window.scene.box_rect(field)
    # the field grew by a line for the message: the border keeps its height, the text is below
    assert after.height() == pytest.approx(before.height() + ERROR_LINE)
    image = window.view.grab().toImage()
    window.view.grab().save("/tmp/h19/run-validation.png")
    red = [y for y in range(image.height())
           if any(QColor(image.pixel(x, y)).red() > 150 and QColor(image.pixel(x, y)).green() < 90
                  for x in range(*_xs(window, after)))]
    box_bottom = window.view.mapFromScene(window.scene.content.mapToScene(
        QPointF(after.left(), after.bottom() - ERROR_LINE))).y()
    assert red and max(red) > box_bottom + 3  # message glyphs below the red border
    # a multi-line text field: Return is a new line, leaving the field (a tap elsewhere) keeps it
    click(window, centre(window, "w_orderNotes"))
    QTest.keyClicks(viewport, "call first")
    QTest.keyClick(viewport, Qt.Key.Key_Return)
    QTest.keyClicks(viewport, "then visit")
    click(window, centre(window, "w_orderTitle"))
    assert window.scene.text_editor is None
    assert window.scene.run_paths["order.notes"] == "call first\nthen visit"


def _xs(window, rect) -> tuple[int, int]:
    a = window.view.mapFromScene(window.scene.content.mapToScene(rect.topLeft())).x()
    b = window.view.mapFromScene(window.scene.content.mapToScene(rect.topRight())).x()
    return a, b


def test_a_dropdown_opens_and_picking_sets_its_value(make_window, model_file, qtbot):
    window = make_window(model_file)
    c = window.controller
    screen = c.app.screen("visitCheckIn")
    dropdown = Dropdown(kind="dropdown", id="w_outcome", name="outcome", label="Outcome",
                        options=[Option(value="won", label="Won"),
                                 Option(value="lost", label="Lost")])
    c.push(AddWidget(screen.root.id, 0, dropdown))
    run_on(window, screen.name)
    click(window, centre(window, dropdown.id))
    menu = window.scene.run_menu
    assert menu is not None and menu.isVisible()
    actions = [a for a in menu.actions() if a.isEnabled()]
    assert len(actions) >= 2
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(actions[1]).center())
    assert window.scene.ctx.run_values[dropdown.id] == dropdown.options[1].value


def test_the_examples_add_line_needs_a_product_and_a_valid_quantity(make_window, model_file,
                                                                   tmp_path):
    window = make_window(model_file)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    run_on(window, "orderEntry")
    click(window, centre(window, "w_addLine"))  # nothing picked: refused
    assert "disabled" in messages[-1]
    click(window, row_centre(window, "w_productPicker", 1))  # pick a product (set_variable)
    assert window.scene.run_paths["selected"]["sku"]
    viewport = window.view.viewport()
    for typed, allowed in (("0", False), ("2", True)):
        click(window, centre(window, "w_quantityInput"))
        QTest.keyClick(viewport, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(viewport, typed)
        QTest.keyClick(viewport, Qt.Key.Key_Return)
        click(window, centre(window, "w_addLine"))
        assert ("disabled" not in messages[-1]) is allowed, (typed, messages[-1])
    # the exported PWA carries the same rule on the button
    from designer.model import load
    from exporters import ExportOptions, get
    get("pwa").export(load(model_file), tmp_path / "pwa", ExportOptions())
    screen = (tmp_path / "pwa" / "app" / "model" / "screens" / "orderEntry.js").read_text("utf-8")
    add = screen[screen.index('"id":"w_addLine"'):]
    add = add[:add.index('"a":')]
    assert '"enabled":' in add and 'rt.ne(rt.get(s, ["selected", "sku"]), null)' in add
    assert 'rt.ge(rt.get(s, ["quantity"]), 1)' in add
