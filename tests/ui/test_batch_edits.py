"""Edits that change many widgets at once update the panels once, not once per widget."""

from __future__ import annotations

import pytest

from designer.commands import AddWidget, Macro, remove_widgets
from widgets import CATALOG

pytestmark = pytest.mark.gui


def show(window, name: str) -> None:
    window.controller.set_current_screen(window.controller.app.screen(name).id)
    window.scene.ensure_layout()


def outline_names(window, parent_id: str) -> list[str]:
    model = window.outline.model
    parent = model.index_of(parent_id)
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def outline_selection(window) -> set[str]:
    rows = window.outline.view.selectionModel().selectedRows(0)
    return {window.outline.model.widget_id(i) for i in rows}


def add_labels(window, parent_id: str, count: int) -> list[str]:
    labels = [CATALOG.get("label").create(f"w_many{n}", f"many{n}", text=f"Label {n}")
              for n in range(count)]
    start = len(window.controller.doc.widget(parent_id).children)
    assert window.controller.push(Macro("Add labels", [
        AddWidget(parent_id, start + n, w) for n, w in enumerate(labels)]))
    return [w.id for w in labels]


def test_deleting_and_restoring_many_widgets_refreshes_each_panel_once(make_window,
                                                                        model_file):
    window = make_window(model_file)
    show(window, "customerDetail")
    add_labels(window, "w_detailRoot", 40)
    controller = window.controller
    ids = [c.id for c in controller.doc.widget("w_detailRoot").children]
    controller.select(ids)
    assert outline_selection(window) == set(ids)

    shown: list[list[str]] = []
    original = window.properties._show_objects
    window.properties._show_objects = lambda widgets: (shown.append([w.id for w in widgets]),
                                                       original(widgets))
    selections: list[list[str]] = []
    controller.selection_changed.connect(selections.append)

    window.delete()
    assert controller.doc.widget("w_detailRoot").children == []
    assert outline_names(window, "w_detailRoot") == []
    assert selections == [[]]          # no per-row selection feedback from the outline
    assert shown == [[]]               # one refresh: the screen's properties
    assert window.properties.title.text() == "Screen customerDetail"

    selections.clear()
    shown.clear()
    controller.undo_stack.undo()
    names = [c.name for c in controller.doc.widget("w_detailRoot").children]
    assert len(names) == len(ids)
    assert outline_names(window, "w_detailRoot") == names
    assert selections == [ids]
    assert shown == [ids]
    assert window.properties.title.text() == f"{len(ids)} widgets"
    assert outline_selection(window) == set(ids)


def test_big_edit_keeps_the_outline_rows_the_user_opened_or_closed(make_window, model_file):
    window = make_window(model_file)
    show(window, "customerDetail")
    view, model = window.outline.view, window.outline.model
    view.setExpanded(model.index_of("w_contactCard"), False)   # shown open by default
    view.setExpanded(model.index_of("w_contactActions"), True)
    assert window.controller.push(remove_widgets(window.controller.doc,
                                                 ["w_creditLimit", "w_ordersChart"]))
    assert "creditLimit" not in outline_names(window, "w_detailRoot")
    assert not view.isExpanded(model.index_of("w_contactCard"))
    assert view.isExpanded(model.index_of("w_contactActions"))
    window.controller.undo_stack.undo()
    assert outline_names(window, "w_detailRoot") == \
        [c.name for c in window.controller.doc.widget("w_detailRoot").children]
    assert not view.isExpanded(model.index_of("w_contactCard"))


def test_user_selection_in_the_outline_still_selects(make_window, model_file):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    window = make_window(model_file)
    show(window, "customerDetail")
    view = window.outline.view
    rect = view.visualRect(window.outline.model.index_of("w_creditLimit"))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    assert window.controller.selection == ["w_creditLimit"]


def test_thumbnail_of_a_long_screen_builds_only_its_top(make_window, model_file):
    window = make_window(model_file)
    show(window, "customerDetail")
    add_labels(window, "w_detailRoot", 300)
    panel = window.screens
    screen_id = window.controller.current_screen().id
    pixmap = panel.thumbnail(screen_id)
    scene = panel._thumb_scene
    assert 5 < len(scene.item_for_widget) < 60   # of more than 300 widgets
    image = pixmap.toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 4)
               for y in range(0, image.height(), 4)}
    assert len(colours) > 5, "the thumbnail is blank"
