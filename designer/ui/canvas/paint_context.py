"""What painters need besides the widget: theme colours, fonts, icons and sample values."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QIcon, QPainter, QPen, QPixmap

from designer.layout_engine import BODY_SIZE, LINE_FACTOR, font_size_of
from designer.model import App, Theme
from widgets import WidgetBase

from .sample import SampleData

#: Material icon names used in models → qtawesome names where they differ.
ICON_ALIASES = {
    "place": "map-marker", "add": "plus", "add_shopping_cart": "cart-plus", "search": "magnify",
    "settings": "cog", "person": "account", "people": "account-multiple", "home": "home",
    "delete": "delete", "edit": "pencil", "save": "content-save", "close": "close",
    "camera": "camera", "directions": "directions", "email": "email", "phone": "phone",
    "sync": "sync", "star": "star", "check": "check", "info": "information-outline",
    "warning": "alert", "error": "alert-circle", "map": "map", "list": "format-list-bulleted",
}
SELECTION = QColor("#0d99ff")


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` blended towards ``b`` by ``t`` (0..1)."""
    return QColor(round(a.red() + (b.red() - a.red()) * t),
                  round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t),
                  round(a.alpha() + (b.alpha() - a.alpha()) * t))


def round_pen(color: QColor, width: float) -> QPen:
    """A solid pen with round caps."""
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def readable_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background``."""
    luma = 0.299 * background.red() + 0.587 * background.green() + 0.114 * background.blue()
    return QColor("#1b1f24") if luma > 160 else QColor("#ffffff")


@lru_cache(maxsize=512)
def icon_pixmap(name: str, color: str, size: int) -> QPixmap | None:
    """An icon (qtawesome naming) rendered at ``size`` px (None if the name is unknown)."""
    from designer.ui.icons import icon as named_icon

    full = name if "." in name else "mdi6." + ICON_ALIASES.get(name, name).replace("_", "-")
    try:
        icon: QIcon = named_icon(full, color=color)
    except Exception:  # noqa: BLE001 - unknown icon names paint nothing
        return None
    return icon.pixmap(QSize(size, size), 2.0)


class PaintContext:
    """Theme, mode and sample data shared by every painter of one canvas."""

    def __init__(self, app: App, preview: bool = False) -> None:
        self.preview = preview
        #: Design aids (container outlines, drop hints, grids, binding badges); off for renders.
        self.chrome = True
        #: Run mode: required inputs without a value show their error.
        self.validate = False
        #: Run mode: values typed or picked per input id, and inputs left after editing
        #: (their rules show like after a submit).
        self.run_values: dict[str, Any] = {}
        self.touched: set[str] = set()
        self.sample = SampleData(app)
        #: Page shown per tabs id; row rects (item coordinates) and emptiness per list id.
        self.active_tabs: dict[str, int] = {}
        self.list_row_rects: dict[str, list[QRectF]] = {}
        self.list_empty: dict[str, bool] = {}
        self.set_theme(app.theme)
        self._fonts: dict[tuple[float, int, bool], QFont] = {}
        self._metrics: dict[tuple[float, int], QFontMetricsF] = {}

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.primary = QColor(theme.primary)
        self.secondary = QColor(theme.secondary)
        self.background = QColor(theme.background)
        self.surface = QColor(theme.surface)
        self.text_color = QColor(theme.text)
        self.muted = mix(self.text_color, self.background, 0.45)
        self.outline = mix(self.text_color, self.background, 0.78)
        self.radius = float(theme.corner_radius)
        self.family = theme.font_family
        self._fonts = {}
        self._metrics = {}

    @property
    def design_chrome(self) -> bool:
        """True while designing on the canvas: paint outlines, hints, grids and badges."""
        return self.chrome and not self.preview

    # --------------------------------------------------------------- values
    def value(self, w: WidgetBase, prop: str, env: Mapping[str, Any] | None) -> Any:
        """A property as shown: the sample value of its binding in preview, else the literal."""
        if prop == "value" and self.preview and w.id in self.run_values:
            return self.run_values[w.id]
        binding = w.bindings.get(prop)
        if self.preview and binding and env is not None:
            return self.sample.evaluate(binding, env)
        return getattr(w, prop, None)

    def text(self, w: WidgetBase, prop: str, env: Mapping[str, Any] | None) -> str:
        """A property as display text (None → "")."""
        value = self.value(w, prop, env)
        if value is None:
            return ""
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    def is_hidden(self, w: WidgetBase, env: Mapping[str, Any] | None) -> bool:
        """True in preview when ``visible_when`` evaluates false."""
        if not (self.preview and w.visible_when and env is not None):
            return False
        return not bool(self.sample.evaluate(w.visible_when, env))

    # ---------------------------------------------------------------- fonts
    def font(self, size: float = BODY_SIZE, weight: str | None = None) -> QFont:
        bold = weight == "bold"
        wkey = 700 if bold else 500 if weight == "medium" else 400
        key = (size, wkey, False)
        font = self._fonts.get(key)
        if font is None:
            font = QFont(self.family)
            font.setStyleHint(QFont.StyleHint.SansSerif)
            font.setPixelSize(max(1, round(size)))
            font.setWeight(QFont.Weight(wkey))
            self._fonts[key] = font
        return font

    def widget_font(self, w: WidgetBase) -> QFont:
        weight = w.style.font_weight or ("bold" if w.kind == "heading" else None)
        return self.font(font_size_of(w), weight)

    def measure(self, text: str, size: float, bold: bool, width: float | None
                ) -> tuple[float, float]:
        """Text size with the theme font (the layout engine's ``TextMeasure``)."""
        key = (size, 700 if bold else 400)
        fm = self._metrics.get(key)
        if fm is None:
            fm = self._metrics[key] = QFontMetricsF(self.font(size, "bold" if bold else None))
        line_h = size * LINE_FACTOR
        if width is None:
            lines = text.split("\n")
            return max(fm.horizontalAdvance(line) for line in lines) + 1, line_h * len(lines)
        rect = fm.boundingRect(QRectF(0, 0, max(width, 1), 1e6),
                               int(Qt.TextFlag.TextWordWrap), text)
        lines = max(1, round(rect.height() / fm.lineSpacing()))
        return min(rect.width() + 1, width), line_h * lines

    # ---------------------------------------------------------------- icons
    def draw_icon(self, p: QPainter, name: str, rect: QRectF, color: QColor) -> bool:
        """Draw a qtawesome/material icon centred in ``rect``; False if unknown."""
        size = max(4, int(min(rect.width(), rect.height())))
        pix = icon_pixmap(name, color.name(QColor.NameFormat.HexArgb), size)
        if pix is None:
            return False
        x = rect.x() + (rect.width() - size) / 2
        y = rect.y() + (rect.height() - size) / 2
        p.drawPixmap(QRectF(x, y, size, size), pix, QRectF(pix.rect()))
        return True
