"""The Qt-free flex layout engine: sizes, grow, min/max, margins, padding, gap, align, free, tabs."""

from __future__ import annotations

from typing import Any

import pytest

from designer.layout_engine import (CARD_TITLE_HEIGHT, SEARCH_HEIGHT, Box, LayoutOptions,
                                    estimate_text, layout_screen)
from widgets import WIDGET_ADAPTER


def w(kind: str, name: str, **props: Any) -> dict[str, Any]:
    return {"kind": kind, "id": f"w_{name}", "name": name, **props}


def build(tree: dict[str, Any]) -> Any:
    return WIDGET_ADAPTER.validate_python(tree)


def fixed(height: float, **layout: Any) -> dict[str, Any]:
    return {"height": "fixed", "fixed_height": height, **layout}


def boxes(tree: dict[str, Any], width: float = 400, height: float = 0,
          **opts: Any) -> dict[str, tuple[float, float, float, float]]:
    result = layout_screen(build(tree), width, height, LayoutOptions(**opts))
    return {k.removeprefix("w_"): (b.x, b.y, b.w, b.h) for k, b in result.boxes.items()}


def test_column_stacks_with_padding_and_gap() -> None:
    tree = w("column", "root", gap=10, padding={"top": 5, "left": 20, "right": 20, "bottom": 5},
             children=[w("spacer", "a", layout=fixed(30)), w("spacer", "b", layout=fixed(50))])
    b = boxes(tree)
    assert b["a"] == (20, 5, 360, 30)
    assert b["b"] == (20, 45, 360, 50)
    assert b["root"] == (0, 0, 400, 100)


def test_root_fills_the_screen_height_and_grow_shares_free_space() -> None:
    tree = w("column", "root", gap=0, children=[
        w("spacer", "a", layout=fixed(100)),
        w("column", "b", layout={"grow": 1}),
        w("column", "c", layout={"grow": 3}),
    ])
    b = boxes(tree, 300, 700)
    assert b["root"][3] == 700
    free = 700 - 100 - 48 - 48  # two empty columns hug 48 each
    assert b["b"][3] == pytest.approx(48 + free / 4)
    assert b["c"][3] == pytest.approx(48 + free * 3 / 4)
    assert b["c"][1] + b["c"][3] == pytest.approx(700)


def test_row_fill_children_share_width_fixed_and_hug_keep_theirs() -> None:
    tree = w("row", "r", gap=10, children=[
        w("spacer", "fixed", layout={"width": "fixed", "fixed_width": 50}),
        w("button", "hug", text="OK", layout={"width": "hug"}),
        w("button", "f1"), w("button", "f2"),
    ])
    b = boxes(tree, 400, measure=lambda t, s, bold, width: (len(t) * 10, 20))
    assert b["fixed"][2] == 50
    assert b["hug"][2] == 2 * 10 + 32
    rest = 400 - 50 - 52 - 3 * 10
    assert b["f1"][2] == pytest.approx(rest / 2) == b["f2"][2]
    assert b["f2"][0] + b["f2"][2] == pytest.approx(400)


def test_min_max_and_margin() -> None:
    tree = w("row", "r", gap=0, children=[
        w("button", "a", layout={"max_width": 100, "margin": {"left": 8, "right": 8}}),
        w("button", "b", layout={"min_width": 250}),
    ])
    b = boxes(tree, 400)
    assert b["a"][0] == 8 and b["a"][2] == 100
    assert b["b"][0] == pytest.approx(8 + 100 + 8)
    assert b["b"][2] >= 250


def test_cross_axis_align_in_column_and_row() -> None:
    col = w("column", "c", children=[
        w("icon", "start", size=20, layout={"width": "hug", "align": "start"}),
        w("icon", "center", size=20, layout={"width": "hug", "align": "center"}),
        w("icon", "end", size=20, layout={"width": "hug", "align": "end"}),
    ])
    b = boxes(col, 200)
    assert [b[k][0] for k in ("start", "center", "end")] == [0, 90, 180]
    row = w("row", "r", children=[
        w("spacer", "tall", layout=fixed(100, width="fixed", fixed_width=10)),
        w("icon", "mid", size=20, layout={"width": "hug", "align": "center"}),
        w("icon", "low", size=20, layout={"width": "hug", "align": "end"}),
    ])
    b = boxes(row, 200)
    assert b["mid"][1] == 40 and b["low"][1] == 80


def test_row_wrap_breaks_lines() -> None:
    kids = [w("spacer", f"s{i}", layout={"width": "fixed", "fixed_width": 150, **fixed(30)})
            for i in range(3)]
    b = boxes(w("row", "r", wrap=True, gap=10, children=kids), 330)
    assert b["s0"][:2] == (0, 0) and b["s1"][:2] == (160, 0)
    assert b["s2"][:2] == (0, 40)


def test_free_places_children_at_frames_inside_padding() -> None:
    tree = w("free", "f", height=300, padding={"top": 10, "left": 10, "right": 0, "bottom": 0},
             children=[w("button", "b", layout={"frame": {"x": 40, "y": 24, "w": 100, "h": 40}})])
    b = boxes(tree, 360)
    assert b["f"][3] == 300
    assert b["b"] == (50, 34, 100, 40)


def test_card_title_and_list_search_offset_children() -> None:
    card = w("card", "card", title="Contact", padding={"top": 12, "left": 12, "right": 12,
                                                          "bottom": 12},
             children=[w("spacer", "s", layout=fixed(20))])
    b = boxes(card, 300)
    assert b["s"][1] == 12 + CARD_TITLE_HEIGHT
    assert b["card"][3] == 12 + CARD_TITLE_HEIGHT + 20 + 12
    lst = w("list", "l", searchable=True, gap=8, children=[w("spacer", "row", layout=fixed(50))])
    b = boxes(lst, 300)
    assert b["row"][1] == SEARCH_HEIGHT + 8


def test_list_repeats_rows_when_asked() -> None:
    lst = w("list", "l", gap=4, divider=True, children=[w("spacer", "row", layout=fixed(50))])
    result = layout_screen(build(lst), 300, 0, LayoutOptions(list_rows=lambda _w: 3))
    assert result.repeats["w_l"] == [55, 110]
    design = layout_screen(build(lst), 300, 0, LayoutOptions())
    assert design.repeats["w_l"] == []


def test_tabs_show_the_active_page_only() -> None:
    tabs = w("tabs", "t", children=[
        w("tab_page", "p1", children=[w("spacer", "a", layout=fixed(10))]),
        w("tab_page", "p2", children=[w("spacer", "b", layout=fixed(10))]),
    ])
    first = boxes(tabs, 300)
    assert "a" in first and "b" not in first
    second = boxes(tabs, 300, active_tab={"w_t": 1})
    assert "b" in second and "a" not in second


def test_text_wraps_to_width() -> None:
    long = "word " * 40
    narrow = boxes(w("label", "l", text=long), 100)["l"][3]
    wide = boxes(w("label", "l", text=long), 1000)["l"][3]
    assert narrow > wide * 3
    tw, th = estimate_text("abc", 10, False, None)
    assert tw > 0 and th > 0


def test_horizontal_scroll_lays_out_side_by_side() -> None:
    tree = w("scroll", "s", direction="horizontal", children=[
        w("spacer", "a", layout={"width": "fixed", "fixed_width": 300}),
        w("spacer", "b", layout={"width": "fixed", "fixed_width": 300})])
    b = boxes(tree, 200)
    assert b["b"][0] == b["a"][0] + 300 + 8


def test_box_helpers() -> None:
    box = Box(1, 2, 3, 4)
    assert box.right == 4 and box.bottom == 6 and box.contains(2, 3) and not box.contains(9, 9)
