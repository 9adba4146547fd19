"""``fieldcraft serve`` as a real process on 127.0.0.1 (a free port), and model files for it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE

ROOT = Path(__file__).resolve().parents[2]

ID = [{"name": "id", "value": "record.id"}]
ODATA_SOURCE = {
    "id": "src_erp", "name": "erp", "kind": "odata", "base_url": "https://erp.example.com/odata",
    "auth": {"scheme": "basic", "credential": "erp_login"},
    "entities": [{
        "name": "Material", "key": ["id"],
        "fields": [{"name": "id", "required": True}, {"name": "title", "required": True},
                   {"name": "weight", "type": "decimal"}, {"name": "unit_code", "wire_name": "UnitCode"}],
        "operations": [{"kind": "list", "path": "/Materials"},
                       {"kind": "get", "path": "/Materials('{id}')", "params": ID},
                       {"kind": "create", "method": "POST", "path": "/Materials"},
                       {"kind": "update", "method": "PATCH", "path": "/Materials('{id}')",
                        "params": ID}],
        "sample_rows": [{"id": "M-1", "title": "Bolt", "weight": 0.1, "unit_code": "PC"},
                        {"id": "M-2", "title": "O'Ring", "weight": 0.01, "unit_code": "PC"}]}]}
SEARCH = {"name": "Search", "key": ["id"], "fields": [{"name": "id"}],
          "operations": [{"kind": "list", "path": "/search", "params": [
              {"name": "region", "location": "query", "required": True, "config": "region"}]}],
          "sample_rows": [{"id": "S-1"}]}
NESTED = {"name": "CustomerNote", "key": ["id"], "fields": [{"name": "id"}, {"name": "customer_id"},
                                                           {"name": "text"}],
          "operations": [{"kind": "get", "path": "/customers/{customer_id}/notes/{id}", "params": [
              {"name": "customer_id", "value": "record.customer_id"},
              {"name": "id", "value": "record.id"}]}],
          "sample_rows": [{"id": "1", "customer_id": "C-1001", "text": "first of Alpine"},
                          {"id": "1", "customer_id": "C-1002", "text": "first of Riviera"}]}


def model_file(folder: Path, edit: Any = None) -> Path:
    """The example app (plus an OData source and a list needing a parameter) as a file."""
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["data_sources"].append(json.loads(json.dumps(ODATA_SOURCE)))
    data["data_sources"][0]["entities"] += [SEARCH, NESTED]
    if edit:
        edit(data)
    path = folder / "app.fieldcraft.json"
    path.write_text(json.dumps(data, indent=2), "utf-8")
    return path


class Serve:
    """A running ``fieldcraft serve`` process; ``url`` is what it printed."""

    def __init__(self, model: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "designer", "serve", str(model), "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(
                [str(ROOT), os.environ.get("PYTHONPATH", "")]), **(env or {})})
        self.lines: list[str] = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline() if self.proc.stdout else ""
            if not line:
                break
            self.lines.append(line.rstrip("\n"))
            if line.startswith("mock back end:"):
                break
        serving = [ln for ln in self.lines if ln.startswith("serving ")]
        assert serving, f"serve did not start: {self.lines} {self.stop()}"
        self.url = serving[0].rsplit(" at ", 1)[1]

    def get(self, rel: str, **kw: Any) -> tuple[int, Any]:
        return request(self.url + rel, **kw)

    def state(self) -> dict[str, Any]:
        status, body = self.get("__fieldcraft/state")
        assert status == 200
        return body

    def switch(self, **changes: Any) -> None:
        assert self.get("__fieldcraft/switches", method="POST", body=changes)[0] == 200

    def stop(self) -> str:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        return self.proc.stderr.read() if self.proc.stderr else ""


def request(url: str, method: str = "GET", body: Any = None, headers: dict[str, str] | None = None,
            context: Any = None) -> tuple[int, Any]:
    """(status, parsed JSON or text) of one HTTP request; errors are answers too."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={
        "Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=10, context=context) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read()
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, raw.decode("utf-8", "replace")


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Any]:
    running: list[Serve] = []

    def start(*args: str, model: Path | None = None, **kw: Any) -> Serve:
        s = Serve(model or model_file(tmp_path), *args, **kw)
        running.append(s)
        return s

    yield start
    for s in running:
        s.stop()
