"""Forms generated from pydantic models: one typed editor per field, nested groups, item lists.

A form emits ``changed(path, value, merge_key)`` with a dotted path relative to its model; a
dict value aimed at a nested model is a partial update of that model.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QMenu, QPushButton,
                               QSizePolicy, QVBoxLayout, QWidget)

from designer.model.actions import ActionBase, Pattern, RuleBase
from designer.model.app import Parameter, Variable

from .context import FormContext, updated
from .editors import (BoolEditor, ColorEditor, ComboEditor, EnumListEditor, ExprEditor,
                      ExprMapEditor, FieldEditor, LineEditor, MultiLineEditor, NumberEditor,
                      StrListEditor)
from .fieldspec import FieldSpec, humanize, specs_of
from .layout_editors import EdgesEditor, SizePolicyEditor
from .pattern_editor import PatternEditor
from .style import ERROR_COLOR, LABEL_WIDTH, MUTED_COLOR, Section, icon, tool_button

#: Icons for the types of actions and validation rules (qtawesome names).
TYPE_ICONS: dict[str, str] = {
    "navigate": "mdi6.arrow-right-circle-outline", "go_back": "mdi6.arrow-left",
    "submit_form": "mdi6.send", "delete": "mdi6.delete-outline", "refresh": "mdi6.refresh",
    "call_operation": "mdi6.play-circle-outline",
    "call_phone": "mdi6.phone", "send_email": "mdi6.email-outline", "open_map": "mdi6.map-marker",
    "open_url": "mdi6.open-in-new", "take_photo": "mdi6.camera", "scan_barcode": "mdi6.barcode",
    "show_message": "mdi6.message-text-outline", "set_variable": "mdi6.variable",
    "append_item": "mdi6.playlist-plus", "sync_now": "mdi6.sync",
    "required": "mdi6.asterisk", "min": "mdi6.format-vertical-align-bottom",
    "max": "mdi6.format-vertical-align-top", "length": "mdi6.ruler",
    "pattern": "mdi6.regex", "expression": "mdi6.function-variant",
}
MULTILINE_FIELDS = frozenset({"description", "help_text"})
#: Discriminator fields, never edited in place (the item's type is fixed once added).
DISCRIMINATORS = ("type", "rule", "kind")


def make_editor(spec: FieldSpec, ctx: FormContext, owner: type[BaseModel],
                form: "ModelForm") -> FieldEditor | None:
    """The editor for ``spec`` of ``owner`` (None: not editable in a form)."""
    name, kind = spec.name, spec.kind
    if kind == "name" and name in ("screen", "then_navigate"):
        return ComboEditor(spec, ctx, owner, choices_fn=ctx.screen_names)
    if kind == "name" and name == "source" or (name == "source" and issubclass(owner, ActionBase)):
        return ComboEditor(spec, ctx, owner, choices_fn=ctx.source_names, none_text="(all)")
    if name == "entity" and (kind == "name" or issubclass(owner, ActionBase)):
        return ComboEditor(spec, ctx, owner, none_text="(all)",
                           choices_fn=lambda: ctx.entity_names(form.current("source")))
    if name == "entity" and owner in (Parameter, Variable):
        return ComboEditor(spec, ctx, owner, editable=True,
                           choices_fn=lambda: ["", *ctx.entity_refs()])
    if issubclass(owner, ActionBase) and name in ("target", "name") and kind != "expr":
        return ComboEditor(spec, ctx, owner, editable=True, choices_fn=ctx.variable_names)
    if kind == "expr_map" and name == "params":
        return ExprMapEditor(
            spec, ctx, owner,
            keys_fn=lambda: ctx.screen_parameters(form.current("screen") or ""),
            expected_fn=lambda key: ctx.screen_parameter_type(form.current("screen") or "", key))
    factories: dict[str, Any] = {
        "text": MultiLineEditor if name in MULTILINE_FIELDS else LineEditor, "name": LineEditor,
        "expr": ExprEditor, "color": ColorEditor, "int": NumberEditor, "float": NumberEditor,
        "bool": BoolEditor, "enum": ComboEditor, "enum_list": EnumListEditor,
        "str_list": StrListEditor, "expr_map": ExprMapEditor,
        "model_list": ModelListEditor, "union_list": ModelListEditor,
    }
    if owner is Pattern and name == "pattern":
        return PatternEditor(spec, ctx, owner)
    if kind == "model" and spec.model is not None and spec.model.__name__ == "Edges":
        return EdgesEditor(spec, ctx, owner)
    if kind in ("int", "float") and spec.optional:
        return NumberEditor(spec, ctx, owner, none_text="theme" if owner.__name__ == "Style"
                            else "auto")
    if kind == "enum" and spec.optional:
        return ComboEditor(spec, ctx, owner, none_text="Theme" if owner.__name__ == "Style"
                           else "Default")
    factory = factories.get(kind)
    return factory(spec, ctx, owner) if factory else None


def _label(spec: FieldSpec, parent: QWidget) -> QLabel:
    label = QLabel(spec.label, parent)
    label.setToolTip(spec.description or spec.label)
    label.setFixedWidth(LABEL_WIDTH)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    label.setStyleSheet(f"color: {MUTED_COLOR};")
    return label


class ModelForm(QWidget):
    """Editors for the fields of ``model`` (or the given ``specs``), laid out label | editor."""

    changed = Signal(str, object, object)  # path, value, merge key

    def __init__(self, model: type[BaseModel], ctx: FormContext,
                 specs: list[FieldSpec] | None = None, exclude: tuple[str, ...] = (),
                 parent: QWidget | None = None, collapse_nested: bool = False) -> None:
        super().__init__(parent)
        self.model, self.ctx = model, ctx
        self.instances: list[BaseModel] = []
        self.editors: dict[str, FieldEditor] = {}
        self.nested: dict[str, tuple[Section, ModelForm, bool]] = {}
        self.labels: dict[str, QLabel] = {}
        self.hidden_rows: frozenset[str] = frozenset()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(5)
        grid.setColumnStretch(1, 1)
        specs = specs if specs is not None else specs_of(model, exclude)
        names = {s.name for s in specs}
        row = 0
        for spec in specs:
            if spec.name in exclude or (spec.name in DISCRIMINATORS and spec.kind == "enum"
                                        and len(spec.choices) == 1):
                continue  # a union member's fixed tag
            if spec.name.startswith("fixed_") and spec.name[6:] in names:
                continue  # edited together with its size policy
            if spec.kind == "model" and spec.model is not None and \
                    spec.model.__name__ not in ("Edges",):
                sub = ModelForm(spec.model, ctx, parent=self)
                section = Section(spec.label, sub, expanded=not collapse_nested, parent=self)
                sub.changed.connect(lambda p, v, k, n=spec.name: self._relay(n, p, v, k))
                self.nested[spec.name] = (section, sub, spec.optional)
                grid.addWidget(section, row, 0, 1, 2)
                row += 1
                continue
            if spec.kind == "enum" and f"fixed_{spec.name}" in names:
                editor: FieldEditor | None = SizePolicyEditor(spec, ctx, model,
                                                              fixed_field=f"fixed_{spec.name}")
                editor.edited.connect(lambda v, e=editor: self.changed.emit("", v, e.merge_key()))
            else:
                editor = make_editor(spec, ctx, model, self)
                if editor is None:
                    continue
                editor.edited.connect(lambda v, n=spec.name, e=editor:
                                      self.changed.emit(n, v, e.merge_key()))
            editor.setParent(self)
            self.editors[spec.name] = editor
            if isinstance(editor, ModelListEditor):
                section = Section(spec.label, editor, parent=self)
                grid.addWidget(section, row, 0, 1, 2)
            elif isinstance(editor, (ExprMapEditor, EnumListEditor)) or spec.kind == "expr":
                label = _label(spec, self)
                label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                label.setContentsMargins(0, 4, 0, 0)
                grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(editor, row, 1)
                self.labels[spec.name] = label
            else:
                label = _label(spec, self)
                grid.addWidget(label, row, 0)
                grid.addWidget(editor, row, 1)
                self.labels[spec.name] = label
            row += 1

    def _relay(self, name: str, path: str, value: Any, key: Any) -> None:
        self.changed.emit(f"{name}.{path}" if path else name, value, key)

    def current(self, name: str) -> Any:
        """The (first) shown object's value of field ``name``."""
        return getattr(self.instances[0], name, None) if self.instances else None

    def set_values(self, instances: list[BaseModel]) -> None:
        """Show the values of ``instances`` (mixed where they differ); never emits."""
        self.instances = list(instances)
        for name, editor in self.editors.items():
            if isinstance(editor, SizePolicyEditor):
                editor.set_values(self.instances)
            else:
                editor.set_values([getattr(i, name) for i in self.instances])
        for name, (section, sub, optional) in self.nested.items():
            values = [getattr(i, name) for i in self.instances]
            present = bool(values) and all(v is not None for v in values)
            section.setVisible(present and name not in self.hidden_rows)
            if present:
                sub.set_values(values)

    def set_hidden_rows(self, names: frozenset[str]) -> None:
        """Hide the rows of fields that have no effect on the objects shown next."""
        self.hidden_rows = names
        for name, editor in self.editors.items():
            editor.setVisible(name not in names)
            if name in self.labels:
                self.labels[name].setVisible(name not in names)
        for name, (section, _sub, _optional) in self.nested.items():
            if name in names:
                section.hide()

    def set_row_enabled(self, name: str, enabled: bool, tip: str = "") -> None:
        """Disable a field's editor (e.g. because it is bound), explaining why in a tooltip."""
        editor = self.editors.get(name)
        if editor is not None:
            editor.setEnabled(enabled)
            editor.setToolTip(tip or editor.spec.description)
        label = self.labels.get(name)
        if label is not None:
            label.setEnabled(enabled)


class _ItemCard(QFrame):
    """One list item: a header (icon, title, move/delete buttons) and its form."""

    def __init__(self, title: str, icon_name: str, form: ModelForm, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("itemCard")
        self.setStyleSheet("#itemCard { border: 1px solid #dde2e8; border-radius: 6px; "
                           "background: palette(base); }")
        self.form = form
        self.title = QLabel(title, self)
        self.title.setStyleSheet("font-weight: 600;")
        self.title.setWordWrap(True)  # a long summary wraps instead of widening the editor
        self.icon = QLabel(self)
        self.icon.setPixmap(icon(icon_name, "#1565c0").pixmap(16, 16))
        self.up = tool_button("mdi6.chevron-up", "Move up", self)
        self.down = tool_button("mdi6.chevron-down", "Move down", self)
        self.remove = tool_button("mdi6.close", "Remove", self)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(4)
        head.addWidget(self.icon)
        head.addWidget(self.title, 1)
        for button in (self.up, self.down, self.remove):
            head.addWidget(button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 4, 4, 8)
        lay.setSpacing(4)
        lay.addLayout(head)
        lay.addWidget(form)
        if not form.editors and not form.nested:
            form.hide()
            lay.setContentsMargins(8, 4, 4, 4)


class ModelListEditor(FieldEditor):
    """An ordered list of models (parameters, options) or of a union (actions, rules)."""

    def __init__(self, spec: FieldSpec, ctx: FormContext, owner: type | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, owner, parent)
        self.items: list[BaseModel] = []
        self.cards: list[_ItemCard] = []
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(6)
        self.note = QLabel(self)
        self.note.setStyleSheet(f"color: {MUTED_COLOR}; font-size: 11px;")
        self.note.hide()
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOR}; font-size: 11px;")
        self.error.hide()
        self.add = QPushButton(icon("mdi6.plus"), self._add_text(), self)
        self.add.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        if spec.union:
            menu = QMenu(self.add)
            for tag, cls in spec.union.items():
                act = menu.addAction(icon(TYPE_ICONS.get(tag, "mdi6.circle-small")),
                                     humanize(tag))
                act.setToolTip((cls.__doc__ or "").strip())
                act.triggered.connect(lambda _=False, c=cls: self._append(c))
            menu.setToolTipsVisible(True)
            self.add.setMenu(menu)
        else:
            self.add.clicked.connect(lambda: self._append(spec.model))
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        column.addWidget(self.note)
        column.addLayout(self.body)
        column.addWidget(self.error)
        column.addWidget(self.add, 0, Qt.AlignmentFlag.AlignLeft)
        self.lay.addLayout(column)

    def _add_text(self) -> str:
        names = {"validation": "Add rule", "options": "Add option", "parameters": "Add parameter",
                 "variables": "Add variable", "data": "Add data query", "on_load": "Add action",
                 "operations": "Add operation", "fields": "Add field"}
        return names.get(self.spec.name, "Add action" if self.spec.union else "Add")

    # ----------------------------------------------------------------- view
    def set_value(self, value: Any) -> None:
        self.note.hide()
        self._show(list(value or []))

    def set_mixed(self) -> None:
        self.note.setText("Differs between the selected widgets; editing replaces all.")
        self.note.show()
        self._show([])

    def _show(self, items: list[BaseModel]) -> None:
        self.error.hide()
        if [type(i) for i in items] != [c.form.model for c in self.cards]:
            self._rebuild(items)
        self.items = items
        for index, (card, item) in enumerate(zip(self.cards, items)):
            card.title.setText(self._title(item))
            card.up.setEnabled(index > 0)
            card.down.setEnabled(index < len(items) - 1)
            card.form.set_values([item])

    def _rebuild(self, items: list[BaseModel]) -> None:
        for card in self.cards:
            # hidden, not re-parented to None: a parentless card is a top-level window, and
            # it showed (and took the focus) until the event loop deleted it
            self.body.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = []
        for index, item in enumerate(items):
            form = ModelForm(type(item), self.ctx, parent=None, collapse_nested=True)
            card = _ItemCard(self._title(item), self._icon(item), form, self)
            form.changed.connect(lambda p, v, k, i=index: self._on_item(i, p, v, k))
            card.up.clicked.connect(lambda _=False, i=index: self._move(i, -1))
            card.down.clicked.connect(lambda _=False, i=index: self._move(i, 1))
            card.remove.clicked.connect(lambda _=False, i=index: self._remove(i))
            self.body.addWidget(card)
            self.cards.append(card)

    def _tag(self, item: BaseModel) -> str | None:
        if not self.spec.union:
            return None
        tag = getattr(item, "type", None) or getattr(item, "rule", None)
        return tag if isinstance(tag, str) else None

    def _title(self, item: BaseModel) -> str:
        tag = self._tag(item)
        base = humanize(tag) if tag else ""
        detail = next((str(getattr(item, f)) for f in ("screen", "name", "value", "label", "kind")
                       if isinstance(getattr(item, f, None), (str, int, float))
                       and str(getattr(item, f)) and not isinstance(item, RuleBase)), "")
        if isinstance(item, RuleBase) and hasattr(item, "value"):
            detail = f"{item.value:g}"  # type: ignore[attr-defined]
        return f"{base} · {detail}" if base and detail else (base or detail or "Item")

    def _icon(self, item: BaseModel) -> str:
        tag = self._tag(item)
        if tag:
            return TYPE_ICONS.get(tag, "mdi6.circle-small")
        return {"Parameter": "mdi6.login-variant", "Variable": "mdi6.variable-box",
                "DataQuery": "mdi6.database-search", "Option": "mdi6.format-list-bulleted"
                }.get(type(item).__name__, "mdi6.circle-small")

    # ----------------------------------------------------------------- edits
    def _emit_items(self, items: list[BaseModel], merging: bool = False) -> None:
        self.items = items
        self._emit(list(items), merging=merging)

    def merge_key(self) -> Any:
        return (self.spec.name, self.session, self._item_key) if self.merging else None

    _item_key: Any = None

    def _on_item(self, index: int, path: str, value: Any, key: Any) -> None:
        try:
            new_item = updated(self.items[index], path, value)
        except (ValidationError, ValueError) as exc:
            message = exc.errors(include_url=False)[0]["msg"] if isinstance(
                exc, ValidationError) else str(exc)
            self.error.setText(f"{humanize(path.split('.')[-1] or 'value')}: {message}")
            self.error.show()
            return
        self.error.hide()
        items = list(self.items)
        items[index] = new_item
        self._item_key = (index, key)
        if key is None:
            self.new_session()
        self.cards[index].title.setText(self._title(new_item))
        self._emit_items(items, merging=key is not None)

    def _append(self, cls: type[BaseModel] | None) -> None:
        if cls is None:
            return
        taken = {getattr(i, "name", None) or getattr(i, "value", None) for i in self.items}
        item = self.ctx.new_instance(cls, {t for t in taken if isinstance(t, str)})
        self.new_session()
        self._emit_items([*self.items, item])

    def _remove(self, index: int) -> None:
        self.new_session()
        self._emit_items([i for n, i in enumerate(self.items) if n != index])

    def _move(self, index: int, delta: int) -> None:
        target = index + delta
        if 0 <= target < len(self.items):
            items = list(self.items)
            items[index], items[target] = items[target], items[index]
            self.new_session()
            self._emit_items(items)


__all__ = ["ModelForm", "ModelListEditor", "TYPE_ICONS", "make_editor"]
