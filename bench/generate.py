"""Generate big, realistic models for benchmarks: ``screens × widgets_per_screen`` widgets.

Usage: ``python -m bench.generate 200 50 -o /tmp/big.fieldcraft.json`` (10,000 widgets).
Every screen mixes containers, inputs with validation, bound labels, a list and a free layout,
so benchmarks exercise the same paths as real apps.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from designer.model import App, dumps, load
from tests.conftest import EXAMPLE

_LEAVES = ["label", "text_input", "button", "number_input", "switch", "date_input", "dropdown",
           "heading", "checkbox", "divider"]


def _leaf(kind: str, n: int, s: int) -> dict[str, Any]:
    w: dict[str, Any] = {"kind": kind, "id": f"w{s}_{n}", "name": f"{kind}{n}"}
    if kind in ("label", "heading", "button"):
        w["text"] = f"{kind.title()} {n} on screen {s}"
    if kind == "label" and n % 3 == 0:
        w["bindings"] = {"text": 'customer.name + " · " + customer.city'}
    if kind in ("text_input", "number_input", "switch", "date_input", "dropdown", "checkbox"):
        w["label"] = f"Field {n}"
        if kind == "text_input":
            w["validation"] = [{"rule": "required"}, {"rule": "length", "max": 80}]
    if kind == "button" and s > 0:
        w["actions"] = {"tap": [{"type": "navigate", "screen": f"screen{s - 1}",
                                 "params": {"customerId": "customerId"}}]}
    return w


def make_screen(s: int, widgets: int) -> dict[str, Any]:
    """One screen with exactly ``widgets`` widgets (root included)."""
    n = 1
    children: list[dict[str, Any]] = []
    budget = widgets - 1
    while budget > 0:
        if budget >= 6 and n % 4 == 1:
            kids = [_leaf(_LEAVES[(n + i) % len(_LEAVES)], n + 1 + i, s) for i in range(4)]
            children.append({"kind": "card", "id": f"w{s}_{n}", "name": f"card{n}",
                             "title": f"Section {n}", "children": kids})
            n += 5
            budget -= 5
        elif budget >= 4 and n % 7 == 2:
            kids = [dict(_leaf("button", n + 1 + i, s), layout={"frame": {
                "x": 16.0 + 40 * i, "y": 8.0 * i, "w": 120.0, "h": 40.0}}) for i in range(3)]
            children.append({"kind": "free", "id": f"w{s}_{n}", "name": f"free{n}",
                             "height": 160.0, "children": kids})
            n += 4
            budget -= 4
        else:
            children.append(_leaf(_LEAVES[n % len(_LEAVES)], n, s))
            n += 1
            budget -= 1
    return {"id": f"s{s}", "name": f"screen{s}", "title": f"Screen {s}",
            "parameters": [{"name": "customerId", "type": "string"}],
            "data": [{"name": "customer", "source": "crm", "entity": "Customer", "mode": "one",
                      "key": "customerId"}],
            "root": {"kind": "column", "id": f"w{s}_0", "name": "root", "children": children}}


def make_app(screens: int, widgets_per_screen: int) -> App:
    """A valid app with ``screens * widgets_per_screen`` widgets and the example's data source."""
    example = load(EXAMPLE)
    data = {"$schema": example.schema_, "schema_version": example.schema_version,
            "id": "bench_app", "name": f"Bench {screens}x{widgets_per_screen}",
            "data_sources": [example.data_sources[0].model_dump(mode="json", exclude_defaults=True)],
            "screens": [make_screen(s, widgets_per_screen) for s in range(screens)]}
    first = data["screens"][0]
    first["parameters"] = [{"name": "customerId", "type": "string", "required": False}]
    first["data"] = [{"name": "customer", "source": "crm", "entity": "Customer", "mode": "one",
                      "key": 'coalesce(customerId, "C-1001")'}]
    return App.model_validate(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("screens", type=int)
    parser.add_argument("widgets", type=int, help="widgets per screen")
    parser.add_argument("-o", "--out", type=Path, required=True)
    ns = parser.parse_args()
    ns.out.write_bytes(dumps(make_app(ns.screens, ns.widgets)))


if __name__ == "__main__":
    main()
