"""The main window's layout: tab strips, room for the property editor, the preview's app bar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QTabBar

from designer.ui.main_window import RIGHT_DOCK_MIN_WIDTH

pytestmark = pytest.mark.gui


def visible_tab_strips(window) -> list[list[str]]:
    return sorted([bar.tabText(i) for i in range(bar.count())]
                  for bar in window.findChildren(QTabBar) if bar.isVisible())


def test_each_tab_group_has_one_tab_strip(make_window, model_file):
    window = make_window(model_file)
    window.resize(1600, 1000)
    QApplication.processEvents()
    assert visible_tab_strips(window) == [["Outline", "Data", "Problems"], ["Properties", "Actions"]]


def fits(window) -> list[tuple[str, int, int]]:
    """(what, content's minimum width, room) for every widget kind and screen that does not fit."""
    editor = window.properties
    content, room = editor.scroll.widget(), editor.scroll.viewport()
    controller = window.controller
    first_of_kind = {}
    for _screen, widget, _parent in controller.app.widgets():
        first_of_kind.setdefault(widget.kind, widget.id)
    cut = []
    for kind, wid in sorted(first_of_kind.items()):
        controller.select([wid])
        QApplication.processEvents()
        if content.minimumSizeHint().width() > room.width():
            cut.append((kind, content.minimumSizeHint().width(), room.width()))
    for screen in controller.app.screens:
        controller.set_current_screen(screen.id)
        controller.select([])
        QApplication.processEvents()
        if content.minimumSizeHint().width() > room.width():
            cut.append((screen.name, content.minimumSizeHint().width(), room.width()))
    return cut


@pytest.mark.parametrize("size", [(1600, 1000), (1024, 700)])
def test_property_editor_fields_fit_the_dock(make_window, model_file, size):
    window = make_window(model_file)
    window.resize(*size)
    QApplication.processEvents()
    assert fits(window) == []
    # also when the user narrows the right docks as far as they go
    window.resizeDocks([window.docks["properties"]], [100], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert window.docks["properties"].width() >= RIGHT_DOCK_MIN_WIDTH
    assert fits(window) == []


def _bar_left(scene) -> QImage:
    """The left end of the app bar, where a back arrow is drawn."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter
    scene.ensure_layout()
    scene.frame.title = ""  # only the arrow (if any) in that corner
    top = scene.profile.status_bar
    source = scene.frame.mapRectToScene(QRectF(8, top + 8, 36, 40))
    image = QImage(36, 40, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, 36, 40), source)
    painter.end()
    return image


def _colours(image: QImage) -> int:
    return len({image.pixel(x, y) for x in range(image.width()) for y in range(image.height())})


def test_back_arrow_only_on_screens_one_can_go_back_from(make_window, model_file):
    window = make_window(model_file)
    controller = window.controller
    start = controller.app.start_screen
    controller.set_current_screen(controller.app.screen(start).id)
    assert not window.scene.frame.back
    assert _colours(_bar_left(window.scene)) == 1      # plain app-bar colour
    controller.set_current_screen(controller.app.screen("customerDetail").id)
    assert window.scene.frame.back
    assert _colours(_bar_left(window.scene)) > 1       # the arrow is drawn


def test_rendered_start_screen_has_no_back_arrow(model_file):
    from designer.model import load
    from designer.ui.render import render_screen
    app = load(model_file)
    for screen in app.screens:
        screen.title = " "  # only the arrow (if any) at the left of the app bar
    for name, arrow in ((app.start_screen, False), ("customerDetail", True)):
        image = QImage.fromData(render_screen(app, name))
        # the app bar: the first run of one colour at least 40 px tall down the left edge
        edge = [image.pixel(4, y) for y in range(200)]
        bar_y = next(y for y in range(160) if len(set(edge[y:y + 40])) == 1)
        patch = image.copy(8, bar_y + 8, 36, 40)
        assert (_colours(patch) > 1) == arrow, name


def test_canvas_desk_follows_a_dark_system_theme(make_window, model_file, qapp):
    from designer.ui.app import dark_palette
    window = make_window(model_file)
    light = qapp.palette()
    assert window.scene.backgroundBrush().color().lightness() > 200
    try:
        qapp.setPalette(dark_palette())  # what apply_system_theme does for a dark system
        qapp.processEvents()
        desk = window.scene.backgroundBrush().color()
        assert desk.lightness() < 40, desk.name()  # no bright slab in a dark window
    finally:
        qapp.setPalette(light)
        qapp.processEvents()
    assert window.scene.backgroundBrush().color().lightness() > 200
