"""Editors for a widget's layout: the four edges of padding/margin, and fill/hug/fixed sizing.

Like every field editor they only emit ``edited(value)``; here the value is a partial update
(one side, or the policy with its fixed size) that the form applies to the Layout object.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from .context import FormContext
from .editors import MIXED, FieldEditor, no_wheel
from .fieldspec import FieldSpec, humanize


class EdgesEditor(FieldEditor):
    """Four spin boxes (top, right, bottom, left); emits a partial update of one side."""

    SIDES = (("top", "mdi6.border-top-variant"), ("right", "mdi6.border-right-variant"),
             ("bottom", "mdi6.border-bottom-variant"), ("left", "mdi6.border-left-variant"))

    def __init__(self, spec: FieldSpec, ctx: FormContext, owner: type | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, owner, parent)
        self.lay.setSpacing(2)
        self.spins: dict[str, QSpinBox] = {}
        for side, _icon in self.SIDES:
            spin = no_wheel(QSpinBox(self))
            spin.setRange(0, 1000)
            spin.setToolTip(f"{spec.label}: {side}")
            spin.setAccessibleName(f"{spec.label} {side}")
            spin.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
            spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
            spin.setMinimumWidth(34)
            spin.valueChanged.connect(lambda v, s=side: self._emit({s: float(v)}, merging=True))
            spin.editingFinished.connect(self.new_session)
            self.lay.addWidget(spin, 1)
            self.spins[side] = spin

    def merge_key(self) -> Any:
        return (self.spec.name, self.session) if self.merging else None

    def set_values(self, values: list[Any]) -> None:
        self._updating = True
        try:
            for side, spin in self.spins.items():
                sides = [getattr(v, side) for v in values]
                if sides and all(s == sides[0] for s in sides):
                    spin.lineEdit().setPlaceholderText("")
                    if spin.value() != int(sides[0]) or not spin.lineEdit().text():
                        spin.setValue(int(sides[0]))
                        spin.lineEdit().setText(str(int(sides[0])))
                else:
                    spin.lineEdit().clear()
                    spin.lineEdit().setPlaceholderText("–")
        finally:
            self._updating = False

    def set_value(self, value: Any) -> None:
        self.set_values([value])


class SizePolicyEditor(FieldEditor):
    """Fill / hug / fixed, with the fixed size next to it (edits two Layout fields at once)."""

    def __init__(self, spec: FieldSpec, ctx: FormContext, owner: type | None = None,
                 parent: QWidget | None = None, fixed_field: str = "fixed_width") -> None:
        super().__init__(spec, ctx, owner, parent)
        self.fixed_field = fixed_field
        self.combo = no_wheel(QComboBox(self))  # type: ignore[assignment]
        for choice in spec.choices:
            self.combo.addItem(humanize(str(choice)), choice)
        self.size = no_wheel(QSpinBox(self))  # type: ignore[assignment]
        self.size.setRange(0, 100_000)
        self.size.setSuffix(" px")
        self.size.setSpecialValueText("–")
        self.size.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.size.setAccessibleName(humanize(fixed_field))
        self.lay.addWidget(self.combo, 1)
        self.lay.addWidget(self.size, 1)
        self.combo.activated.connect(self._on_policy)
        self.size.valueChanged.connect(self._on_size)
        self.size.editingFinished.connect(self.new_session)

    def set_values(self, values: list[Any]) -> None:
        """``values``: the Layout objects of the selection."""
        self._updating = True
        try:
            policies = [getattr(v, self.spec.name) for v in values]
            sizes = [getattr(v, self.fixed_field) for v in values]
            same_policy = all(p == policies[0] for p in policies)
            self.combo.setPlaceholderText(MIXED)
            self.combo.setCurrentIndex(self.combo.findData(policies[0]) if same_policy else -1)
            fixed = same_policy and policies[0] == "fixed"
            self.size.setEnabled(fixed)
            if all(s == sizes[0] for s in sizes) and sizes[0] is not None:
                self.size.setValue(int(sizes[0]))
            elif not fixed:
                self.size.setValue(0)
        finally:
            self._updating = False

    def set_value(self, value: Any) -> None:
        self.set_values([value])

    def _on_policy(self, index: int) -> None:
        policy = self.combo.itemData(index)
        self.size.setEnabled(policy == "fixed")
        update: dict[str, Any] = {self.spec.name: policy}
        if policy == "fixed":
            update[self.fixed_field] = float(self.size.value() or 120)
            self._updating = True
            self.size.setValue(int(update[self.fixed_field]))
            self._updating = False
        self._emit(update)

    def _on_size(self, value: int) -> None:
        self._emit({self.spec.name: "fixed", self.fixed_field: float(value)}, merging=True)


__all__ = ["EdgesEditor", "SizePolicyEditor"]
