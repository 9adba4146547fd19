"""The widget catalog: one plain record per kind, duplicates refused, icons that exist."""

from __future__ import annotations

import pytest

from designer.model import new_id
from widgets.base import BINDING_ONLY_PROPS
from widgets import CATALOG, CATEGORIES, DuplicateWidgetTypeError, WidgetRegistry

REQUIRED_KINDS = {
    "column", "row", "card", "scroll", "tabs", "list", "free", "label", "heading", "image", "icon",
    "text_input", "number_input", "date_input", "time_input", "dropdown", "checkbox", "switch",
    "radio_group", "slider", "button", "divider", "spacer", "camera_photo", "barcode_scanner",
    "signature", "location", "map", "chart", "web_link",
}
CONTAINERS = {"column", "row", "card", "scroll", "tabs", "tab_page", "list", "free"}


def test_every_required_kind_is_registered_once() -> None:
    ids = CATALOG.ids()
    assert REQUIRED_KINDS <= set(ids)
    assert len(ids) == len(set(ids))


def test_records_are_complete() -> None:
    for wtype in CATALOG:
        assert wtype.name and wtype.description and wtype.category in CATEGORIES
        assert wtype.icon.startswith("mdi6.")
        assert wtype.container == (wtype.id in CONTAINERS)
        widget = wtype.create(new_id("w"), "sample")
        assert widget.kind == wtype.id
        assert set(wtype.bindable) <= set(type(widget).model_fields) | BINDING_ONLY_PROPS
        assert set(wtype.events) <= {"tap", "load", "change", "submit", "item_tap"}


def test_inputs_raise_change_and_buttons_tap() -> None:
    assert "change" in CATALOG.get("text_input").events
    assert "tap" in CATALOG.get("button").events
    assert "item_tap" in CATALOG.get("list").events


def test_registry_refuses_duplicates() -> None:
    registry = WidgetRegistry()
    label = CATALOG.get("label")
    registry.register(label)
    with pytest.raises(DuplicateWidgetTypeError):
        registry.register(label)


def test_containment_rules() -> None:
    assert CATALOG.allows_child("column", "label")
    assert not CATALOG.allows_child("label", "label")
    assert CATALOG.allows_child("tabs", "tab_page") and not CATALOG.allows_child("tabs", "label")
    assert not CATALOG.allows_child("column", "tab_page")


def test_palette_groups_keep_catalog_order() -> None:
    groups = CATALOG.by_category()
    assert list(groups) == [c for c in CATEGORIES if c in groups]
    assert sum(len(v) for v in groups.values()) == len(CATALOG)


def test_icons_exist_in_qtawesome(qtbot) -> None:  # type: ignore[no-untyped-def]
    import qtawesome

    for wtype in CATALOG:
        icon = qtawesome.icon(wtype.icon)
        assert not icon.isNull(), wtype.icon
