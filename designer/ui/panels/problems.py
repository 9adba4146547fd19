"""The problems pane: validate + lint findings of the open model, grouped by screen, refreshed
a moment after each edit; clicking a finding selects the widget it is about."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from designer.model.problems import Problem
from designer.ui.controller import DocumentController

REFRESH_DELAY_MS = 400
ROLE = Qt.ItemDataRole.UserRole
_MARK = {"error": "✖", "warning": "▲", "info": "ℹ"}


def widget_of(app: Any, path: tuple[str | int, ...]) -> tuple[str, str]:
    """(screen name, id of the innermost widget) a finding's model path points into."""
    from widgets.base import WidgetBase
    obj: Any = app
    screen, widget = "", ""
    for key in path:
        try:
            obj = obj[key] if isinstance(key, int) else getattr(obj, key)
        except (AttributeError, IndexError, KeyError, TypeError):
            break
        if isinstance(obj, WidgetBase):
            widget = obj.id
        elif hasattr(obj, "root") and hasattr(obj, "variables"):
            screen = obj.name
    return screen, widget


class ProblemsPanel(QWidget):
    """A tree: one group per screen (plus "App"), one row per finding."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.summary = QLabel(self)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.itemClicked.connect(self._on_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.problems: list[Problem] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        controller.changed.connect(lambda _c: self.timer.start())
        controller.reset.connect(self.timer.start)
        self.timer.start()

    def refresh(self) -> None:
        """Lint the model now and show the findings."""
        from designer.review.lint import lint
        app = self.controller.app
        self.problems = lint(app)
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for problem in self.problems:
            screen, widget = widget_of(app, problem.path)
            title = screen or "App"
            group = groups.get(title)
            if group is None:
                group = groups[title] = QTreeWidgetItem(self.tree, [title])
                group.setExpanded(True)
            text = f"{_MARK.get(problem.severity, '•')} {problem.message}"
            row = QTreeWidgetItem(group, [text])
            row.setToolTip(0, f"{problem.code} · {problem.path_text}\n{problem.message}" +
                           (f"\n{problem.suggestion}" if problem.suggestion else ""))
            row.setData(0, ROLE, (screen, widget))
        errors = sum(p.severity == "error" for p in self.problems)
        others = len(self.problems) - errors
        self.summary.setText(f"{errors} error{'s' * (errors != 1)}, {others} "
                             f"warning{'s' * (others != 1)}" if self.problems else
                             "No problems found")

    def _on_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        ref = item.data(0, ROLE)
        if not ref:
            return
        screen_name, widget = ref
        screen = self.controller.app.screen(screen_name) if screen_name else None
        if screen is not None:
            self.controller.set_current_screen(screen.id)
        if widget and widget in self.controller.doc:
            self.controller.select([widget])
