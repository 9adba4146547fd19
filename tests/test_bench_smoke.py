"""The benchmark runner still runs (tiny sizes; it is a smoke test, not a timing test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.run import main


def test_bench_run_prints_a_table_with_floors(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "performance.md"
    assert main(["--sizes", "100", "--repeat", "1", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    for name in ("open", "save", "validate", "lint", "export pwa", "export flutter",
                 "export react-native"):
        assert f"| {name}" in printed
    assert "× |" in printed and out.read_text().startswith("# Performance")


@pytest.mark.timeout(900)      # ~17 whole processes
def test_hostile_bench_runs_every_entry_point_and_writes_its_section(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bench import hostile
    out = tmp_path / "performance.md"
    out.write_text("# Performance\n\nkept\n", "utf-8")
    code = hostile.main(["--tiny", "--out", str(out)])
    table = capsys.readouterr().out
    assert code == 0, "\n".join(row for row in table.splitlines() if "| ok |" not in row)
    text = out.read_text("utf-8")
    assert text.startswith("# Performance\n\nkept\n") and hostile.BEGIN in text
    for command in ("validate", "lint", "diff", "merge", "review", "export pwa",
                    "export react-native", "export flutter", "render", "import --openapi",
                    "import --odata", "import --json", "import --csv", "import --sqlite"):
        assert f"| {command} | " in text, command
    assert "**FAIL**" not in text
    hostile.write_section(out, "again")           # a rerun replaces the section, once
    assert out.read_text("utf-8").count(hostile.BEGIN) == 1 and "again" in out.read_text("utf-8")
