"""The ``fieldcraft`` CLI as a user runs it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from designer.cli import main
from designer.model import load
from tests.conftest import EXAMPLE, ROOT


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "designer", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def test_version() -> None:
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("fieldcraft ")


def test_validate_example_ok() -> None:
    out = run("validate", str(EXAMPLE))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "ok" in out.stdout


def test_validate_reports_file_line_path_and_suggestion(tmp_path: Path) -> None:
    bad = tmp_path / "bad.fieldcraft.json"
    text = EXAMPLE.read_text("utf-8").replace('"item.name"', '"item.nmae"', 1)
    text = text.replace('"screen": "customerDetail"', '"screen": "customerDetial"', 1)
    bad.write_text(text, "utf-8")
    out = run("validate", str(bad), str(EXAMPLE))
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    nav = next(line for line in lines if "customerDetial" in line)
    line_no = text.splitlines().index(next(t for t in text.splitlines()
                                           if '"screen": "customerDetial"' in t)) + 1
    assert nav.startswith(f"{bad}:{line_no}: screens[0].root.children[1].actions.item_tap[0].screen: ")
    assert "(did you mean `customerDetail`?)" in nav
    field = next(line for line in lines if "nmae" in line)
    assert "bindings.text" in field and "`item.name`" in field
    assert f"{EXAMPLE}: ok" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_validate_schema_error_and_garbage(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.fieldcraft.json"
    garbage.write_bytes(b"\x00\x01\x02binary")
    out = run("validate", str(garbage))
    assert out.returncode == 1 and str(garbage) in out.stdout and "binary" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_validate_finds_literal_secret(tmp_path: Path) -> None:
    leaky = tmp_path / "leaky.fieldcraft.json"
    text = EXAMPLE.read_text("utf-8").replace(
        '"base_url": "https://api.example-crm.com/v1"',
        '"base_url": "https://api.example-crm.com/v1?api_key=sk_live_51Hx9KqLmNoPqRsTuV"')
    leaky.write_text(text, "utf-8")
    out = run("validate", str(leaky))
    assert out.returncode == 1
    assert "data_sources[0].base_url" in out.stdout and "secret" in out.stdout


def test_usage_errors_exit_2() -> None:
    assert run("bogus").returncode == 2
    assert run("validate").returncode == 2
    out = run("new")
    assert out.returncode == 2 and "usage" in out.stderr


def test_new_creates_a_valid_file_and_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "route_planner.fieldcraft.json"
    assert run("new", str(path), "--name", "Route Planner").returncode == 0
    app = load(path)
    assert app.name == "Route Planner" and app.start_screen == "home"
    assert run("validate", str(path)).returncode == 0
    again = run("new", str(path))
    assert again.returncode == 1 and "already exists" in again.stderr


def test_schema_is_published_and_validates_the_example(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    assert run("schema", "-o", str(out)).returncode == 0
    schema = json.loads(out.read_text())
    assert out.read_bytes() == (ROOT / "docs/schema/app.schema.json").read_bytes(), \
        "docs/schema/app.schema.json is stale: run `fieldcraft schema -o docs/schema/app.schema.json`"
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(json.loads(EXAMPLE.read_text()))) == []
    broken = json.loads(EXAMPLE.read_text())
    broken["screens"][0]["root"]["children"][0]["kind"] = "nonsense"
    assert list(validator.iter_errors(broken))


def test_app_name_is_limited_to_200_characters(tmp_path: Path) -> None:
    path = tmp_path / "long.fieldcraft.json"
    out = run("new", str(path), "--name", "x" * 201)
    assert out.returncode == 2 and "1-200 characters" in out.stderr and not path.exists()
    assert run("new", str(path), "--name", "x" * 200).returncode == 0
    text = path.read_text("utf-8")
    path.write_text(text.replace('"x' + "x" * 199 + '"', '"' + "x" * 201 + '"'), "utf-8")
    out = run("validate", str(path))
    assert out.returncode == 1
    line = text.splitlines().index('  "name": "' + "x" * 200 + '",') + 1
    assert f"{path}:{line}: name: String should have at most 200 characters" in out.stdout


def test_schema_to_an_unwritable_place_is_a_message(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder" / "schema.json"
    out = run("schema", "-o", str(target))
    assert out.returncode == 1
    assert str(target) in out.stderr and "could not save" in out.stderr
    assert "internal error" not in out.stderr and "Traceback" not in out.stderr
    assert not target.parent.exists()


def test_all_command_names_exist() -> None:
    from designer.cli.cmd_reserved import RESERVED
    from designer.cli import build_parser
    parser = build_parser()
    choices = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in RESERVED:
        assert name in choices


def test_main_entry_point_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("fieldcraft ")
