"""The binding editor: a field picker and an expression with completion and live type check.

Used by the property editor for each bindable property of the selected widget; pushes
``bind_field`` commands (typing merges into one undo step). Each text is checked by the
document itself (``Document.check_set_prop``) before anything is pushed, so the editor and the
model never disagree: while the text does not check, it stays in the editor with the error
underlined inline and nothing is pushed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget, QWidgetAction)

from designer.commands import Macro, SetScreenProperty, bind_field
from designer.expressions import ExpressionError, Path, parse
from designer.expressions.types import ANY, ExprType, ListType, RecordType
from designer.model import BindingError, ModelError
from designer.model.app import Variable
from designer.model.base import IDENT_RE, unique_name
from designer.model.exprcheck import EXPECTED
from designer.ui.controller import DocumentController

from .context import FormContext
from .expression import ExpressionField
from .style import icon, tool_button

_TYPE_ICONS = {"string": "mdi6.alphabetical-variant", "integer": "mdi6.numeric",
               "decimal": "mdi6.decimal", "boolean": "mdi6.toggle-switch-outline",
               "date": "mdi6.calendar", "datetime": "mdi6.calendar-clock",
               "image": "mdi6.image-outline", "geo": "mdi6.map-marker-outline",
               "any": "mdi6.help-circle-outline"}


def type_icon_name(t: ExprType) -> str:
    """The icon for a value of type ``t``."""
    if isinstance(t, ListType):
        return "mdi6.format-list-bulleted"
    if isinstance(t, RecordType):
        return "mdi6.card-account-details-outline"
    if t.describe().startswith("enum"):
        return "mdi6.format-list-checks"
    return _TYPE_ICONS.get(t.describe(), "mdi6.circle-small")


def path_only(text: str) -> ExpressionError | None:
    """Two-way ``value`` bindings must be a plain field path."""
    try:
        node = parse(text)
    except ExpressionError as exc:
        return exc
    if not isinstance(node, Path):
        return ExpressionError("an input's value must be a field path (e.g. order.notes)",
                               0, len(text))
    return None


#: The variable type an input kind's value is kept in (others: string).
INPUT_VALUE_TYPES = {"number_input": "decimal", "slider": "decimal", "date_input": "date",
                     "checkbox": "boolean", "switch": "boolean", "camera_photo": "image",
                     "location": "geo"}


def popup_position(anchor: QRect, size: QSize, bounds: QRect) -> QPoint:
    """Top-left (global) for a popup of ``size`` under ``anchor`` that stays inside ``bounds``
    (the window on its screen): right-aligned with the anchor when it would spill past the
    right edge, above the anchor when there is no room below, clamped as a last resort."""
    x = anchor.left()
    if x + size.width() > bounds.right() + 1:
        x = anchor.right() + 1 - size.width()
    y = anchor.bottom() + 1
    if y + size.height() > bounds.bottom() + 1 and \
            anchor.top() - size.height() >= bounds.top():
        y = anchor.top() - size.height()
    x = max(bounds.left(), min(x, bounds.right() + 1 - size.width()))
    y = max(bounds.top(), min(y, bounds.bottom() + 1 - size.height()))
    return QPoint(x, y)


def _variable_base(widget: Any) -> str:
    """A readable variable name for an input: its label, a hand-written id, else its kind."""
    import re
    words = re.findall(r"[A-Za-z][A-Za-z0-9]*", str(getattr(widget, "label", "") or ""))
    if not words:
        ident = widget.id.removeprefix("w_")
        if not re.fullmatch(r"[0-9a-f]{10}", ident):
            words = re.findall(r"[A-Za-z][a-z0-9]*|[A-Z]+", ident)
            if len(words) > 1 and words[-1] in ("Input", "Field"):
                words = words[:-1]
    if not words:
        words = [w for w in widget.kind.split("_") if w != "input"] or ["value"]
    return words[0].lower() + "".join(w[:1].upper() + w[1:].lower() for w in words[1:])


class FieldPicker(QTreeWidget):
    """Roots in scope grouped (parameters, variables, data, list item) with their fields."""

    picked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(2)
        self.setMinimumSize(300, 260)
        self.setRootIsDecorated(True)
        self.setIndentation(14)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.itemExpanded.connect(self._populate)
        self.itemActivated.connect(self._on_activated)
        self.itemClicked.connect(self._on_clicked)

    def fill(self, scope: Any, groups: dict[str, list[str]]) -> None:
        """Show ``groups`` ({"Parameters": [root, ...], ...}) with types from ``scope``."""
        self.clear()
        for title, names in groups.items():
            if not names:
                continue
            group = QTreeWidgetItem(self, [title])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for name in names:
                self._add(group, name, name, scope.lookup(name) or ANY)
            group.setExpanded(True)
        self.resizeColumnToContents(0)

    def _add(self, parent: QTreeWidgetItem, label: str, path: str, t: ExprType) -> None:
        item = QTreeWidgetItem(parent, [label, t.describe()])
        item.setIcon(0, icon(type_icon_name(t)))
        item.setForeground(1, self.palette().placeholderText())
        item.setData(0, Qt.ItemDataRole.UserRole, path)
        item.setData(0, Qt.ItemDataRole.UserRole + 1, t)
        item.setToolTip(0, path)
        if isinstance(t, RecordType) and path.count(".") < 4:
            QTreeWidgetItem(item, ["…"])  # placeholder: fields are added on expand

    def _populate(self, item: QTreeWidgetItem) -> None:
        t = item.data(0, Qt.ItemDataRole.UserRole + 1)
        if not isinstance(t, RecordType) or item.data(1, Qt.ItemDataRole.UserRole):
            return
        item.setData(1, Qt.ItemDataRole.UserRole, True)
        item.takeChildren()
        path = item.data(0, Qt.ItemDataRole.UserRole)
        for name, field_type in t.fields().items():
            self._add(item, name, f"{path}.{name}", field_type)

    def _on_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        path = item.data(0, Qt.ItemDataRole.UserRole)
        if path and not isinstance(item.data(0, Qt.ItemDataRole.UserRole + 1), RecordType):
            self.picked.emit(path)

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        path = item.data(0, Qt.ItemDataRole.UserRole)
        if path:
            self.picked.emit(path)


class BindingEditor(QWidget):
    """Edits ``bindings[prop]`` of one widget; call ``set_target(widget_id, prop)``."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.ctx = FormContext(lambda: controller.app, controller.current_screen,
                               self._scope)
        self.widget_id: str | None = None
        self.prop = ""
        self.field = ExpressionField(self._scope, placeholder="not bound", show_type=True,
                                     parent=self)
        self.pick_button = tool_button("mdi6.database-search-outline", "Pick a field", self)
        self.clear_button = tool_button("mdi6.link-variant-off", "Remove binding", self)
        self.picker = FieldPicker()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setMinimumWidth(300)
        self.hint.setContentsMargins(8, 6, 8, 2)
        self.create_button = QPushButton()
        self.create_button.clicked.connect(self.create_variable)
        popup = QWidget()
        popup_layout = QVBoxLayout(popup)
        popup_layout.setContentsMargins(0, 0, 0, 0)
        popup_layout.addWidget(self.hint)
        popup_layout.addWidget(self.create_button)
        popup_layout.addWidget(self.picker, 1)
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(popup)
        menu.addAction(action)
        self.menu = menu
        self.picker.picked.connect(self._on_picked)
        self.pick_button.clicked.connect(self.show_picker)
        self.clear_button.clicked.connect(lambda: self._push("", merge=False))
        self.field.edited.connect(lambda text: self._push(text, merge=True))

        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(0)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.field, 1)
        row.addWidget(self.pick_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)

    def _scope(self) -> Any:
        return self.ctx.widget_scope(self.widget_id) if self.widget_id else None

    def set_target(self, widget_id: str | None, prop: str) -> None:
        """Edit binding ``prop`` of ``widget_id`` (None: nothing)."""
        self.widget_id, self.prop = widget_id, prop
        self.field.expected = EXPECTED.get(prop)
        self.field.extra_check = self.model_check
        self.refresh()

    def refresh(self) -> None:
        """Show the current binding (without pushing anything)."""
        doc = self.controller.doc
        text = doc.widget(self.widget_id).bindings.get(self.prop, "") \
            if self.widget_id and self.widget_id in doc else ""
        self.field.set_text(text)
        self.clear_button.setEnabled(bool(text))

    def show_picker(self) -> None:
        """Open the field picker under the pick button."""
        scope = self._scope()
        if scope is None:
            return
        screen = self.controller.current_screen()
        groups = {"Parameters": [p.name for p in screen.parameters] if screen else [],
                  "Variables": [v.name for v in screen.variables] if screen else [],
                  "Data": [q.name for q in screen.data] if screen else []}
        from designer.expressions.types import UnavailableType
        from designer.model.user import USER_ROOT

        user = scope.lookup(USER_ROOT)
        groups["Signed-in user"] = [USER_ROOT] if user is not None and \
            not isinstance(user, UnavailableType) else []
        known = {n for names in groups.values() for n in names} | {USER_ROOT}
        groups["List item"] = [n for n in scope.names() if n not in known]
        self.picker.fill(scope, groups)
        self._show_hint(self.picker.topLevelItemCount() == 0)
        self.menu.adjustSize()
        button = self.pick_button
        anchor = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
        window = self.window().frameGeometry()
        screen = button.screen().availableGeometry() if button.screen() else window
        bounds = window.intersected(screen) if window.intersects(screen) else screen
        self.menu.popup(popup_position(anchor, self.menu.sizeHint(), bounds))

    def _input_value(self) -> bool:
        """Is this the value binding of an input (kept in a screen variable)?"""
        doc = self.controller.doc
        if self.prop != "value" or self.widget_id is None or self.widget_id not in doc:
            return False
        return doc.widget(self.widget_id).kind != "map"

    def _show_hint(self, empty: bool) -> None:
        """Say what can be bound and, for an input's value, offer a screen variable for it."""
        screen = self.controller.current_screen()
        bound = self.widget_id is not None and self.widget_id in self.controller.doc and \
            bool(self.controller.doc.widget(self.widget_id).bindings.get(self.prop))
        offer = self._input_value() and screen is not None and not bound
        if offer:
            self.hint.setText(
                "An input keeps what the user enters in a screen variable (or a field of a "
                "record variable); other widgets and actions then read it by that name."
                + ("" if not empty else " This screen has none yet."))
            self.create_button.setText(f"Create variable {self._variable_name()} and bind")
        elif empty:
            self.hint.setText(
                "Nothing to bind on this screen yet. Add a data query (Screen → Data) to show "
                "records, a parameter to receive a value from a navigate, or bind an input's "
                "Value to a screen variable to show what the user entered.")
        self.hint.setVisible(offer or empty)
        self.create_button.setVisible(offer)
        self.picker.setVisible(not empty)

    def _variable_name(self) -> str:
        screen = self.controller.current_screen()
        taken = {n for s in ([screen] if screen else [])
                 for n in [*(v.name for v in s.variables), *(p.name for p in s.parameters),
                           *(q.name for q in s.data)]}
        base = _variable_base(self.controller.doc.widget(self.widget_id)) \
            if self.widget_id and self.widget_id in self.controller.doc else "value"
        scope = self._scope()
        taken |= set(scope.names()) if scope is not None else set()
        return base if IDENT_RE.match(base) and base not in taken else unique_name(base, taken)

    def create_variable(self) -> None:
        """Add a screen variable of the input's type and bind the value to it (one undo step)."""
        screen = self.controller.current_screen()
        if screen is None or self.widget_id is None:
            return
        name = self._variable_name()
        kind = self.controller.doc.widget(self.widget_id).kind
        variable = Variable(name=name, type=INPUT_VALUE_TYPES.get(kind, "string"))  # type: ignore[arg-type]
        command = Macro(f"Bind {self.prop} to new variable {name}", [
            SetScreenProperty(screen.id, "variables", [*screen.variables, variable]),
            bind_field(self.controller.doc, self.widget_id, self.prop, name)])
        self.menu.hide()
        if self.controller.push(command):
            self.refresh()

    def _on_picked(self, path: str) -> None:
        self.menu.hide()
        self.field.new_session()  # a pick is its own undo step
        current = self.field.text()
        if current.strip() and path_only(current) is not None:
            cursor = self.field.text_edit.textCursor()
            cursor.insertText(path)
        else:
            self.field.text_edit.setPlainText(path)
        self.field.new_session()

    def model_check(self, text: str) -> ExpressionError | None:
        """What the document would say to binding ``text`` (None: it would accept it)."""
        doc = self.controller.doc
        if self.widget_id is None or self.widget_id not in doc:
            return None
        bindings = dict(doc.widget(self.widget_id).bindings)
        bindings[self.prop] = text.strip()
        try:
            doc.check_set_prop(self.widget_id, "bindings", bindings)
        except BindingError as exc:
            lead = len(text) - len(text.lstrip())  # the span is in the stripped text
            return ExpressionError(exc.reason, exc.start + lead, exc.end + lead, exc.suggestion)
        except ModelError as exc:
            return ExpressionError(exc.message, 0, len(text))
        return None

    def _push(self, text: str, merge: bool) -> None:
        if self.widget_id is None or self.widget_id not in self.controller.doc:
            return
        current = self.controller.doc.widget(self.widget_id).bindings.get(self.prop, "")
        if text == current:
            return
        command = bind_field(self.controller.doc, self.widget_id, self.prop, text or None)
        if merge:
            command.merge_key = f"bind:{self.prop}:{self.field.session}"
        if not self.controller.push(command):
            self.field.revalidate()  # keep the user's text; the status bar says why
            return
        self.clear_button.setEnabled(bool(text))
