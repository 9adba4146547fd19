"""Run → Preview on Device: the dialog serves the saved model with a QR code of its address,
lists connected devices and the mock's request log, and its switches drive the mock."""

from __future__ import annotations

import http.client
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from designer.ui.preview_dialog import PreviewDialog
from tests.serve.conftest import request

pytestmark = pytest.mark.gui


def qr_matches(pixmap: Any, text: str, scale: int = 6, border: int = 2) -> bool:
    """The pixmap's modules are exactly segno's QR code of ``text``."""
    import segno

    image = pixmap.toImage()
    matrix = segno.make(text, error="m").matrix
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            px = image.pixelColor((x + border) * scale + scale // 2, (y + border) * scale + scale // 2)
            if (px.lightness() < 128) != bool(dark):
                return False
    return True


def tick(box: Any) -> None:
    """A real click on a check box's indicator."""
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def listen(url: str) -> http.client.HTTPConnection:
    """Open the live-reload event stream as a phone's page does."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.request("GET", parts.path + "__fieldcraft/events", headers={"User-Agent": "TestPhone/1.0"})
    response = conn.getresponse()
    assert response.status == 200 and response.readline() == b"event: hello\n"
    return conn


def test_preview_dialog_qr_devices_log_and_switches(qtbot, no_leaked_windows, model_file: Path,
                                                    tmp_path: Path) -> None:
    dialog = PreviewDialog(model_file)
    qtbot.addWidget(dialog)
    dialog.show()
    server = dialog.server
    assert server is not None and dialog.url.text() == server.lan_url == server.url
    assert qr_matches(dialog.qr.pixmap(), server.url)
    assert "Only this computer" in dialog.note.text()
    conn = listen(server.url)
    qtbot.waitUntil(lambda: dialog.devices.count() == 1, timeout=5000)
    assert "127.0.0.1" in dialog.devices.item(0).text() and "TestPhone" in dialog.devices.item(0).text()
    assert request(server.url + "api/crm/customers")[0] == 200
    qtbot.waitUntil(lambda: dialog.log.topLevelItemCount() == 1, timeout=5000)
    item = dialog.log.topLevelItem(0)
    assert [item.text(i) for i in (1, 2, 3)] == ["GET", "/api/crm/customers", "200"]

    dialog.status.setCurrentIndex(dialog.status.findData(503))
    QTest.mouseClick(dialog.fail, Qt.MouseButton.LeftButton)
    assert request(server.url + "api/crm/products")[0] == 503
    assert request(server.url + "api/crm/products")[0] == 200
    tick(dialog.offline)
    assert server.mock.switches.offline is True
    with pytest.raises(OSError):
        request(server.url + "api/crm/products")
    tick(dialog.offline)
    dialog.entity.setCurrentText("Customer")
    QTest.mouseClick(dialog.change, Qt.MouseButton.LeftButton)
    assert server.mock.state()["rows"]["Customer"][0]["name"].endswith("(changed on server)")
    qtbot.waitUntil(lambda: dialog.log.topLevelItemCount() == 4, timeout=5000)
    shots = Path(os.environ.get("FIELDCRAFT_SHOTS") or tmp_path)  # to look at it
    assert dialog.grab().save(str(shots / "preview_dialog.png"))
    conn.close()

    tick(dialog.lan)  # restarts on 0.0.0.0 with a token
    lan = dialog.server
    assert lan is not None and lan is not server and lan.token
    assert dialog.url.text() == lan.lan_url and lan.token in dialog.url.text()
    assert qr_matches(dialog.qr.pixmap(), lan.lan_url)
    assert request(f"http://127.0.0.1:{lan.port}/api/crm/customers")[0] == 404
    dialog.close()
    assert dialog.server is None


def test_run_menu_opens_preview_and_a_save_reloads_the_served_app(make_window, model_file: Path,
                                                                  qtbot) -> None:
    window = make_window(model_file)
    run = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Run")
    assert window.acts["preview_device"] in run.actions()
    seen: dict[str, Any] = {}

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PreviewDialog)
        server = dialog.server
        seen["url"] = server.url
        window.io.save()  # a save in the designer: the served app is re-exported
        qtbot.waitUntil(lambda: server.generation == 1, timeout=10000)
        seen["generation"] = server.generation
        dialog.close()

    QTimer.singleShot(300, inspect)
    window.controller.undo_stack.resetClean()  # something to save
    window.acts["preview_device"].trigger()
    assert seen["url"].startswith("http://127.0.0.1:") and seen["generation"] == 1


def click_row(tree: Any, row: int) -> None:
    """A real click on row ``row`` of a tree widget."""
    rect = tree.visualItemRect(tree.topLevelItem(row))
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_selected_request_shows_what_was_sent_and_answered_without_the_credential(
        qtbot, no_leaked_windows, model_file: Path, tmp_path: Path) -> None:
    dialog = PreviewDialog(model_file)
    qtbot.addWidget(dialog)
    dialog.show()
    server = dialog.server
    assert server is not None
    token = "eyJhbGciOi.secret-session-value.sig"
    status, created = request(server.url + "api/crm/orders", method="POST",
                              body={"customer_id": "C-1001\u202eevil", "total": 3},
                              headers={"Authorization": f"Bearer {token}", "X-Tenant-Id": "t-42"})
    assert status == 201
    assert request(server.url + "api/crm/customers?segment=A")[0] == 200
    qtbot.waitUntil(lambda: dialog.log.topLevelItemCount() == 2, timeout=5000)
    click_row(dialog.log, 0)
    text = dialog.request.toPlainText()
    assert text.splitlines()[0] == "POST /api/crm/orders"
    assert f"Authorization: Bearer ••• ({len(token)} characters hidden)" in text
    assert token not in text and "X-Tenant-Id: t-42" in text
    assert token not in json.dumps(server.state())  # nor in what the state endpoint serves
    assert '"customer_id": "C-1001\\u202eevil"' in text  # the bidi override escaped, not applied
    assert "\u202e" not in text
    assert "→ 201" in text and f'"id": "{created["id"]}"' in text
    click_row(dialog.log, 1)
    assert dialog.request.toPlainText().startswith("GET /api/crm/customers?segment=A")
    shots = Path(os.environ.get("FIELDCRAFT_SHOTS") or tmp_path)
    assert dialog.grab().save(str(shots / "preview_dialog_request.png"))
    dialog.close()


def test_the_https_box_serves_the_preview_over_tls_and_explains_the_trust_step(
        qtbot, no_leaked_windows, model_file: Path) -> None:
    import ssl

    dialog = PreviewDialog(model_file)
    qtbot.addWidget(dialog)
    dialog.show()
    plain = dialog.server
    assert plain is not None and plain.url.startswith("http://")
    tick(dialog.tls)
    secure = dialog.server
    assert secure is not None and secure is not plain and secure.url.startswith("https://")
    assert dialog.url.text() == secure.url and qr_matches(dialog.qr.pixmap(), secure.url)
    assert "self-signed certificate" in dialog.note.text()
    unverified = ssl.create_default_context()
    unverified.check_hostname, unverified.verify_mode = False, ssl.CERT_NONE
    assert request(secure.url + "api/crm/customers", context=unverified)[0] == 200
    with pytest.raises(OSError):  # a browser without the trust step refuses the certificate
        request(secure.url + "api/crm/customers", context=ssl.create_default_context())
    with pytest.raises(OSError):  # and the old plain-HTTP server is gone
        request(plain.url + "api/crm/customers")
    dialog.close()
