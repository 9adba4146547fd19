"""What points at a screen or reads a data source/entity (asked before deleting them)."""

from __future__ import annotations

from designer.model import load
from designer.model.usage import screen_usage, source_usage
from tests.conftest import EXAMPLE


def test_screen_usage_counts_navigations_from_other_screens_and_the_start_screen() -> None:
    app = load(EXAMPLE)
    detail = screen_usage(app, "customerDetail")
    assert not detail.start and detail.per_screen == {"customers": 1}
    start = screen_usage(app, app.start_screen or "")
    assert start.start and start.total == 0 and bool(start)
    app.screens.append(app.screens[0].model_copy(update={"id": "s_x", "name": "spare"}))
    assert not screen_usage(app, "spare")


def test_source_usage_narrows_to_one_entity() -> None:
    app = load(EXAMPLE)
    whole = source_usage(app, "crm")
    products = source_usage(app, "crm", "Product")
    assert set(whole.per_screen) == {s.name for s in app.screens}
    assert 0 < products.total < whole.total
    queries = [q for s in app.screens for q in s.data if q.entity == "Product"]
    assert products.total >= len(queries) > 0
    assert source_usage(app, "crm", "Nope").total == 0 and source_usage(app, "other").total == 0
