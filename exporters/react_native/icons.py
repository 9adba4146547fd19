"""The Expo app icon: 1024 px and opaque (no alpha channel), as the App Store requires."""

from __future__ import annotations

import struct
import zlib
from functools import lru_cache

from ..pwa.icons import draw_icon

ICON_SIZE = 1024


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    out, pos = [], 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos:pos + 4])
        out.append((png[pos + 4:pos + 8], png[pos + 8:pos + 8 + length]))
        pos += 12 + length
    return out


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


@lru_cache(maxsize=8)
def opaque_icon(color: str, size: int = ICON_SIZE) -> bytes:
    """The full-bleed theme icon as an 8-bit RGB PNG (the RGBA drawing without its alpha)."""
    chunks = dict(_chunks(draw_icon(size, color, True)))
    width, height, depth, kind = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    if (depth, kind) != (8, 6):
        raise ValueError("expected an 8-bit RGBA icon")
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = width * 4 + 1
    rows = []
    for y in range(height):
        row = raw[y * stride:(y + 1) * stride]
        if row[0] != 0:
            raise ValueError("expected unfiltered rows")
        pixels = row[1:]
        rgb = bytearray(width * 3)
        rgb[0::3], rgb[1::3], rgb[2::3] = pixels[0::4], pixels[1::4], pixels[2::4]
        rows.append(b"\x00" + bytes(rgb))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + _chunk(b"IEND", b""))
