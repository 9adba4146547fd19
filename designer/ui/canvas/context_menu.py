"""The canvas context menu: the Edit commands on what was right-clicked, plus structure moves
(select parent, move up/down) as Qt Designer has them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from designer.commands import MoveWidget


def install(window: Any) -> None:
    """Right-clicking the canvas of ``window`` (a MainWindow) opens the menu."""
    from PySide6.QtCore import Qt
    view = window.view
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(lambda pos: open_menu(window, pos))


def open_menu(window: Any, pos: QPoint) -> QMenu | None:
    """Select the widget under ``pos`` (viewport pixels) unless it is already selected, then
    show the menu there; the menu is kept as ``window.canvas_menu``. Nothing in run mode."""
    if window.acts["run"].isChecked():
        return None
    scene, controller = window.scene, window.controller
    item = scene.widget_item_at(scene.to_content(window.view.mapToScene(pos)))
    if item is not None and item.widget.id not in controller.selection:
        controller.select([item.widget.id])
    menu = build_menu(window)
    window.canvas_menu = menu
    menu.popup(window.view.viewport().mapToGlobal(pos))
    return menu


def build_menu(window: Any) -> QMenu:
    menu = QMenu(window.view)
    for key in ("cut", "copy", "paste", "duplicate", "delete"):
        menu.addAction(window.acts[key])
    menu.addSeparator()
    controller = window.controller
    selected = list(controller.selection)
    doc = controller.doc
    one = selected[0] if len(selected) == 1 and selected[0] in doc else None
    parent = doc.parent_of(one) if one else None
    index = parent.children.index(doc.widget(one)) if parent is not None and one else -1

    def add(text: str, enabled: bool, slot: Any) -> QAction:
        action = menu.addAction(text)
        action.setEnabled(enabled)
        action.triggered.connect(slot)
        return action

    add("Select &Parent", parent is not None,
        lambda: controller.select([parent.id]))  # type: ignore[union-attr]
    add("Move &Up", index > 0,
        lambda: controller.push(MoveWidget(one, parent.id, index - 1)))  # type: ignore[arg-type,union-attr]
    add("Move Do&wn", parent is not None and 0 <= index < len(parent.children) - 1,
        lambda: controller.push(MoveWidget(one, parent.id, index + 1)))  # type: ignore[arg-type,union-attr]
    return menu

