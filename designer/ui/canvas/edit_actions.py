"""Edit commands built from the selection: clipboard, duplicate, delete, nudge, align, distribute.

Each function returns one command (or None) for ``controller.push``; nothing here writes to the
model. The clipboard payload is JSON, so copy/paste works across screens and between instances.
"""

from __future__ import annotations

import json
from designer.commands import AddWidget, Command, Macro, SetProperty, remove_widgets
from designer.model import Document, new_id, unique_name
from widgets import WIDGET_ADAPTER, ContainerBase, Rect, WidgetBase

CLIPBOARD_MIME = "application/x-fieldcraft-widgets"
PASTE_OFFSET = 16.0


def top_level(doc: Document, ids: list[str]) -> list[str]:
    """Ids that are not roots and not inside another id of the list, in tree order."""
    top = doc.outermost(ids)
    if len(top) < 2:
        return top
    screen = doc.screen_of(top[0])
    order = {w.id: n for n, (w, _p) in enumerate(screen.walk())}
    return sorted(top, key=lambda i: order.get(i, len(order)))


def copy_payload(doc: Document, ids: list[str]) -> str | None:
    """The clipboard text for the selected widgets (None if nothing copyable)."""
    top = top_level(doc, ids)
    if not top:
        return None
    dumped = [doc.widget(i).model_dump(mode="json", exclude_defaults=True) for i in top]
    return json.dumps({"fieldcraft": "widgets", "version": 1, "widgets": dumped})


def parse_payload(text: str) -> list[WidgetBase]:
    """Widgets from clipboard text; [] if it is not a Fieldcraft payload (or invalid)."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("fieldcraft") != "widgets":
            return []
        return [WIDGET_ADAPTER.validate_python(w) for w in data.get("widgets", [])][:500]
    except Exception:  # noqa: BLE001 - foreign clipboard content is simply not pasteable
        return []


def _fresh(widget: WidgetBase, taken_names: set[str]) -> WidgetBase:
    """A copy with new ids everywhere and names unique in ``taken_names`` (updated)."""
    copy = widget.model_copy(deep=True)
    stack = [copy]
    while stack:
        w = stack.pop()
        w.id = new_id("w")
        if w.name in taken_names:
            w.name = unique_name(w.name, taken_names)
        taken_names.add(w.name)
        if isinstance(w, ContainerBase):
            stack.extend(w.children)
    return copy


def paste_target(doc: Document, selection: list[str], screen_root: WidgetBase | None,
                 kinds: list[str]) -> tuple[str, int] | None:
    """Where pasted widgets go: into a selected container, after a selected widget, or root."""
    from widgets import CATALOG
    if selection and selection[-1] in doc:
        sel = doc.widget(selection[-1])
        if isinstance(sel, ContainerBase) and all(CATALOG.allows_child(sel.kind, k) for k in kinds):
            return sel.id, len(sel.children)
        parent = doc.parent_of(sel.id)
        if parent is not None and all(CATALOG.allows_child(parent.kind, k) for k in kinds):
            return parent.id, doc.index_in_parent(sel.id) + 1
    if isinstance(screen_root, ContainerBase):
        return screen_root.id, len(screen_root.children)
    return None


def paste_command(doc: Document, widgets: list[WidgetBase], selection: list[str],
                  screen_root: WidgetBase | None) -> tuple[Command, list[str]] | None:
    """One command inserting copies of ``widgets``; also returns the new ids to select."""
    if not widgets or screen_root is None:
        return None
    target = paste_target(doc, selection, screen_root, [w.kind for w in widgets])
    if target is None:
        return None
    parent_id, index = target
    parent = doc.widget(parent_id)
    taken = doc.names_in_screen(doc.screen_of(parent_id))
    commands: list[Command] = []
    new_ids: list[str] = []
    for n, widget in enumerate(widgets):
        copy = _fresh(widget, taken)
        if parent.kind == "free":
            frame = copy.layout.frame or Rect()
            copy.layout.frame = frame.model_copy(update={"x": frame.x + PASTE_OFFSET,
                                                         "y": frame.y + PASTE_OFFSET})
        commands.append(AddWidget(parent_id, index + n, copy))
        new_ids.append(copy.id)
    text = "Paste" if len(commands) == 1 else f"Paste {len(commands)} widgets"
    return Macro(text, commands), new_ids


def duplicate_command(doc: Document, selection: list[str]
                      ) -> tuple[Command, list[str]] | None:
    """Copies of the selected widgets right after each original (one step)."""
    top = top_level(doc, selection)
    if not top:
        return None
    commands: list[Command] = []
    new_ids: list[str] = []
    for wid in reversed(top):
        parent = doc.parent_of(wid)
        assert parent is not None
        taken = doc.names_in_screen(doc.screen_of(wid)) | {c.widget.name for c in commands
                                                           if isinstance(c, AddWidget)}
        copy = _fresh(doc.widget(wid), taken)
        if parent.kind == "free" and copy.layout.frame is not None:
            f = copy.layout.frame
            copy.layout.frame = f.model_copy(update={"x": f.x + PASTE_OFFSET,
                                                     "y": f.y + PASTE_OFFSET})
        commands.append(AddWidget(parent.id, doc.index_in_parent(wid) + 1, copy))
        new_ids.insert(0, copy.id)
    return Macro("Duplicate", commands), new_ids


def kept_references_message(doc: Document, command: Command, verb: str) -> str:
    """What a paste/duplicate kept that does not resolve where it landed, for the status bar,
    e.g. ``Pasted 2 widgets; 1 binding refers to a parameter this screen does not have:
    customerId`` ("" when everything resolves)."""
    adds = [c for c in (command.children if isinstance(command, Macro) else [command])
            if isinstance(c, AddWidget)]
    problems = [p for c in adds for p in c.problems]
    if not problems:
        return ""
    names = list(dict.fromkeys(str(p.extra.get("reference", "")).split(".")[0] or p.message
                               for p in problems))
    params = {p.name for s in doc.app.screens for p in s.parameters}
    many = len(names) > 1
    what = ("parameters" if many else "a parameter") if all(n in params for n in names) \
        else ("names" if many else "a name")
    kind = "binding" if all(p.path[:1] == ("bindings",) for p in problems) else "expression"
    count = len(problems)
    widgets = f"{len(adds)} widget" + ("s" if len(adds) > 1 else "")
    return (f"{verb} {widgets}; {count} {kind}{'s' if count > 1 else ''} "
            f"{'refer' if count > 1 else 'refers'} to {what} this screen does not have: "
            + ", ".join(names))


def delete_command(doc: Document, selection: list[str]) -> Command | None:
    """One step removing the selected widgets (roots are kept)."""
    top = top_level(doc, selection)
    return remove_widgets(doc, top) if top else None


def _free_widgets(doc: Document, ids: list[str]) -> list[WidgetBase]:
    out = []
    for wid in top_level(doc, ids):
        parent = doc.parent_of(wid)
        widget = doc.widget(wid)
        if parent is not None and parent.kind == "free" and widget.layout.frame is not None:
            out.append(widget)
    return out


def _set_frames(widgets: list[WidgetBase], frames: dict[str, dict[str, float]], text: str
                ) -> Command | None:
    values = {}
    for w in widgets:
        change = frames.get(w.id)
        if not change:
            continue
        layout = w.layout.model_copy(deep=True)
        assert layout.frame is not None
        new_frame = layout.frame.model_copy(update={k: round(v, 2) for k, v in change.items()})
        if new_frame == layout.frame:
            continue
        layout.frame = new_frame
        values[w.id] = layout
    if not values:
        return None
    command = SetProperty(list(values), "layout", values=values)
    command.text = text
    return command


def nudge_command(doc: Document, selection: list[str], dx: float, dy: float) -> Command | None:
    """Move selected widgets of ``free`` containers by (dx, dy)."""
    widgets = _free_widgets(doc, selection)
    frames = {w.id: {"x": max(w.layout.frame.x + dx, -10_000),  # type: ignore[union-attr]
                     "y": max(w.layout.frame.y + dy, -10_000)}  # type: ignore[union-attr]
              for w in widgets}
    return _set_frames(widgets, frames, "Nudge")


ALIGN_EDGES = ("left", "hcenter", "right", "top", "vcenter", "bottom")


def align_command(doc: Document, selection: list[str], edge: str) -> Command | None:
    """Align selected ``free`` widgets (same container) to the first one's edge/centre."""
    widgets = _free_widgets(doc, selection)
    if len(widgets) < 2:
        return None
    f0 = widgets[0].layout.frame
    assert f0 is not None
    frames: dict[str, dict[str, float]] = {}
    for w in widgets[1:]:
        f = w.layout.frame
        assert f is not None
        if edge == "left":
            frames[w.id] = {"x": f0.x}
        elif edge == "right":
            frames[w.id] = {"x": f0.x + f0.w - f.w}
        elif edge == "hcenter":
            frames[w.id] = {"x": f0.x + (f0.w - f.w) / 2}
        elif edge == "top":
            frames[w.id] = {"y": f0.y}
        elif edge == "bottom":
            frames[w.id] = {"y": f0.y + f0.h - f.h}
        elif edge == "vcenter":
            frames[w.id] = {"y": f0.y + (f0.h - f.h) / 2}
    return _set_frames(widgets, frames, f"Align {edge}")


def distribute_command(doc: Document, selection: list[str], horizontal: bool) -> Command | None:
    """Equal gaps between three or more selected ``free`` widgets along one axis."""
    widgets = _free_widgets(doc, selection)
    if len(widgets) < 3:
        return None
    pos, size = ("x", "w") if horizontal else ("y", "h")

    def get(w: WidgetBase, attr: str) -> float:
        return float(getattr(w.layout.frame, attr))

    ordered = sorted(widgets, key=lambda w: get(w, pos))
    start = get(ordered[0], pos)
    end = get(ordered[-1], pos) + get(ordered[-1], size)
    gap = (end - start - sum(get(w, size) for w in ordered)) / (len(ordered) - 1)
    frames: dict[str, dict[str, float]] = {}
    cursor = start
    for w in ordered:
        frames[w.id] = {pos: cursor}
        cursor += get(w, size) + gap
    return _set_frames(widgets, frames, "Distribute")
