"""Where a dragged widget lands: container, index, insertion line (flex) or point (free)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF

from widgets import CATALOG, ContainerBase


@dataclass
class DropTarget:
    """A drop position: ``index`` among the container's children (model order)."""

    parent_id: str
    index: int
    rect: QRectF
    line: tuple[QPointF, QPointF] | None = None
    #: For ``free`` containers: top-left of the dropped widget relative to the content origin.
    point: tuple[float, float] | None = None


def find_drop_target(scene: Any, pos: QPointF, kinds: list[str],
                     exclude: list[str] | None = None) -> DropTarget | None:
    """The innermost container under ``pos`` that accepts every kind in ``kinds``."""
    doc = scene.controller.doc
    exclude = exclude or []
    for item in scene.items_at(pos):
        w = item.widget
        if any(doc.is_ancestor(ex, w.id) for ex in exclude if ex in doc):
            continue
        candidates = [w] if isinstance(w, ContainerBase) else []
        if not candidates:
            continue
        parent = candidates[0]
        if all(CATALOG.allows_child(parent.kind, k) for k in kinds):
            return _target_in(scene, parent, pos, exclude)
    return None


def _target_in(scene: Any, parent: ContainerBase, pos: QPointF, exclude: list[str]) -> DropTarget:
    rect = scene.box_rect(parent.id) or QRectF()
    pad = parent.padding
    inner = rect.adjusted(pad.left, pad.top, -pad.right, -pad.bottom)
    if parent.kind == "free":
        grid = float(getattr(parent, "grid", 8)) or 1.0
        x = round((pos.x() - inner.x()) / grid) * grid
        y = round((pos.y() - inner.y()) / grid) * grid
        return DropTarget(parent.id, len(parent.children), rect, None, (max(x, 0), max(y, 0)))
    vertical = parent.kind != "row" and not (parent.kind == "scroll" and
                                            getattr(parent, "direction", "") == "horizontal")
    shown = [(i, c, scene.box_rect(c.id)) for i, c in enumerate(parent.children)
             if c.id not in exclude]
    shown = [(i, c, r) for i, c, r in shown if r is not None]
    index = len(parent.children)
    for i, _c, r in shown:
        centre = r.center().y() if vertical else r.center().x()
        if (pos.y() if vertical else pos.x()) < centre:
            index = i
            break
    before = [r for i, _c, r in shown if i < index]
    after = [r for i, _c, r in shown if i >= index]
    gap = float(parent.gap)
    if vertical:
        if before and after:
            y = (before[-1].bottom() + after[0].top()) / 2
        elif before:
            y = before[-1].bottom() + min(gap / 2, 4)
        elif after:
            y = after[0].top() - min(gap / 2, 4)
        else:
            y = inner.top() + 4
        line = (QPointF(inner.left(), y), QPointF(inner.right(), y))
    else:
        if before and after:
            x = (before[-1].right() + after[0].left()) / 2
        elif before:
            x = before[-1].right() + min(gap / 2, 4)
        elif after:
            x = after[0].left() - min(gap / 2, 4)
        else:
            x = inner.left() + 4
        line = (QPointF(x, inner.top()), QPointF(x, inner.bottom()))
    return DropTarget(parent.id, index, rect, line)
