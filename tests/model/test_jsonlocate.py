"""Line numbers of JSON paths, checked against a tiny writer that knows where it put each value."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from designer.model.jsonlocate import line_of, locate_all

Path = tuple[Any, ...]


def pretty(node: Any) -> tuple[str, dict[Path, int]]:
    """JSON text with one key or element per line, and the line each path starts on."""
    lines: list[str] = []
    where: dict[Path, int] = {}
    todo: list[tuple[str, Any, Path, str]] = [("value", node, (), "")]
    while todo:                       # explicit stack: the writer is an oracle, not a copy
        what, item, path, indent = todo.pop()
        if what == "close":
            lines.append(indent + item)
            continue
        lead = indent
        if path and isinstance(path[-1], str):
            lead += json.dumps(path[-1], ensure_ascii=False) + ": "
        where[path] = len(lines) + 1
        comma = "," if what == "value," else ""
        if isinstance(item, dict) and item:
            lines.append(lead + "{")
            todo.append(("close", "}" + comma, path, indent))
            keys = list(item)
            for i, key in reversed(list(enumerate(keys))):
                todo.append(("value," if i < len(keys) - 1 else "value", item[key],
                             path + (key,), indent + "  "))
        elif isinstance(item, list) and item:
            lines.append(lead + "[")
            todo.append(("close", "]" + comma, path, indent))
            for i in reversed(range(len(item))):
                todo.append(("value," if i < len(item) - 1 else "value", item[i],
                             path + (i,), indent + "  "))
        else:
            lines.append(lead + json.dumps(item, ensure_ascii=False) + comma)
    return "\n".join(lines) + "\n", where


KEYS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=5)
LEAVES = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | KEYS
VALUES = st.recursive(LEAVES, lambda kids: st.lists(kids, max_size=4)
                      | st.dictionaries(KEYS, kids, max_size=4), max_leaves=30)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=5), st.data())
def test_every_path_is_on_the_line_the_writer_put_it(data: dict[str, Any], draw: st.DataObject
                                                     ) -> None:
    text, where = pretty(data)
    paths = list(where)
    some = draw.draw(st.lists(st.sampled_from(paths), max_size=6))
    for chosen in (paths, some):
        assert locate_all(text, chosen) == {p: where[p] for p in chosen}
        assert locate_all(text.encode(), chosen) == {p: where[p] for p in chosen}
    for path in some:
        assert line_of(text, path) == where[path]


def test_missing_paths_fall_back_to_their_nearest_ancestor() -> None:
    text, where = pretty({"screens": [{"root": {"kind": "column", "children": []}}], "n": 1})
    got = locate_all(text, [("screens", 0, "root", "name"), ("screens", 3, "x"), ("nope",),
                            ("screens", "0"), ("n", 0)])
    assert got == {("screens", 0, "root", "name"): where[("screens", 0, "root")],
                   ("screens", 3, "x"): where[("screens",)], ("nope",): 1,
                   ("screens", "0"): where[("screens",)], ("n", 0): where[("n",)]}
    assert line_of(text, ("screens", 0, "root", "name")) is None


def test_escaped_keys_long_strings_and_a_bom() -> None:
    text = ('\ufeff{"big": "' + "\\\\\\\"}{[" * 50_000 + '", "a\\u0001b": {\n  "x": [\n1, {"y":\n2}]}}')
    assert locate_all(text, [("a\x01b", "x", 1, "y"), ("big",)]) == {
        ("a\x01b", "x", 1, "y"): 3, ("big",): 1}


def test_text_that_is_not_json_gives_no_lines() -> None:
    assert locate_all('{"a": [1, }', [("a", 1)]) == {("a", 1): None}
    assert locate_all('{"a" 1}', [("a",)]) == {("a",): None}
    assert locate_all("not json", []) == {}
