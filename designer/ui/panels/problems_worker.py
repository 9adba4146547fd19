"""Lints the open model on a worker thread; results reach the UI thread as a queued signal
and are dropped if the model changed while the lint ran (the pane then lints again)."""

from __future__ import annotations

import sys
import threading
from typing import Any

from PySide6.QtCore import QObject, Signal

from designer.model.problems import Problem


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


class LintWorker(QObject):
    """``start(app, revision)`` lints on a thread; ``finished(revision, rows)`` comes back on the
    thread this object lives in (the UI thread). ``rows`` is a list of (problem, screen, widget)
    or None when the run failed (the model was edited under it)."""

    finished = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def start(self, app: Any, revision: int) -> None:
        self.thread = threading.Thread(target=self._run, args=(app, revision), daemon=True,
                                       name="fieldcraft-lint")
        self.thread.start()

    def _run(self, app: Any, revision: int) -> None:
        from designer.review.lint import lint
        # a 1 ms switch interval gives the UI thread the GIL back within a frame
        old = sys.getswitchinterval()
        sys.setswitchinterval(min(old, 0.001))
        rows: list[tuple[Problem, str, str]] | None
        try:
            rows = [(p, *widget_of(app, p.path)) for p in lint(app)]
        except Exception:       # the model changed under the lint; the revision tells
            rows = None
        finally:
            sys.setswitchinterval(old)
        self.finished.emit(revision, rows)
