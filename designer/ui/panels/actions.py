"""The actions editor: the selected widget's events, each with an ordered list of actions.

Every action type of ``designer.model.actions`` can be added, edited (typed fields, screen and
source/entity pickers, navigate parameters, live-checked expressions), reordered and removed.
Edits push ``set_actions`` (for a widget) or ``SetScreenProperty("on_load")`` (no selection).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from designer.commands import set_actions
from designer.model.actions import ACTION_TYPES
from designer.model.document import Change
from designer.ui.controller import DocumentController
from widgets import CATALOG

from .context import FormContext
from .fieldspec import FieldSpec
from .forms import ModelListEditor
from .properties import MergingScreenProperty
from .style import SPACING, Section, icon, muted_label

EVENT_TITLES = {"tap": "On tap", "item_tap": "On item tap", "change": "On change",
                "submit": "On submit", "load": "On load"}


def _event_spec(event: str) -> FieldSpec:
    return FieldSpec(event, "union_list", union=dict(ACTION_TYPES),
                     description=f"Actions run {EVENT_TITLES.get(event, event).lower()}")


class ActionsEditor(QWidget):
    """Events of the selected widget (or the current screen's on-load) → action lists."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.widget_id: str | None = None
        self.ctx = FormContext(lambda: controller.app, controller.current_screen, self._scope)
        self._event_scope = ""
        self.lists: dict[str, ModelListEditor] = {}
        self.sections: dict[str, Section] = {}

        self.title_icon = QLabel(self)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 14px; font-weight: 600;")
        self.hint = muted_label("", self)
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(SPACING)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(10, 8, 10, 10)
        column.setSpacing(SPACING)
        head = QVBoxLayout()
        head.setSpacing(2)
        title_row = QVBoxLayout()
        title_row.setSpacing(0)
        title_row.addWidget(self.title)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.title_icon)
        top.addLayout(title_row, 1)
        head.addLayout(top)
        head.addWidget(self.hint)
        column.addLayout(head)
        column.addLayout(self.body)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        controller.selection_changed.connect(self._request_refresh)
        controller.current_screen_changed.connect(self._request_refresh)
        controller.reset.connect(self._request_refresh)
        controller.changed.connect(self._on_change)
        self.refresh()

    # ------------------------------------------------------------------ view
    def _scope(self) -> Any:
        if self.widget_id is None:
            return self.ctx.screen_scope()
        return self.ctx.widget_scope(self.widget_id, inner=self._event_scope == "item_tap")

    def _events(self) -> tuple[list[str], dict[str, list[Any]]]:
        doc = self.controller.doc
        if self.widget_id is not None:
            widget = doc.widget(self.widget_id)
            return list(type(widget).EVENTS), {e: list(a) for e, a in widget.actions.items()}
        screen = self.controller.current_screen()
        return (["load"], {"load": list(screen.on_load)}) if screen else ([], {})

    def refresh(self) -> None:
        """Show the actions of the selected widget (or of the screen) from the document."""
        selection = [i for i in self.controller.selection if i in self.controller.doc]
        self.widget_id = selection[0] if len(selection) == 1 else None
        screen = self.controller.current_screen()
        if len(selection) > 1:
            self._set_head("mdi6.select-group", f"{len(selection)} widgets",
                           "Select one widget to edit its actions.")
            self._build([])
            return
        if self.widget_id is not None:
            widget = self.controller.doc.widget(self.widget_id)
            wtype = CATALOG.get(widget.kind)
            events = list(type(widget).EVENTS)
            self._set_head(wtype.icon, f"{wtype.name}  {widget.name}",
                           "" if events else f"A {wtype.name.lower()} raises no events.")
        elif screen is not None:
            self._set_head("mdi6.cellphone", f"Screen {screen.name}",
                           "Actions run when the screen opens.")
        else:
            self._set_head("mdi6.gesture-tap", "Actions", "Open a screen to edit actions.")
        events, actions = self._events()
        self._build(events)
        for event, editor in self.lists.items():
            self._event_scope = event
            editor.set_value(actions.get(event, []))
            count = len(actions.get(event, []))
            self.sections[event].set_title(
                EVENT_TITLES.get(event, event) + (f"  ({count})" if count else ""))

    def _set_head(self, icon_name: str, title: str, hint: str) -> None:
        self.title_icon.setPixmap(icon(icon_name, "#1565c0").pixmap(24, 24))
        self.title.setText(title)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))

    def _build(self, events: list[str]) -> None:
        if list(self.lists) == events:
            return
        for section in self.sections.values():
            section.setParent(None)
            section.deleteLater()
        self.lists, self.sections = {}, {}
        for event in events:
            ctx = self.ctx.with_scope(lambda e=event: self._scope_for(e))
            editor = ModelListEditor(_event_spec(event), ctx)
            editor.edited.connect(lambda value, e=event, ed=editor: self._on_edited(e, value, ed))
            section = Section(EVENT_TITLES.get(event, event), editor, parent=self)
            self.body.addWidget(section)
            self.lists[event] = editor
            self.sections[event] = section

    def _scope_for(self, event: str) -> Any:
        self._event_scope = event
        return self._scope()

    def _request_refresh(self, *_: Any) -> None:
        """Refresh once the running edit has finished (now if none is running)."""
        self.controller.when_idle(self.refresh)

    def _on_change(self, change: Change) -> None:
        if change.kind == "widget_changed" and self.widget_id not in change.ids:
            return
        self._request_refresh()

    # ------------------------------------------------------------------ edits
    def _on_edited(self, event: str, actions: list[Any], editor: ModelListEditor) -> None:
        key = editor.merge_key()
        if self.widget_id is not None:
            if self.widget_id not in self.controller.doc:
                return
            command = set_actions(self.controller.doc, self.widget_id, event, actions)
            command.merge_key = repr(("actions", event, key)) if key else None
        else:
            screen = self.controller.current_screen()
            if screen is None:
                return
            command = MergingScreenProperty(screen.id, "on_load", actions)
            command.merge_key = repr(("on_load", key)) if key else None
        if not self.controller.push(command):
            self.refresh()


__all__ = ["ActionsEditor", "EVENT_TITLES"]
