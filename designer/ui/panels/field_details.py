"""The data panel's field editor: name, type and back-end (wire) name of the selected field.

An imported source's back-end names come from its contract and re-import matches fields by
them, so they are read-only there; a hand-made source's are editable, checked as typed and
committed (one undo step, ``ReplaceDataSource``) on Enter or when the editor loses focus.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from designer.commands import ReplaceDataSource
from designer.model.data import DataField, DataSource, Entity
from designer.ui.controller import DocumentController

from .style import ERROR_COLOR, MUTED_COLOR

MAX_WIRE = 256  # DataField.wire_name's max_length


def wire_name_problem(value: str, field: DataField, entity: Entity) -> str:
    """Why ``value`` cannot be ``field``'s back-end name ("" when it can)."""
    if len(value) > MAX_WIRE:
        return f"at most {MAX_WIRE} characters (this has {len(value)})"
    if value != value.strip():
        return "no spaces at the start or end"
    bad = next((i for i, ch in enumerate(value) if ord(ch) < 32 or ord(ch) == 127), None)
    if bad is not None:
        return f"control character at position {bad + 1}"
    wire = value or field.name
    other = next((f for f in entity.fields if f.name != field.name and f.wire == wire), None)
    if other is not None:
        return f"`{other.name}` already reads `{wire}` from the back end"
    return ""


class FieldDetails(QWidget):
    """Shows one data field; edits its back-end name where the source allows it."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.ref: tuple[str, str, str] | None = None
        self.name = QLabel(self)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.type = QLabel(self)
        self.type.setStyleSheet(f"color: {MUTED_COLOR};")
        self.wire = QLineEdit(self)
        self.wire.setAccessibleName("Back-end name")
        self.wire.setMaxLength(MAX_WIRE + 1)  # one over, so "too long" can be said
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.error.hide()
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 4)
        form.setVerticalSpacing(3)
        form.addRow("Field", self.name)
        form.addRow("Type", self.type)
        form.addRow("Back-end name", self.wire)
        form.addRow("", self.error)
        self.wire.textEdited.connect(self._check)
        self.wire.editingFinished.connect(self.commit)
        # selecting a field must not resize the tree under the pointer (it would break a drag)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.hide()

    def _target(self) -> tuple[DataSource, Entity, DataField] | None:
        if self.ref is None:
            return None
        source = self.controller.app.source(self.ref[0])
        entity = source.entity(self.ref[1]) if source else None
        field = entity.field(self.ref[2]) if entity else None
        return (source, entity, field) if source and entity and field else None

    def show_field(self, ref: tuple[str, str, str] | None) -> None:
        """Show the field ``(source, entity, field)`` (None: hide)."""
        self.ref = ref
        target = self._target()
        self.setVisible(target is not None)
        if target is None:
            return
        source, entity, field = target
        self.name.setText(f"{entity.name}.{field.name}")
        self.type.setText(field.type + (f" → {field.entity}" if field.entity else ""))
        self.wire.setText(field.wire_name)
        self.wire.setPlaceholderText(f"same as name ({field.name})")
        imported = bool(source.origin)
        self.wire.setReadOnly(imported)
        self.wire.setToolTip(
            f"Set by the import from {source.origin}: re-import matches fields by this name, "
            "so change it in the contract and re-import." if imported else
            "The field's name in the back end's payloads (JSON key, column, property); "
            "empty = the field name.")
        self.error.hide()

    def _check(self, text: str) -> str:
        target = self._target()
        problem = wire_name_problem(text, target[2], target[1]) if target else ""
        self.error.setText(f"Back-end name: {problem}" if problem else "")
        self.error.setVisible(bool(problem))
        return problem

    def commit(self) -> bool:
        """Push the typed back-end name (nothing while it is invalid or unchanged)."""
        target = self._target()
        if target is None or self.wire.isReadOnly():
            return False
        source, entity, field = target
        value = self.wire.text()
        if self._check(value) or value == field.wire_name:
            return False
        updated = source.model_copy(deep=True)
        updated_entity = updated.entity(entity.name)
        assert updated_entity is not None
        updated_entity.field(field.name).wire_name = value  # type: ignore[union-attr]
        command = ReplaceDataSource(source.name, updated)
        command.text = f"Set back-end name of {entity.name}.{field.name}"
        return bool(self.controller.push(command))
