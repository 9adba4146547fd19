"""Drive the canvas as a user: real drag-and-drop and mouse events on the view's viewport."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from designer.ui.main_window import MainWindow


def view_point(window: MainWindow, content: QPointF | tuple[float, float]) -> QPoint:
    """Viewport pixel of a point in screen-content coordinates."""
    pt = QPointF(*content) if isinstance(content, tuple) else content
    window.scene.ensure_layout()
    window.view.ensureVisible(window.scene.content.mapRectToScene(
        pt.x() - 5, pt.y() - 5, 10, 10), 40, 40)
    return window.view.mapFromScene(window.scene.content.mapToScene(pt))


def centre(window: MainWindow, widget_id: str) -> QPointF:
    rect = window.scene.box_rect(widget_id)
    assert rect is not None, f"{widget_id} is not shown"
    return rect.center()


def drop_from_palette(window: MainWindow, kind: str, path: list[QPointF]) -> QMimeData:
    """Drag ``kind`` from the palette over ``path`` (content points) and drop at the end."""
    mime = window.palette.mime_data_for(kind)
    viewport = window.view.viewport()
    points = [view_point(window, p) for p in path]
    actions = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(points[0], actions, mime, buttons, mods)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted(), "the canvas refused the drag"
    for p in points:
        QApplication.sendEvent(viewport, QDragMoveEvent(p, actions, mime, buttons, mods))
    QApplication.sendEvent(viewport, QDropEvent(QPointF(points[-1]), actions, mime, buttons,
                                                mods))
    window.scene.ensure_layout()
    return mime


def drag_hover(window: MainWindow, kind: str, point: QPointF) -> bool:
    """Enter and move a palette drag over ``point`` without dropping; True if accepted."""
    mime = window.palette.mime_data_for(kind)
    viewport = window.view.viewport()
    p = view_point(window, point)
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, QDragEnterEvent(p, *args))
    move = QDragMoveEvent(p, *args)
    QApplication.sendEvent(viewport, move)
    return move.isAccepted()


def mouse_drag(window: MainWindow, start: QPointF, end: QPointF, steps: int = 6,
               modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press at ``start``, move in steps, release at ``end`` (content coordinates)."""
    viewport = window.view.viewport()
    a = view_point(window, start)
    b = window.view.mapFromScene(window.scene.content.mapToScene(end))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, modifier, a)
    for i in range(1, steps + 1):
        p = QPoint(round(a.x() + (b.x() - a.x()) * i / steps),
                   round(a.y() + (b.y() - a.y()) * i / steps))
        QTest.mouseMove(viewport, p)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, b)
    window.scene.ensure_layout()


def click(window: MainWindow, point: QPointF,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    viewport = window.view.viewport()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, modifier, view_point(window, point))
    window.scene.ensure_layout()
