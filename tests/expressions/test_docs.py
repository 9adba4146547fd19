"""The committed language reference matches the generator; every function is documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from designer.expressions import FUNCTIONS
from designer.expressions.docs import render

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "expressions.md"


def test_committed_reference_is_up_to_date() -> None:
    assert DOC.read_text("utf-8") == render(), (
        "docs/expressions.md is stale: run python -m designer.expressions.docs > "
        "docs/expressions.md")


def test_every_function_has_a_section_with_its_example() -> None:
    text = render()
    for function in FUNCTIONS.values():
        assert f"### {function.name}\n" in text
        assert f"Example: `{function.example}`" in text
        assert function.doc and function.example


def test_module_entry_point_prints_the_reference() -> None:
    out = subprocess.run([sys.executable, "-m", "designer.expressions.docs"], cwd=ROOT,
                         capture_output=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.decode("utf-8") == render()
