"""Approvals: content hash sidecar, and ``export --require-approval`` refusing changed models."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from designer.cli import main
from designer.model import dumps, load
from designer.review.approval import (ApprovalError, approve, check_approval, content_hash,
                                      sidecar_path)
from tests.conftest import EXAMPLE


@pytest.fixture
def model(tmp_path: Path) -> Path:
    target = tmp_path / "sales.fieldcraft.json"
    shutil.copy(EXAMPLE, target)
    return target


def test_sidecar_name_never_looks_like_a_model(model: Path) -> None:
    assert sidecar_path(model).name == "sales.fieldcraft.approval.json"


def test_approve_then_check(model: Path) -> None:
    when = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)
    record = approve(model, "Jane Doe (IT)", now=when)
    assert record.hash == content_hash(load(model)) and record.hash.startswith("sha256:")
    data = json.loads(sidecar_path(model).read_text())
    assert data["approvals"] == [{"hash": record.hash, "by": "Jane Doe (IT)",
                                  "at": "2026-03-01T09:30:00Z"}]
    assert check_approval(model) == record


def test_reformatting_keeps_the_approval_but_a_change_does_not(model: Path) -> None:
    first = approve(model, "Jane")
    model.write_text(json.dumps(json.loads(model.read_text()), indent=4))   # same content
    assert check_approval(model).hash == first.hash
    app = load(model)
    app.data_sources[0].base_url = "https://evil.example.net"
    model.write_bytes(dumps(app))
    with pytest.raises(ApprovalError) as err:
        check_approval(model)
    message = str(err.value)
    assert f"Jane approved {first.hash}" in message and content_hash(app) in message


def test_no_approval_and_bad_names(model: Path) -> None:
    with pytest.raises(ApprovalError, match="no approval recorded"):
        check_approval(model)
    for bad in ("", "   ", "line\nbreak", "x" * 201):
        with pytest.raises(ApprovalError):
            approve(model, bad)
    sidecar_path(model).write_text("{not json")
    with pytest.raises(ApprovalError, match="cannot read the approval record"):
        check_approval(model)


GOOD = {"hash": "sha256:" + "ab" * 32, "by": "Jane Doe (IT)", "at": "2026-01-02T03:04:05Z"}


@pytest.mark.parametrize("record, message", [
    ([GOOD], "not an approval record"),
    ({"approvals": {"0": GOOD}}, "not an approval record"),
    ({"approvals": [{**GOOD, "by": None}]}, "approvals[0].by: missing"),
    ({"approvals": [GOOD, {k: v for k, v in GOOD.items() if k != "by"}]},
     "approvals[1].by: missing"),
    ({"approvals": [{**GOOD, "hash": 5}]}, "approvals[0].hash: invalid (5)"),
    ({"approvals": [{**GOOD, "hash": "md5:abc"}]}, "approvals[0].hash: invalid ('md5:abc')"),
    ({"approvals": [{**GOOD, "at": "yesterday"}]}, "approvals[0].at: invalid ('yesterday')"),
    ({"approvals": ["Jane"]}, "approvals[0].hash: missing"),
])
def test_damaged_record_names_the_entry(model: Path, capsys: pytest.CaptureFixture[str],
                                        record: object, message: str) -> None:
    side = sidecar_path(model)
    side.write_text(json.dumps(record))
    with pytest.raises(ApprovalError) as info:
        check_approval(model)
    assert str(info.value).startswith(f"{side}: {message}"), str(info.value)
    assert main(["approve", str(model), "--check"]) == 1
    assert f"{side}: {message}" in capsys.readouterr().err


def test_history_keeps_every_approval(model: Path) -> None:
    approve(model, "Jane")
    app = load(model)
    app.name = "Sales 2"
    model.write_bytes(dumps(app))
    approve(model, "Raj")
    by = [a["by"] for a in json.loads(sidecar_path(model).read_text())["approvals"]]
    assert by == ["Jane", "Raj"] and check_approval(model).by == "Raj"


def test_cli_approve_and_check(model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["approve", str(model), "--check"]) == 1
    assert "no approval recorded" in capsys.readouterr().err
    assert main(["approve", str(model)]) == 2
    assert main(["approve", str(model), "--by", "Jane"]) == 0
    assert "approved by Jane" in capsys.readouterr().out
    assert main(["approve", str(model), "--check"]) == 0


def test_export_require_approval(model: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    args = ["export", str(model), "--target", "pwa", "--out", str(out), "--quiet",
            "--require-approval"]
    assert main(args) == 1
    assert "not exported" in capsys.readouterr().err and not out.exists()
    approve(model, "Jane")
    assert main(args) == 0, capsys.readouterr().err
    assert (out / "index.html").exists()
    capsys.readouterr()
    app = load(model)
    app.screens[0].title = "Changed after approval"
    model.write_bytes(dumps(app))
    shutil.rmtree(out)
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "content changed since it was approved: Jane approved sha256:" in err
    assert not out.exists()
