"""The IT rules of issue 15 (FC111, FC307-FC310) reach SARIF with their lines and paths, and
``fieldcraft lint`` keeps quiet once the app signs in, locks and keeps tokens off the device."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from designer.cli import main

from .helpers import base_app, root_children, write
from .test_cli_lint import _sarif_schema


def _exposed_app() -> dict[str, Any]:
    data = base_app()
    crm = data["data_sources"][0]
    crm["auth"] = {"scheme": "oauth2", "credential": "crm_token",
                   "token_url": "https://login.example.com/authorize?response_type=token"}
    crm["offline"] = {"mode": "cached_read"}
    crm["entities"][0]["fields"] += [{"name": "email", "format": "email"},
                                     {"name": "access_token"}]
    root_children(data)[0]["bindings"] = {"text": '"Hello " + user.name'}
    return data


def _sarif(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: dict[str, Any]
           ) -> tuple[dict[str, Any], list[str]]:
    f = write(tmp_path / "app.fieldcraft.json", data)
    main(["lint", str(f), "--format", "sarif"])
    log = json.loads(capsys.readouterr().out)
    assert sorted(jsonschema.Draft4Validator(_sarif_schema()).iter_errors(log), key=str) == []
    return log, f.read_text("utf-8").splitlines()


def test_identity_findings_in_sarif_with_locations(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    log, lines = _sarif(tmp_path, capsys, _exposed_app())
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    found = {r["ruleId"]: r for r in run["results"]}
    expected = {"FC111": '"text": "\\"Hello \\" + user.name"', "FC307": '"name": "email"',
                "FC308": '{', "FC309": '"token_url":',
                "FC310": '"name": "access_token"'}
    assert set(expected) <= set(found)
    for rule_id, needle in expected.items():
        where = found[rule_id]["locations"][0]
        line = where["physicalLocation"]["region"]["startLine"]
        assert needle in lines[line - 1], (rule_id, lines[line - 1])
        assert where["logicalLocations"][0]["fullyQualifiedName"]
        assert rule_id in rules
    assert found["FC309"]["level"] == "error" and found["FC307"]["level"] == "warning"
    assert found["FC308"]["locations"][0]["physicalLocation"]["region"]["startLine"] == 1  # absent block: the app
    assert found["FC308"]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == \
        "device_policy.idle_lock_minutes"
    assert rules["FC309"]["properties"]["security-severity"]


def test_a_protected_app_has_none_of_them(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    data = _exposed_app()
    crm = data["data_sources"][0]
    crm["auth"] = {"scheme": "user"}
    crm["offline"] = {"mode": "online_only"}
    data["sign_in"] = {"method": "oidc", "issuer": "https://login.example.com",
                       "client_id": "crm-app"}
    data["device_policy"] = {"idle_lock_minutes": 5, "wipe_after_days": 14}
    log, _ = _sarif(tmp_path, capsys, data)
    ids = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert ids.isdisjoint({"FC111", "FC307", "FC308", "FC309", "FC310"}), ids
