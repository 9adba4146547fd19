"""Accessibility rules: accessible names, WCAG AA text contrast, 48 dp touch targets."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, Iterator

from designer.layout_engine import font_size_of, layout_screen
from widgets import ContainerBase, InputBase

from .rules import Hit, LintContext, P, rule

MIN_TARGET = 48.0
RGBA = tuple[float, float, float, float]


# ------------------------------------------------------------------ colour maths (WCAG 2.x)
def parse_color(text: str) -> RGBA:
    """``#rrggbb`` or ``#rrggbbaa`` → floats 0..1."""
    h = text.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))
    a = int(h[6:8], 16) / 255 if len(h) == 8 else 1.0
    return r, g, b, a


def over(top: RGBA, below: RGBA) -> RGBA:
    """``top`` composited over an opaque ``below``."""
    a = top[3]
    return (top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a),
            top[2] * a + below[2] * (1 - a), 1.0)


def mix(a: RGBA, b: RGBA, t: float) -> RGBA:
    """``a`` blended towards ``b`` by ``t`` (as the canvas painters do)."""
    return tuple(x + (y - x) * t for x, y in zip(a, b))  # type: ignore[return-value]


def luminance(c: RGBA) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])


def contrast(fg: RGBA, bg: RGBA) -> float:
    """WCAG contrast ratio (1..21) of ``fg`` drawn on ``bg``."""
    bg = over(bg, (1.0, 1.0, 1.0, 1.0)) if bg[3] < 1 else bg
    fg = over(fg, bg) if fg[3] < 1 else fg
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _hex(c: RGBA) -> str:
    return "#" + "".join(f"{round(v * 255):02x}" for v in c[:3])


def readable_on(bg: RGBA) -> RGBA:
    """Dark or white text, whichever the designer paints on ``bg``."""
    luma = 255 * (0.299 * bg[0] + 0.587 * bg[1] + 0.114 * bg[2])
    return parse_color("#1b1f24") if luma > 160 else (1.0, 1.0, 1.0, 1.0)


# ------------------------------------------------------------------ rules
@rule("FC401", "missing-accessible-name", "Input or control without an accessible name",
      "warning", "accessibility",
      """Screen readers (TalkBack, VoiceOver) announce a control by its label. An input
      without a label, an image without alternative text, or a tappable icon without an
      accessibility label is announced as "edit box" or "button" and is unusable for blind
      users (WCAG 2.1 success criteria 1.1.1 and 4.1.2).""",
      """Give inputs a `label` (or a bound label), images an `alt` text, and icon-only or
      text-less controls an `a11y_label`.""")
def missing_accessible_name(ctx: LintContext) -> Iterator[Hit]:
    for _si, w, _parent, path in ctx.widget_paths:
        named = bool(w.a11y_label.strip())  # type: ignore[attr-defined]
        if named:
            continue
        bound = w.bindings  # type: ignore[attr-defined]
        if isinstance(w, InputBase):
            if not w.label.strip() and not bound.get("label"):
                yield Hit(f"{w.kind} `{w.name}` has neither a label nor an accessibility label", path)
        elif w.kind == "image":
            if not getattr(w, "alt", "").strip():
                yield Hit(f"image `{w.name}` has no alt text", path)  # type: ignore[attr-defined]
        elif w.kind in ("button", "web_link"):
            if not getattr(w, "text", "").strip() and not bound.get("text"):
                yield Hit(f"{w.kind} `{w.name}` has no text and no accessibility label", path)  # type: ignore[attr-defined]
        elif w.kind in ("icon", "card") and w.actions.get("tap"):  # type: ignore[attr-defined]
            if w.kind == "icon" or not (getattr(w, "title", "") or bound.get("title")):
                yield Hit(f"tappable {w.kind} `{w.name}` has no accessibility label", path)  # type: ignore[attr-defined]


@rule("FC402", "low-contrast", "Text contrast below WCAG AA", "warning", "accessibility",
      """Text must have a contrast ratio of at least 4.5:1 against its background (3:1 for
      large text: 24 px, or 18.7 px bold) to be readable by people with low vision and by
      everyone outdoors in sunlight (WCAG 2.1 success criterion 1.4.3). Colours come from the
      theme and per-widget style overrides.""",
      """Darken the text colour or lighten the background (or the reverse) in the theme or the
      widget's style until the ratio in the message reaches the threshold.""")
def low_contrast(ctx: LintContext) -> Iterator[Hit]:
    theme = ctx.app.theme
    t_text, t_bg = parse_color(theme.text), parse_color(theme.background)
    t_surface, t_primary = parse_color(theme.surface), parse_color(theme.primary)
    card_bg = mix(t_bg, t_surface, 0.5)
    for fg, bg, path, what in ((t_text, t_bg, ("theme", "text"), "theme text on the background"),
                               (t_text, card_bg, ("theme", "surface"), "theme text on cards"),
                               (t_primary, t_bg, ("theme", "primary"),
                                "links and text buttons (primary colour) on the background")):
        ratio = contrast(fg, bg)
        if ratio < 4.5:
            yield Hit(f"{what}: {_hex(fg)} on {_hex(over(bg, (1, 1, 1, 1)))} has contrast "
                      f"{ratio:.2f}:1, below 4.5:1", path)
    for si, screen in enumerate(ctx.app.screens):
        yield from _screen_contrast(ctx, si, screen, t_text, t_bg, t_primary, card_bg)


def _screen_contrast(ctx: LintContext, si: int, screen: Any, t_text: RGBA, t_bg: RGBA, t_primary: RGBA,
                     card_bg: RGBA) -> Iterator[Hit]:
    stack: list[tuple[Any, RGBA, bool, P]] = [(screen.root, t_bg, False, ("screens", si, "root"))]
    while stack:
        w, below, styled, path = stack.pop()
        bg, styled_here = below, styled
        if w.style.background:
            bg, styled_here = over(parse_color(w.style.background), below), True
        elif w.kind == "card":
            bg = card_bg
        own_fg = w.style.text_color
        fg, large = None, False
        size = font_size_of(w)
        bold = (w.style.font_weight == "bold") or (w.kind == "heading" and w.style.font_weight
                                                   != "normal")
        if w.kind in ("label", "heading"):
            fg = parse_color(own_fg) if own_fg else t_text
        elif w.kind == "web_link":
            fg = parse_color(own_fg) if own_fg else t_primary
        elif w.kind == "button":
            fg, bg = _button_colors(ctx, w, below)
            size = w.style.font_size or 15
        if fg is not None and (own_fg or styled_here):
            large = size >= 24 or (bold and size >= 18.66)
            need = 3.0 if large else 4.5
            ratio = contrast(fg, bg)
            if ratio < need:
                yield Hit(f"{w.kind} `{w.name}`: text {_hex(over(fg, bg))} on {_hex(bg)} has "
                          f"contrast {ratio:.2f}:1, below {need:g}:1"
                          + (" (large text)" if large else ""), path + ("style",))
        if isinstance(w, ContainerBase):
            stack.extend((c, bg, styled_here, path + ("children", i))
                         for i, c in reversed(list(enumerate(w.children))))


def _button_colors(ctx: LintContext, w: Any, below: RGBA) -> tuple[RGBA, RGBA]:
    theme = ctx.app.theme
    primary, background = parse_color(theme.primary), parse_color(theme.background)
    variant = getattr(w, "variant", "primary")
    if variant == "primary":
        fill: RGBA | None = primary
        fg = readable_on(primary)
    elif variant == "danger":
        fill, fg = parse_color("#c62828"), (1.0, 1.0, 1.0, 1.0)
    elif variant == "secondary":
        fill, fg = mix(background, primary, 0.1), primary
    else:
        fill, fg = None, primary
    if w.style.text_color:
        fg = parse_color(w.style.text_color)
    if w.style.background:
        fill = parse_color(w.style.background)
    bg = over(fill, below) if fill is not None else below
    return fg, bg


_TAPPABLE = ("button", "web_link", "checkbox", "switch")
_PADDED_BY_PLATFORM = ("button", "checkbox", "switch")


def _device_width(device: str) -> float:
    try:
        data = json.loads((resources.files("assets") / "devices" / f"{device}.json").read_text())
        return float(data["width"])
    except (OSError, ValueError, KeyError, TypeError):
        return 412.0


@rule("FC403", "small-touch-target", "Touch target under 48 dp", "warning", "accessibility",
      """Targets smaller than 48×48 dp are hard to hit with a finger, especially with gloves or
      on the move, and cause wrong taps (Material Design and WCAG 2.5.5 guidance). Sizes are
      taken from the designer's layout at the app's device width; standard buttons, checkboxes
      and switches at their default height are exempt because every export target pads them
      to 48 dp.""",
      """Make the widget at least 48 dp wide and high: increase its fixed size or frame, the
      icon size or padding, or give it more room in its row.""")
def small_touch_target(ctx: LintContext) -> Iterator[Hit]:
    width = _device_width(ctx.app.device)
    paths = {w.id: (p, parent) for _si, w, parent, p in ctx.widget_paths}  # type: ignore[attr-defined]
    for screen in ctx.app.screens:
        boxes = layout_screen(screen.root, width).boxes
        for w, _parent in screen.walk():
            tappable = w.kind in _TAPPABLE or (w.kind in ("icon", "image", "card")
                                               and bool(w.actions.get("tap")))
            box = boxes.get(w.id)
            if not tappable or box is None:
                continue
            path, parent = paths[w.id]
            free = parent is not None and parent.kind == "free"
            lay = w.layout
            explicit_h = free or lay.height == "fixed" or lay.max_height is not None
            pad = 2 * (w.style.padding or 0) if w.kind == "icon" else 0
            bw, bh = box.w + pad, box.h + pad
            if w.kind in _PADDED_BY_PLATFORM and not explicit_h:
                bh = max(bh, MIN_TARGET)
            if bw < MIN_TARGET or bh < MIN_TARGET:
                yield Hit(f"tappable {w.kind} `{w.name}` is {bw:.0f}×{bh:.0f} dp, smaller than "
                          f"{MIN_TARGET:g}×{MIN_TARGET:g}", path + ("layout",))
