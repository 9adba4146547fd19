"""The benchmark runner still runs (tiny sizes; it is a smoke test, not a timing test)."""

from __future__ import annotations

from pathlib import Path

from bench.run import main


def test_bench_run_prints_a_table_with_floors(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "performance.md"
    assert main(["--sizes", "100", "--repeat", "1", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    for name in ("open", "save", "validate", "lint", "export pwa", "export flutter",
                 "export react-native"):
        assert f"| {name}" in printed
    assert "× |" in printed and out.read_text().startswith("# Performance")
