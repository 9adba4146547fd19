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


def test_bench_run_only_reruns_some_rows_and_keeps_the_others(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "performance.md"
    out.write_text("# Performance\n\n<!-- designer-bench:begin -->\n| designer: kept | — |\n"
                   "<!-- designer-bench:end -->\n\n<!-- hostile-bench:begin -->\nhostile kept\n", "utf-8")
    assert main(["--sizes", "100", "--repeat", "2", "--only", "open", "diff", "merge",
                 "--out", str(out)]) == 0
    first = out.read_text("utf-8")
    open_row = next(line for line in first.splitlines() if line.startswith("| open "))
    cells = [c.strip() for c in open_row.strip("|").split("|")]
    assert cells[-2] == "2" and "–" in cells[3]                 # n and min–max of each side
    assert "GC paused" in cells[5] and ("met" in cells[-1] or "missed" in cells[-1])
    assert "| diff, in process" in first and "GNU diff" in first and "git merge-file" in first
    assert main(["--sizes", "100", "--repeat", "1", "--only", "lint", "--out", str(out)]) == 0
    second = out.read_text("utf-8")
    assert open_row in second and "| lint " in second            # the open row survived
    assert second.count("| open ") == 1 and "| designer: kept |" in second
    assert second.rstrip().endswith("hostile kept")
    capsys.readouterr()


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


def test_bench_run_rows_for_each_size_and_only_the_chosen_targets(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "performance.md"
    assert main(["--sizes", "50", "100", "--repeat", "1", "--only", "open", "validate", "diff",
                 "export", "--targets", "pwa", "--out", str(out)]) == 0
    rows = [line for line in out.read_text("utf-8").splitlines() if line.startswith("| ")][2:]
    keys = {(line.split("|")[1].strip(), line.split("|")[2].strip()) for line in rows}
    for name in ("open (read, check, migrate, validate)", "validate (semantic)",
                 "diff, in process (two loaded models)", "export pwa, in process"):
        assert {(name, "50"), (name, "100")} <= keys, name
    assert not any("flutter" in name or "react-native" in name for name, _ in keys)
    capsys.readouterr()
