"""Small helpers shared by the exporter tests of the app targets."""

from __future__ import annotations

import copy
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
    pick = iter(strings * 200)
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
        source["base_url"] = "https://example.com/" + next(pick)
        for entity in source["entities"]:
            entity["label"] = next(pick)
            for f in entity["fields"]:
                f["label"] = next(pick)
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
