"""Canary credentials never leak, and a literal secret pasted anywhere in a model is caught.

The example's `crm` source names the credential `crm_api_token`. A canary value is stored for it
in the environment and in the keyring; then every tool runs: save, validate, lint (text, JSON,
SARIF), diff, review, export for every target. The canary must appear in no file, output or log.
"""

from __future__ import annotations

import io
import logging
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import keyring
import orjson
import pytest

from designer.cli import main
from designer.model import ModelFileError, dumps, load, loads
from designer.model.validate import validate_app
from designer.review.lint import lint
from designer.secrets import SERVICE, resolve_credential
from exporters import names
from tests.conftest import EXAMPLE
from tests.memory_keyring import MemoryKeyring

CANARY = "CANARY-7fQ2kZ9xLm4Rt8Vw1Yb6"




@pytest.fixture()
def canary(monkeypatch: pytest.MonkeyPatch) -> str:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    backend.set_password(SERVICE, "crm_api_token", CANARY)
    monkeypatch.setenv("FIELDCRAFT_CRED_CRM_API_TOKEN", CANARY)
    yield CANARY
    keyring.set_keyring(previous)


def run_cli(*args: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        main(list(args))
    return out.getvalue()


def test_canary_credentials_never_leak(canary: str, tmp_path: Path,
                                       caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    assert resolve_credential("crm_api_token") == canary  # the canary is really reachable
    model = tmp_path / "app.fieldcraft.json"
    model.write_bytes(EXAMPLE.read_bytes())
    old = tmp_path / "old.fieldcraft.json"
    old.write_bytes(EXAMPLE.read_bytes())
    app = load(model)
    app.description = "edited"
    from designer.model import save
    save(app, model)
    outputs = [
        run_cli("validate", str(model)),
        run_cli("lint", str(model)),
        run_cli("lint", "--format", "json", str(model)),
        run_cli("lint", "--format", "sarif", str(model)),
        run_cli("diff", str(old), str(model)),
        run_cli("review", str(model), "--against", str(old), "--no-images", "-o",
                str(tmp_path / "report.html")),
    ]
    for target in names():
        outputs.append(run_cli("export", str(model), "--target", target, "--out",
                               str(tmp_path / f"out-{target}"), "--quiet"))
    text = "\n".join(outputs) + caplog.text
    assert canary not in text
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) > 20
    for path in files:
        assert canary.encode() not in path.read_bytes(), path
    assert (tmp_path / "report.html").exists()


def _string_leaves(node: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    if isinstance(node, str):
        return [path]
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _string_leaves(v, path + (k,))]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _string_leaves(v, path + (i,))]
    return []


def _set(node: Any, path: tuple[str | int, ...], value: str) -> None:
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


SECRET = "ghp_R4nd0mT0k3nV4lu3F0rT3st1ngPurp0s3s12"


def test_a_secret_pasted_into_any_string_field_is_caught() -> None:
    raw = orjson.loads(EXAMPLE.read_bytes())
    leaves = [p for p in _string_leaves(raw) if p[0] != "$schema"]
    assert len(leaves) > 300
    missed = []
    for path in leaves:
        data = orjson.loads(EXAMPLE.read_bytes())
        _set(data, path, SECRET)
        try:
            app = loads(orjson.dumps(data), "pasted.fieldcraft.json")
        except ModelFileError:
            continue  # the schema refuses the value where it stands: caught
        found = [p for p in validate_app(app) + lint(app) if p.path == path]
        if not any("secret" in (p.code + p.message).lower() for p in found):
            missed.append(path)
    assert missed == []
    assert dumps(load(EXAMPLE)) == EXAMPLE.read_bytes()
