"""Run → Preview on Device: serve the saved model to phones with a QR code, the connected
devices, the mock back end's request log (each request and its answer, credentials hidden) and its switches (offline, latency, errors, a change
made on the server). The server is ``designer.serve.PreviewServer``, the same as
``fieldcraft serve``; it re-exports when the model file is saved and the phones reload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFontDatabase, QPixmap
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QGridLayout,
                               QGroupBox, QHBoxLayout, QLabel, QListWidget, QPlainTextEdit,
                               QPushButton, QSpinBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from designer.model.printable import printable
from designer.serve import PreviewServer, ServeError
from designer.serve.request_view import describe

TRUST = ("HTTPS uses a self-signed certificate: the phone's browser warns once. Tap "
         "“Advanced” → “Proceed”, or install the certificate, to let the app use its service "
         "worker and the camera.")
NO_LAN = "Only this computer can open this address. Tick “Phones on this network” for a phone."


def qr_pixmap(text: str, scale: int = 6) -> QPixmap:
    """A QR code of ``text`` (segno) as a pixmap."""
    import io

    import segno

    buf = io.BytesIO()
    segno.make(text, error="m").save(buf, kind="png", scale=scale, border=2)
    pixmap = QPixmap()
    pixmap.loadFromData(buf.getvalue(), "PNG")
    return pixmap


class PreviewDialog(QDialog):
    """Serves ``model`` while open; stops the server when closed."""

    def __init__(self, model: Path, parent: QWidget | None = None, port: int = 0) -> None:
        super().__init__(parent)
        self.model, self.port = Path(model), port
        self.server: PreviewServer | None = None
        self.setWindowTitle("Preview on device")
        self.lan = QCheckBox("Phones on this network (LAN, with a private link)")
        self.tls = QCheckBox("HTTPS (self-signed certificate)")
        for box in (self.lan, self.tls):
            box.toggled.connect(self.restart)
        self.qr = QLabel()
        self.qr.setAccessibleName("QR code of the preview address")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.url = QLabel()
        self.url.setAccessibleName("Preview address")
        self.url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.devices = QListWidget()
        self.devices.setAccessibleName("Connected devices")
        self.log = QTreeWidget()
        self.log.setAccessibleName("Mock back end requests")
        self.log.setHeaderLabels(["Time", "Method", "Path", "Status"])
        self.log.setRootIsDecorated(False)
        for column, width in enumerate((70, 60, 300)):
            self.log.setColumnWidth(column, width)
        self.log.currentItemChanged.connect(self._show_request)
        self.request = QPlainTextEdit()
        self.request.setReadOnly(True)
        self.request.setAccessibleName("The selected request and its answer")
        self.request.setPlaceholderText("Select a request to see what the app sent and what "
                                        "the mock answered.")
        self.request.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._entries: list[dict[str, Any]] = []
        self._shown: list[tuple[Any, ...]] = []
        self.offline = QCheckBox("Offline")
        self.offline.toggled.connect(lambda on: self._switch(offline=on))
        self.latency = QSpinBox()
        self.latency.setRange(0, 10000)
        self.latency.setSingleStep(250)
        self.latency.setSuffix(" ms")
        self.latency.setAccessibleName("Latency")
        self.latency.valueChanged.connect(lambda v: self._switch(latency_ms=v))
        self.status = QComboBox()
        for code in (500, 503, 401, 409):
            self.status.addItem(str(code), code)
        self.fail = QPushButton("Fail next request")
        self.fail.clicked.connect(lambda: self._switch(error_status=self.status.currentData(),
                                                       error_count=1))
        self.entity = QComboBox()
        self.entity.setAccessibleName("Entity to change on the server")
        self.change = QPushButton("Change a record on the server")
        self.change.clicked.connect(self._server_change)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self._layout()
        self.timer = QTimer(self)
        self.timer.setInterval(500)
        self.timer.timeout.connect(self.refresh)
        self.restart()
        self.timer.start()

    def _layout(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.qr)
        left.addWidget(self.url)
        left.addWidget(self.note)
        left.addWidget(self.lan)
        left.addWidget(self.tls)
        left.addStretch(1)
        switches = QGroupBox("Mock back end")
        form = QFormLayout(switches)
        form.addRow(self.offline)
        form.addRow("Latency:", self.latency)
        row = QHBoxLayout()
        row.addWidget(self.status)
        row.addWidget(self.fail)
        form.addRow("Error:", row)
        row2 = QHBoxLayout()
        row2.addWidget(self.entity)
        row2.addWidget(self.change)
        form.addRow("Conflict:", row2)
        right = QVBoxLayout()
        right.addWidget(QLabel("Connected devices"))
        right.addWidget(self.devices, 1)
        right.addWidget(switches)
        right.addWidget(QLabel("Requests the app sent to the mock back end"))
        right.addWidget(self.log, 3)
        right.addWidget(self.request, 2)
        grid = QGridLayout(self)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addWidget(self.problem, 1, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self.resize(920, 660)

    # -- server --------------------------------------------------------------------------
    def restart(self) -> None:
        """(Re)start the server with the current LAN/HTTPS choice."""
        self._stop()
        try:
            self.server = PreviewServer(self.model, port=self.port, lan=self.lan.isChecked(),
                                        tls=self.tls.isChecked()).start()
        except ServeError as exc:
            self.problem.setText(str(exc))
            self.url.setText("")
            self.qr.clear()
            return
        self.problem.setText("")
        address = self.server.lan_url
        self.url.setText(address)
        self.qr.setPixmap(qr_pixmap(address))
        notes = [] if self.lan.isChecked() else [NO_LAN]
        if self.tls.isChecked():
            notes.append(TRUST)
        self.note.setText("\n\n".join(notes))
        self.entity.clear()
        self.entity.addItems(sorted(self.server.mock.entities))
        self.refresh()

    def _stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    def _switch(self, **changes: object) -> None:
        if self.server is not None:
            self.server.mock.set_switches(**changes)

    def _server_change(self) -> None:
        if self.server is None or not self.entity.currentText():
            return
        try:
            self.server.mock.server_change(self.entity.currentText())
        except Exception as exc:  # noqa: BLE001 - e.g. an entity without rows: say so
            self.problem.setText(str(exc))

    def refresh(self) -> None:
        """Show the server's devices and request log."""
        if self.server is None:
            return
        state = self.server.state()
        devices = [f"{d['address']} · since {d['since']} · {d['agent'][:60]}" for d in state["devices"]]
        if [self.devices.item(i).text() for i in range(self.devices.count())] != devices:
            self.devices.clear()
            self.devices.addItems(devices or [])
        log = state["log"][-200:]
        shown = [(e["at"], e["method"], e["path"], e["status"]) for e in log]
        if shown != self._shown:
            # rebuilt when an entry is added *or answered* (entries are logged before the
            # answer, and the log keeps its length once full)
            current = self.log.currentItem()
            keep = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
            at_end = keep is None or keep == len(self._shown) - 1
            self._shown, self._entries = shown, log
            self.log.blockSignals(True)
            self.log.clear()
            for index, e in enumerate(log):
                item = QTreeWidgetItem([e["at"][11:19], e["method"], printable(
                    e["path"] + (f"?{e['query']}" if e["query"] else "")), str(e["status"])])
                item.setData(0, Qt.ItemDataRole.UserRole, index)
                self.log.addTopLevelItem(item)
            self.log.blockSignals(False)
            if keep is not None and log:
                self.log.setCurrentItem(self.log.topLevelItem(
                    len(log) - 1 if at_end else min(keep, len(log) - 1)))
            else:
                self.log.scrollToBottom()
        if state["problem"]:
            self.problem.setText(state["problem"])

    def _show_request(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        index = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if index is None or index >= len(self._entries):
            self.request.clear()
            return
        self.request.setPlainText(describe(self._entries[index]))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.timer.stop()
        self._stop()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self.timer.stop()
        self._stop()
        super().done(result)
