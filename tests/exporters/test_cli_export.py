"""``fieldcraft export`` as a user runs it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from designer.cli import main
from designer.model import dumps
from tests.conftest import EXAMPLE

from .helpers import small_app, tree

ROOT = Path(__file__).resolve().parents[2]


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


def test_list_targets_labels_flutter_as_preview(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--list-targets"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert set(lines) >= {"pwa", "react-native", "flutter"}
    assert "preview" in lines["flutter"].lower()
    assert "preview" not in lines["pwa"].lower() and "preview" not in lines["react-native"].lower()


def test_unsupported_source_kind_fails_or_warns_with_allow_partial(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["data_sources"][0]["kind"] = "sqlite"
    model = tmp_path / "m.fieldcraft.json"
    model.write_text(json.dumps(data, indent=2))
    assert main(["export", str(model), "-t", "pwa", "-o", str(tmp_path / "a")]) == 1
    err = capsys.readouterr().err
    assert f"{model}:" in err and "data_sources[0].kind" in err and "--allow-partial" in err
    assert not (tmp_path / "a").exists()
    assert main(["export", str(model), "-t", "pwa", "-o", str(tmp_path / "b"), "-q",
                 "--allow-partial"]) == 0
    assert "warning: data_sources[0].kind" in capsys.readouterr().err
    assert (tmp_path / "b" / "index.html").is_file()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_and_quiet_without(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["export", str(EXAMPLE), "-t", "pwa", "-o", str(tmp_path / "a")]) == 0
    frames = terminal.getvalue().split("\r")[1:]
    assert len(frames) > 5 and frames[-1].startswith("[" + "#" * 30 + "]")
    counts = [int(f.split("] ")[1].split("/")[0]) for f in frames]
    assert counts == sorted(counts) and terminal.getvalue().endswith("\n")
    quiet = _Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert main(["export", str(EXAMPLE), "-t", "pwa", "-o", str(tmp_path / "b"), "-q"]) == 0
    assert quiet.getvalue() == ""


@pytest.mark.parametrize("target", ["pwa", "react-native", "flutter"])
def test_byte_identical_across_hash_seeds(target: str, tmp_path: Path) -> None:
    """Set and dict iteration orders must not leak into the output."""
    trees = []
    for seed in ("1", "4242"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, "-m", "designer", "export", str(EXAMPLE), "-t", target,
                        "-o", str(out), "-q"], check=True, env=env, capture_output=True)
        trees.append(tree(out))
    assert trees[0] == trees[1] and len(trees[0]) > 20
