"""Snapping in ``free`` containers (Qt-free): to other widgets' edges/centres, else to the grid.

Rects are ``(x, y, w, h)`` tuples in one coordinate system; guides are ``((x1, y1), (x2, y2))``
lines to draw where an edge or centre lines up with another widget's.
"""

from __future__ import annotations

RectT = tuple[float, float, float, float]
Line = tuple[tuple[float, float], tuple[float, float]]
THRESHOLD = 6.0


def _grid(value: float, origin: float, grid: float) -> float:
    return origin + round((value - origin) / grid) * grid if grid > 0 else value


def _xs(r: RectT) -> tuple[float, float, float]:
    return (r[0], r[0] + r[2] / 2, r[0] + r[2])


def _ys(r: RectT) -> tuple[float, float, float]:
    return (r[1], r[1] + r[3] / 2, r[1] + r[3])


def _best(mine: tuple[float, ...], targets: list[tuple[float, RectT]]
          ) -> tuple[float, float, RectT] | None:
    """(offset to add, target value, target rect) of the closest alignment within THRESHOLD."""
    best: tuple[float, float, RectT] | None = None
    for value in mine:
        for target, rect in targets:
            diff = target - value
            if abs(diff) <= THRESHOLD and (best is None or abs(diff) < abs(best[0])):
                best = (diff, target, rect)
    return best


def snap_move(rect: RectT, others: list[RectT], grid: float, origin: tuple[float, float],
              container: RectT | None = None) -> tuple[float, float, list[Line]]:
    """Offset ``(dx, dy)`` that snaps a moved rect, and the guides to show."""
    refs = list(others) + ([container] if container else [])
    xt = [(v, r) for r in refs for v in _xs(r)]
    yt = [(v, r) for r in refs for v in _ys(r)]
    guides: list[Line] = []
    bx = _best(_xs(rect), xt)
    if bx is not None:
        dx = bx[0]
    else:
        dx = _grid(rect[0], origin[0], grid) - rect[0]
    by = _best(_ys(rect), yt)
    if by is not None:
        dy = by[0]
    else:
        dy = _grid(rect[1], origin[1], grid) - rect[1]
    moved = (rect[0] + dx, rect[1] + dy, rect[2], rect[3])
    if bx is not None:
        guides.append(_vertical(bx[1], moved, bx[2]))
    if by is not None:
        guides.append(_horizontal(by[1], moved, by[2]))
    return dx, dy, guides


def snap_resize(rect: RectT, handle: str, others: list[RectT], grid: float,
                origin: tuple[float, float]) -> tuple[RectT, list[Line]]:
    """The rect with its dragged edges snapped (handle like ``"se"``), and the guides."""
    x1, y1, x2, y2 = rect[0], rect[1], rect[0] + rect[2], rect[1] + rect[3]
    xt = [(v, r) for r in others for v in _xs(r)]
    yt = [(v, r) for r in others for v in _ys(r)]
    guides: list[Line] = []
    hits: list[tuple[str, float, RectT]] = []

    def snap(value: float, targets: list[tuple[float, RectT]], o: float, axis: str) -> float:
        best = _best((value,), targets)
        if best is not None:
            hits.append((axis, best[1], best[2]))
            return best[1]
        return _grid(value, o, grid)

    if "w" in handle:
        x1 = min(snap(x1, xt, origin[0], "x"), x2 - 1)
    if "e" in handle:
        x2 = max(snap(x2, xt, origin[0], "x"), x1 + 1)
    if "n" in handle:
        y1 = min(snap(y1, yt, origin[1], "y"), y2 - 1)
    if "s" in handle:
        y2 = max(snap(y2, yt, origin[1], "y"), y1 + 1)
    result = (x1, y1, x2 - x1, y2 - y1)
    for axis, value, other in hits:
        guides.append(_vertical(value, result, other) if axis == "x"
                      else _horizontal(value, result, other))
    return result, guides


def _vertical(x: float, a: RectT, b: RectT) -> Line:
    top = min(a[1], b[1]) - 8
    bottom = max(a[1] + a[3], b[1] + b[3]) + 8
    return ((x, top), (x, bottom))


def _horizontal(y: float, a: RectT, b: RectT) -> Line:
    left = min(a[0], b[0]) - 8
    right = max(a[0] + a[2], b[0] + b[2]) + 8
    return ((left, y), (right, y))
