"""A small Qt-free flex layout engine: widget rectangles for a screen at a device width.

Containers lay out their children like CSS flexbox, simplified:

* ``column`` / ``scroll`` (vertical) / ``card`` / ``tab_page`` / ``list`` stack children on the
  vertical main axis; ``row`` and a horizontal ``scroll`` place them side by side (``row`` may
  ``wrap``); ``tabs`` shows its active page under a tab bar; ``free`` places children at their
  ``layout.frame``.
* Each child's size per axis follows ``layout.width`` / ``layout.height``: ``fixed`` (the
  ``fixed_*`` value), ``hug`` (its content) or ``fill`` (the container's cross size, or a share of
  the free main-axis space by ``grow``; ``fill`` counts as ``grow=1`` when ``grow`` is 0). Then
  ``min_*``/``max_*`` clamp, ``margin`` surrounds, ``align`` places on the cross axis.
* A list lays out its item template once (its "row"); ``list_rows`` may ask for more rows, which
  are recorded as vertical offsets in ``Layout.repeats`` (preview mode paints the template
  again at each offset with that row's data).

The canvas and ``fieldcraft render`` share this engine; text is measured through a pluggable
``TextMeasure`` (the canvas passes Qt font metrics; the default estimates from character counts).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Protocol

from widgets import ContainerBase, WidgetBase

# Metrics shared with the painters (device-independent pixels).
LABEL_GAP = 6           # between an input's label and its box
INPUT_LABEL_SIZE = 13   # font size of input labels
FIELD_HEIGHT = 44       # a one-line input box
ERROR_LINE = 18         # the validation message below an input's box
TAB_BAR_HEIGHT = 44
CARD_TITLE_HEIGHT = 28
SEARCH_HEIGHT = 40
LIST_DIVIDER = 1
HEADING_SIZES = {1: 24.0, 2: 20.0, 3: 17.0}
BODY_SIZE = 15.0
LINE_FACTOR = 1.35


@dataclass
class Box:
    """A widget's rectangle in screen coordinates (origin at the screen's top-left)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.right and self.y <= y <= self.bottom


class TextMeasure(Protocol):
    """``(text, font_size, bold, max_width or None) -> (width, height)`` of wrapped text."""

    def __call__(self, text: str, size: float, bold: bool, width: float | None
                 ) -> tuple[float, float]: ...


def estimate_text(text: str, size: float, bold: bool, width: float | None) -> tuple[float, float]:
    """A font-free text size estimate (average glyph width ~0.52 em)."""
    line_h = size * LINE_FACTOR
    lines = text.split("\n") or [""]
    char_w = size * (0.56 if bold else 0.52)
    widths = [len(line) * char_w for line in lines]
    natural = max(widths) if widths else 0.0
    if width is None or width <= 0:
        return natural, line_h * len(lines)
    count = sum(max(1, math.ceil(w / width)) for w in widths)
    return min(natural, width), line_h * count


@dataclass
class LayoutOptions:
    """What the layout needs besides the widget tree."""

    measure: TextMeasure = estimate_text
    #: Text a widget shows (literal or sample value); default: its literal ``text``.
    text_of: Callable[[WidgetBase], str] | None = None
    #: How many rows a list shows (1 = the template only).
    list_rows: Callable[[WidgetBase], int] | None = None
    #: Index of the page a ``tabs`` container shows, by tabs id (default 0).
    active_tab: dict[str, int] = field(default_factory=dict)
    #: Widgets left out of the layout (preview hides widgets whose ``visible_when`` is false).
    is_hidden: Callable[[WidgetBase], bool] | None = None
    #: Inputs showing a validation message (run mode): a line below the box is reserved.
    has_error: Callable[[WidgetBase], bool] | None = None


@dataclass
class Layout:
    """The result: a box per laid-out widget, repeated list rows and the content height."""

    boxes: dict[str, Box] = field(default_factory=dict)
    #: list id -> y offsets (relative to the template row) of additional preview rows.
    repeats: dict[str, list[float]] = field(default_factory=dict)
    height: float = 0.0


def layout_screen(root: WidgetBase, width: float, height: float = 0.0,
                  options: LayoutOptions | None = None) -> Layout:
    """Lay out a screen's widget tree at ``width``; the root fills at least ``height``."""
    engine = _Engine(options or LayoutOptions())
    h = max(engine.hug_height(root, width), height)
    engine.place(root, Box(0, 0, width, h))
    engine.result.height = h
    return engine.result


def natural_size(widget: WidgetBase, max_width: float = 200.0,
                 options: LayoutOptions | None = None) -> tuple[float, float]:
    """A widget's natural ``(width, height)`` (e.g. its frame when dropped into ``free``)."""
    engine = _Engine(options or LayoutOptions())
    width = min(max(engine.hug_width(widget), 24.0), max_width)
    if widget.layout.width == "fill" and not widget.IS_CONTAINER:
        width = max_width
    return round(width), round(engine.hug_height(widget, width))


def font_size_of(widget: WidgetBase) -> float:
    """The font size a text widget is painted with."""
    if widget.style.font_size:
        return float(widget.style.font_size)
    if widget.kind == "heading":
        return HEADING_SIZES.get(getattr(widget, "level", 1), 20.0)
    if widget.kind == "web_link":
        return BODY_SIZE
    return BODY_SIZE


def _clamp(value: float, lo: float | None, hi: float | None) -> float:
    if hi is not None:
        value = min(value, hi)
    if lo is not None:
        value = max(value, lo)
    return max(value, 0.0)


def _is_vertical(container: WidgetBase) -> bool:
    if container.kind == "row":
        return False
    if container.kind == "scroll":
        return getattr(container, "direction", "vertical") == "vertical"
    return True


def _grow_into(kids: list[WidgetBase], sizes: dict[str, float], grows: dict[str, float],
               free: float, horizontal: bool) -> None:
    """Share ``free`` main-axis space by grow factor, freezing children that hit min/max."""
    free = max(free, 0.0)
    active = dict(grows)
    base = dict(sizes)
    while active:
        total = sum(active.values())
        violated = False
        for k in kids:
            if k.id not in active:
                continue
            lay = k.layout
            lo, hi = (lay.min_width, lay.max_width) if horizontal else (lay.min_height,
                                                                        lay.max_height)
            m = (lay.margin.left + lay.margin.right) if horizontal else (lay.margin.top
                                                                         + lay.margin.bottom)
            want = base[k.id] - m + free * active[k.id] / total
            got = _clamp(want, lo, hi)
            sizes[k.id] = got + m
            if abs(got - want) > 1e-6:
                free -= got + m - base[k.id]
                del active[k.id]
                violated = True
        if not violated:
            return


class _Engine:
    def __init__(self, options: LayoutOptions) -> None:
        self.opt = options
        self.result = Layout()
        self._hug_cache: dict[tuple[str, float], float] = {}

    # ------------------------------------------------------------------ text
    def _text(self, w: WidgetBase) -> str:
        if self.opt.text_of is not None:
            return self.opt.text_of(w)
        return str(getattr(w, "text", "") or "")

    def _measure(self, w: WidgetBase, width: float | None) -> tuple[float, float]:
        bold = w.kind == "heading" or w.style.font_weight == "bold"
        text = self._text(w) or " "
        max_lines = getattr(w, "max_lines", 0)
        tw, th = self.opt.measure(text, font_size_of(w), bold, width)
        if max_lines:
            th = min(th, max_lines * font_size_of(w) * LINE_FACTOR)
        return tw, th

    # ----------------------------------------------------------- intrinsic
    def hug_width(self, w: WidgetBase) -> float:
        """Natural width of a widget's content (without margins)."""
        lay = w.layout
        if lay.width == "fixed" and lay.fixed_width is not None:
            return lay.fixed_width
        if isinstance(w, ContainerBase):
            pad = w.padding.left + w.padding.right
            kids = self._flow_children(w)
            if not kids or w.kind == "free":
                return pad + (0 if kids else 40)
            sizes = [self._outer_hug_w(c) for c in kids]
            if _is_vertical(w) and w.kind != "tabs":
                return pad + max(sizes)
            return pad + sum(sizes) + w.gap * (len(sizes) - 1)
        kind = w.kind
        if kind in ("label", "heading", "web_link"):
            return self._measure(w, None)[0]
        if kind == "button":
            text_w = self.opt.measure(self._text(w) or " ", BODY_SIZE, True, None)[0]
            return text_w + 32 + (24 if getattr(w, "icon", "") else 0)
        if kind == "icon":
            return float(getattr(w, "size", 24))
        if kind in ("checkbox", "switch"):
            return self.opt.measure(getattr(w, "label", "") or " ", BODY_SIZE, False, None)[0] + 60
        if kind == "spacer":
            return float(getattr(w, "size", 16))
        return 160.0

    def _outer_hug_w(self, w: WidgetBase) -> float:
        m = w.layout.margin
        return _clamp(self.hug_width(w), w.layout.min_width, w.layout.max_width) + m.left + m.right

    def hug_height(self, w: WidgetBase, width: float) -> float:
        """Natural height of a widget's content at ``width`` (without margins)."""
        key = (w.id, round(width, 2))
        cached = self._hug_cache.get(key)
        if cached is None:
            cached = self._hug_cache[key] = self._hug_height(w, width)
        return cached

    def _hug_height(self, w: WidgetBase, width: float) -> float:
        lay = w.layout
        if lay.height == "fixed" and lay.fixed_height is not None:
            return lay.fixed_height
        if isinstance(w, ContainerBase):
            return self._container_hug_height(w, width)
        kind = w.kind
        label = INPUT_LABEL_SIZE * LINE_FACTOR + LABEL_GAP if getattr(w, "label", "") else 0.0
        if self.opt.has_error is not None and self.opt.has_error(w):
            label += ERROR_LINE
        if kind in ("label", "heading", "web_link"):
            return self._measure(w, width)[1]
        if kind == "button":
            return 44.0
        if kind in ("text_input",):
            multiline = getattr(w, "input_type", "text") == "multiline"
            return label + (96.0 if multiline else FIELD_HEIGHT)
        if kind in ("number_input", "date_input", "time_input", "dropdown", "barcode_scanner",
                    "location"):
            return label + FIELD_HEIGHT
        if kind in ("checkbox", "switch"):
            return 36.0
        if kind == "radio_group":
            return label + 36.0 * max(1, len(getattr(w, "options", [])))
        if kind == "slider":
            return label + 36.0
        if kind in ("camera_photo", "signature"):
            return label + 120.0
        if kind in ("map", "chart"):
            return float(getattr(w, "height", 180))
        if kind == "image":
            return 160.0
        if kind == "icon":
            return float(getattr(w, "size", 24))
        if kind == "divider":
            return 17.0
        if kind == "spacer":
            return float(getattr(w, "size", 16))
        return 40.0

    def _container_hug_height(self, c: ContainerBase, width: float) -> float:
        pad = c.padding
        inner_w = max(width - pad.left - pad.right, 0)
        extra = pad.top + pad.bottom
        if c.kind == "card" and getattr(c, "title", ""):
            extra += CARD_TITLE_HEIGHT
        if c.kind == "list" and getattr(c, "searchable", False):
            extra += SEARCH_HEIGHT + c.gap
        if c.kind == "free":
            return float(getattr(c, "height", 400))
        if c.kind == "tabs":
            page = self._active_page(c)
            body = self.hug_height(page, inner_w) if page is not None else 80.0
            return extra + TAB_BAR_HEIGHT + body
        kids = self._flow_children(c)
        if not kids:
            return extra + (48.0 if c.kind != "list" else 56.0)
        if _is_vertical(c):
            total = sum(self._outer_h(k, self._cross_width(k, inner_w)) for k in kids)
            body = total + c.gap * (len(kids) - 1)
            if c.kind == "list":
                rows = max(1, self.opt.list_rows(c)) if self.opt.list_rows else 1
                divider = LIST_DIVIDER if getattr(c, "divider", True) else 0
                body = body * rows + (c.gap + divider) * (rows - 1)
        else:
            widths = self._row_widths(c, inner_w)
            lines = self._row_lines(c, kids, widths, inner_w)
            body = sum(max(self._outer_h(k, widths[k.id]) for k in line) for line in lines)
            body += c.gap * (len(lines) - 1)
        return extra + body

    def _outer_h(self, w: WidgetBase, width: float) -> float:
        m = w.layout.margin
        inner = max(width - m.left - m.right, 0)
        h = _clamp(self.hug_height(w, inner), w.layout.min_height, w.layout.max_height)
        return h + m.top + m.bottom

    def _cross_width(self, w: WidgetBase, avail: float) -> float:
        """Outer width a child gets in a vertical container of inner width ``avail``."""
        lay = w.layout
        m = lay.margin.left + lay.margin.right
        if lay.width == "fixed" and lay.fixed_width is not None:
            inner = lay.fixed_width
        elif lay.width == "hug" or (lay.align not in ("stretch",) and lay.width != "fill"):
            inner = min(self.hug_width(w), max(avail - m, 0))
        else:
            inner = max(avail - m, 0)
        return _clamp(inner, lay.min_width, lay.max_width) + m

    def _active_page(self, tabs: ContainerBase) -> WidgetBase | None:
        if not tabs.children:
            return None
        index = self.opt.active_tab.get(tabs.id, 0)
        return tabs.children[min(max(index, 0), len(tabs.children) - 1)]

    def _flow_children(self, c: ContainerBase) -> list[WidgetBase]:
        if c.kind == "tabs":
            page = self._active_page(c)
            return [page] if page is not None else []
        hidden = self.opt.is_hidden
        return [k for k in c.children if hidden is None or not hidden(k)]

    # ----------------------------------------------------------------- rows
    def _row_widths(self, c: ContainerBase, avail: float) -> dict[str, float]:
        """Outer widths of a horizontal container's children (main-axis flex)."""
        kids = self._flow_children(c)
        widths: dict[str, float] = {}
        grows: dict[str, float] = {}
        used = c.gap * max(len(kids) - 1, 0)
        for k in kids:
            lay = k.layout
            m = lay.margin.left + lay.margin.right
            if lay.width == "fixed" and lay.fixed_width is not None:
                base = lay.fixed_width
            elif lay.width == "hug":
                base = self.hug_width(k)
            else:
                base = 0.0
            grow = lay.grow or (1.0 if lay.width == "fill" else 0.0)
            if grow:
                grows[k.id] = grow
            # a growing child's basis is unclamped: min/max apply after sharing (CSS flex)
            widths[k.id] = (base if grow else _clamp(base, lay.min_width, lay.max_width)) + m
            used += widths[k.id]
        if grows and not getattr(c, "wrap", False):
            _grow_into(kids, widths, grows, avail - used, horizontal=True)
        elif grows and getattr(c, "wrap", False):
            for k in kids:
                if k.id in grows:
                    widths[k.id] = max(widths[k.id], min(self._outer_hug_w(k), avail))
        return widths

    def _row_lines(self, c: ContainerBase, kids: list[WidgetBase], widths: dict[str, float],
                   avail: float) -> list[list[WidgetBase]]:
        if not getattr(c, "wrap", False):
            return [kids]
        lines: list[list[WidgetBase]] = [[]]
        used = 0.0
        for k in kids:
            need = widths[k.id] + (c.gap if lines[-1] else 0)
            if lines[-1] and used + need > avail:
                lines.append([])
                used, need = 0.0, widths[k.id]
            lines[-1].append(k)
            used += need
        return lines

    # ---------------------------------------------------------------- place
    def place(self, w: WidgetBase, box: Box) -> None:
        """Record ``box`` (inside margins already) for ``w`` and lay out its children."""
        self.result.boxes[w.id] = box
        if not isinstance(w, ContainerBase):
            return
        pad = w.padding
        inner = Box(box.x + pad.left, box.y + pad.top, max(box.w - pad.left - pad.right, 0),
                    max(box.h - pad.top - pad.bottom, 0))
        if w.kind == "card" and getattr(w, "title", ""):
            inner = Box(inner.x, inner.y + CARD_TITLE_HEIGHT, inner.w,
                        max(inner.h - CARD_TITLE_HEIGHT, 0))
        if w.kind == "free":
            for k in self._flow_children(w):
                f = k.layout.frame
                if f is not None:
                    self.place(k, Box(inner.x + f.x, inner.y + f.y, f.w, f.h))
            return
        if w.kind == "tabs":
            page = self._active_page(w)
            if page is not None:
                self.place(page, Box(inner.x, inner.y + TAB_BAR_HEIGHT, inner.w,
                                     max(inner.h - TAB_BAR_HEIGHT, 0)))
            return
        if w.kind == "list":
            self._place_list(w, inner)
            return
        if _is_vertical(w):
            self._place_column(w, self._flow_children(w), inner)
        else:
            self._place_row(w, self._flow_children(w), inner)

    def _place_list(self, w: ContainerBase, inner: Box) -> None:
        if getattr(w, "searchable", False):
            shift = SEARCH_HEIGHT + w.gap
            inner = Box(inner.x, inner.y + shift, inner.w, max(inner.h - shift, 0))
        kids = self._flow_children(w)
        if not kids:
            return
        row_h = sum(self._outer_h(k, self._cross_width(k, inner.w)) for k in kids)
        row_h += w.gap * (len(kids) - 1)
        self._place_column(w, kids, Box(inner.x, inner.y, inner.w, row_h))
        rows = self.opt.list_rows(w) if self.opt.list_rows else 1
        step = row_h + w.gap + (LIST_DIVIDER if getattr(w, "divider", True) else 0)
        self.result.repeats[w.id] = [step * i for i in range(1, max(rows, 1))]

    def _place_column(self, c: ContainerBase, kids: list[WidgetBase], inner: Box) -> None:
        heights: dict[str, float] = {}
        grows: dict[str, float] = {}
        widths = {k.id: self._cross_width(k, inner.w) for k in kids}
        used = c.gap * max(len(kids) - 1, 0)
        for k in kids:
            heights[k.id] = self._outer_h(k, widths[k.id])
            grow = k.layout.grow or (1.0 if k.layout.height == "fill" else 0.0)
            if grow:
                grows[k.id] = grow
            used += heights[k.id]
        if grows:
            _grow_into(kids, heights, grows, inner.h - used, horizontal=False)
        y = inner.y
        for k in kids:
            m = k.layout.margin
            outer_w = widths[k.id]
            x = inner.x + self._cross_offset(k.layout.align, inner.w, outer_w)
            self.place(k, Box(x + m.left, y + m.top, max(outer_w - m.left - m.right, 0),
                              max(heights[k.id] - m.top - m.bottom, 0)))
            y += heights[k.id] + c.gap

    def _place_row(self, c: ContainerBase, kids: list[WidgetBase], inner: Box) -> None:
        widths = self._row_widths(c, inner.w)
        lines = self._row_lines(c, kids, widths, inner.w)
        y = inner.y
        for line in lines:
            line_h = max(self._outer_h(k, widths[k.id]) for k in line) if line else 0.0
            if len(lines) == 1:
                line_h = max(line_h, inner.h)
            x = inner.x
            for k in line:
                lay = k.layout
                m = lay.margin
                outer_w = widths[k.id]
                if lay.height == "fill" or (lay.align == "stretch" and lay.height != "fixed"
                                            and isinstance(k, ContainerBase)):
                    outer_h = line_h
                else:
                    outer_h = self._outer_h(k, outer_w)
                dy = self._cross_offset(lay.align, line_h, outer_h)
                self.place(k, Box(x + m.left, y + dy + m.top, max(outer_w - m.left - m.right, 0),
                                  max(outer_h - m.top - m.bottom, 0)))
                x += outer_w + c.gap
            y += line_h + c.gap

    @staticmethod
    def _cross_offset(align: str, avail: float, size: float) -> float:
        if align == "center":
            return (avail - size) / 2
        if align == "end":
            return avail - size
        return 0.0
