"""The preview's mock back end through a real ``fieldcraft serve`` process: session state,
what real servers refuse, OData shapes, the switches, and no credential ever served."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, model_file, request

V4 = {"OData-Version": "4.0"}
V2 = {"DataServiceVersion": "2.0", "MaxDataServiceVersion": "2.0"}


def test_operations_answer_from_sample_rows_and_keep_changes_for_the_session(serve: Any) -> None:
    s = serve()
    status, customers = s.get("api/crm/customers")
    assert status == 200 and [c["id"] for c in customers][:2] == ["C-1001", "C-1002"]
    assert s.get("api/crm/customers/C-1003")[1]["name"] == "Café Riviera"
    assert s.get("api/crm/customers/C-9999")[0] == 404
    # a placeholder that is not the key selects by its field too
    assert s.get("api/crm/customers/C-1002/notes/1")[1]["text"] == "first of Riviera"
    assert s.get("api/crm/customers/C-1001/notes/1")[1]["text"] == "first of Alpine"
    assert s.get("api/crm/customers/C-1003/notes/1")[0] == 404
    status, created = s.get("api/crm/orders", method="POST",
                            body={"customer_id": "C-1001", "total": 12.5, "lines": []})
    assert status == 201 and created["id"].startswith("N-")
    assert s.get(f"api/crm/orders/{created['id']}")[1]["total"] == 12.5
    assert s.get("api/crm/customers/C-1002", method="PATCH", body={"city": "Graz"})[0] == 200
    rows = s.state()["rows"]
    assert next(c for c in rows["Customer"] if c["id"] == "C-1002")["city"] == "Graz"
    assert any(o["id"] == created["id"] for o in rows["Order"])
    assert s.get(f"api/crm/orders/{created['id']}", method="DELETE")[0] == 204
    assert all(o["id"] != created["id"] for o in s.state()["rows"]["Order"])
    log = s.state()["log"]
    assert [(e["method"], e["status"]) for e in log][-2:] == [("PATCH", 200), ("DELETE", 204)]


def test_the_mock_refuses_what_real_servers_refuse(serve: Any) -> None:
    s = serve()
    status, body = s.get("api/crm/orders", method="POST", body={"total": 3})
    assert status == 400 and body["error"] == "'customer_id' is required"
    status, body = s.get("api/crm/orders", method="POST", body={"customer_id": "C-1", "total": "3"})
    assert status == 400 and body["error"] == "'total' must be a decimal"
    status, body = s.get("api/crm/customers/C-1001", method="PATCH", body={"blocked": "no"})
    assert status == 400 and body["error"] == "'blocked' must be a boolean"
    status, body = s.get("api/crm/customers/C-1001", method="PATCH", body={"segment": "Z"})
    assert status == 400 and "must be one of" in body["error"]
    status, body = s.get("api/crm/customers/C-1001", method="PATCH", body={"last_visit": "yesterday"})
    assert status == 400 and body["error"] == "'last_visit' must be an ISO date"
    assert s.get("api/crm/search")[1] == {"error": "missing required query parameter 'region'"}
    assert s.get("api/crm/search?region=north")[0] == 200
    assert s.get("api/crm/products", method="DELETE")[0] == 405
    # OData: no protocol header, a model name where the service has its own, annotations sent back
    status, body = s.get("api/erp/Materials")
    assert status == 400 and "OData-Version" in body["error"]["message"]
    status, body = s.get("api/erp/Materials", method="POST", headers=V4,
                         body={"id": "M-9", "title": "Nut", "unit_code": "PC"})
    assert status == 400 and body["error"]["message"] == "unknown field 'unit_code'"
    status, body = s.get("api/erp/Materials('M-1')", method="PATCH", headers=V4,
                         body={"title": "Bolt", "@odata.etag": "x"})
    assert status == 400 and "annotation" in body["error"]["message"]
    assert len(s.state()["rows"]["Material"]) == 2  # nothing refused was kept


def test_odata_answers_in_the_shape_of_its_service_version(serve: Any) -> None:
    s = serve()
    status, v4 = s.get("api/erp/Materials", headers=V4)
    assert status == 200 and [m["UnitCode"] for m in v4["value"]] == ["PC", "PC"]
    assert all("@odata.etag" in m for m in v4["value"])
    status, v2 = s.get("api/sap/SalesOrderSet", headers=V2)  # the V2 service
    assert [m["SalesOrderID"] for m in v2["d"]["results"]] == ["500000001"]
    assert v2["d"]["results"][0]["__metadata"]["type"] == "Mock.SalesOrder"
    status, one = s.get("api/sap/SalesOrderSet('500000001')", headers=V2)
    assert status == 200 and one["d"]["Note"] == "first"
    status, one = s.get("api/erp/Materials('M-2')", headers=V4)
    assert status == 200 and one["title"] == "O'Ring"
    status, made = s.get("api/erp/Materials", method="POST", headers=V4,
                         body={"id": "M-3", "title": "Nut", "UnitCode": "PC"})
    assert status == 201 and made["UnitCode"] == "PC"
    assert next(m for m in s.state()["rows"]["Material"] if m["id"] == "M-3")["unit_code"] == "PC"


def test_switches_simulate_errors_latency_offline_and_a_server_side_change(serve: Any) -> None:
    s = serve()
    s.switch(error_status=503, error_count=1)
    assert s.get("api/crm/customers")[0] == 503
    assert s.get("api/crm/customers")[0] == 200  # only the next request failed
    s.switch(latency_ms=400)
    started = time.monotonic()
    assert s.get("api/crm/products")[0] == 200
    assert time.monotonic() - started >= 0.4
    s.switch(latency_ms=0, offline=True)
    with pytest.raises((urllib.error.URLError, ConnectionError, OSError)):
        request(s.url + "api/crm/customers")
    assert s.get("index.html")[0] == 200  # the app itself is still served
    s.switch(offline=False)
    status, row = s.get("__fieldcraft/server-change", method="POST",
                        body={"entity": "Customer", "key": "C-1004"})
    assert status == 200 and row["name"].endswith("(changed on server)")
    fresh = s.get("api/crm/customers/C-1004")[1]
    assert fresh["name"] == row["name"] and fresh["updated_at"] > "2026-01-01T00:00:00.000Z"
    for bad in ({"nope": 1}, {"latency_ms": "slow"}, {"error_status": 200}, [1]):
        assert s.get("__fieldcraft/switches", method="POST", body=bad)[0] == 400, bad
    assert s.get("__fieldcraft/server-change", method="POST", body={"entity": "Nope"})[0] == 404


def test_config_points_at_the_mock_and_never_carries_a_credential(serve: Any) -> None:
    secret = "SECRET-do-not-serve-4711"
    s = serve(env={"crm_api_token": secret, "erp_login": secret, "FIELDCRAFT_CRM_TOKEN": secret})
    status, config = s.get("config.json")
    assert status == 200
    assert config["sources"]["crm"]["base_url"] == s.url + "api/crm"
    assert config["sources"]["erp"]["base_url"] == s.url + "api/erp"
    assert {c["auth"]["scheme"] for c in config["sources"].values()} == {"none"}
    served = json.dumps(config) + json.dumps(s.state()) + str(s.get("index.html")[1])
    assert secret not in served and "credential" not in json.dumps(config)


def test_a_model_that_cannot_be_served_is_one_line_and_nonzero(tmp_path: Path) -> None:
    bad = tmp_path / "bad.fieldcraft.json"
    bad.write_text('{"schema_version": 1, "id": "x"', "utf-8")
    done = subprocess.run([sys.executable, "-m", "designer", "serve", str(bad), "--port", "0"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and str(bad) in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    done = subprocess.run([sys.executable, "-m", "designer", "serve", str(bad), "--target", "flutter"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 1 and "pwa target only" in done.stderr


def test_a_save_that_does_not_load_keeps_the_preview_and_says_why(serve: Any, tmp_path: Path) -> None:
    s = serve()
    model = tmp_path / "app.fieldcraft.json"
    good = model.read_text("utf-8")
    model.write_text(good[: len(good) // 2], "utf-8")  # a half-written file
    deadline = time.monotonic() + 15
    while not s.state()["problem"] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert str(model) in s.state()["problem"] and s.state()["generation"] == 0
    assert s.get("api/crm/customers")[0] == 200 and s.get("index.html")[0] == 200
    data = json.loads(good)
    data["screens"][0]["title"] = "Kunden"
    model.write_text(json.dumps(data, indent=2), "utf-8")
    while s.state()["generation"] == 0 and time.monotonic() < deadline + 15:
        time.sleep(0.2)
    assert s.state()["generation"] == 1 and s.state()["problem"] == ""
    stderr = s.stop()
    assert stderr.count("not reloaded: ") == 1 and "Traceback" not in stderr


def test_an_operation_on_its_own_server_is_served_by_the_mock_too(serve: Any, tmp_path: Path
                                                                  ) -> None:
    def edit(data: dict[str, Any]) -> None:
        crm = data["data_sources"][0]
        tickets = next(e for e in crm["entities"] if e["name"] == "Ticket")
        for op in tickets["operations"]:
            op["server"] = "https://tickets.real-vendor.example/v9"

    s = serve(model=model_file(tmp_path, edit))
    status, app_js = s.get("app/model/app.js")
    assert status == 200 and "/tickets/linked" in app_js  # the operations are there …
    assert "real-vendor" not in app_js  # … but none is sent to the real server
    assert s.get("api/crm/tickets/T-1")[1]["data"]["subject"] == "ticket 1"
    # a run-time value the operations need (a tenant header) gets a preview value
    config = s.get("config.json")[1]
    assert config["sources"]["crm"]["params"] == {"region": "preview-region", "tenant": "preview-tenant"}
    status, made = s.get("api/crm/tickets", method="POST", body={"subject": "x"},
                         headers={"X-Tenant-Id": config["sources"]["crm"]["params"]["tenant"]})
    assert status == 201
