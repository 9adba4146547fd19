"""The runtime behaviour table run in node against the shared runtime (the compiled ES modules
the PWA ships; React Native carries their TypeScript sources, held equal by
test_shared_runtime.py). The expression and formatting rows are also held to the designer's
preview evaluator (the Python reference), so the table cannot drift from it."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from designer.expressions import evaluate

from .build import PWA_SHARED
from .cases import describe, prepare, same, table, tables

HARNESS = Path(__file__).resolve().parent / "harness.mjs"


def run_node(names: list[str], tmp_path: Path) -> dict[str, list[dict[str, object]]]:
    node = shutil.which("node")
    assert node, "node is required for this test"
    prepared = tmp_path / "prepared.json"
    prepared.write_text(json.dumps({n: prepare(n, "js") for n in names}), "utf-8")
    ran = subprocess.run([node, str(HARNESS), str(PWA_SHARED), str(prepared)],
                         capture_output=True, text=True, timeout=120, encoding="utf-8")
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout)


def test_the_table_has_at_least_150_cases() -> None:
    assert sum(len(t["cases"]) for t in tables().values()) >= 150


def test_shared_runtime_plays_the_table(tmp_path: Path) -> None:
    names = list(tables())
    results = run_node(names, tmp_path)
    wrong = []
    for name in names:
        cases = table(name)["cases"]
        assert len(results[name]) == len(cases)
        for case, got in zip(cases, results[name]):
            if "error" in got or not same(got["value"], case["expect"]):
                wrong.append(f"{describe(name, case)} -> {got} (want {case['expect']!r})")
    assert wrong == []


@pytest.mark.parametrize("name", ["expressions", "formatting"])
def test_the_python_reference_agrees_with_the_table(name: str) -> None:
    doc = table(name)
    today, now = date.fromisoformat(doc["today"]), datetime.fromisoformat(doc["now"])
    wrong = []
    for case in doc["cases"]:
        got = json.loads(json.dumps(evaluate(case["expr"], doc["data"], doc["strings"], today,
                                             now=now), default=_iso))
        if not same(got, case["expect"]):
            wrong.append(f"{case['expr']}: Python {got!r} != table {case['expect']!r}")
    assert wrong == []


def _iso(value: object) -> object:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return float(value)  # Decimal
