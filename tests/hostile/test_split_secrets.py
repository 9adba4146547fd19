"""A token split across a string concatenation in a binding is still a literal secret.

``"ghp_abc" + "def…"`` hides the token from a scan of each string; the scanner folds constant
concatenations (``+``, nested parentheses, ``concat(…)``, both mixed) and scans the result. The
finding is located (file:line and model path) in validate and lint, through the real CLI.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from designer.model.secrets_scan import findings, folded_strings
from tests.conftest import EXAMPLE, ROOT

HEAD, MID, TAIL = "ghp_abcdefghijkl", "mnopqrstuv", "wxyz0123456789AB"   # ghp_ + 30 characters
SPLIT = {
    "plus": f'"{HEAD}" + "{MID}{TAIL}"',
    "nested-parentheses": f'"{HEAD}" + ("{MID}" + ("{TAIL}"))',
    "concat": f'concat("{HEAD}", "{MID}", "{TAIL}")',
    "concat-and-plus": f'concat("{HEAD}" + "{MID}", "{TAIL}")',
    "plus-of-concat": f'"{HEAD}" + concat("{MID}", "{TAIL}")',
    "inside-another-call": f'upper(item.name + ("{HEAD}" + "{MID}{TAIL}"))',
    "single-quotes": f"'{HEAD}' + '{MID}' + '{TAIL}'",
}
CLEAN = {
    "example-binding": 'item.city + " · " + item.contact_name',
    "runtime-value-between": f'"{HEAD}" + item.name + "{MID}{TAIL}"',
    "labels": 'concat(customer.first_name, " ", customer.last_name)',
    "not-an-expression": 'Say "hello" + smile',
}


@pytest.mark.parametrize("expression", SPLIT.values(), ids=SPLIT.keys())
def test_a_split_token_is_found_in_the_folded_expression(expression: str) -> None:
    assert any(HEAD + MID + TAIL in s for s in folded_strings(expression))
    [(where, text, kind)] = findings({"bindings": {"text": expression}})
    assert where == ("bindings", "text") and text == expression
    assert kind == "GitHub token, split across a concatenation"


@pytest.mark.parametrize("expression", CLEAN.values(), ids=CLEAN.keys())
def test_ordinary_concatenations_are_not_flagged(expression: str) -> None:
    assert list(findings({"bindings": {"text": expression}})) == []


def test_a_long_concatenation_folds_into_one_string() -> None:
    expression = " + ".join(['"ab"'] * 60)
    assert "ab" * 60 in folded_strings(expression)


def _model_with_split_token(tmp_path: Path) -> tuple[Path, int]:
    data = orjson.loads(EXAMPLE.read_bytes())
    label = data["screens"][0]["root"]["children"][1]["children"][0]["children"][0]["children"][0]
    assert label["bindings"]["text"] == "item.name"
    label["bindings"]["text"] = SPLIT["nested-parentheses"]
    model = tmp_path / "split.fieldcraft.json"
    model.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    line = next(i for i, text in enumerate(model.read_text().splitlines(), 1) if HEAD in text)
    return model, line


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_the_cli_reports_the_split_token_with_its_location(tmp_path: Path, command: str) -> None:
    model, line = _model_with_split_token(tmp_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "designer", command, model.name],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=180)
    assert done.returncode == 1, done.stdout + done.stderr
    found = [x for x in (done.stdout + done.stderr).splitlines() if "split across" in x]
    assert len(found) == 1, done.stdout + done.stderr
    assert found[0].startswith(f"split.fieldcraft.json:{line}: ")
    assert "screens[0].root.children[1].children[0].children[0].children[0].bindings.text" \
        in found[0]
    assert "GitHub token, split across a concatenation" in found[0]
    if command == "lint":
        assert "FC301" in found[0]
    assert HEAD + MID + TAIL not in done.stdout + done.stderr   # the joined token is not echoed
