"""'Signed in as': the preview user whose values ``user.*`` bindings show on the canvas.

View state of the controller (``preview_user``), never part of the model or an export. One
row per standard claim and per claim the sign-in block declares; an empty row keeps the
sample value (``designer.model.user.sample_user``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from designer.model.signin import SignIn
from designer.model.user import sample_user
from designer.ui.controller import DocumentController


def _parse(text: str, kind: str) -> Any:
    """``text`` as a claim of ``kind`` (a list is comma-separated); None if it does not fit."""
    text = text.strip()
    if kind == "list":
        return [part.strip() for part in text.split(",") if part.strip()]
    if kind == "integer":
        return int(text) if text.lstrip("-").isdigit() else None
    if kind == "decimal":
        try:
            return float(text)
        except ValueError:
            return None
    if kind == "boolean":
        return {"true": True, "false": False}.get(text.lower())
    return text


class PreviewUserEditor(QWidget):
    """Editors for the preview user's claims; edits go to ``controller.set_preview_user``."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[str, tuple[QLineEdit, str]] = {}
        self._claims: tuple[tuple[str, str], ...] = ()

    def set_sign_in(self, sign_in: SignIn) -> None:
        """Rebuild the rows when the declared claims change (values are kept by name)."""
        claims = tuple(sign_in.user_fields().items())
        sample = sample_user(sign_in)
        if claims != self._claims:
            while self.form.rowCount():
                self.form.removeRow(0)
            self.edits = {}
            for name, kind in claims:
                edit = QLineEdit(self)
                edit.setObjectName(f"previewUser_{name}")
                edit.editingFinished.connect(self._apply)
                self.form.addRow(f"user.{name}", edit)
                self.edits[name] = (edit, kind)
            self._claims = claims
        given = self.controller.preview_user
        for name, (edit, kind) in self.edits.items():
            value = given.get(name, sample.get(name))
            edit.setPlaceholderText(_shown(sample.get(name)))
            if name in given and edit.text() != _shown(value):
                edit.setText(_shown(value))

    def _apply(self) -> None:
        values: dict[str, Any] = {}
        for name, (edit, kind) in self.edits.items():
            if edit.text().strip():
                value = _parse(edit.text(), kind)
                if value is not None:
                    values[name] = value
        self.controller.set_preview_user(values)


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
