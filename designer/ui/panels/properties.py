"""The property editor: typed editors generated from the selected widgets' pydantic fields.

A passive view: ``set_objects(widgets)`` refreshes it (signals blocked), edits come out as
``property_changed(path, value)`` and ``PropertyMediator`` turns each into ONE ``SetProperty``
on the whole selection. With nothing selected it edits the current screen; the header
section edits app-wide settings (name, theme, device).

It re-reads the document at most once per edit (``controller.when_idle``), however many
changes the edit made, and not at all when neither the shown objects nor the document changed.
Forms are built once per set of widget kinds and reused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (QFrame, QGridLayout, QLabel, QScrollArea,
                               QVBoxLayout, QWidget)

from designer.commands import Command, SetAppProperty, SetProperty, SetScreenProperty
from designer.model.app import App, Screen
from designer.model.document import Change
from designer.ui.controller import DocumentController
from widgets import CATALOG, Layout, WidgetBase

from .binding import BindingEditor
from .preview_user import PreviewUserEditor
from .context import FormContext, updated
from .editors import ComboEditor
from .fieldspec import FieldSpec, humanize, shared_specs, spec_for
from .forms import ModelForm
from .style import LABEL_WIDTH, MUTED_COLOR, SPACING, Section, icon, muted_label

_HIDDEN_WIDGET_FIELDS = ("kind", "id", "bindings", "actions", "children")
#: Layout fields only a flex container reads; a ``free`` container places children by ``frame``.
_FLEX_FIELDS = frozenset(n for n in Layout.model_fields if n != "frame")
_TRAILING = ("visible_when", "a11y_label", "layout", "style")
_FONTS = ["Roboto", "Inter", "Open Sans", "Lato", "Noto Sans", "Source Sans 3", "System"]
_DEVICES_DIR = Path(__file__).resolve().parents[3] / "assets" / "devices"


class _Merging:
    """Typing in one editor merges consecutive screen/app edits into one undo step."""

    merge_key: Any = None

    def merge_id(self) -> Any:
        if not self.merge_key:
            return None
        return (type(self).__name__, getattr(self, "screen_id", ""),
                getattr(self, "name", ""), self.merge_key)

    def merge_with(self, other: Command) -> bool:
        if type(other) is not type(self) or other.merge_id() != self.merge_id():
            return False
        self.value = other.value  # type: ignore[attr-defined]
        return True


class MergingScreenProperty(_Merging, SetScreenProperty):
    """SetScreenProperty whose keystrokes merge (see ``merge_key``)."""


class MergingAppProperty(_Merging, SetAppProperty):
    """SetAppProperty whose keystrokes merge (see ``merge_key``)."""


def _widget_specs(classes: list[type[WidgetBase]]) -> list[FieldSpec]:
    specs = shared_specs(classes, _HIDDEN_WIDGET_FIELDS)
    first = [s for s in specs if s.name == "name"]
    own = [s for s in specs if s.name not in _TRAILING and s.name != "name"]
    trailing = sorted((s for s in specs if s.name in _TRAILING),
                      key=lambda s: _TRAILING.index(s.name))
    return first + own + trailing


def _app_specs() -> list[FieldSpec]:
    return [spec_for(n, App.model_fields[n])
            for n in ("name", "device", "theme", "sign_in", "device_policy")]


class PropertyEditor(QWidget):
    """Edits the selected widgets, else the current screen; app settings in a header section."""

    property_changed = Signal(str, object)         # dotted path on the widgets, value
    screen_property_changed = Signal(str, object)  # dotted path on the screen, value
    app_property_changed = Signal(str, object)     # dotted path on the app, value

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.object_ids: list[str] = []
        self.merge_key: Any = None
        self._forms: dict[tuple[type, ...], ModelForm] = {}
        self._form: ModelForm | None = None
        self._shown: tuple[str, list[str]] | None = None  # (screen id, widget ids) on show
        self._stale = True      # the document changed since the editor last read it
        self._app_stale = True  # app-level settings changed since the header form read them
        self.ctx = FormContext(lambda: controller.app, controller.current_screen, self._scope)

        self.title_icon = QLabel(self)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 14px; font-weight: 600;")
        self.title.setWordWrap(True)  # long names and descriptions wrap instead of widening
        self.subtitle = QLabel(self)
        self.subtitle.setWordWrap(True)
        self.subtitle.setStyleSheet(f"color: {MUTED_COLOR};")
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head = QGridLayout()
        head.setContentsMargins(0, 0, 0, 4)
        head.setHorizontalSpacing(8)
        head.setVerticalSpacing(0)
        head.addWidget(self.title_icon, 0, 0, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.title, 0, 1)
        head.addWidget(self.subtitle, 1, 1)
        head.setColumnStretch(1, 1)

        self.app_form = ModelForm(App, self.ctx, specs=_app_specs(), collapse_nested=True)
        self._install_app_pickers()
        self.app_section = Section("App", self.app_form, expanded=False, parent=self)
        self.app_form.changed.connect(self._on_app_form)
        self.preview_user = PreviewUserEditor(controller, self)
        self.preview_user_section = Section("Signed in as (preview)", self.preview_user,
                                            expanded=False, parent=self)

        self.screen_form = ModelForm(Screen, self.ctx, exclude=("id", "root"))
        self.screen_form.changed.connect(self._on_screen_form)

        self.bindings_body = QWidget(self)
        self.bindings_grid = QGridLayout(self.bindings_body)
        self.bindings_grid.setContentsMargins(0, 0, 0, 0)
        self.bindings_grid.setHorizontalSpacing(8)
        self.bindings_grid.setVerticalSpacing(5)
        self.bindings_grid.setColumnStretch(1, 1)
        self.binding_editors: dict[str, BindingEditor] = {}
        self.bindings_section = Section("Data bindings", self.bindings_body, parent=self)

        self.page = QVBoxLayout()
        self.page.setContentsMargins(0, 0, 0, 0)
        self.page.addWidget(self.screen_form)
        self.empty = muted_label("Open a screen to edit its properties.", self)
        self.page.addWidget(self.empty)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(10, 8, 10, 10)
        column.setSpacing(SPACING)
        column.addLayout(head)
        column.addWidget(self.app_section)
        column.addWidget(self.preview_user_section)
        line = QFrame(content)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #d8dde3;")
        column.addWidget(line)
        column.addLayout(self.page)
        column.addWidget(self.bindings_section)
        column.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

        self.mediator = PropertyMediator(controller, self)
        controller.selection_changed.connect(self._sync)
        controller.current_screen_changed.connect(self._sync)
        controller.reset.connect(self._on_reset)
        controller.changed.connect(self._on_change)
        self._refresh()

    # ------------------------------------------------------------------ setup
    def _install_app_pickers(self) -> None:
        """Device and font get pick lists (both still accept a typed value)."""
        device_spec = spec_for("device", App.model_fields["device"])
        self._replace_editor(self.app_form, "device", ComboEditor(
            device_spec, self.ctx, App, editable=True, choices_fn=_device_names))
        theme_section, theme_form, _ = self.app_form.nested["theme"]
        font_spec = spec_for("font_family", theme_form.model.model_fields["font_family"])
        self._replace_editor(theme_form, "font_family", ComboEditor(
            font_spec, self.ctx, theme_form.model, editable=True, choices_fn=lambda: _FONTS))

    @staticmethod
    def _replace_editor(form: ModelForm, name: str, editor: ComboEditor) -> None:
        old = form.editors[name]
        form.layout().replaceWidget(old, editor)
        old.deleteLater()
        editor.setParent(form)
        form.editors[name] = editor
        editor.edited.connect(lambda v, e=editor: form.changed.emit(name, v, e.merge_key()))

    def _scope(self) -> Any:
        if len(self.object_ids) == 1:
            return self.ctx.widget_scope(self.object_ids[0])
        if self.object_ids:
            return None  # several widgets may see different roots: no checking
        return self.ctx.screen_scope()

    # ------------------------------------------------------------------ view
    def set_objects(self, widgets: Sequence[WidgetBase]) -> None:
        """Show ``widgets`` (empty: the current screen). Never emits ``property_changed``."""
        self._shown = None  # the next selection change re-reads, whatever it selects
        self._show_objects(widgets)

    def _show_objects(self, widgets: Sequence[WidgetBase]) -> None:
        self.object_ids = [w.id for w in widgets]
        if self._app_stale:
            self._refresh_app()
        screen = self.controller.current_screen()
        if not widgets:
            self._show_form(None)
            self.bindings_section.hide()
            self.screen_form.setVisible(screen is not None)
            self.empty.setVisible(screen is None)
            if screen is not None:
                self.screen_form.set_values([screen])
                self._set_header("mdi6.cellphone", f"Screen {screen.name}",
                                 f"{humanize(screen.kind)} screen")
            else:
                self._set_header("mdi6.application-outline", self.controller.app.name, "App")
            return
        self.screen_form.hide()
        self.empty.hide()
        classes = list(dict.fromkeys(type(w) for w in widgets))
        # one form per set of kinds, whatever order they were selected in
        form = self._form_for(tuple(sorted(classes, key=lambda c: c.__name__)))
        self._show_form(form)
        self._layout_rows_for_parents(form, widgets)
        form.set_values(list(widgets))
        self._mark_bound(form, widgets)
        if len(widgets) > 1:  # names are unique per screen: rename one widget at a time
            form.set_row_enabled("name", False, "Select one widget to rename it")
        if len(widgets) == 1:
            widget = widgets[0]
            wtype = CATALOG.get(widget.kind)
            self._set_header(wtype.icon, f"{wtype.name}  {widget.name}",
                             f"{wtype.description}")
        else:
            kinds = ", ".join(CATALOG.get(c.TAG).name for c in classes)
            self._set_header("mdi6.select-group", f"{len(widgets)} widgets", kinds)
        self._refresh_bindings(widgets)

    def _layout_rows_for_parents(self, form: ModelForm, widgets: Sequence[WidgetBase]) -> None:
        """Frame (x, y, w, h) for children of ``free`` containers, size policies for flex ones."""
        nested = form.nested.get("layout")
        if nested is None:
            return
        doc = self.controller.doc
        in_free = [getattr(doc.parent_of(w.id), "kind", None) == "free" for w in widgets]
        hidden = set() if any(in_free) else {"frame"}
        if all(in_free):
            hidden |= _FLEX_FIELDS
        nested[1].set_hidden_rows(frozenset(hidden))

    def refresh(self) -> None:
        """Re-read the shown objects from the document (now)."""
        self._stale = True
        self._refresh()

    def _set_header(self, icon_name: str, title: str, subtitle: str) -> None:
        self.title_icon.setPixmap(icon(icon_name, "#1565c0").pixmap(24, 24))
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.subtitle.setToolTip(subtitle)

    def _form_for(self, classes: tuple[type, ...]) -> ModelForm:
        form = self._forms.get(classes)
        if form is None:
            specs = _widget_specs(list(classes))  # type: ignore[arg-type]
            form = ModelForm(classes[0], self.ctx, specs=specs, parent=self)  # type: ignore[arg-type]
            form.changed.connect(self._on_widget_form)
            form.hide()
            self.page.addWidget(form)
            self._forms[classes] = form
        return form

    def _show_form(self, form: ModelForm | None) -> None:
        if self._form is not None and self._form is not form:
            self._form.hide()
        self._form = form
        if form is not None:
            form.show()

    def _mark_bound(self, form: ModelForm, widgets: Sequence[WidgetBase]) -> None:
        for name in form.editors:
            bound = [w.bindings[name] for w in widgets if name in w.bindings]
            form.set_row_enabled(name, not bound,
                                 f"Bound to {bound[0]} (see Data bindings)" if bound else "")

    def _refresh_bindings(self, widgets: Sequence[WidgetBase]) -> None:
        bindable = type(widgets[0]).BINDABLE if len(widgets) == 1 else ()
        self.bindings_section.setVisible(bool(bindable))
        if list(self.binding_editors) != list(bindable):
            while self.bindings_grid.count():
                item = self.bindings_grid.takeAt(0)
                if item.widget():
                    item.widget().deleteLater()
            self.binding_editors = {}
            for row, prop in enumerate(bindable):
                label = QLabel(humanize(prop), self.bindings_body)
                label.setFixedWidth(LABEL_WIDTH)
                label.setStyleSheet(f"color: {MUTED_COLOR};")
                label.setContentsMargins(0, 4, 0, 0)
                editor = BindingEditor(self.controller, self.bindings_body)
                self.bindings_grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
                self.bindings_grid.addWidget(editor, row, 1)
                self.binding_editors[prop] = editor
        for prop, editor in self.binding_editors.items():
            if editor.widget_id != widgets[0].id or editor.prop != prop:
                editor.set_target(widgets[0].id, prop)
            else:
                editor.refresh()

    def _refresh_app(self) -> None:
        self._app_stale = False
        app = self.controller.app
        self.app_form.set_values([app])
        self.app_section.set_title(f"App · {app.name}")
        self.preview_user.set_sign_in(app.sign_in)
        self.preview_user_section.setVisible(app.sign_in.enabled)

    def _sync(self, *_: Any) -> None:
        """Show the controller's selection (once, when the running edit has finished)."""
        self.controller.when_idle(self._refresh)

    def _refresh(self) -> None:
        doc = self.controller.doc
        screen = self.controller.current_screen()
        ids = [i for i in self.controller.selection if i in doc]
        shown = (screen.id if screen else "", ids)
        if shown == self._shown and not self._stale:
            return
        self._shown, self._stale = shown, False
        self._show_objects([doc.widget(i) for i in ids])

    def _on_reset(self) -> None:
        self._stale = self._app_stale = True
        self._sync()

    def _on_change(self, change: Change) -> None:
        if change.kind in ("app_changed", "reset"):
            self._app_stale = True
        if change.kind == "widget_changed" and not set(change.ids) & set(self.object_ids):
            if change.detail.get("prop") not in ("bindings", "items"):
                return
        self._stale = True
        self._sync()

    # ------------------------------------------------------------------ edits
    def _on_widget_form(self, path: str, value: Any, key: Any) -> None:
        self.merge_key = key
        self.property_changed.emit(path, value)

    def _on_screen_form(self, path: str, value: Any, key: Any) -> None:
        self.merge_key = key
        self.screen_property_changed.emit(path, value)

    def _on_app_form(self, path: str, value: Any, key: Any) -> None:
        self.merge_key = key
        self.app_property_changed.emit(path, value)


def _device_names() -> list[str]:
    names = sorted(p.stem for p in _DEVICES_DIR.glob("*.json")) if _DEVICES_DIR.is_dir() else []
    return names or ["pixel", "iphone", "tablet"]


def _new_top_value(owner: BaseModel, path: str, value: Any) -> tuple[str, Any]:
    top, _, rest = path.partition(".")
    current = getattr(owner, top)
    if rest or (isinstance(current, BaseModel) and isinstance(value, dict)):
        return top, updated(current, rest, value)
    return top, value


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in err.get("loc", ()))
        return f"{where}: {err['msg']}" if where else err["msg"]
    return str(exc)


class PropertyMediator(QObject):
    """Turns the editor's signals into commands: one undo step per edit, typing merged."""

    def __init__(self, controller: DocumentController, editor: PropertyEditor) -> None:
        super().__init__(editor)
        self.controller, self.editor = controller, editor
        editor.property_changed.connect(self.set_widget_property)
        editor.screen_property_changed.connect(self.set_screen_property)
        editor.app_property_changed.connect(self.set_app_property)

    def _push(self, command: Command) -> None:
        if not self.controller.push(command):
            self.editor.refresh()

    def _refused(self, exc: Exception) -> None:
        self.controller.error.emit(_error_text(exc))
        self.editor.refresh()

    def set_widget_property(self, path: str, value: Any) -> None:
        """Set ``path`` to ``value`` on every shown widget as one ``SetProperty``."""
        ids = [i for i in self.editor.object_ids if i in self.controller.doc]
        if not ids:
            return
        top = path.partition(".")[0]
        try:
            values = {i: _new_top_value(self.controller.doc.widget(i), path, value)[1]
                      for i in ids}
        except (ValidationError, ValueError) as exc:
            self._refused(exc)
            return
        if all(getattr(self.controller.doc.widget(i), top) == values[i] for i in ids):
            return
        key = self.editor.merge_key
        command = SetProperty(ids, top, values=values,
                              merge_key=repr(key) if key is not None else None)
        command.text = f"Set {humanize(top).lower()}" + (
            f" on {len(ids)} widgets" if len(ids) > 1 else "")
        self._push(command)

    def set_screen_property(self, path: str, value: Any) -> None:
        screen = self.controller.current_screen()
        if screen is None:
            return
        try:
            top, new = _new_top_value(screen, path, value)
        except (ValidationError, ValueError) as exc:
            self._refused(exc)
            return
        if getattr(screen, top) == new:
            return
        command = MergingScreenProperty(screen.id, top, new)
        command.merge_key = repr(self.editor.merge_key) if self.editor.merge_key else None
        self._push(command)

    def set_app_property(self, path: str, value: Any) -> None:
        app = self.controller.app
        try:
            top, new = _new_top_value(app, path, value)
        except (ValidationError, ValueError) as exc:
            self._refused(exc)
            return
        if getattr(app, top) == new:
            return
        command = MergingAppProperty(top, new)
        command.merge_key = repr(self.editor.merge_key) if self.editor.merge_key else None
        self._push(command)


__all__ = ["MergingAppProperty", "MergingScreenProperty", "PropertyEditor", "PropertyMediator"]
