"""The Export dialog: pick a target and an output folder, export with progress, show the result.

The export runs in a worker thread; the exporter's progress callback is forwarded through a
queued signal, so the dialog stays responsive on big models.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QStandardPaths, QThread, Signal, Slot
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QProgressBar, QPushButton, QVBoxLayout, QWidget)

from designer.model import App
from designer.model.jsonlocate import line_of

from .controller import DocumentController


def _in_package(path: Path) -> bool:
    """True for files of the installed Fieldcraft package (the bundled examples)."""
    import assets
    package = Path(assets.__file__).resolve().parent.parent
    try:
        path.resolve().relative_to(package / "assets")
        return True
    except ValueError:
        return False


class _Worker(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object, object)  # result, error

    def __init__(self, app: App, target: str, out: Path, options: Any) -> None:
        super().__init__()
        self.app, self.target, self.out, self.options = app, target, out, options

    @Slot()
    def run(self) -> None:
        from exporters import get

        self.options.progress = lambda done, total, message: self.progress.emit(done, total,
                                                                                 message)
        try:
            result = get(self.target).export(self.app, self.out, self.options)
        except Exception as exc:  # noqa: BLE001 - shown to the user in the dialog
            self.finished.emit(None, exc)
            return
        self.finished.emit(result, None)


class ExportDialog(QDialog):
    """Export the controller's app: target picker, output folder, progress, result/errors."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from exporters import targets

        self.controller = controller
        self.setWindowTitle("Export app")
        self.setMinimumWidth(560)
        self.target = QComboBox()
        self.target.setAccessibleName("Export target")
        for info in targets():
            self.target.addItem(f"{info.title} ({info.name})", info.name)
            self.target.setItemData(self.target.count() - 1, info.description, 3)  # tooltip
        # the last target chosen, else the PWA: it runs anywhere with nothing to install
        remembered = str(self.settings().value("export/target", "pwa"))
        index = self.target.findData(remembered)
        self.target.setCurrentIndex(index if index >= 0 else max(self.target.findData("pwa"), 0))
        self.folder = QLineEdit(self._default_folder())
        self.folder.setAccessibleName("Output folder")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.target_note = QLabel()
        self.target_note.setWordWrap(True)
        self.target_note.setAccessibleName("About the target")
        self.target.currentIndexChanged.connect(self._describe_target)
        self.target.currentIndexChanged.connect(self._follow_target)
        self._describe_target()
        self.partial = QCheckBox("Export even if the target lacks some features (warnings)")
        form = QFormLayout()
        form.addRow("Target:", self.target)
        form.addRow("", self.target_note)
        form.addRow("Output folder:", folder_row)
        form.addRow("", self.partial)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.status = QLabel("The folder is replaced by the export (only an empty folder or a "
                             "previous export).")
        self.status.setWordWrap(True)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setPlaceholderText("Problems and warnings appear here.")
        self.report.setMinimumHeight(140)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton("Export",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self.result: Any = None
        self.error: BaseException | None = None

    @Slot()
    def _describe_target(self) -> None:
        """What the chosen target produces and how far Fieldcraft checks it (its description)."""
        from exporters import get

        name = self.target.currentData()
        self.target_note.setText(get(name).description if name else "")

    @staticmethod
    def settings() -> QSettings:
        """The designer's settings (tests point them at a temporary folder)."""
        return QSettings("Fieldcraft", "Fieldcraft Designer")

    def _base_folder(self) -> Path:
        """Where exports go by default: the folder last exported into, else beside the model —
        but never into the installed package (the bundled example) or a folder we cannot write:
        those export into Fieldcraft in the user's documents."""
        last = str(self.settings().value("export/parent", "") or "")
        if last and Path(last).is_dir():
            return Path(last)
        path = self.controller.path
        if path is not None and not _in_package(Path(path)) and \
                os.access(Path(path).parent, os.W_OK):
            return Path(path).parent
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(docs or Path.home()) / "Fieldcraft"

    def _default_folder(self, target: str | None = None) -> str:
        path = self.controller.path
        stem = Path(path).name.split(".")[0] if path else "app"
        return str(self._base_folder() / f"{stem}-{target or self.target.currentData() or 'pwa'}")

    @Slot()
    def _follow_target(self) -> None:
        """A folder still at a default name follows the chosen target (``x-pwa`` → ``x-flutter``)."""
        from exporters import targets
        defaults = {self._default_folder(info.name) for info in targets()}
        if self.folder.text() in defaults:
            self.folder.setText(self._default_folder())

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export into", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def busy(self) -> bool:
        """True while an export runs."""
        return self._thread is not None

    @Slot()
    def start(self) -> None:
        """Export with the chosen settings in a worker thread."""
        from exporters import ExportOptions

        if self.busy():
            return
        out = self.folder.text().strip()
        if not out:
            self.status.setText("Choose an output folder.")
            return
        settings = self.settings()
        settings.setValue("export/target", self.target.currentData())
        settings.setValue("export/parent", str(Path(out).expanduser().absolute().parent))
        path = self.controller.path
        options = ExportOptions(allow_partial=self.partial.isChecked(),
                                model_file=str(path) if path else "",
                                assets_dir=(Path(path).parent / "assets") if path else None)
        app = self.controller.app.model_copy(deep=True)
        self.report.clear()
        self.result, self.error = None, None
        self.status.setText("Exporting…")
        self.progress.setRange(0, 0)
        self.export_button.setEnabled(False)
        self._thread = QThread(self)
        self._worker = _Worker(app, self.target.currentData(), Path(out), options)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._thread.start()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(f"%p%  {message}")

    def _problem_lines(self, problems: list[Any]) -> list[str]:
        path = self.controller.path
        text = Path(path).read_text("utf-8", "replace") if path and Path(path).is_file() else ""
        return [replace(p, line=line_of(text, p.path) if text else None).format()
                for p in problems]

    @Slot(object, object)
    def _on_finished(self, result: Any, error: Any) -> None:
        assert self._thread is not None
        self._thread.quit()
        self._thread.wait()
        self._thread, self._worker = None, None
        self.export_button.setEnabled(True)
        self.result, self.error = result, error
        if error is not None:
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.progress.setFormat("failed")
            self.status.setText(f"Export failed: {error}")
            self.report.setPlainText("\n".join(self._problem_lines(getattr(error, "problems", []))))
            return
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.progress.setFormat("done")
        self.status.setText(f"Exported {len(result.files)} files to {result.out}. "
                            "See README.md there for how to run it.")
        self.report.setPlainText("\n".join(self._problem_lines(result.warnings)))

    def reject(self) -> None:  # noqa: D102 - wait for a running export before closing
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        super().reject()
