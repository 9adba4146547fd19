"""Icons by qtawesome name (``mdi6.content-copy``) drawn from the Material Design font that
qtawesome ships, without importing qtawesome.

Importing qtawesome (qtpy's star imports of every Qt module) and loading its twelve fonts took
~170 ms of the designer's cold start; the designer only uses ``mdi6`` icons. Other prefixes
still go through qtawesome, imported on first use.
"""

from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (QColor, QFont, QFontDatabase, QGuiApplication, QIcon, QIconEngine,
                           QPainter, QPalette, QPixmap)

PREFIX = "mdi6"


def _font_dir() -> Path | None:
    spec = importlib.util.find_spec("qtawesome")
    locations = spec.submodule_search_locations if spec else None
    return Path(list(locations)[0]) / "fonts" if locations else None


@lru_cache(maxsize=1)
def _font() -> tuple[str, dict[str, str]] | None:
    """(font family, {icon name: glyph}) of the bundled mdi6 font; None if it is missing."""
    folder = _font_dir()
    if folder is None:
        return None
    ttf = sorted(folder.glob("materialdesignicons6-webfont-*.ttf"))
    charmap = sorted(folder.glob("materialdesignicons6-webfont-charmap-*.json"))
    if not ttf or not charmap:
        return None
    font_id = QFontDatabase.addApplicationFont(str(ttf[-1]))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    codes = json.loads(charmap[-1].read_text(encoding="utf-8"))
    return families[0], {name: chr(int(code, 16)) for name, code in codes.items()}


class _GlyphEngine(QIconEngine):
    """Paints one glyph, in ``color`` (or the palette's text colour), greyed when disabled."""

    def __init__(self, family: str, glyph: str, color: QColor | None) -> None:
        super().__init__()
        self.family, self.glyph, self.color = family, glyph, color

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        palette = QGuiApplication.palette()
        if mode == QIcon.Mode.Disabled:
            color = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        else:
            color = self.color or palette.color(QPalette.ColorGroup.Normal,
                                                QPalette.ColorRole.Text)
        font = QFont(self.family)
        font.setPixelSize(max(1, round(0.875 * rect.height())))  # as qtawesome: room for bearing
        painter.save()
        painter.setPen(color)
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.glyph)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _GlyphEngine(self.family, self.glyph, self.color)


def icon(name: str, color: str | QColor | None = None) -> QIcon:
    """The icon called ``name`` (qtawesome naming); raises ``Exception`` if it is unknown."""
    prefix, _, glyph_name = name.partition(".")
    font = _font() if prefix == PREFIX else None
    if font is None:
        import qtawesome  # other icon sets (or no bundled font): the full library
        return qtawesome.icon(name, color=color) if color else qtawesome.icon(name)
    family, glyphs = font
    if glyph_name not in glyphs:
        raise KeyError(f"unknown icon {name!r}")
    return QIcon(_GlyphEngine(family, glyphs[glyph_name], QColor(color) if color else None))
