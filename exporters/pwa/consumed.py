"""What the PWA honours: the properties its renderers read.

The PWA ships every widget property as data (``compile.py``); the JS renderers decide what to
use. So "printed" is read off the renderers themselves: ``app/widgets/<kind>.js`` with the
helper modules it imports (``w.p.<prop>``, ``ctx.text(w, "<prop>")``, ``w.gap``, ``w.pad``,
``w.r``), and ``render.js``'s ``applyLayout``/``applyStyle``, which every widget goes through.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

APP = Path(__file__).resolve().parent / "templates" / "app"
WIDGETS = APP / "widgets"
_PROP = re.compile(r"\bw\.p\.([a-z_]+)|ctx\.(?:text|value)\(w, \"([a-z_]+)\"\)")
_SLOTS = {"gap": re.compile(r"\bw\.gap\b"), "padding": re.compile(r"\bw\.pad\b"),
          "validation": re.compile(r"\bw\.r\b")}
_IMPORT = re.compile(r"from \"\./([A-Za-z0-9_]+)\.js\"")
_LAYOUT = re.compile(r"\bl\.([a-z_]+)|\"((?:min|max)_(?:width|height))\"")
_STYLE = re.compile(r"\bst\.([a-z_]+)")
#: Kinds a parent's renderer draws part of: tab titles and icons are the tab bar's buttons.
_PARENT_READS = {"tab_page": ("tabs", re.compile(r"\bpage\.p\.([a-z_]+)"))}


def _function(source: str, name: str) -> str:
    """The text of ``export function name(…) {…}`` in ``source`` (up to the next top-level
    ``}``)."""
    start = source.index(f"export function {name}(")
    return source[start:source.index("\n}\n", start)]


@lru_cache(maxsize=None)
def renderer_sources(kind: str) -> tuple[str, ...]:
    """The renderer of ``kind`` and every widget helper module it imports, transitively."""
    seen: list[str] = []
    todo = [kind]
    while todo:
        name = todo.pop()
        path = WIDGETS / f"{name}.js"
        if name in seen or not path.is_file():
            continue
        seen.append(name)
        todo += _IMPORT.findall(path.read_text("utf-8"))
    return tuple(seen)


@lru_cache(maxsize=None)
def generic_props() -> frozenset[str]:
    """``layout.*`` and ``style.*`` fields ``render.js`` applies to every widget."""
    source = (APP / "render.js").read_text("utf-8")
    layout = {a or b for a, b in _LAYOUT.findall(_function(source, "applyLayout"))}
    style = set(_STYLE.findall(_function(source, "applyStyle")))
    return frozenset({f"layout.{n}" for n in layout} | {f"style.{n}" for n in style})


@lru_cache(maxsize=None)
def consumed(kind: str) -> frozenset[str]:
    """Every property of ``kind`` the PWA's renderers read."""
    found: set[str] = set(generic_props())
    for name in renderer_sources(kind):
        text = (WIDGETS / f"{name}.js").read_text("utf-8")
        found |= {a or b for a, b in _PROP.findall(text)}
        found |= {slot for slot, pattern in _SLOTS.items() if pattern.search(text)}
    if kind in _PARENT_READS:
        parent, pattern = _PARENT_READS[kind]
        found |= set(pattern.findall((WIDGETS / f"{parent}.js").read_text("utf-8")))
    return frozenset(found)
