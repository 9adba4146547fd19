"""The canvas driven with real drag-and-drop, mouse and keyboard events."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from designer.commands import AddWidget
from designer.ui.canvas.items import RepeatItem
from widgets import CATALOG

from .helpers import centre, click, drag_hover, drop_from_palette, mouse_drag

pytestmark = pytest.mark.gui


def dump(window) -> dict:
    return window.controller.app.model_dump(by_alias=True)


def show(window, name: str) -> None:
    window.controller.set_current_screen(window.controller.app.screen(name).id)
    window.scene.ensure_layout()


def add_free(window, buttons: list[tuple[float, float]]) -> tuple[str, list[str]]:
    """A free container at the end of the root holding buttons at the given positions."""
    screen = window.controller.current_screen()
    free = CATALOG.get("free").create("w_free", "free1", height=300)
    ids = []
    for n, (x, y) in enumerate(buttons):
        b = CATALOG.get("button").create(f"w_b{n}", f"b{n}",
                                         layout={"frame": {"x": x, "y": y, "w": 100, "h": 40}})
        free.children.append(b)
        ids.append(b.id)
    assert window.controller.push(AddWidget(screen.root.id, len(screen.root.children), free))
    window.scene.ensure_layout()
    return free.id, ids


def test_palette_drop_shows_indicator_and_inserts_at_it(make_window, model_file):
    window = make_window(model_file)
    show(window, "visitCheckIn")
    root = window.controller.doc.widget("w_visitRoot")
    notes = window.scene.box_rect("w_visitNotes")
    location = window.scene.box_rect("w_visitLocation")
    between = QPointF(notes.center().x(), (notes.bottom() + location.top()) / 2)
    assert drag_hover(window, "label", between)
    line = window.scene.indicator.line
    assert window.scene.indicator.isVisible() and line is not None
    assert notes.bottom() <= line[0].y() <= location.top()
    drop_from_palette(window, "label", [between])
    ids = [c.id for c in root.children]
    new = ids[ids.index("w_visitNotes") + 1]
    assert window.controller.doc.widget(new).kind == "label"
    assert window.controller.selection == [new]
    assert not window.scene.indicator.isVisible()
    assert window.scene.item_for_widget[new].isVisible()


def test_palette_drop_into_free_lands_at_pointer(make_window, model_file):
    window = make_window(model_file)
    free_id, _ = add_free(window, [])
    rect = window.scene.box_rect(free_id)
    target = QPointF(rect.x() + 83, rect.y() + 61)
    drop_from_palette(window, "text_input", [rect.center(), target])
    free = window.controller.doc.widget(free_id)
    frame = free.children[-1].layout.frame
    assert free.children[-1].kind == "text_input"
    assert (frame.x, frame.y) == (80, 64)  # pointer, snapped to the 8 px grid


def test_palette_drop_near_the_edge_of_a_free_layout_stays_inside(make_window, model_file):
    window = make_window(model_file)
    free_id, _ = add_free(window, [])
    rect = window.scene.box_rect(free_id)
    corner = QPointF(rect.right() - 3, rect.bottom() - 3)
    drop_from_palette(window, "button", [rect.center(), corner])
    button = window.controller.doc.widget(free_id).children[-1]
    placed = window.scene.box_rect(button.id)
    assert placed.width() > 20 and placed.height() > 20
    assert rect.contains(placed), (rect, placed)  # clamped into the container (and the phone)
    assert placed.right() == pytest.approx(rect.right(), abs=1)
    assert placed.bottom() == pytest.approx(rect.bottom(), abs=1)
    window.view.grab().save("/tmp/h19/free-edge-drop.png")


def test_drag_reorders_in_a_column_as_one_undo_step(make_window, model_file):
    window = make_window(model_file)
    show(window, "visitCheckIn")
    before = dump(window)
    steps = window.controller.undo_stack.count()
    start = centre(window, "w_saveVisit")
    photo = window.scene.box_rect("w_visitPhoto")
    mouse_drag(window, start, QPointF(photo.center().x(), photo.top() + 3))
    kids = [c.id for c in window.controller.doc.widget("w_visitRoot").children]
    assert kids.index("w_saveVisit") == kids.index("w_visitPhoto") - 1
    assert window.controller.undo_stack.count() == steps + 1
    window.controller.undo_stack.undo()
    assert dump(window) == before


def test_move_in_free_snaps_to_grid_and_edges(make_window, model_file):
    window = make_window(model_file)
    free_id, (b0, b1) = add_free(window, [(16, 16), (160, 120)])
    steps = window.controller.undo_stack.count()
    start = centre(window, b1)
    # drop b1 roughly under b0: 3 px off its left edge → snaps to it and shows a guide
    r0 = window.scene.box_rect(b0)
    r1 = window.scene.box_rect(b1)
    end = QPointF(start.x() + (r0.left() + 3 - r1.left()), start.y() + 37)
    viewport_moves = []
    window.scene.indicator.show = (lambda orig: (lambda **kw: (viewport_moves.append(kw),
                                                              orig(**kw))))(
        window.scene.indicator.show)
    mouse_drag(window, start, end)
    frame = window.controller.doc.widget(b1).layout.frame
    assert frame.x == 16  # snapped to b0's left edge
    assert frame.y % 8 == 0  # snapped to the grid
    assert any(kw.get("guides") for kw in viewport_moves), "no alignment guide was drawn"
    assert window.controller.undo_stack.count() == steps + 1


def test_resize_handle_in_free_snaps(make_window, model_file):
    window = make_window(model_file)
    free_id, (b0,) = add_free(window, [(16, 16)])
    click(window, centre(window, b0))
    assert window.controller.selection == [b0]
    handles = window.scene.selection_overlay.handle_rects()
    se = handles["se"].center()
    mouse_drag(window, se, QPointF(se.x() + 45, se.y() + 22))
    frame = window.controller.doc.widget(b0).layout.frame
    assert (frame.w, frame.h) == (144, 64)


def test_multi_select_and_align_left(make_window, model_file):
    window = make_window(model_file)
    _, (b0, b1, b2) = add_free(window, [(16, 16), (90, 80), (40, 150)])
    click(window, centre(window, b0))
    click(window, centre(window, b1), Qt.KeyboardModifier.ShiftModifier)
    click(window, centre(window, b2), Qt.KeyboardModifier.ControlModifier)
    assert window.controller.selection == [b0, b1, b2]
    steps = window.controller.undo_stack.count()
    window.acts["align_left"].trigger()
    xs = [window.controller.doc.widget(i).layout.frame.x for i in (b0, b1, b2)]
    assert xs == [16, 16, 16]
    assert window.controller.undo_stack.count() == steps + 1
    window.acts["distribute_v"].trigger()
    ys = sorted(window.controller.doc.widget(i).layout.frame.y for i in (b0, b1, b2))
    assert ys[1] - ys[0] == ys[2] - ys[1]


def test_rubber_band_selects_enclosed_widgets(make_window, model_file):
    window = make_window(model_file)
    show(window, "visitCheckIn")
    photo = window.scene.box_rect("w_visitPhoto")
    notes = window.scene.box_rect("w_visitNotes")
    mouse_drag(window, QPointF(photo.left() - 8, photo.top() - 4),
               QPointF(notes.right() + 8, notes.bottom() + 4))
    # the band starts on the scroll root's padding → selects what it fully encloses
    assert set(window.controller.selection) == {"w_visitPhoto", "w_visitNotes"}


def test_delete_copy_paste_across_screens_and_select_all(make_window, model_file):
    window = make_window(model_file)
    show(window, "visitCheckIn")
    click(window, centre(window, "w_visitNotes"))
    assert window.copy()
    show(window, "customers")
    window.controller.select([])
    window.paste()
    root = window.controller.doc.widget("w_customersRoot")
    pasted = root.children[-1]
    assert pasted.kind == "text_input" and pasted.label == "Notes"
    assert pasted.id != "w_visitNotes"
    assert window.controller.selection == [pasted.id]
    window.select_all()
    assert set(window.controller.selection) == {c.id for c in root.children}
    before = dump(window)
    window.delete()
    assert window.controller.doc.widget("w_customersRoot").children == []
    window.controller.undo_stack.undo()
    assert dump(window) == before
    assert set(window.controller.selection) == {c.id for c in root.children}


def test_keyboard_nudge_and_duplicate(make_window, model_file):
    window = make_window(model_file)
    _, (b0,) = add_free(window, [(16, 16)])
    click(window, centre(window, b0))
    window.acts["nudge_right"].trigger()
    window.acts["nudge_down_big"].trigger()
    frame = window.controller.doc.widget(b0).layout.frame
    assert (frame.x, frame.y) == (17, 24)
    window.duplicate()
    copy = window.controller.doc.widget(window.controller.selection[0])
    assert copy.id != b0 and copy.name != "b0" and copy.layout.frame.x == 33


def test_double_click_edits_text_in_place(make_window, model_file, qtbot):
    from PySide6.QtTest import QTest
    from .helpers import view_point
    window = make_window(model_file)
    show(window, "visitCheckIn")
    viewport = window.view.viewport()
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      view_point(window, centre(window, "w_saveVisit")))
    editor = window.scene.text_editor
    assert editor is not None
    QTest.keyClicks(window.view, "Save visit")
    QTest.keyClick(window.view, Qt.Key.Key_Return)
    assert window.controller.doc.widget("w_saveVisit").text == "Save visit"
    assert window.scene.text_editor is None


def test_double_click_on_a_bound_text_is_refused_like_the_locked_property(make_window,
                                                                         model_file):
    from PySide6.QtTest import QTest
    from .helpers import view_point
    window = make_window(model_file)
    show(window, "customerDetail")
    before = dump(window)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    QTest.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier,
                      view_point(window, centre(window, "w_detailName")))
    assert window.scene.text_editor is None
    assert any("bound to customer.name" in m for m in messages)
    QTest.keyClicks(window.view, "Typed")
    assert dump(window) == before


def test_preview_repeats_list_rows_with_sample_data(make_window, model_file):
    window = make_window(model_file)
    show(window, "customers")
    window.acts["preview"].trigger()
    window.scene.ensure_layout()
    rows = [i for i in window.scene.items() if isinstance(i, RepeatItem)]
    customers = window.controller.app.source("crm").entity("Customer").sample_rows
    assert len(rows) == len(customers) - 1
    names = sorted(str(r.env["item"]["name"]) for r in rows)
    assert names == sorted(str(c["name"]) for c in customers[1:])
    assert window.scene.item_for_widget["w_customerName"].env["item"]["name"] == \
        customers[0]["name"]
    window.acts["preview"].trigger()
    window.scene.ensure_layout()
    assert not [i for i in window.scene.items() if isinstance(i, RepeatItem)]


def test_ctrl_wheel_zooms(make_window, model_file):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication
    window = make_window(model_file)
    viewport = window.view.viewport()
    pos = QPointF(viewport.width() / 2, viewport.height() / 2)
    event = QWheelEvent(pos, window.view.mapToGlobal(pos.toPoint()), QPoint(0, 0),
                        QPoint(0, 240), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, event)
    assert window.view.zoom() == pytest.approx(1.15 ** 2)
    window.view.fit()
    assert window.view.zoom() < 1.15 ** 2


def _field_mime(source: str, entity: str, field: str | None):
    import json
    from PySide6.QtCore import QMimeData
    mime = QMimeData()
    mime.setData("application/x-fieldcraft-field",
                 json.dumps({"source": source, "entity": entity, "field": field}).encode())
    return mime


def test_data_field_drop_adds_a_bound_widget_in_one_step(make_window, model_file):
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication
    from .helpers import view_point
    window = make_window(model_file)
    show(window, "customerDetail")
    root = window.controller.doc.widget("w_detailRoot")
    before = dump(window)
    steps = window.controller.undo_stack.count()
    bottom = window.scene.box_rect("w_detailRoot")
    point = view_point(window, QPointF(bottom.center().x(), bottom.bottom() - 4))
    mime = _field_mime("crm", "Customer", "email")
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    viewport = window.view.viewport()
    enter = QDragEnterEvent(point, *args)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, QDragMoveEvent(point, *args))
    QApplication.sendEvent(viewport, QDropEvent(QPointF(point), *args))
    added = root.children[-1]
    assert added.bindings.get("value", "").endswith("email") or \
        "email" in " ".join(added.bindings.values())
    assert window.controller.undo_stack.count() == steps + 1
    window.controller.undo_stack.undo()
    assert dump(window) == before


def test_preview_shows_translated_texts_of_the_opened_app(make_window, model_file):
    # the window starts on an empty app, then opens the file: t("…") must use the file's strings
    window = make_window(model_file)
    show(window, "customers")
    window.acts["preview"].trigger()
    window.scene.ensure_layout()
    item = window.scene.item_for_widget["w_customersTitle"]
    assert window.scene.ctx.text(item.widget, "text", item.env) == "My customers"


def test_selection_outline_follows_a_drag_after_queued_updates(make_window, model_file, qapp):
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest
    from .helpers import view_point
    window = make_window(model_file)
    _, (b0, b1) = add_free(window, [(16, 16), (160, 120)])
    viewport = window.view.viewport()
    a = view_point(window, centre(window, b1))
    # press selects b1 (its outline update is queued), then the pointer moves before it runs
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    for step in range(1, 5):
        QTest.mouseMove(viewport, QPoint(a.x() - 20 * step, a.y() + 10 * step))
    qapp.processEvents()
    moved = window.scene.item_for_widget[b1].pos()
    overlay = window.scene.selection_overlay
    assert moved != window.scene.box_rect(b1).topLeft()
    assert [r.topLeft() for r in overlay.rects] == [moved], "outline left behind at the start"
    assert not overlay.handle_rects()
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       QPoint(a.x() - 80, a.y() + 40))
    window.scene.ensure_layout()
    assert [r.topLeft() for r in overlay.rects] == [window.scene.box_rect(b1).topLeft()]
    assert overlay.handle_rects()
