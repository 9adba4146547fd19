"""Small helpers shared by the exporter tests of the app targets."""

from __future__ import annotations

import copy
import itertools
import re
from pathlib import Path
from typing import Any

from designer.model import App, load
from exporters import get
from tests.conftest import EXAMPLE

#: Strings that break naive code generation (TS/JSX, Dart, HTML, comments, bidi, separators).
HOSTILE = [
    "`tick` ${x} $x ${'y'}", "</script><script>alert(1)</script>", "*/ /* // -->", "{braces} {{x}}",
    "<b>jsx</b> & &amp; <Text>", "line\u2028sep\u2029para", "bidi \u202e\u2066evil\u2069\u202c",
    "quote \" ' \\ end\\", "$", "\\", "dollar $name and ${name}", "r'raw' \"\"\" '''",
    "\x00nul \x1b esc \x7f", "@override void main() {}",
]


def example() -> App:
    return load(EXAMPLE)


def hostile_app(app: App, strings: list[str] = HOSTILE) -> App:
    """``app`` with hostile text in every place model text reaches generated code."""
    data = app.model_dump(mode="json", by_alias=True)
    pick = itertools.cycle(strings)
    data["name"] = next(pick)
    data["description"] = next(pick)
    for table in data["strings"].values():
        for k in table:
            table[k] = next(pick)
    for screen in data["screens"]:
        screen["title"] = next(pick)
        _walk(screen["root"], pick)
        for action in screen.get("on_load", []):
            _action(action, pick)
    for source in data["data_sources"]:
        # what validate allows in a base URL's path (no whitespace, backslash, `?`, `#`): the
        # rest of the hostile text (quotes, `${}`, `</script>`) must still come out escaped
        source["base_url"] = "https://example.com/" + re.sub(r"[\s\x00-\x1f\x7f\\?#]", "",
                                                            next(pick))
        source["kind"] = "odata"  # key predicates and query options carry wire names
        for entity in source["entities"]:
            entity["label"] = next(pick)
            for f in entity["fields"]:
                f["label"] = next(pick)
                f["wire_name"] = f"{next(pick)} {f['name']}"  # the back end's own field name
            for op in entity["operations"]:
                if op["kind"] == "list" and entity["fields"]:
                    op["path"] += f"?$orderby={entity['fields'][0]['name']} desc"
    return App.model_validate(data)


def _action(action: dict[str, Any], pick: Any) -> None:
    if action["type"] == "show_message":
        action["text"] = f'"{_expr_safe(next(pick))}"'
    if action["type"] == "delete":
        action["confirm_text"] = next(pick)


def _expr_safe(text: str) -> str:
    """Text inside a double-quoted expression literal (the expression language's escapes)."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _walk(w: dict[str, Any], pick: Any) -> None:
    for prop in ("text", "label", "placeholder", "help_text", "title", "a11y_label", "alt",
                 "empty_text", "search_placeholder", "address"):
        if prop in w and isinstance(w[prop], str):
            w[prop] = next(pick)
    for rule in w.get("validation", []):
        rule["message"] = next(pick)
    if "options" in w:
        w["options"] = [{"value": next(pick), "label": next(pick)} for _ in range(2)]
    text_binding = w.get("bindings", {}).get("text")
    if text_binding is not None:
        w["bindings"]["text"] = f'"{_expr_safe(next(pick))}" + {text_binding}'
    for actions in w.get("actions", {}).values():
        for action in actions:
            _action(action, pick)
    for child in w.get("children", []):
        _walk(child, pick)


def export(target: str, app: App, out: Path) -> list[str]:
    """Export ``app`` to ``out`` with ``target``; returns the file list."""
    return get(target).export(copy.deepcopy(app), out).files


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


_VALUE_TYPES = {"number_input": "decimal", "slider": "decimal", "checkbox": "boolean",
                "switch": "boolean", "date_input": "date", "camera_photo": "image",
                "signature": "image", "location": "geo"}


def kitchen_sink(calls: bool = True) -> App:
    """The example app plus a screen with every widget kind, every action type, every rule, a
    free layout, tabs, a list with item actions, styles and bindings on everything bindable
    (``calls=False``: without call_operation, for a target that does not run it yet)."""
    from widgets import CATALOG

    app = example()
    data = app.model_dump(mode="json", by_alias=True)
    n = iter(range(10_000))

    def make(kind: str, **props: Any) -> dict[str, Any]:
        i = next(n)
        w = CATALOG.get(kind).create(f"w_ks{i}", f"{kind}{i}").model_dump(mode="json")
        w.update(props)
        return w

    actions = [
        {"type": "set_variable", "name": "draft.notes", "value": '"x"'},
        {"type": "append_item", "target": "draft.lines", "values": {"quantity": "1", "__proto__": "2"}},
        {"type": "show_message", "text": 'concat("n=", count(draft.lines))', "level": "warning"},
        {"type": "call_phone", "number": '"+1 555"'},
        {"type": "send_email", "to": '"a@b.example"', "subject": '"Hi"'},
        {"type": "open_map", "address": '"Main St 1"'},
        {"type": "open_url", "url": '"https://example.com"'},
        {"type": "take_photo", "target": "photo"},
        {"type": "scan_barcode", "target": "code"},
        {"type": "refresh"},
        {"type": "sync_now"},
        {"type": "delete", "source": "crm", "entity": "Order", "key": '"O-1"'},
        {"type": "submit_form", "source": "crm", "entity": "Order", "record": "draft",
         "operation": "update", "then_navigate": "customers"},
        {"type": "call_operation", "source": "crm", "entity": "Order", "operation": "approve",
         "record": "draft", "args": {"note": '"ok"'}, "target": "code"},
        {"type": "navigate", "screen": "customerDetail", "params": {"customerId": '"C-1"'}},
        {"type": "go_back"},
    ]
    if not calls:
        actions = [a for a in actions if a["type"] != "call_operation"]
    order = next(e for e in data["data_sources"][0]["entities"] if e["name"] == "Order")
    order["operations"].append(
        {"kind": "call", "name": "approve", "method": "POST", "path": "/orders/{id}/approve",
         "params": [{"name": "id", "location": "path", "required": True, "value": "record.id"},
                    {"name": "note", "location": "body", "required": True}]})
    rules = [{"rule": "required"}, {"rule": "min", "value": 1}, {"rule": "max", "value": 9.5},
             {"rule": "length", "min": 1, "max": 20}, {"rule": "pattern", "pattern": "^[a-z]+$"},
             {"rule": "expression", "expression": "value != \"no\"", "message": "not no"}]
    leaves = []
    variables: list[dict[str, Any]] = []
    for kind in CATALOG.ids():
        if kind in ("column", "row", "card", "scroll", "tabs", "tab_page", "free", "list"):
            continue
        props: dict[str, Any] = {"style": {"text_color": "#123456", "background": "#fafafa",
                                           "font_weight": "bold", "padding": 4}}
        cls = CATALOG.get(kind).model
        if "validation" in cls.model_fields:
            props["validation"] = (rules if kind in ("text_input", "number_input")
                                   else rules[:1])
            if kind == "text_input":
                props["validation"] = [rules[0], rules[3], rules[4], rules[5]]
            if kind == "number_input":
                props["validation"] = rules[:3]
            props["bindings"] = {"value": f"v_{kind}", "enabled": "not locked"}
            variables.append({"name": f"v_{kind}", "type": _VALUE_TYPES.get(kind, "string")})
        if kind in ("label", "heading", "button", "web_link"):
            props["bindings"] = {"text": 'upper("t") + format_number(3.5, 2)'}
        if kind == "chart":
            props["bindings"] = {"items": "draft.lines"}
        if kind in ("dropdown", "radio_group"):
            props["options"] = [{"value": "a", "label": "A"}, {"value": "b"}]
        if cls.EVENTS and "tap" in cls.EVENTS:
            props["actions"] = {"tap": actions}
        leaves.append(make(kind, **props))
    free = make("free", children=[make("label", layout={"frame": {"x": 8, "y": 8, "w": 100, "h": 20}})])
    tabs = make("tabs", children=[make("tab_page", title="One", icon="star", children=[make("label")]),
                                  make("tab_page", title="Two", children=[make("button")])])
    items = make("list", bindings={"items": "draft.lines"}, item_alias="line",
                 actions={"item_tap": [{"type": "set_variable", "name": "picked", "value": "line"},
                                       {"type": "show_message", "text": "line.quantity"}]},
                 children=[make("row", children=[
                     make("label", bindings={"text": "line.quantity * 2"}),
                     make("button", actions={"tap": [{"type": "set_variable", "name": "picked",
                                                      "value": "line"}]})])])
    root = make("column", children=[
        make("row", wrap=True, children=leaves[:6]),
        make("card", title="Card", actions={"tap": [{"type": "go_back"}]}, children=leaves[6:]),
        make("scroll", direction="horizontal", children=[make("label"), make("spacer")]),
        free, tabs, items])
    data["screens"].append({
        "id": "s_sink", "name": "kitchenSink", "title": "Everything",
        "variables": [{"name": "draft", "type": "record", "entity": "crm.Order"},
                      {"name": "picked", "type": "record", "entity": "crm.OrderLine"},
                      {"name": "photo", "type": "image"}, {"name": "code"},
                      {"name": "locked", "type": "boolean", "initial": "false"}, *variables],
        "root": root,
        "on_load": [{"type": "set_variable", "name": "draft.notes", "value": '"start"'}],
    })
    return App.model_validate(data)
