"""List totals over a missing (null) or empty list, in the designer's preview evaluator and in the
PWA's JS runtime (the TS runtime is held to the same results by
tests/exporters_rn/test_rt_parity.py): sum and count give 0, avg gives null."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from designer.expressions import compile_expr, evaluate
from exporters.pwa import TEMPLATES

NODE = shutil.which("node")
#: ``order.lines`` is null, ``order.none`` missing, ``order.empty`` an empty list.
DATA = {"order": {"lines": None, "empty": [], "some": [{"t": 2}, {"t": 3.5}, {"t": None}]}}
TOTALS = [
    ('sum(order.lines, "t")', 0), ('sum(order.none, "t")', 0), ('sum(order.empty, "t")', 0),
    ("sum(order.lines)", 0), ('sum(order.some, "t")', 5.5),
    ("count(order.lines)", 0), ("count(order.none)", 0), ("count(order.empty)", 0),
    ("count(order.some)", 3),
    ('avg(order.lines, "t")', None), ('avg(order.empty, "t")', None), ('avg(order.some, "t")', 2.75),
    ("min(order.lines, 1)", None), ("max(count(order.lines), 1)", 1),
    ('"Total: " + format_currency(sum(order.lines, "t"), "EUR")', "Total: €0.00"),
    ('"Avg: " + format_number(avg(order.empty, "t"), 2)', "Avg: "),
    ('sum(order, "t")', None), ("count(order)", None),  # a record is not a list
]


@pytest.mark.parametrize("text, expected", TOTALS)
def test_preview_evaluator(text: str, expected: Any) -> None:
    assert evaluate(text, DATA, {}, date(2026, 1, 15)) == expected


def test_pwa_runtime(tmp_path: Path) -> None:
    assert NODE, "node is required for this test"
    runtime = tmp_path / "runtime.mjs"
    runtime.write_text((TEMPLATES / "app" / "shared" / "rt.js").read_text("utf-8"), "utf-8")
    lines = [f"import {{ rt, plain }} from {json.dumps(runtime.as_uri())};",
             f"const s = {json.dumps(DATA)};", "const out = [];"]
    lines += [f"out.push(plain({compile_expr(text, 'js')}) ?? null);" for text, _ in TOTALS]
    lines.append("process.stdout.write(JSON.stringify(out));")
    script = tmp_path / "totals.mjs"
    script.write_text("\n".join(lines), "utf-8")
    ran = subprocess.run([NODE, str(script)], capture_output=True, text=True, timeout=60,
                         encoding="utf-8")
    assert ran.returncode == 0, ran.stderr
    assert dict(zip((t for t, _ in TOTALS), json.loads(ran.stdout))) == dict(TOTALS)
