"""Palette, screens panel, zoom/pan and the clipboard between two windows, driven as a user."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from widgets import CATALOG

pytestmark = pytest.mark.gui


def dump(window) -> dict:
    return window.controller.app.model_dump(by_alias=True)


def names(window) -> list[str]:
    return [s.name for s in window.controller.app.screens]


def test_palette_search_filters_by_name_and_description_and_has_tooltips(make_window):
    window = make_window()
    palette = window.palette
    assert set(palette.visible_kinds()) == {t.id for t in CATALOG}
    for kind in palette.visible_kinds():
        wtype = CATALOG.get(kind)
        tip = palette.item_for(kind).toolTip(0)
        assert wtype.name in tip and wtype.description in tip
        assert not palette.item_for(kind).icon(0).isNull()
    QTest.keyClicks(palette.search, "sign")
    assert palette.visible_kinds() == ["signature"]
    palette.search.clear()
    QTest.keyClicks(palette.search, "PHOTO")  # case-insensitive, matches the id too
    assert "camera_photo" in palette.visible_kinds()
    palette.search.clear()
    QTest.keyClicks(palette.search, "no such widget")
    assert palette.visible_kinds() == []
    heads = [palette.tree.topLevelItem(i) for i in range(palette.tree.topLevelItemCount())]
    assert all(h.isHidden() for h in heads)  # empty categories are hidden too
    palette.search.clear()
    assert set(palette.visible_kinds()) == {t.id for t in CATALOG}


def rename_row(window, row: int, text: str) -> None:
    lst = window.screens.list
    rect = lst.visualItemRect(lst.item(row))
    # a real double-click: press/release, then the second press arrives as a double-click
    QTest.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     rect.center())
    QTest.mouseDClick(lst.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      rect.center())
    editor = next((e for e in lst.findChildren(QLineEdit) if e.isVisible()), None)
    assert editor is not None, "double-click did not start editing the name"
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits through a queued call


def test_screens_panel_rename_duplicate_reorder_delete_each_one_step(make_window, model_file):
    window = make_window(model_file)
    panel, c = window.screens, window.controller
    original = dump(window)
    steps = c.undo_stack.count()
    rename_row(window, 0, "clients")  # double-click the row and type
    assert names(window)[0] == "clients" and c.app.start_screen == "clients"
    rename_row(window, 1, "bad name!")  # refused: the row shows the old name again
    assert names(window)[1] == "customerDetail" and panel.list.item(1).text() == "customerDetail"
    assert "not a valid name" in window.statusBar().currentMessage()
    panel.list.setCurrentRow(1)
    QTest.mouseClick(panel.buttons["duplicate"], Qt.MouseButton.LeftButton)
    copy = c.current_screen()
    assert names(window)[2] == copy.name != "customerDetail"
    ids = {w.id for w, _ in c.app.screen("customerDetail").walk()}
    assert not ids & {w.id for w, _ in copy.walk()}  # fresh widget ids
    QTest.mouseClick(panel.buttons["up"], Qt.MouseButton.LeftButton)
    assert names(window)[1] == copy.name and panel.list.currentRow() == 1
    # drag-reordering the list moves the model's screen too (what InternalMove does on drop)
    panel.list.model().moveRow(panel.list.rootIndex(), 3, panel.list.rootIndex(), 0)
    assert names(window)[0] == "visitCheckIn"
    assert [panel.list.item(r).text() for r in range(panel.list.count())] == names(window)
    panel.list.setCurrentRow(names(window).index(copy.name))
    QTest.mouseClick(panel.buttons["delete"], Qt.MouseButton.LeftButton)
    assert copy.name not in names(window) and panel.list.count() == len(names(window))
    assert c.undo_stack.count() == steps + 5  # rename, duplicate, up, reorder, delete
    while c.undo_stack.index() > steps:
        c.undo_stack.undo()
    assert dump(window) == original
    assert [panel.list.item(r).text() for r in range(panel.list.count())] == names(window)


def test_thumbnail_shows_the_screen(make_window, model_file, qtbot):
    window = make_window(model_file)
    pixmap = window.screens.thumbnail(window.controller.app.screens[0].id)
    image = pixmap.toImage()
    assert image.width() > 100 and image.height() > image.width()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 8  # app bar, texts, list — not a blank placeholder


def test_zoom_buttons_fit_and_middle_button_pan(make_window, model_file):
    window = make_window(model_file)
    view = window.view
    window.acts["zoom_fit"].trigger()
    fit = view.zoom()
    frame = view.mapFromScene(window.scene.frame.mapRectToScene(
        window.scene.frame.boundingRect())).boundingRect()
    assert view.viewport().rect().contains(frame)  # the whole device is in view
    window.acts["zoom_in"].trigger()
    assert view.zoom() == pytest.approx(fit * 1.25)
    assert window.zoom_label.text() == f"{round(fit * 125)}%"
    window.acts["zoom_out"].trigger()
    window.acts["zoom_out"].trigger()
    assert view.zoom() == pytest.approx(fit / 1.25)
    window.acts["zoom_100"].trigger()
    assert view.zoom() == pytest.approx(1.0) and window.zoom_label.text() == "100%"
    view.set_zoom(2.5)
    h, v = view.horizontalScrollBar(), view.verticalScrollBar()
    h.setValue((h.minimum() + h.maximum()) // 2)
    v.setValue((v.minimum() + v.maximum()) // 2)
    before = (h.value(), v.value())
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(300, 300))
    QTest.mouseMove(viewport, QPoint(280, 260))
    QTest.mouseMove(viewport, QPoint(260, 220))
    QTest.mouseRelease(viewport, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(260, 220))
    assert (h.value(), v.value()) == (before[0] + 40, before[1] + 80)  # content follows
    assert window.controller.selection == [] and window.controller.undo_stack.count() == 0


def test_copy_in_one_window_pastes_into_another(make_window, model_file, tmp_path):
    import shutil
    other_file = tmp_path / "other.fieldcraft.json"
    shutil.copy(model_file, other_file)
    first = make_window(model_file)
    second = make_window(other_file)
    first.controller.set_current_screen(first.controller.app.screen("visitCheckIn").id)
    first.controller.select(["w_visitNotes", "w_saveVisit"])
    assert first.copy()
    c = second.controller
    c.set_current_screen(c.app.screen("orderEntry").id)
    c.select([])
    root = c.current_screen().root
    count = len(root.children)
    second.paste()
    pasted = [c.doc.widget(i) for i in c.selection]
    assert [w.kind for w in pasted] == ["text_input", "button"]
    assert [w.id for w in root.children[count:]] == [w.id for w in pasted]
    assert pasted[0].label == "Notes" and pasted[1].text == "Check in"
    assert not {w.id for w in pasted} & {"w_visitNotes", "w_saveVisit"}
    assert first.controller.undo_stack.count() == 0  # the source window is untouched
    c.undo_stack.undo()
    assert len(c.current_screen().root.children) == count


@pytest.mark.parametrize("device", ["small", "iphone", "pixel", "tablet"])
@pytest.mark.parametrize("landscape", [False, True])
def test_fit_shows_the_whole_device_without_scroll_bars(make_window, model_file, device,
                                                        landscape):
    window = make_window(model_file)
    window.device_combo.setCurrentIndex(window.device_combo.findData(device))
    if landscape:
        window.acts["landscape"].trigger()
    view = window.view
    window.acts["zoom_fit"].trigger()  # (choosing a device fits too; pixel is already chosen)
    QApplication.processEvents()
    frame = view.mapFromScene(window.scene.frame.mapRectToScene(
        window.scene.frame.boundingRect())).boundingRect()
    assert view.viewport().rect().contains(frame)
    for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
        assert bar.maximum() == bar.minimum(), "a scroll bar is left after fit"
