"""Id-keyed views of a dumped model, shared by the semantic diff and the three-way merge."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from designer.model import App

#: Where a widget lives: ``screen:<id>`` for a screen root, ``widget:<id>`` for a child.
ParentKey = str


def full_dump(app: App) -> dict[str, Any]:
    """The app as plain JSON data with every default filled in (equal content, equal dicts)."""
    return app.model_dump(mode="json", by_alias=True)


@dataclass(frozen=True)
class WidgetEntry:
    """One widget of a dumped app, without its children."""

    id: str
    screen_id: str
    parent: ParentKey
    index: int
    props: dict[str, Any]

    @property
    def kind(self) -> str:
        return str(self.props.get("kind", ""))

    @property
    def name(self) -> str:
        return str(self.props.get("name", ""))


def screen_key(screen_id: str) -> ParentKey:
    return f"screen:{screen_id}"


def widget_key(widget_id: str) -> ParentKey:
    return f"widget:{widget_id}"


def walk_widgets(screen: dict[str, Any]) -> Iterator[WidgetEntry]:
    """Every widget of a dumped screen, depth first, root first."""
    stack: list[tuple[dict[str, Any], ParentKey, int]] = [(screen["root"], screen_key(screen["id"]), 0)]
    while stack:
        node, parent, index = stack.pop()
        props = {k: v for k, v in node.items() if k != "children"}
        yield WidgetEntry(node["id"], screen["id"], parent, index, props)
        kids = node.get("children")
        if isinstance(kids, list):
            stack.extend((c, widget_key(node["id"]), i) for i, c in reversed(list(enumerate(kids))))


def widget_index(dumped: dict[str, Any]) -> dict[str, WidgetEntry]:
    """Widgets of every screen by id (the first one wins if an id is duplicated)."""
    index: dict[str, WidgetEntry] = {}
    for screen in dumped.get("screens", []):
        for entry in walk_widgets(screen):
            index.setdefault(entry.id, entry)
    return index


def children_lists(dumped: dict[str, Any]) -> dict[ParentKey, list[str]]:
    """Child ids per container (and the root id per screen), in order."""
    out: dict[ParentKey, list[str]] = {}
    for screen in dumped.get("screens", []):
        out.setdefault(screen_key(screen["id"]), []).append(screen["root"]["id"])
        for entry in walk_widgets(screen):
            out.setdefault(widget_key(entry.id), [])
            if entry.parent.startswith("widget:"):
                out.setdefault(entry.parent, []).append(entry.id)
    return out


def flatten(value: Any, prefix: str = "", keep_empty: bool = False) -> dict[str, Any]:
    """Nested dicts as ``{"a.b.c": leaf}``; lists and scalars are leaves; ``{}`` has no leaves
    unless ``keep_empty`` (then a nested ``{}``, e.g. an empty string table, is a leaf)."""
    if isinstance(value, dict) and (value or not keep_empty or not prefix):
        out: dict[str, Any] = {}
        for key, sub in value.items():
            out.update(flatten(sub, f"{prefix}.{key}" if prefix else str(key), keep_empty))
        return out
    return {prefix: value}


def keyed(items: list[Any], key: str) -> dict[str, dict[str, Any]] | None:
    """``{item[key]: item}`` for a list of dicts, or None when keys are missing or repeated."""
    out: dict[str, dict[str, Any]] = {}
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get(key), str) or item[key] in out:
            return None
        out[item[key]] = item
    return out
