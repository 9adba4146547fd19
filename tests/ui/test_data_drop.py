"""Dragging from the data panel onto the canvas creates the right bound widgets (issue: binding).

The drag starts with real mouse events on the data panel's tree; its payload reaches the canvas
through real drag events delivered to the canvas viewport, like a user's drag.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget

from designer.model.validate import validate_app

from .helpers import view_point


def show(window, name: str) -> None:  # type: ignore[no-untyped-def]
    window.controller.set_current_screen(window.controller.app.screen(name).id)
    window.scene.ensure_layout()


def panel_item(window, entity: str, field: str | None):  # type: ignore[no-untyped-def]
    tree = window.data_panel.tree
    source = tree.topLevelItem(0)
    node = next(source.child(i) for i in range(source.childCount())
                if source.child(i).data(0, Qt.ItemDataRole.UserRole)[1] == entity)
    if field is None:
        return node
    return next(node.child(i) for i in range(node.childCount())
                if node.child(i).data(0, Qt.ItemDataRole.UserRole)[2] == field)


def drag_to_bottom(window, root_id: str, entity: str, field: str | None):  # type: ignore[no-untyped-def]
    """Drag a data-panel item with the mouse onto the bottom of ``root_id``; return the root's
    new children.

    The press and moves on the tree's viewport start the panel's own drag; the platform's drag
    loop (``QDrag.exec``) is played by delivering the drag events a cursor travelling to the
    canvas and releasing there produces.
    """
    root = window.controller.doc.widget(root_id)
    before = [c.id for c in root.children]
    tree = window.data_panel.tree
    dock = tree.parentWidget()
    while not isinstance(dock, QDockWidget):
        dock = dock.parentWidget()
    dock.show()
    dock.raise_()
    item = panel_item(window, entity, field)
    tree.scrollToItem(item)
    QApplication.processEvents()
    start = tree.visualItemRect(item).center()
    box = window.scene.box_rect(root_id)
    point = view_point(window, QPointF(box.center().x(), box.bottom() - 4))
    viewport = window.view.viewport()
    dropped: list[QDrag] = []

    def drag_loop(drag: QDrag, *_args) -> Qt.DropAction:  # type: ignore[no-untyped-def]
        args = (drag.supportedActions(), drag.mimeData(), Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier)
        enter = QDragEnterEvent(point, *args)
        QApplication.sendEvent(viewport, enter)
        assert enter.isAccepted(), "the canvas refused the drag"
        QApplication.sendEvent(viewport, QDragMoveEvent(point, *args))
        QApplication.sendEvent(viewport, QDropEvent(QPointF(point), *args))
        dropped.append(drag)
        return Qt.DropAction.CopyAction

    real_exec = QDrag.exec
    QDrag.exec = drag_loop  # type: ignore[method-assign]
    try:
        QTest.mousePress(tree.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, start)
        for dx in (4, 12, 30, 60):
            QTest.mouseMove(tree.viewport(), start + QPoint(dx, 2))
        QTest.mouseRelease(tree.viewport(), Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier, start + QPoint(60, 2))
    finally:
        QDrag.exec = real_exec  # type: ignore[method-assign]
    assert len(dropped) == 1, "pressing and moving on the panel item started no drag"
    assert not dropped[0].pixmap().isNull()
    window.scene.ensure_layout()
    return [c for c in root.children if c.id not in before]


@pytest.mark.parametrize("entity, field, kind", [
    ("Customer", "name", "text_input"), ("Customer", "email", "text_input"),
    ("Customer", "segment", "dropdown"), ("Customer", "last_visit", "date_input"),
    ("Customer", "blocked", "switch"), ("Customer", "location", "map"),
    ("Customer", "credit_limit", "number_input"),
])
def test_field_drop_creates_the_right_bound_widget(make_window, model_file, entity, field, kind):
    window = make_window(model_file)
    show(window, "customerDetail")
    steps = window.controller.undo_stack.count()
    before = window.controller.app.model_dump()
    added = drag_to_bottom(window, "w_detailRoot", entity, field)
    assert len(added) == 1
    widget = added[0]
    assert widget.kind == kind
    expressions = " ".join(widget.bindings.values())
    assert f"customer.{field}" in expressions
    if kind == "dropdown":
        assert [o.value for o in widget.options] == ["A", "B", "C"]
    if kind == "text_input" and field == "email":
        assert widget.input_type == "email"
    assert window.controller.undo_stack.count() == steps + 1
    assert [p for p in validate_app(window.controller.app) if p.severity == "error"] == []
    window.controller.undo_stack.undo()
    assert window.controller.app.model_dump() == before


def test_list_field_drop_creates_a_list_with_an_item_template(make_window, model_file):
    window = make_window(model_file)
    show(window, "orderEntry")
    added = drag_to_bottom(window, "w_orderRoot", "Order", "lines")
    assert [w.kind for w in added] == ["list"]
    lst = added[0]
    assert lst.bindings["items"].endswith("lines") and lst.children
    assert [p for p in validate_app(window.controller.app) if p.severity == "error"] == []


def test_image_field_drop_creates_an_image_or_a_photo_input_on_forms(make_window, model_file):
    window = make_window(model_file)
    show(window, "orderEntry")      # inside the product list's item template: shown, not edited
    added = drag_to_bottom(window, "w_productText", "Product", "image")
    assert [w.kind for w in added] == ["image"]
    assert added[0].bindings["src"] == "item.image"
    show(window, "visitCheckIn")   # a form editing a Visit record: the photo is captured
    added = drag_to_bottom(window, "w_visitRoot", "Visit", "photo")
    assert [w.kind for w in added] == ["camera_photo"]
    assert added[0].bindings["value"] == "visit.photo"


def test_entity_drop_on_a_record_screen_creates_a_form_with_labels(make_window, model_file):
    window = make_window(model_file)
    show(window, "customerDetail")
    steps = window.controller.undo_stack.count()
    added = drag_to_bottom(window, "w_detailRoot", "Customer", None)
    assert window.controller.undo_stack.count() == steps + 1
    entity = window.controller.app.source("crm").entity("Customer")
    labels = {getattr(w, attr, "") for top in added for w, _ in _walk(top)
              for attr in ("label", "a11y_label", "alt", "text")}
    editable = [f for f in entity.fields if not f.read_only]
    assert {f.label for f in editable} <= labels


def test_entity_drop_on_a_list_screen_creates_a_bound_list(make_window, model_file):
    window = make_window(model_file)
    show(window, "customers")
    added = drag_to_bottom(window, "w_customersRoot", "Product", None)
    lists = [w for top in added for w, _ in _walk(top) if w.kind == "list"]
    assert lists and lists[0].children
    screen = window.controller.app.screen("customers")
    queries = {q.name: q for q in screen.data}
    items = lists[0].bindings["items"]
    assert items in queries and queries[items].entity == "Product"
    assert [p for p in validate_app(window.controller.app) if p.severity == "error"] == []


def _walk(widget):  # type: ignore[no-untyped-def]
    stack = [(widget, None)]
    while stack:
        w, p = stack.pop()
        yield w, p
        stack.extend((c, w) for c in getattr(w, "children", []))
