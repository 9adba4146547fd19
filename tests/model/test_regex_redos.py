"""Exponential (ReDoS) pattern shapes are refused by the portable-regex checker that validate,
lint and the rules editor share; common safe patterns are accepted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from designer.model.portable_regex import pattern_error
from tests.conftest import EXAMPLE, ROOT

EXPONENTIAL = {
    "nested-plus": (r"^(a+)+$", "`(a+)+`"),
    "nested-star": (r"(a*)*", "`(a*)*`"),
    "same-alternatives": (r"^(a|a)*$", "`(a|a)*`"),
    "word-space": (r"^(\w+\s?)+$", r"`(\w+\s?)+`"),
    "bounded-heavy": (r"(.*a){20}", "`(.*a){20}`"),
    "overlapping-classes": (r"^(\w|\d)+$", r"`(\w|\d)+`"),
    "two-inner-repeats": (r"^(x+x+)+y$", "`(x+x+)+`"),
    "separator-inside-set": (r"^([\w.-]+\.)+$", r"`([\w.-]+\.)+`"),
    "non-capturing": (r"^(?:[a-z]+)*$", "`(?:[a-z]+)*`"),
    "deeper-nesting": (r"^((ab*)+c?)+$", "`((ab*)+c?)+`"),
}
SAFE = [
    r"^[\w.+-]+@([\w-]+\.)+[\w-]{2,}$",             # e-mail
    r"^\+?[0-9 ()-]{7,20}$",                         # phone number
    r"^[A-Z]{2}\d{4}$", r"^\d{5}(-\d{4})?$", r"^(\d+,)*\d+$", r"^([a-z]+\.)+[a-z]+$",
    r"^(\d{1,3}\.){3}\d{1,3}$", r"^(Mr|Mrs|Ms)\.? [A-Z][a-z]+$", r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
    r"^\p{Lu}\p{Ll}+( \p{Lu}\p{Ll}+)*$", r"^(?:[01]\d|2[0-3]):[0-5]\d$", r"^a",
]


@pytest.mark.parametrize(("pattern", "quoted"), EXPONENTIAL.values(), ids=EXPONENTIAL.keys())
def test_exponential_shapes_are_refused_with_why_and_a_rewrite(pattern: str, quoted: str) -> None:
    error = pattern_error(pattern)
    assert error is not None
    assert error.message.startswith(f"{quoted} can take exponential time in the apps (ReDoS)")
    assert "→" in error.message                      # suggests a rewrite
    assert pattern[error.position:].startswith(quoted.strip("`"))


@pytest.mark.parametrize("pattern", SAFE)
def test_common_safe_patterns_are_accepted(pattern: str) -> None:
    assert pattern_error(pattern) is None


def _model(tmp_path: Path, pattern: str) -> tuple[Path, int]:
    data = orjson.loads(EXAMPLE.read_bytes())
    widget = next(w for s in data["screens"] for w in _walk(s["root"]) if w.get("validation"))
    widget["validation"].append({"rule": "pattern", "pattern": pattern, "message": "letters"})
    model = tmp_path / "redos.fieldcraft.json"
    model.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    line = next(i for i, t in enumerate(model.read_text().splitlines(), 1) if pattern in t.replace(
        "\\\\", "\\"))
    return model, line


def _walk(node: dict) -> list[dict]:
    found, stack = [], [node]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(current.get("children", []))
    return found


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_validate_and_lint_refuse_a_redos_pattern_located(tmp_path: Path, command: str) -> None:
    model, line = _model(tmp_path, "^(a+)+$")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "designer", command, model.name],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=180)
    assert done.returncode == 1
    [found] = [x for x in (done.stdout + done.stderr).splitlines() if "ReDoS" in x]
    assert found.startswith(f"redos.fieldcraft.json:{line}: ")
    assert ".pattern: invalid pattern: `(a+)+` can take exponential time" in found
