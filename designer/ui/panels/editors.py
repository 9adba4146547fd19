"""Typed field editors. Each shows a value (or a "mixed" state) and emits ``edited(value)``.

Editors never touch the model: a form collects their edits and a mediator turns them into
commands. ``merge_key()`` is non-None while the user is typing, so keystrokes merge into one
undo step; a new typing session starts when the editor loses focus or Enter is pressed.
"""

from __future__ import annotations

import itertools
import re
from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import (QCheckBox, QColorDialog, QComboBox, QDoubleSpinBox, QGridLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QSpinBox,
                               QToolButton, QVBoxLayout, QWidget)

from designer.expressions import BOOLEAN

from .context import FormContext
from .expression import ExpressionField
from .fieldspec import FieldSpec, humanize
from .style import MUTED_COLOR, tool_button

_SESSIONS = itertools.count(1)
MIXED = "(mixed)"
#: Expression fields whose value must be yes/no.
BOOLEAN_EXPRESSIONS = frozenset({"visible_when", "expression", "filter", "enabled"})


class _NoWheelUnlessFocused(QObject):
    """Scrolling the panel must not change spin boxes and combos under the mouse."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Wheel and isinstance(obj, QWidget) and not obj.hasFocus():
            event.ignore()
            return True
        return False


_NO_WHEEL = _NoWheelUnlessFocused()


def no_wheel(widget: QWidget) -> QWidget:
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.installEventFilter(_NO_WHEEL)
    return widget


class FieldEditor(QWidget):
    """Base editor for one field."""

    edited = Signal(object)

    def __init__(self, spec: FieldSpec, ctx: FormContext, owner: type | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec, self.ctx, self.owner = spec, ctx, owner
        self.session = next(_SESSIONS)
        self.merging = False
        self._updating = False
        self.setToolTip(spec.description)
        self.lay = QHBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 0)
        self.lay.setSpacing(4)

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_mixed(self) -> None:
        """Show that the selected objects have different values."""

    def set_values(self, values: list[Any]) -> None:
        """Show one value, or the mixed state if ``values`` differ."""
        self._updating = True
        try:
            if values and all(v == values[0] for v in values[1:]):
                self.set_value(values[0])
            else:
                self.set_mixed()
        finally:
            self._updating = False

    def merge_key(self) -> Any:
        return (self.spec.name, self.session) if self.merging else None

    def new_session(self) -> None:
        self.session = next(_SESSIONS)

    def _emit(self, value: Any, merging: bool = False) -> None:
        if not self._updating:
            self.merging = merging
            self.edited.emit(value)


class LineEditor(FieldEditor):
    """Single-line text. Names and patterned strings commit on Enter/focus-out only."""

    def __init__(self, spec: FieldSpec, ctx: FormContext, owner: type | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, owner, parent)
        self.line = QLineEdit(self)
        self.line.setToolTip(spec.description)
        if spec.max_length:
            self.line.setMaxLength(spec.max_length)
        self.commit_on_finish = spec.kind == "name" or bool(spec.pattern)
        if spec.pattern and QRegularExpression(spec.pattern).isValid():
            self.line.setValidator(QRegularExpressionValidator(
                QRegularExpression(spec.pattern), self.line))
        if spec.optional:
            self.line.setPlaceholderText("(none)")
        self.lay.addWidget(self.line)
        self.line.textEdited.connect(self._on_edited)
        self.line.editingFinished.connect(self._on_finished)
        self._shown: Any = None

    def set_value(self, value: Any) -> None:
        self._shown = value
        text = "" if value is None else str(value)
        if self.line.text() != text:
            self.line.setText(text)
        self.line.setPlaceholderText("(none)" if self.spec.optional else "")

    def set_mixed(self) -> None:
        self._shown = MIXED
        self.line.clear()
        self.line.setPlaceholderText(MIXED)

    def _value(self) -> Any:
        text = self.line.text()
        return None if self.spec.optional and not text else text

    def _on_edited(self, _text: str) -> None:
        if not self.commit_on_finish:
            self._emit(self._value(), merging=True)

    def _on_finished(self) -> None:
        if self.commit_on_finish and self._value() != self._shown and \
                not (self._shown == MIXED and not self.line.text()):
            self._shown = self._value()
            self._emit(self._value())
        self.new_session()


class MultiLineEditor(FieldEditor):
    """A few lines of free text; typing merges into one step."""

    def __init__(self, spec: FieldSpec, ctx: FormContext, owner: type | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, owner, parent)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.lay.addWidget(self.text)
        self.text.textChanged.connect(self._on_changed)
        self.text.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.FocusOut:
            self.new_session()
        return False

    def set_value(self, value: Any) -> None:
        if self.text.toPlainText() != (value or ""):
            self.text.setPlainText(value or "")
        self.text.setPlaceholderText("")

    def set_mixed(self) -> None:
        self.text.clear()
        self.text.setPlaceholderText(MIXED)

    def _on_changed(self) -> None:
        self._emit(self.text.toPlainText(), merging=True)


class CompactDoubleSpinBox(QDoubleSpinBox):
    """Shows ``12`` rather than ``12.00``."""

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt API)
        return f"{value:.{self.decimals()}f}".rstrip("0").rstrip(".") or "0"


class NumberEditor(FieldEditor):
    """A spin box bounded by the field's ge/le; optional fields show "auto" below the minimum."""

    def __init__(self, spec: FieldSpec, ctx: FormContext, owner: type | None = None,
                 parent: QWidget | None = None, none_text: str = "auto") -> None:
        super().__init__(spec, ctx, owner, parent)
        integer = spec.kind == "int"
        self.spin: QSpinBox | QDoubleSpinBox = QSpinBox(self) if integer else CompactDoubleSpinBox(self)
        no_wheel(self.spin)
        lo = spec.lo if spec.lo is not None else -1_000_000
        hi = spec.hi if spec.hi is not None else 1_000_000
        if not integer:
            self.spin.setDecimals(2)  # type: ignore[union-attr]
        self._none_value = lo - 1 if spec.optional else None
        self.spin.setRange(int(lo - 1 if spec.optional else lo) if integer
                           else (lo - 1 if spec.optional else lo),
                           int(hi) if integer else hi)  # type: ignore[arg-type]
        if spec.optional:
            self.spin.setSpecialValueText(none_text)
        self.spin.setAccelerated(True)
        self.spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.spin.setMinimumWidth(72)
        self.lay.addWidget(self.spin)
        self.spin.valueChanged.connect(self._on_changed)
        self.spin.editingFinished.connect(self.new_session)

    def set_value(self, value: Any) -> None:
        self.spin.lineEdit().setPlaceholderText("")
        shown = self._none_value if value is None else value
        if shown is not None and self.spin.value() != shown:
            self.spin.setValue(shown)
        elif shown is not None and not self.spin.lineEdit().text():
            self.spin.setValue(shown)
            self.spin.lineEdit().setText(self.spin.textFromValue(shown))

    def set_mixed(self) -> None:
        self.spin.lineEdit().clear()
        self.spin.lineEdit().setPlaceholderText(MIXED)

    def _on_changed(self, value: float) -> None:
        if self._none_value is not None and value <= self._none_value:
            self._emit(None, merging=True)
        else:
            self._emit(int(value) if self.spec.kind == "int" else float(value), merging=True)


def _swatch(color: str | None, size: int = 16) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(QColor(color) if color else QColor(0, 0, 0, 0))
    if not color:
        from PySide6.QtGui import QPainter, QPen

        painter = QPainter(pix)
        painter.setPen(QPen(QColor("#9aa3ad"), 1, Qt.PenStyle.DashLine))
        painter.drawRect(0, 0, size - 1, size - 1)
        painter.end()
    return QIcon(pix)


class ColorEditor(FieldEditor):
    """A swatch that opens a colour picker, plus the hex text; optional: empty = from theme."""

    HEX = re.compile(r"^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$")

    def __init__(self, spec: FieldSpec, ctx: FormContext, owner: type | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, owner, parent)
        self.swatch = QToolButton(self)
        self.swatch.setToolTip("Pick a colour")
        self.swatch.setAccessibleName("Pick a colour")
        self.hex = QLineEdit(self)
        self.hex.setMaxLength(9)
        self.hex.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"^#?[0-9a-fA-F]{0,8}$"), self.hex))
        self.hex.setPlaceholderText("theme" if spec.optional else "#rrggbb")
        self.lay.addWidget(self.swatch)
        self.lay.addWidget(self.hex, 1)
        self.swatch.clicked.connect(self._pick)
        self.hex.textEdited.connect(self._on_text)
        self.hex.editingFinished.connect(self.new_session)

    def set_value(self, value: Any) -> None:
        self.swatch.setIcon(_swatch(value))
        if self.hex.text().lower() != (value or "").lower():
            self.hex.setText(value or "")
        self.hex.setPlaceholderText("theme" if self.spec.optional else "#rrggbb")

    def set_mixed(self) -> None:
        self.swatch.setIcon(_swatch(None))
        self.hex.clear()
        self.hex.setPlaceholderText(MIXED)

    def _on_text(self, text: str) -> None:
        if not text.startswith("#") and text:
            text = "#" + text
        if self.HEX.match(text):
            self.swatch.setIcon(_swatch(text))
            self._emit(text.lower(), merging=True)
        elif not text and self.spec.optional:
            self.swatch.setIcon(_swatch(None))
            self._emit(None, merging=True)

    def _pick(self) -> None:
        start = QColor(self.hex.text()) if self.HEX.match(self.hex.text()) else QColor("#ffffff")
        color = QColorDialog.getColor(start, self, "Choose colour")
        if color.isValid():
            value = color.name()
            self.set_value(value)
            self.new_session()
            self._emit(value)


class ComboEditor(FieldEditor):
    """A choice: a Literal's values, or names from the document (screens, sources, ...)."""

    def __init__(self, spec: FieldSpec, ctx: FormContext, owner: type | None = None,
                 parent: QWidget | None = None,
                 choices_fn: Callable[[], list[str]] | None = None, editable: bool = False,
                 none_text: str = "(none)") -> None:
        super().__init__(spec, ctx, owner, parent)
        self.choices_fn = choices_fn
        self.none_text = none_text
        self.combo = no_wheel(QComboBox(self))  # type: ignore[assignment]
        self.combo.setEditable(editable)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(6)
        self.lay.addWidget(self.combo)
        self._fill()
        self.combo.activated.connect(self._on_activated)
        if editable:
            self.combo.lineEdit().editingFinished.connect(self._on_typed)

    def _choices(self) -> list[Any]:
        return list(self.choices_fn()) if self.choices_fn else list(self.spec.choices)

    def _fill(self, current: Any = None) -> None:
        values = self._choices()
        #: The value names nothing the document has (a deleted screen, source, ...).
        self.missing = current if current is not None and current not in values \
            and self.choices_fn is not None and not self.combo.isEditable() else None
        if current is not None and current not in values:
            values.append(current)
        if self.spec.optional:
            values.insert(0, None)
        self._mark_missing()
        if (values, self.missing) == getattr(self, "_filled", None):
            return
        self._filled = (list(values), self.missing)
        self.combo.clear()
        for value in values:
            label = self.none_text if value is None else (
                humanize(str(value)) if not self.choices_fn else str(value))
            if value is not None and value == self.missing:
                label = f"{value} (missing)"
            self.combo.addItem(label, value)
            if value is not None and value == self.missing:
                item = self.combo.model().item(self.combo.count() - 1)  # type: ignore[attr-defined]
                item.setEnabled(False)  # shown as the current value, never offered as a choice
                item.setForeground(QColor("#c62828"))

    def _mark_missing(self) -> None:
        if self.missing is None:
            self.combo.setStyleSheet("")
            self.combo.setToolTip(self.spec.description)
            return
        self.combo.setStyleSheet("QComboBox { border: 1.5px solid #c62828; color: #c62828; }")
        self.combo.setToolTip(f"`{self.missing}` does not exist any more (deleted or renamed): "
                              "choose another")

    def set_value(self, value: Any) -> None:
        self._fill(value)
        self.combo.setPlaceholderText("")
        index = self.combo.findData(value)
        self.combo.setCurrentIndex(index)
        if self.combo.isEditable() and index < 0:
            self.combo.setEditText("" if value is None else str(value))

    def set_mixed(self) -> None:
        self._fill()
        self.combo.setPlaceholderText(MIXED)
        self.combo.setCurrentIndex(-1)

    def value(self) -> Any:
        return self.combo.currentData()

    def _on_activated(self, index: int) -> None:
        self._emit(self.combo.itemData(index))

    def _on_typed(self) -> None:
        text = self.combo.currentText().strip()
        if text and text != self.combo.currentData():
            self._emit(text)


class BoolEditor(FieldEditor):
    """A checkbox; partially checked when the selection disagrees."""

    def __init__(self, spec: FieldSpec, ctx: FormContext, owner: type | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, owner, parent)
        self.check = QCheckBox(self)
        self.check.setAccessibleName(spec.label)
        self.lay.addWidget(self.check)
        self.lay.addStretch(1)
        self.check.clicked.connect(self._on_clicked)

    def set_value(self, value: Any) -> None:
        self.check.setTristate(False)
        self.check.setChecked(bool(value))

    def set_mixed(self) -> None:
        self.check.setTristate(True)
        self.check.setCheckState(Qt.CheckState.PartiallyChecked)

    def _on_clicked(self, checked: bool) -> None:
        self.check.setTristate(False)
        self.check.setChecked(checked)
        self._emit(bool(checked))


class EnumListEditor(FieldEditor):
    """Several of a Literal's values (e.g. barcode formats) as a grid of checkboxes."""

    def __init__(self, spec: FieldSpec, ctx: FormContext, owner: type | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, owner, parent)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        self.boxes: dict[Any, QCheckBox] = {}
        for i, choice in enumerate(spec.choices):
            box = QCheckBox(str(choice).replace("_", " ").upper() if len(str(choice)) <= 8
                            else humanize(str(choice)), self)
            box.clicked.connect(self._on_clicked)
            grid.addWidget(box, i // 2, i % 2)
            self.boxes[choice] = box
        self.lay.addLayout(grid)

    def set_value(self, value: Any) -> None:
        for choice, box in self.boxes.items():
            box.setChecked(choice in (value or []))

    def set_mixed(self) -> None:
        for box in self.boxes.values():
            box.setChecked(False)

    def _on_clicked(self) -> None:
        self._emit([c for c, box in self.boxes.items() if box.isChecked()])


class StrListEditor(LineEditor):
    """A short list of words as comma-separated text."""

    def set_value(self, value: Any) -> None:
        super().set_value(", ".join(value or []))
        self._shown = list(value or [])

    def _value(self) -> Any:
        return [part.strip() for part in self.line.text().split(",") if part.strip()]

    def _on_edited(self, _text: str) -> None:
        pass  # commit on Enter / focus-out only

    def _on_finished(self) -> None:
        if self._value() != self._shown:
            self._shown = self._value()
            self._emit(self._value())
        self.new_session()


class ExprEditor(FieldEditor):
    """An expression with live checking; invalid text is shown, never emitted."""

    def __init__(self, spec: FieldSpec, ctx: FormContext, owner: type | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, owner, parent)
        expected = BOOLEAN if spec.name in BOOLEAN_EXPRESSIONS else None
        self.field = ExpressionField(lambda: ctx.scope_for(owner, spec.name), expected,
                                     placeholder=spec.description or "expression", parent=self)
        self.lay.addWidget(self.field)
        self.field.edited.connect(lambda text: self._emit(text, merging=True))
        self.field.finished.connect(self.new_session)

    def merge_key(self) -> Any:
        return (self.spec.name, self.field.session) if self.merging else None

    def set_value(self, value: Any) -> None:
        self.field.text_edit.setPlaceholderText("expression")
        self.field.set_text(value or "")

    def set_mixed(self) -> None:
        self.field.set_mixed()


class ExprMapEditor(FieldEditor):
    """Named expressions (navigate parameters, record values): one row per key.

    ``keys_fn`` gives the keys that are always offered (e.g. the target screen's parameters).
    """

    def __init__(self, spec: FieldSpec, ctx: FormContext, owner: type | None = None,
                 parent: QWidget | None = None,
                 keys_fn: Callable[[], list[str]] | None = None,
                 expected_fn: Callable[[str], Any] | None = None) -> None:
        super().__init__(spec, ctx, owner, parent)
        self.keys_fn = keys_fn or (lambda: [])
        self.expected_fn = expected_fn or (lambda _key: None)
        self.body = QWidget(self)
        self.grid = QGridLayout(self.body)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(4)
        self.grid.setVerticalSpacing(3)
        self.rows: dict[str, ExpressionField] = {}
        self.add_key = QLineEdit(self)
        self.add_key.setPlaceholderText("add a name…")
        self.add_key.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$"), self.add_key))
        self.add_key.returnPressed.connect(self._add_row)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        column.addWidget(self.body)
        column.addWidget(self.add_key)
        self.lay.addLayout(column)
        self.value: dict[str, str] = {}

    def _rebuild(self, keys: list[str]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.rows = {}
        for row, key in enumerate(keys):
            label = QLabel(key, self.body)
            label.setStyleSheet(f"color: {MUTED_COLOR};")
            field = ExpressionField(lambda: self.ctx.scope_for(self.owner, self.spec.name),
                                    self.expected_fn(key), placeholder="(not set)",
                                    parent=self.body)
            field.edited.connect(lambda text, k=key: self._on_row(k, text))
            field.finished.connect(self.new_session)
            self.grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(field, row, 1)
            self.rows[key] = field
        self.grid.setColumnStretch(1, 1)

    def set_value(self, value: Any) -> None:
        self.value = dict(value or {})
        keys = list(dict.fromkeys([*self.keys_fn(), *self.value]))
        if keys != list(self.rows):
            self._rebuild(keys)
        for key, field in self.rows.items():
            field.expected = self.expected_fn(key)
        for key, field in self.rows.items():
            field.set_text(self.value.get(key, ""))

    def set_mixed(self) -> None:
        self.set_value({})

    def merge_key(self) -> Any:
        sessions = tuple(f.session for f in self.rows.values())
        return (self.spec.name, self.session, sessions) if self.merging else None

    def _on_row(self, key: str, text: str) -> None:
        new = dict(self.value)
        if text.strip():
            new[key] = text
        else:
            new.pop(key, None)
        self.value = new
        self._emit(new, merging=True)

    def _add_row(self) -> None:
        key = self.add_key.text().strip()
        if key and key not in self.rows:
            self.add_key.clear()
            self._rebuild([*self.rows, key])
            for k, field in self.rows.items():
                field.set_text(self.value.get(k, ""))
            self.rows[key].text_edit.setFocus()


def tool_row(*buttons: QToolButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(0)
    for button in buttons:
        row.addWidget(button)
    return row


__all__ = ["BoolEditor", "ColorEditor", "ComboEditor", "EnumListEditor", "ExprEditor",
           "ExprMapEditor", "FieldEditor", "LineEditor", "MultiLineEditor", "NumberEditor",
           "StrListEditor", "tool_button", "tool_row"]
