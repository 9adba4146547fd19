"""Shared look of the panels: colours, icons, collapsible sections, small header labels."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

ERROR_COLOR = "#c62828"
MUTED_COLOR = "#6b7280"
ICON_COLOR = "#455a64"
ACCENT_COLOR = "#1565c0"
PII_COLOR = "#ad1457"
KEY_COLOR = "#b7791f"
SPACING = 6
LABEL_WIDTH = 104


@lru_cache(maxsize=512)
def icon(name: str, color: str = ICON_COLOR) -> QIcon:
    """An icon by qtawesome name (an empty icon if the name is unknown)."""
    from designer.ui.icons import icon as named_icon
    try:
        return named_icon(name, color=color)
    except Exception:  # noqa: BLE001 - unknown icon names must not break a panel
        return QIcon()


def tool_button(icon_name: str, tip: str, parent: QWidget | None = None) -> QToolButton:
    """A flat square icon button with a tooltip (also its accessible name)."""
    button = QToolButton(parent)
    button.setIcon(icon(icon_name))
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setAutoRaise(True)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return button


class Section(QWidget):
    """A titled, collapsible group: a header row with an arrow, and a body widget."""

    toggled = Signal(bool)

    def __init__(self, title: str, body: QWidget, expanded: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body = body
        self.header = QToolButton(self)
        self.header.setText(title)
        self.header.setCheckable(True)
        self.header.setChecked(expanded)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setAutoRaise(True)
        self.header.setStyleSheet("QToolButton { font-weight: 600; border: none; padding: 3px 0; }")
        self.header.toggled.connect(self._toggle)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #d8dde3;")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.header)
        top.addWidget(line, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 2)
        lay.setSpacing(4)
        lay.addLayout(top)
        lay.addWidget(body)
        self._toggle(expanded)

    def _toggle(self, expanded: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)
        self.toggled.emit(expanded)

    def set_title(self, title: str) -> None:
        self.header.setText(title)


def muted_label(text: str, parent: QWidget | None = None) -> QLabel:
    """Small grey explanatory text."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED_COLOR}; font-size: 11px;")
    return label
