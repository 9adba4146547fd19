"""App icons drawn from the theme colour: PNG (any + maskable) and SVG, no image library."""

from __future__ import annotations

import math
import struct
import zlib
from functools import lru_cache

from ..escaping import css_color


def _png(width: int, height: int, rows: list[bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def _rgb(color: str) -> tuple[int, int, int]:
    c = css_color(color)
    return int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16)


def _spans(y: float, cx: float, cy: float, r: float) -> tuple[float, float] | None:
    dy = y - cy
    if abs(dy) >= r:
        return None
    half = math.sqrt(r * r - dy * dy)
    return cx - half, cx + half


def _cover(x: int, span: tuple[float, float] | None) -> float:
    if span is None:
        return 0.0
    lo, hi = span
    return max(0.0, min(x + 1.0, hi) - max(float(x), lo))


def _fill(row: bytearray, lo: float, hi: float, rgb: tuple[int, int, int], under: bytes) -> None:
    """Paint ``rgb`` over [lo, hi) of ``row``: whole pixels at once, edge pixels blended."""
    size = len(row) // 4
    lo, hi = max(0.0, lo), min(float(size), hi)
    if hi <= lo:
        return
    first, last = math.ceil(lo), math.floor(hi)
    if first < last:
        row[first * 4:last * 4] = bytes((*rgb, 255)) * (last - first)
    for x in {math.floor(lo), last if last < size else None} - {None}:
        cover = _cover(x, (lo, hi))
        if 0 < cover < 1 or (first >= last and cover > 0):
            old = row[x * 4:x * 4 + 4] if row[x * 4 + 3] else under
            mixed = [round(old[i] * (1 - cover) + rgb[i] * cover) for i in range(3)]
            alpha = max(old[3], round(255 * cover)) if row[x * 4 + 3] else round(255 * cover)
            row[x * 4:x * 4 + 4] = bytes((*mixed, alpha))


@lru_cache(maxsize=8)
def draw_icon(size: int, color: str, maskable: bool) -> bytes:
    """A rounded square (full-bleed when maskable) in ``color`` with a white map-pin ring."""
    bg = _rgb(color)
    white = (255, 255, 255)
    radius = 0 if maskable else size * 0.22
    cx = cy = size / 2
    ring_out, ring_in, dot = size * 0.26, size * 0.17, size * 0.08
    rows = []
    for y in range(size):
        yc = y + 0.5
        row = bytearray(size * 4)
        inset = 0.0
        if radius:
            top = radius - yc if yc < radius else (yc - (size - radius) if yc > size - radius else 0)
            inset = radius - math.sqrt(max(0.0, radius * radius - top * top)) if top > 0 else 0.0
        _fill(row, inset, size - inset, bg, bytes((*bg, 0)))
        outer, inner, centre = (_spans(yc, cx, cy, ring_out), _spans(yc, cx, cy, ring_in),
                                _spans(yc, cx, cy, dot))
        whites = []
        if outer:
            whites = [outer] if inner is None else [(outer[0], inner[0]), (inner[1], outer[1])]
        if centre:
            whites.append(centre)
        for lo, hi in whites:
            _fill(row, lo, hi, white, bytes((*bg, 255)))
        rows.append(bytes(row))
    return _png(size, size, rows)


def svg_icon(color: str) -> str:
    """The same icon as SVG."""
    c = css_color(color)
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
            f'<rect width="100" height="100" rx="22" fill="{c}"/>'
            '<circle cx="50" cy="50" r="21.5" fill="none" stroke="#fff" stroke-width="9"/>'
            '<circle cx="50" cy="50" r="8" fill="#fff"/></svg>\n')


def app_icons(color: str) -> dict[str, bytes]:
    """Output path → bytes for every icon the manifest and ``index.html`` reference."""
    return {"icons/icon-192.png": draw_icon(192, color, False),
            "icons/icon-512.png": draw_icon(512, color, False),
            "icons/maskable-512.png": draw_icon(512, color, True),
            "icons/icon.svg": svg_icon(color).encode()}
