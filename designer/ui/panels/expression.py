"""An expression input: live type check, inline error with its span underlined, completion."""

from __future__ import annotations

import itertools
from typing import Any, Callable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QFontDatabase, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (QCompleter, QHBoxLayout, QLabel, QPlainTextEdit, QTextEdit,
                               QToolButton, QVBoxLayout, QWidget)

from designer.expressions import ExpressionError, check, complete
from designer.expressions.types import ANY, ExprType, is_assignable

from .style import ERROR_COLOR, MUTED_COLOR

ScopeFn = Callable[[], Any]
_SESSIONS = itertools.count(1)


def check_text(text: str, scope: Any, expected: ExprType | None = None
               ) -> tuple[ExprType | None, ExpressionError | None]:
    """``(type, None)`` if ``text`` checks in ``scope`` (and fits ``expected``), else the error."""
    if not text.strip():
        return None, None
    if scope is None:
        return ANY, None
    try:
        found = check(text, scope)
    except ExpressionError as exc:
        return None, exc
    except (ValueError, RecursionError) as exc:  # defensive: never crash the editor
        return None, ExpressionError(str(exc), 0, len(text))
    if expected is not None and not is_assignable(found, expected):
        return found, ExpressionError(f"expected {expected.describe()}, got {found.describe()}",
                                      0, len(text))
    return found, None


class ExpressionText(QPlainTextEdit):
    """A one-line-ish code editor: Enter finishes, Tab moves on, completion popup."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(8.0, self.font().pointSizeF()))
        self.setFont(font)
        self.completer: QCompleter | None = None
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()

    def _fit_height(self, *_: Any) -> None:
        lines = 0
        block = self.document().firstBlock()
        while block.isValid():
            layout = block.layout()
            lines += max(1, layout.lineCount() if layout is not None else 1)
            block = block.next()
        lines = max(1, min(4, lines))
        margins = self.contentsMargins()
        doc_margin = self.document().documentMargin()
        height = lines * self.fontMetrics().lineSpacing() + 2 * doc_margin + \
            margins.top() + margins.bottom() + 2
        self.setFixedHeight(int(height))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._fit_height()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        popup = self.completer.popup() if self.completer else None
        if popup is not None and popup.isVisible() and event.key() in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape, Qt.Key.Key_Tab):
            event.ignore()  # the completer handles these
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finished.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        super().focusOutEvent(event)
        popup = self.completer.popup() if self.completer else None
        if popup is None or not popup.isVisible():
            self.finished.emit()


class ExpressionField(QWidget):
    """Expression text + inline error. Emits ``edited(text)`` only for texts that check.

    ``scope_fn`` returns the Scope to check against (None: no checking). ``expected`` is the
    required result type (e.g. BOOLEAN for ``visible_when``).
    """

    edited = Signal(str)
    finished = Signal()

    def __init__(self, scope_fn: ScopeFn, expected: ExprType | None = None,
                 placeholder: str = "expression", show_type: bool = False,
                 parent: QWidget | None = None,
                 extra_check: Callable[[str], ExpressionError | None] | None = None) -> None:
        super().__init__(parent)
        self.scope_fn = scope_fn
        self.extra_check = extra_check
        self.expected = expected
        self.show_type = show_type
        self.session = next(_SESSIONS)
        self.error: ExpressionError | None = None
        self.result_type: ExprType | None = None
        self._updating = False
        self._shown = ""

        self.text_edit = ExpressionText(self)
        self.text_edit.setPlaceholderText(placeholder)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR}; font-size: 11px;")
        self.error_label.hide()
        self.fix_button = QToolButton(self)
        self.fix_button.setAutoRaise(True)
        self.fix_button.setStyleSheet("font-size: 11px;")
        self.fix_button.hide()
        self.fix_button.clicked.connect(self._apply_suggestion)
        self.type_label = QLabel(self)
        self.type_label.setStyleSheet(f"color: {MUTED_COLOR}; font-size: 11px;")
        self.type_label.hide()

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.text_edit)
        lay.addWidget(self.error_label)  # the whole width: a narrow column wraps it less
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.fix_button)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addWidget(self.type_label)

        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setWidget(self.text_edit)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.activated.connect(self._insert_completion)
        self.text_edit.completer = self.completer

        self.text_edit.textChanged.connect(self._on_text_changed)
        self.text_edit.finished.connect(self._on_finished)

    # ----------------------------------------------------------------- API
    def text(self) -> str:
        return self.text_edit.toPlainText()

    def set_text(self, text: str) -> None:
        """Show ``text`` (from the model) without emitting ``edited``."""
        self._shown = text.strip()
        if text.strip() == self.text().strip():
            self._validate()
            return
        self._updating = True
        try:
            self.text_edit.setPlainText(text)
            self.text_edit.moveCursor(QTextCursor.MoveOperation.End)
        finally:
            self._updating = False
        self._validate()

    def set_mixed(self) -> None:
        self.set_text("")
        self.text_edit.setPlaceholderText("(mixed)")

    def new_session(self) -> None:
        """The next edit starts a new undo step."""
        self.session = next(_SESSIONS)

    def revalidate(self) -> None:
        """Re-check against the current scope (the model changed)."""
        self._validate()

    # ------------------------------------------------------------- internals
    def _validate(self) -> bool:
        text = self.text()
        self.result_type, self.error = check_text(text, self.scope_fn(), self.expected)
        if self.error is None and self.extra_check is not None and text.strip():
            self.error = self.extra_check(text)
        selections = []
        if self.error is not None:
            start = max(0, min(self.error.start, len(text)))
            end = max(start, min(self.error.end, len(text)))
            if end == start:  # an empty span (e.g. "missing value"): mark the char before
                start = max(0, start - 1)
                end = max(end, start + 1)
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor(ERROR_COLOR))
            fmt.setBackground(QColor(ERROR_COLOR).lighter(185))
            selection.format = fmt
            cursor = QTextCursor(self.text_edit.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
            suggestion = self.error.suggestion
            hint = f" — did you mean `{suggestion}`?" if suggestion else ""
            self.error_label.setText(f"{self.error.message} (at {self.error.start + 1}){hint}")
            self.error_label.show()
            self.fix_button.setVisible(bool(suggestion))
            if suggestion:
                self.fix_button.setText(f"Use {suggestion}")
            self.type_label.hide()
        else:
            self.error_label.hide()
            self.fix_button.hide()
            shown = self.show_type and self.result_type is not None and text.strip()
            if shown:
                self.type_label.setText(f"→ {self.result_type.describe()}")  # type: ignore[union-attr]
            self.type_label.setVisible(bool(shown))
        self.text_edit.setExtraSelections(selections)
        self.text_edit.setToolTip(self.error_label.text() if self.error else "")
        return self.error is None

    def _on_text_changed(self) -> None:
        if self._updating:
            return
        ok = self._validate()
        self._update_completions()
        text = self.text().strip()
        if ok and text != self._shown:  # spaces around an expression are not an edit
            self._shown = text
            self.edited.emit(text)

    def _on_finished(self) -> None:
        self.session = next(_SESSIONS)
        self.finished.emit()

    def _apply_suggestion(self) -> None:
        if self.error is None or not self.error.suggestion:
            return
        text = self.text()
        start, end = self.error.start, self.error.end
        self.text_edit.setPlainText(text[:start] + self.error.suggestion + text[end:])
        self.text_edit.moveCursor(QTextCursor.MoveOperation.End)

    def _update_completions(self) -> None:
        scope = self.scope_fn()
        if scope is None or not self.text_edit.hasFocus():
            return
        cursor = self.text_edit.textCursor().position()
        text = self.text()
        try:
            items = complete(text, cursor, scope)
        except Exception:  # noqa: BLE001 - completion is best effort, never break typing
            items = []
        partial = _partial_word(text, cursor)
        if not items or (not partial and not text[:cursor].endswith(".")) or items == [partial]:
            self.completer.popup().hide()
            return
        self._model.setStringList(items[:50])
        self.completer.setCompletionPrefix("")
        rect = self.text_edit.cursorRect()
        rect.setWidth(max(160, self.completer.popup().sizeHintForColumn(0) + 24))
        self.completer.complete(rect)

    def _insert_completion(self, word: str) -> None:
        cursor = self.text_edit.textCursor()
        partial = _partial_word(self.text(), cursor.position())
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor,
                            len(partial))
        cursor.insertText(word)
        self.text_edit.setTextCursor(cursor)


def _partial_word(text: str, cursor: int) -> str:
    i = cursor
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_"):
        i -= 1
    return text[i:cursor]

