"""The problems pane: validate + lint findings of the open model, grouped by screen, refreshed
a moment after each edit on a worker thread; clicking a finding selects the widget it is
about, and "Fix" applies its quick fix as one undo step."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import (QLabel, QPushButton, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from designer.model.problems import Problem
from designer.review.quickfix import Fix, quick_fix
from designer.ui.controller import DocumentController

from .problems_worker import LintWorker, widget_of

__all__ = ["ProblemsPanel", "widget_of"]
REFRESH_DELAY_MS = 400
ROWS_PER_TURN = 50     # rows added to the tree per event-loop turn (keeps each turn short)
ROLE = Qt.ItemDataRole.UserRole
_MARK = {"error": "✖", "warning": "▲", "info": "ℹ"}


class ProblemsPanel(QWidget):
    """A tree: one group per screen (plus "App"), one row per finding."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.summary = QLabel(self)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemClicked.connect(self._on_clicked)
        self.tree.currentItemChanged.connect(lambda *_: self._update_fix())
        self.fix_button = QPushButton("Fix", self)
        self.fix_button.setEnabled(False)
        self.fix_button.clicked.connect(self.apply_fix)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.fix_button)
        self.problems: list[Problem] = []
        self.revision = 0           # bumped by every model change
        self.shown_revision = -1    # the revision the shown findings belong to
        self.dropped = 0            # stale lint results thrown away (for tests and the bench)
        self._pending: list[tuple[Problem, str, str]] = []
        self._groups: dict[str, QTreeWidgetItem] = {}
        self.worker = LintWorker(self)
        self.worker.finished.connect(self._on_linted)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self.filler = QTimer(self)
        self.filler.setInterval(0)
        self.filler.timeout.connect(self._fill_some)
        controller.changed.connect(self._on_model_changed)
        controller.reset.connect(self._on_model_changed)
        self.timer.start()

    def _on_model_changed(self, *_args: object) -> None:
        self.revision += 1
        self.timer.start()

    def refresh(self) -> None:
        """Start a lint of the model as it is now (again later if one is running)."""
        if self.worker.busy:
            self.timer.start()
            return
        self.worker.start(self.controller.app, self.revision)

    def _on_linted(self, revision: int, rows: list[tuple[Problem, str, str]] | None) -> None:
        if revision != self.revision or rows is None:
            self.dropped += 1       # the model changed meanwhile: those findings are stale
            self.timer.start()
            return
        self.problems = [p for p, _s, _w in rows]
        self.shown_revision = revision
        self.tree.clear()
        self._groups = {}
        self._pending = list(reversed(rows))
        errors = sum(p.severity == "error" for p in self.problems)
        others = len(self.problems) - errors
        self.summary.setText(f"{errors} error{'s' * (errors != 1)}, {others} "
                             f"warning{'s' * (others != 1)}" if self.problems else
                             "No problems found")
        self._fill_some()
        if self._pending:
            self.filler.start()

    def _fill_some(self) -> None:
        for _ in range(min(ROWS_PER_TURN, len(self._pending))):
            problem, screen, widget = self._pending.pop()
            title = screen or "App"
            group = self._groups.get(title)
            if group is None:
                group = self._groups[title] = QTreeWidgetItem(self.tree, [title])
                group.setExpanded(True)
            text = f"{_MARK.get(problem.severity, '•')} {problem.message}"
            row = QTreeWidgetItem(group, [text])
            row.setToolTip(0, f"{problem.code} · {problem.path_text}\n{problem.message}" +
                           (f"\nDid you mean `{problem.suggestion}`?"
                            if problem.suggestion else ""))
            row.setData(0, ROLE, (screen, widget, problem))
        if not self._pending:
            self.filler.stop()

    @property
    def filling(self) -> bool:
        """True while found rows are still being added to the tree."""
        return bool(self._pending) or self.worker.busy

    def current_fix(self) -> Fix | None:
        """The quick fix of the current row, computed against the model now."""
        item = self.tree.currentItem()
        ref = item.data(0, ROLE) if item is not None else None
        if not ref or self.shown_revision != self.revision:
            return None
        return quick_fix(self.controller.doc, ref[2])

    def _update_fix(self) -> None:
        fix = self.current_fix()
        self.fix_button.setEnabled(fix is not None)
        self.fix_button.setToolTip(fix.label if fix else "This finding has no quick fix")
        self.fix_button.setText(f"Fix: {fix.label}" if fix else "Fix")

    def apply_fix(self) -> None:
        fix = self.current_fix()
        if fix is not None:
            self.controller.push(fix.command)
        self._update_fix()

    def _on_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        ref = item.data(0, ROLE)
        if not ref:
            return
        screen_name, widget, _problem = ref
        screen = self.controller.app.screen(screen_name) if screen_name else None
        if screen is not None:
            self.controller.set_current_screen(screen.id)
        if widget and widget in self.controller.doc:
            self.controller.select([widget])
        self._update_fix()
