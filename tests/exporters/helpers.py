"""Small models and helpers for exporter tests."""

from __future__ import annotations

from pathlib import Path

from designer.model import App


def small_app(**overrides: object) -> App:
    """One screen: heading, a bound label, a button navigating to a second screen."""
    data = {
        "id": "app_small", "name": "Small", "version": "1.2.0", "start_screen": "home",
        "strings": {"en": {"hello": "Hello"}},
        "screens": [
            {"id": "s_home", "name": "home", "title": "Home", "root": {
                "kind": "column", "id": "w_root", "name": "root", "children": [
                    {"kind": "heading", "id": "w_h", "name": "title", "text": "Welcome"},
                    {"kind": "label", "id": "w_l", "name": "greeting", "text": "",
                     "bindings": {"text": 't("hello") + ", " + upper("field")'}},
                    {"kind": "button", "id": "w_b", "name": "next", "text": "Next",
                     "actions": {"tap": [{"type": "navigate", "screen": "class"}]}}]}},
            {"id": "s_class", "name": "class", "title": "Reserved name", "root": {
                "kind": "column", "id": "w_root2", "name": "root"}},
            {"id": "s_Home", "name": "Home", "title": "Differs by case", "root": {
                "kind": "column", "id": "w_root3", "name": "root"}},
        ],
    }
    data.update(overrides)
    return App.model_validate(data)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative POSIX path."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}
