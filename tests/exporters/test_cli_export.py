"""``fieldcraft export`` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from designer.cli import main
from designer.model import dumps
from tests.conftest import EXAMPLE

from .helpers import small_app


def test_export_example_to_pwa(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "app"
    assert main(["export", str(EXAMPLE), "--target", "pwa", "--out", str(out)]) == 0
    assert "exported" in capsys.readouterr().out
    marker = json.loads((out / ".fieldcraft-export.json").read_text())
    assert marker["model_id"] == "app_field_sales" and marker["target"] == "pwa"
    assert (out / "manifest.webmanifest").is_file() and (out / "sw.js").is_file()


def test_list_targets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--list-targets"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("pwa ") and "Progressive Web App" in line for line in lines)


def test_unknown_target_and_missing_arguments_are_usage_errors(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(EXAMPLE), "--target", "pwz", "--out", str(tmp_path / "o")]) == 2
    assert "did you mean `pwa`" in capsys.readouterr().err
    assert main(["export", str(EXAMPLE)]) == 2


def test_invalid_model_lists_problems_with_lines(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(dumps(small_app()))
    data["screens"][0]["root"]["children"][1]["bindings"]["text"] = "nobody.name"
    model = tmp_path / "bad.fieldcraft.json"
    model.write_text(json.dumps(data, indent=2))
    assert main(["export", str(model), "--target", "pwa", "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert f"{model}:" in err and "screens[0].root.children[1].bindings.text" in err
    assert "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_foreign_output_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "home"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    assert main(["export", str(EXAMPLE), "--target", "pwa", "--out", str(out), "-q"]) == 1
    assert "not empty" in capsys.readouterr().err
    assert (out / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("target, version", [("pwa", "1.0.0"), ("react-native", "1.0.0"),
                                             ("flutter", "0.9.0")])
def test_readme_names_model_and_exporter_versions(target: str, version: str,
                                                  tmp_path: Path) -> None:
    """Inside a Markdown code span backslashes show literally: the id must not be escaped."""
    out = tmp_path / target
    assert main(["export", str(EXAMPLE), "-t", target, "-o", str(out), "-q"]) == 0
    head = " ".join((out / "README.md").read_text("utf-8").split("\n\n")[:2]).replace("\n", " ")
    assert "`app_field_sales` version 1\\.0\\.0" in head, head
    assert version.replace(".", "\\.") in head


def test_md_code_keeps_backticks_and_text_literal() -> None:
    from exporters.escaping import md_code

    assert md_code("app_field_sales") == "`app_field_sales`"
    assert md_code("a `b` c") == "``a `b` c``"
    assert md_code("`x`") == "`` `x` ``"
    assert md_code("line\nbreak \u202e") == "`line break`"
