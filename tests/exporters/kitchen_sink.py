"""A model using every widget kind with every property set to something other than its default,
in a column, a row and a free container, with every layout and style field set somewhere."""

from __future__ import annotations

from typing import Any

from designer.model import App
from widgets import CATALOG

RULES = [{"rule": "required", "message": "Needed"}, {"rule": "length", "min": 1, "max": 9},
         {"rule": "min", "value": 1}, {"rule": "max", "value": 9},
         {"rule": "pattern", "pattern": "^a"}, {"rule": "expression", "expression": "true"}]
_INPUT = {"label": "Label", "help_text": "Help", "read_only": True, "validation": RULES}
_BOX = {"gap": 4, "padding": {"top": 1, "right": 2, "bottom": 3, "left": 4}}
#: Non-default values of every property, per kind (the test checks none is left at its default).
PROPS: dict[str, dict[str, Any]] = {
    "column": _BOX, "row": {**_BOX, "wrap": True}, "card": {**_BOX, "title": "T", "elevation": 3},
    "scroll": {**_BOX, "direction": "horizontal"}, "tabs": _BOX,
    "tab_page": {**_BOX, "title": "Page", "icon": "home"},
    "free": {**_BOX, "height": 300, "grid": 4},
    "list": {**_BOX, "item_alias": "row", "searchable": True, "search_placeholder": "Find",
             "empty_text": "None", "divider": False},
    "chart": {"chart_type": "pie", "title": "Sales", "label_field": "name", "value_field": "n",
              "height": 150},
    "label": {"text": "Hello", "max_lines": 2}, "heading": {"text": "Head", "level": 2},
    "image": {"src": "https://example.com/a.png", "fit": "contain", "alt": "A picture"},
    "icon": {"icon": "home", "size": 32}, "divider": {}, "spacer": {"size": 20},
    "web_link": {"text": "Docs", "url": "https://example.org"},
    "button": {"text": "Go", "variant": "danger", "icon": "send"},
    "text_input": {**_INPUT, "input_type": "email", "placeholder": "you@example.com"},
    "number_input": {**_INPUT, "placeholder": "0", "decimals": 2, "step": 0.5},
    "date_input": _INPUT, "time_input": _INPUT, "checkbox": _INPUT, "switch": _INPUT,
    "dropdown": {**_INPUT, "options": [{"value": "a", "label": "A"}], "placeholder": "Pick"},
    "radio_group": {**_INPUT, "options": [{"value": "a", "label": "A"}]},
    "slider": {**_INPUT, "min": 1, "max": 10, "step": 2},
    "camera_photo": {**_INPUT, "max_photos": 3},
    "barcode_scanner": {**_INPUT, "formats": ["code_128", "upc_a"]},
    "signature": {**_INPUT, "pen_color": "#123456"},
    "location": {**_INPUT, "high_accuracy": False},
    "map": {"address": "Main St 1", "zoom": 10, "height": 120},
}
STYLE = {"background": "#eeeeee", "text_color": "#111111", "border_color": "#222222",
         "border_width": 2, "corner_radius": 4, "font_size": 18, "font_weight": "bold",
         "padding": 6, "text_align": "center"}
LAYOUTS: list[dict[str, Any]] = [  # in a column; in a row; in a free container
    {"width": "fixed", "height": "fixed", "fixed_width": 120, "fixed_height": 60,
     "min_width": 10, "max_width": 300, "min_height": 10, "max_height": 200, "align": "center",
     "margin": {"top": 1, "right": 2, "bottom": 3, "left": 4}, "grow": 1},
    {"width": "fill", "height": "fill", "grow": 0.5},
    {"width": "hug", "frame": {"x": 4, "y": 8, "w": 100, "h": 40}},
]


#: Properties whose default would make the model invalid: ``reset`` changes them to this instead.
ALTERNATIVES: dict[str, Any] = {"layout.frame": {"x": 9, "y": 9, "w": 90, "h": 30}}
#: Kinds whose own property stands in for ``a11y_label`` (image ``alt``): left without one.
_OWN_LABEL = frozenset({"image"})


def _widget(kind: str, n: int, layout: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {**PROPS[kind], "kind": kind, "id": f"w_{kind}_{n}",
                            "name": f"{kind}_{n}", "layout": layout, "style": STYLE}
    if kind not in _OWN_LABEL:
        data["a11y_label"] = "Accessible"
    if kind in ("list", "chart"):
        data["bindings"] = {"items": "rows"}
    if kind == "tabs":
        data["children"] = [_widget("tab_page", n * 10 + 1, layout)]
    elif kind in ("list", "card", "column", "row", "scroll", "tab_page", "free"):
        inner: dict[str, Any] = {"kind": "label", "id": f"w_in_{kind}_{n}", "name": f"in_{kind}_{n}"}
        if kind == "free":
            inner["layout"] = {"frame": {"x": 0, "y": 0, "w": 50, "h": 20}}
        data["children"] = [inner]
    return data


#: A fill sibling in the row, so a row child's ``grow`` has a ratio to change.
PEER: dict[str, Any] = {"kind": "label", "id": "w_peer", "name": "peer", "text": "Peer",
                        "layout": {"width": "fill"}}


def _reset(data: dict[str, Any], kind: str, prop: str) -> None:
    """Put ``prop`` (``name``, ``layout.name`` or ``style.name``) of every ``kind`` widget under
    ``data`` back to its default (by leaving it out), or to its ``ALTERNATIVES`` value."""
    if data["kind"] == kind:
        part, _, name = prop.rpartition(".")
        holder = dict(data.get(part, {})) if part else data  # layout/style dicts are shared
        if name in holder:
            if prop in ALTERNATIVES:
                holder[name] = ALTERNATIVES[prop]
            else:
                del holder[name]
        if part:
            data[part] = holder
    for child in data.get("children", ()):
        _reset(child, kind, prop)


def kitchen_sink(kinds: list[str] | None = None, reset: tuple[str, str] | None = None) -> App:
    """Every catalog kind (or only ``kinds``) three times (column, row, free parent) on one
    screen; ``reset=(kind, prop)`` leaves that property of every ``kind`` widget at its default."""
    kinds = kinds or [t.id for t in CATALOG if t.id != "tab_page"]
    column = [_widget(k, 0, LAYOUTS[0]) for k in kinds]
    row = [_widget(k, 1, LAYOUTS[1]) for k in kinds]
    free = [_widget(k, 2, LAYOUTS[2]) for k in kinds]
    root: dict[str, Any] = {"kind": "column", "id": "w_root", "name": "root", "children": [
        *column,
        {"kind": "row", "id": "w_row", "name": "the_row", "children": [*row, PEER]},
        {"kind": "free", "id": "w_free", "name": "the_free", "children": free},
    ]}
    if reset is not None:
        for child in root["children"]:
            _reset(child, *reset)
    return App.model_validate({
        "id": "kitchen_sink", "name": "Kitchen sink",
        "data_sources": [{"id": "ds", "name": "src", "base_url": "https://api.example.com",
                          "entities": [{"name": "Row", "key": ["id"], "fields": [
                              {"name": "id"}, {"name": "name"}, {"name": "n", "type": "integer"}]}]}],
        "screens": [{"id": "s_all", "name": "all", "variables": [
            {"name": "rows", "type": "list", "entity": "src.Row"}], "root": root}]})
