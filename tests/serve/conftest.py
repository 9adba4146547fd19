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

def _tickets() -> dict[str, Any]:
    """Tickets listed by every paging style (2 per page), a record at a result path, and a
    create that needs a tenant header."""
    def listing(name: str, path: str, **paging: Any) -> dict[str, Any]:
        return {"kind": "list", "name": name, "path": path, "paging": {"page_size": 2, **paging},
                **({"result": ["data", "tickets"]} if name == "by_cursor" else {})}
    return {
        "name": "Ticket", "key": ["id"],
        "fields": [{"name": "id"}, {"name": "subject", "required": True},
                   {"name": "hours", "type": "integer"}],
        "operations": [
            {**listing("by_cursor", "/tickets", style="cursor", next=["meta", "cursor"],
                       param="cursor"), "default": True},
            listing("by_offset", "/tickets/offset", style="offset", param="skip",
                    size_param="limit"),
            listing("by_page", "/tickets/pages", style="page", param="page"),
            listing("by_link", "/tickets/linked", style="link_header"),
            listing("by_next", "/tickets/next", style="next_link", next=["links", "next"]),
            {"kind": "get", "path": "/tickets/{id}", "result": ["data"], "params": ID},
            {"kind": "create", "method": "POST", "path": "/tickets", "params": [
                {"name": "tenant", "wire_name": "X-Tenant-Id", "location": "header",
                 "required": True, "config": "tenant"}]},
            {"kind": "update", "method": "PATCH", "path": "/tickets/{id}", "params": ID,
             "body": "form"}],
        "sample_rows": [{"id": f"T-{i}", "subject": f"ticket {i}", "hours": i} for i in range(1, 6)]}


VISIT = {"name": "FieldVisit", "key": ["id"],
         "fields": [{"name": "id"}, {"name": "note", "required": True},
                    {"name": "minutes", "type": "integer"}, {"name": "photo", "type": "image"}],
         "operations": [{"kind": "list", "path": "/field-visits"},
                        {"kind": "create", "method": "POST", "path": "/field-visits",
                         "body": "multipart"}],
         "sample_rows": []}
SAP_SOURCE = {
    "id": "src_sap", "name": "sap", "kind": "odata", "odata_version": "2.0", "csrf": True,
    "base_url": "https://sap.example.com/sap/opu/odata/sap/ZSALES_SRV",
    "entities": [{
        "name": "SalesOrder", "key": ["id"], "concurrency": "etag",
        "fields": [{"name": "id", "wire_name": "SalesOrderID"},
                   {"name": "note", "wire_name": "Note", "required": True}],
        "operations": [{"kind": "list", "path": "/SalesOrderSet"},
                       {"kind": "get", "path": "/SalesOrderSet('{id}')", "params": ID},
                       {"kind": "create", "method": "POST", "path": "/SalesOrderSet"},
                       {"kind": "update", "method": "PATCH", "path": "/SalesOrderSet('{id}')",
                        "params": ID}],
        "sample_rows": [{"id": "500000001", "note": "first"}]}]}


def model_file(folder: Path, edit: Any = None) -> Path:
    """The example app (plus an OData source and a list needing a parameter) as a file."""
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["data_sources"].append(json.loads(json.dumps(ODATA_SOURCE)))
    data["data_sources"][0]["entities"] += [SEARCH, NESTED, _tickets(), VISIT]
    data["data_sources"].append(json.loads(json.dumps(SAP_SOURCE)))
    if edit:
        edit(data)
    path = folder / "app.fieldcraft.json"
    path.write_text(json.dumps(data, indent=2), "utf-8")
    return path


class Serve:
    """A running ``fieldcraft serve`` process; ``url`` is what it printed."""

    def __init__(self, model: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.model = model
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
