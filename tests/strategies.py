"""Hypothesis strategies for random but valid Fieldcraft apps (shared by model/review tests)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from designer.model import App
from widgets import CATALOG

LEAVES = [t.id for t in CATALOG if not t.container]
CONTAINERS = [k for k in ("column", "row", "card", "scroll", "free", "list")]
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
names = st.from_regex(r"[a-z][a-zA-Z0-9_]{0,8}", fullmatch=True)


@st.composite
def widget_trees(draw: st.DrawFn, counter: list[int], depth: int = 0) -> dict[str, Any]:
    """A random widget dict (a container with random children, nested up to depth 3)."""
    counter[0] += 1
    n = counter[0]
    if depth < 3 and draw(st.booleans()):
        kind = draw(st.sampled_from(CONTAINERS))
        kids = draw(st.lists(widget_trees(counter, depth + 1), max_size=4))
        if kind == "free":
            for i, kid in enumerate(kids):
                kid.setdefault("layout", {})["frame"] = {
                    "x": float(draw(st.integers(0, 300))), "y": float(8 * i),
                    "w": float(draw(st.integers(1, 200))), "h": 40.0}
        widget: dict[str, Any] = {"kind": kind, "id": f"w{n}", "name": f"{kind}{n}", "children": kids}
        if kind == "list":
            widget["bindings"] = {"items": "rows"}
    else:
        kind = draw(st.sampled_from(LEAVES))
        widget = {"kind": kind, "id": f"w{n}", "name": f"{kind}{n}"}
        fields = CATALOG.get(kind).model.model_fields
        if "text" in fields:
            widget["text"] = draw(texts)
        if "label" in fields:
            widget["label"] = draw(texts)
    if draw(st.booleans()):
        widget["a11y_label"] = draw(texts)
    if draw(st.booleans()):
        widget["style"] = {"font_size": float(draw(st.integers(8, 40))),
                           "background": draw(st.sampled_from(["#ffffff", "#123456", "#00000080"]))}
    if draw(st.booleans()):
        widget.setdefault("layout", {})["margin"] = {"top": float(draw(st.integers(0, 30)))}
    return widget


@st.composite
def apps(draw: st.DrawFn) -> App:
    """A random, schema-valid app with 1-3 screens."""
    counter = [0]
    screens = []
    for i in range(draw(st.integers(1, 3))):
        root = draw(widget_trees(counter, 1))
        if root["kind"] not in CONTAINERS or root["kind"] == "list":
            root = {"kind": "column", "id": f"root{i}", "name": f"root{i}", "children": [root]}
        screens.append({"id": f"s{i}", "name": f"screen{i}", "title": draw(texts),
                        "variables": [{"name": "rows", "type": "list", "entity": "src.Thing"}],
                        "root": root})
    strings = draw(st.dictionaries(st.sampled_from(["en", "de", "fr"]),
                                   st.dictionaries(names, texts, max_size=3), max_size=2))
    data = {"$schema": "https://fieldcraft.dev/schema/v4/app.schema.json", "schema_version": 4,
            "id": "app1", "name": draw(texts.filter(lambda s: s.strip() != "")) or "x",
            "description": draw(texts), "strings": strings, "screens": screens,
            "data_sources": [{"id": "ds1", "name": "src", "entities": [
                {"name": "Thing", "key": ["id"],
                 "fields": [{"name": "id"}, {"name": "n", "type": "decimal"}],
                 "sample_rows": draw(st.lists(st.fixed_dictionaries(
                     {"id": texts, "n": st.floats(allow_nan=False, allow_infinity=False)}),
                     max_size=3))}]}]}
    return App.model_validate(data)
