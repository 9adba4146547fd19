"""Opening a file builds the canvas and the screen list once (issue 17: it was built twice,
once for the document's ``reset`` change and once for the controller's ``reset`` signal)."""

from __future__ import annotations

from collections import Counter

import pytest

pytestmark = pytest.mark.gui


def test_open_rebuilds_the_canvas_and_screen_list_once(make_window, model_file, monkeypatch):
    from designer.ui.canvas.scene import CanvasScene
    from designer.ui.screens_panel import ScreensPanel

    builds: Counter[int] = Counter()
    refreshes: Counter[int] = Counter()
    rebuild, refresh = CanvasScene.rebuild, ScreensPanel._on_reset

    def counted_rebuild(self):
        builds[id(self)] += 1
        rebuild(self)

    def counted_reset(self):
        refreshes[id(self)] += 1
        refresh(self)

    monkeypatch.setattr(CanvasScene, "rebuild", counted_rebuild)
    monkeypatch.setattr(ScreensPanel, "_on_reset", counted_reset)
    window = make_window()
    builds.clear()
    refreshes.clear()
    assert window.io.open_path(model_file), window.errors
    assert builds[id(window.scene)] == 1
    assert sum(refreshes.values()) == 1
    assert window.scene.item_for_widget                  # and it did build the screen
    assert window.controller.current_screen().root.id in window.scene.item_for_widget
