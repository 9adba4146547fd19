"""Several phones at once: each holds its live-reload stream open while the others load the app
and call the mock, every one is listed as a device, and a save reloads them all."""

from __future__ import annotations

import http.client
import json
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .conftest import request

PHONES = 5


def stream(url: str, agent: str) -> tuple[http.client.HTTPConnection, Any]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
    conn.request("GET", parts.path + "__fieldcraft/events", headers={"User-Agent": agent})
    response = conn.getresponse()
    assert response.status == 200 and response.readline() == b"event: hello\n"
    return conn, response


def test_several_phones_are_served_at_once_and_all_reload(serve: Any, tmp_path: Path) -> None:
    s = serve()
    streams = [stream(s.url, f"Phone/{i}") for i in range(PHONES)]
    answers: list[int] = []
    lock = threading.Lock()

    def phone() -> None:
        for rel in ("", "app/main.js", "config.json", "api/crm/customers", "api/crm/products"):
            status = request(s.url + rel)[0]
            with lock:
                answers.append(status)

    workers = [threading.Thread(target=phone) for _ in range(PHONES)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(30)
    assert answers == [200] * (PHONES * 5)
    assert sorted(d["agent"] for d in s.state()["devices"]) == [f"Phone/{i}" for i in range(PHONES)]
    model = tmp_path / "app.fieldcraft.json"
    data = json.loads(model.read_text("utf-8"))
    data["screens"][0]["title"] = "Kunden"
    model.write_text(json.dumps(data, indent=2), "utf-8")
    for conn, response in streams:
        line = response.readline()
        while line in (b"\n", b": keep-alive\n", b"data: {}\n"):
            line = response.readline()
        assert line == b"event: reload\n"
        conn.close()
