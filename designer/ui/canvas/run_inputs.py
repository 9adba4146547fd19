"""Run mode inputs: type into a text/number field in place, pick a dropdown option, toggle."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QGraphicsTextItem, QMenu

from designer.layout_engine import INPUT_LABEL_SIZE, LABEL_GAP, LINE_FACTOR
from widgets import WidgetBase

TYPED = ("text_input", "number_input", "date_input", "time_input", "barcode_scanner")
#: A binding the input writes back to (a plain variable path such as ``order.notes``).
PATH = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$")


def set_value(scene: Any, w: WidgetBase, value: Any) -> None:
    """Store what the user entered: per input, and in the variable its value binds to."""
    scene.ctx.run_values[w.id] = value
    scene.ctx.touched.add(w.id)
    binding = w.bindings.get("value", "").strip()
    if PATH.match(binding):
        scene.run_paths[binding] = value
    scene.relayout()
    scene.update()


def _parsed(w: WidgetBase, text: str) -> Any:
    if w.kind != "number_input" or not text.strip():
        return text
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return text  # the number rules report it
    return int(number) if number.is_integer() else number


class FieldEditor(QGraphicsTextItem):
    """Typing into a field: Enter or leaving the field stores the text, Escape drops it."""

    def __init__(self, scene: Any, item: Any) -> None:
        super().__init__()
        self.scene_ref, self.item, self.done = scene, item, False
        w = item.widget
        self.setPlainText(scene.ctx.text(w, "value", item.env))
        font = QFont(scene.ctx.font(15))
        self.setFont(font)
        self.setDefaultTextColor(scene.ctx.text_color)
        top = INPUT_LABEL_SIZE * LINE_FACTOR + LABEL_GAP if getattr(w, "label", "") else 0.0
        rect = item.rect()
        self.setTextWidth(max(rect.width() - 24, 40))
        self.setPos(item.pos().x() + 8, item.pos().y() + top + 10)
        self.setZValue(20_000)
        self.setParentItem(scene.content)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        scene.text_editor = self
        for view in scene.views()[:1]:
            view.setFocus()  # keys reach the scene's focus item through its view
        self.setFocus()

    def commit(self, keep: bool) -> None:
        if self.done:
            return
        self.done = True
        scene = self.scene_ref
        scene.text_editor = None
        text = self.toPlainText()
        scene.removeItem(self)
        if keep:
            set_value(scene, self.item.widget, _parsed(self.item.widget, text))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        multiline = getattr(self.item.widget, "input_type", "") == "multiline"
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not multiline:
            self.commit(True)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.commit(False)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: Any) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.commit(True)


def options_of(scene: Any, w: WidgetBase, env: Any) -> list[tuple[str, Any]]:
    """(label, value) choices of a dropdown: its bound options' sample rows or its list."""
    if "options" in w.bindings:
        rows = scene.ctx.sample.evaluate(w.bindings["options"], env or {})
        out = []
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, dict):
                value = row.get("value", row.get("id", next(iter(row.values()), None)))
                out.append((str(row.get("label", row.get("name", value))), value))
            else:
                out.append((str(row), row))
        return out
    return [(o.label or o.value, o.value) for o in getattr(w, "options", [])]


def open_dropdown(scene: Any, item: Any) -> QMenu | None:
    """Pop up a dropdown's options under the field; picking one stores its value."""
    w = item.widget
    choices = options_of(scene, w, item.env)
    views = scene.views()
    if not views:
        return None
    view = views[0]
    menu = QMenu(view)
    menu.setObjectName("runDropdown")
    for label, value in choices:
        action = menu.addAction(label)
        action.triggered.connect(lambda _=False, v=value: set_value(scene, w, v))
    if not choices:
        menu.addAction("No options").setEnabled(False)
    bottom = scene.content.mapToScene(item.mapToParent(QRectF(item.rect()).bottomLeft()))
    menu.popup(view.viewport().mapToGlobal(view.mapFromScene(bottom) + QPoint(0, 2)))
    scene.run_menu = menu
    return menu


def activate_input(scene: Any, item: Any) -> bool:
    """A tap on an input in run mode: edit, pick or toggle it; True if it was an input."""
    w = item.widget
    if getattr(w, "read_only", False):
        return True
    if w.kind in TYPED:
        FieldEditor(scene, item)
        return True
    if w.kind == "dropdown":
        open_dropdown(scene, item)
        return True
    if w.kind in ("checkbox", "switch"):
        set_value(scene, w, not bool(scene.ctx.value(w, "value", item.env)))
        return True
    return False
