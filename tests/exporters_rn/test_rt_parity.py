"""The shared TypeScript runtime (``exporters/runtime_ts/src/rt.ts``; ``src/shared/rt.ts`` in an
export) computes what the designer's preview (the Python reference runtime) computes, for every
function and the odd cases of each operator."""

from __future__ import annotations

import json
import math
import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from designer.expressions import FUNCTIONS, compile_expr, evaluate
from exporters import runtime_ts

from tests.expressions.sample import env

from .toolchain import Toolchain

STRINGS = {"greeting": "Hello", "farewell": "Bye"}
TODAY, NOW = date(2026, 1, 15), datetime(2026, 1, 15, 10, 30, 0)
CASES = [f.example for f in FUNCTIONS.values()] + [
    "-7 % 3", "7 % -3", "1 / 0", "5 % 0", "1 / 3", "0.1 + 0.2", "2.675", "round(2.675, 2)",
    "round(-2.5)", "round(1.005, 2)", "round(7, 1)", 'format_currency(-1234.5, "USD")',
    'format_currency(0.004, "EUR")', 'format_currency(1234.5, "JPY")',
    'format_currency(12, "CHF")', "format_number(1234567.891, 2)", "format_number(-0.001, 2)",
    'format_date("2024-03-05", "long")', 'format_date("2024-03-05T07:08:09", "short")',
    'format_date("2024-02-30", "short")', 'format_date(customer.since, "iso")',
    '"a" + null', '1 + "2"', '"x" + 2.0', '"x" + 2.5', '"x" + true', "null + 1",
    'len("😀x")', 'upper("straße")', "today() == \"2026-01-15\"", "now() > today()",
    '"2024-01-02" < "2024-01-10"', "customer.phone == null", "customer.blocked == false",
    "1 == 1.0", '1 == "1"', "null < 1", "not customer.blocked and customer.city != \"\"",
    "coalesce(customer.phone, customer.email)", "sum(orders, \"total\") / count(orders)",
    "avg(counts)", "sum(counts)", "min(3, 2.5)", "max(-1, -2)", "contains(customer.email, \"@\")",
    'concat("a", null, 1, true)', 'if(customer.blocked, "B", "A")', 't("greeting")',
    't("missing_key")', "customer.orders", "order.customer.name", "customer.nope.deeper",
    "-customer.name", "orders.total", 'mask("+44 20 7946 0958")', 'mask("12", 4)',
    'mask("😀ab😀", 1)', 'mask("abc", 0)', "mask(customer.email, 3)", "mask(customer.phone, 2)",
    'mask("abc", -1)', "mask(1234, 2)",
    # totals over a missing (null) list: sum and count 0, avg null
    'sum(customer.nope, "total")', "count(customer.nope)", 'avg(customer.nope, "total")',
    "sum(customer.phone)", 'format_currency(sum(customer.nope, "total"), "EUR")',
]



def _random_cases(count: int = 300) -> list[str]:
    import random

    rng = random.Random(6)
    numbers = ["0", "1", "-1", "2.5", "-2.5", "0.1", "123456.789", "-0.005", "7", "-7",
               "3", "1.005", "2.675", "999.995"]
    ops = ["+", "-", "*", "/", "%", "<", "<=", "==", "!="]
    out = []
    for _ in range(count):
        a, b, op = rng.choice(numbers), rng.choice(numbers), rng.choice(ops)
        kind = rng.randrange(4)
        if kind == 0:
            out.append(f"{a} {op} {b}")
        elif kind == 1:
            out.append(f"round({a} {op if op in '+-*/' else '+'} {b}, {rng.randrange(4)})")
        elif kind == 2:
            out.append(f"format_number({a} {op if op in '+-*/%' else '*'} {b}, {rng.randrange(4)})")
        else:
            out.append(f'format_currency({a} * {b}, "{rng.choice(["EUR", "JPY", "CHF"])}")')
    return out


CASES += _random_cases()


def _normal(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float) and value.is_integer() and math.isfinite(value):
        return int(value)
    if isinstance(value, list):
        return [_normal(v) for v in value]
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    return value


def test_rt_ts_matches_the_python_reference(tmp_path: Path, rn_toolchain: Toolchain) -> None:
    bundle = tmp_path / "rt.cjs"
    built = subprocess.run([str(rn_toolchain.esbuild), str(runtime_ts.SOURCES / "rt.ts"),
                            "--bundle", "--platform=node", "--format=cjs", f"--outfile={bundle}",
                            "--log-level=error"], capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    lines = [f"const {{ rt, configure, plain }} = require({json.dumps(str(bundle))});",
             f"configure({{ strings: {json.dumps(STRINGS)}, clock: () => new Date(2026, 0, 15, 10, 30, 0) }});",
             f"const s = {json.dumps(env())};", "const out = [];"]
    for case in CASES:
        lines.append(f"try {{ out.push(plain({compile_expr(case, 'ts')})); }} "
                     f"catch (e) {{ out.push('THROWS ' + e); }}")
    lines.append("process.stdout.write(JSON.stringify(out.map((v) => v === undefined ? null : v)));")
    script = tmp_path / "cases.js"
    script.write_text("\n".join(lines), encoding="utf-8")
    ran = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=60,
                         encoding="utf-8")
    assert ran.returncode == 0, ran.stderr
    got = json.loads(ran.stdout)
    mismatches = []
    for case, ts_value in zip(CASES, got):
        expected = _normal(evaluate(case, env(), STRINGS, TODAY, now=NOW))
        actual = _normal(ts_value)
        same = (math.isclose(actual, expected, rel_tol=1e-12)
                if isinstance(actual, (int, float)) and isinstance(expected, (int, float))
                and not isinstance(actual, bool) and not isinstance(expected, bool)
                else actual == expected)
        if not same:
            mismatches.append(f"{case}: TS {actual!r} != Python {expected!r}")
    assert mismatches == []
