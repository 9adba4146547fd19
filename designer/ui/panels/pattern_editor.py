"""A validation rule's regular expression, checked as typed in the exported apps' dialect.

The exported apps compile patterns as JavaScript/Dart unicode-mode regular expressions
(``designer.model.portable_regex``, the check ``fieldcraft validate`` and ``lint`` make too).
An invalid pattern stays in the field with an inline error naming its position. The pattern is
committed on Enter or when the field loses focus, as one undo step, and only when it is valid:
half-typed prefixes (``^`` on the way to ``^(?<zip>…)$``) never reach the model.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from designer.model.portable_regex import pattern_error

from .context import FormContext
from .editors import MIXED, FieldEditor
from .fieldspec import FieldSpec
from .style import ERROR_COLOR

_ERROR_FRAME = f"QLineEdit {{ border: 1px solid {ERROR_COLOR}; border-radius: 3px; }}"


class PatternEditor(FieldEditor):
    """One line of regular expression with live checking; invalid text is never emitted."""

    def __init__(self, spec: FieldSpec, ctx: FormContext, owner: type | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, owner, parent)
        self.line = QLineEdit(self)
        self.line.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.line.setAccessibleName("Pattern")
        if spec.max_length:
            self.line.setMaxLength(spec.max_length)
        self.line.setPlaceholderText("regular expression, e.g. ^[0-9]{5}$")
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR}; font-size: 11px;")
        self.error_label.hide()
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.line)
        column.addWidget(self.error_label)
        self.lay.addLayout(column)
        self.line.textEdited.connect(self.check)
        self.line.editingFinished.connect(self._on_finished)
        self._shown: Any = None

    def set_value(self, value: Any) -> None:
        self._shown = value
        text = value or ""
        if self.line.text() != text:
            self.line.setText(text)
        self.line.setPlaceholderText("regular expression, e.g. ^[0-9]{5}$")
        self.check(text)  # a pattern loaded from a file may already be broken

    def set_mixed(self) -> None:
        self._shown = MIXED
        self.line.clear()
        self.line.setPlaceholderText(MIXED)
        self.check("")

    def check(self, text: str) -> bool:
        """Show why ``text`` would not compile in the exported apps; True if it would."""
        error = pattern_error(text)
        self.error_label.setVisible(error is not None)
        self.line.setStyleSheet(_ERROR_FRAME if error else "")
        message = f"{error.message} (at {error.position + 1})" if error else ""
        self.error_label.setText(message)
        self.line.setToolTip(message or self.spec.description)
        return error is None

    def _on_finished(self) -> None:
        text = self.line.text()
        unchanged = text == (self._shown or "") or (self._shown == MIXED and not text)
        if self.check(text) and not unchanged:
            self._shown = text
            self._emit(text)
        self.new_session()
