"""The designer's Export dialog: exports in the background with progress, shows errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from designer.model import load
from designer.ui.controller import DocumentController
from designer.ui.export_dialog import ExportDialog
from tests.conftest import EXAMPLE

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot, no_leaked_windows):
    controller = DocumentController(load(EXAMPLE), EXAMPLE)
    dlg = ExportDialog(controller)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_export_runs_with_progress_and_reports_success(dialog, qtbot, tmp_path: Path) -> None:
    seen = []
    out = tmp_path / "field-sales-pwa"
    assert dialog.target.findData("pwa") >= 0
    dialog.target.setCurrentIndex(dialog.target.findData("pwa"))
    dialog.folder.setText(str(out))
    dialog.progress.valueChanged.connect(seen.append)
    QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=30000)
    assert dialog.error is None
    assert (out / "index.html").is_file() and (out / "README.md").is_file()
    assert dialog.progress.value() == dialog.progress.maximum() == 1
    assert len(seen) > 3  # progress moved during the export
    assert "Exported" in dialog.status.text() and str(out) in dialog.status.text()
    dialog.grab().save(str(tmp_path / "export-dialog.png"))


def test_export_failure_is_shown_and_nothing_is_written(dialog, qtbot, tmp_path: Path) -> None:
    dialog.target.setCurrentIndex(dialog.target.findData("pwa"))
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"jpg")
    dialog.folder.setText(str(foreign))
    QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=30000)
    assert dialog.error is not None
    assert dialog.status.text().startswith("Export failed:") and "not empty" in dialog.status.text()
    assert sorted(p.name for p in foreign.iterdir()) == ["holiday.jpg"]
    assert dialog.export_button.isEnabled()


def test_the_dialog_says_the_flutter_target_is_not_compiled(dialog, tmp_path: Path) -> None:
    """Choosing a target shows its description under the picker; Flutter's says plainly that
    Fieldcraft's own tests never compile it."""
    dialog.target.setCurrentIndex(dialog.target.findData("pwa"))
    assert "not compiled" not in dialog.target_note.text().lower()
    dialog.target.setCurrentIndex(dialog.target.findData("flutter"))
    assert dialog.target_note.isVisible()
    assert "Not compiled by Fieldcraft's own tests" in dialog.target_note.text()
    assert "flutter analyze" in dialog.target_note.text()
    dialog.grab().save(str(tmp_path / "export-dialog-flutter.png"))


def test_bundled_example_exports_to_documents_and_the_choice_is_remembered(
        qtbot, no_leaked_windows, tmp_path: Path) -> None:
    from PySide6.QtCore import QStandardPaths
    package = Path(__file__).resolve().parents[2] / "assets"
    assert EXAMPLE.resolve().is_relative_to(package)
    dlg = ExportDialog(DocumentController(load(EXAMPLE), EXAMPLE))
    qtbot.addWidget(dlg)
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(dlg.folder.text())
    assert dlg.target.currentData() == "pwa"
    assert folder == Path(docs) / "Fieldcraft" / "field_sales-pwa"
    assert not folder.resolve().is_relative_to(package)
    # export to a folder of the user's choice with another target
    dlg.target.setCurrentIndex(dlg.target.findData("flutter"))
    out = tmp_path / "exports" / "mine"
    dlg.folder.setText(str(out))
    QTest.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.busy(), timeout=60000)
    again = ExportDialog(DocumentController(load(EXAMPLE), EXAMPLE))
    qtbot.addWidget(again)
    assert again.target.currentData() == "flutter"
    assert Path(again.folder.text()) == tmp_path / "exports" / "field_sales-flutter"
