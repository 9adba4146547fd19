"""A wide model (thousands of entities with sample rows, the shape an OpenAPI import of a big
contract gives) stays within the memory budget: peak RSS ≤ 3× the file + 150 MB (issue 18 item 1).

The secret scan dumped the whole app at once — the model's size again, twice over — so
validate and lint of a 26 MB model peaked near 300 MB. Each command is a real process.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import hostile_inputs as H
from bench.measure import fieldcraft
from designer.model import load
from designer.model.secrets_scan import dumped_parts, scan

MB = 2**20


@pytest.fixture(scope="module")
def wide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return H.chain_model(tmp_path_factory.mktemp("wide") / "wide.fieldcraft.json", 5_000)


@pytest.mark.timeout(600)
@pytest.mark.parametrize("command", ["validate", "lint"])
def test_a_wide_model_is_checked_within_the_memory_budget(wide: Path, command: str) -> None:
    run = fieldcraft([command, str(wide)], timeout=500)
    assert run.code == 0, run.stdout + run.stderr
    budget = 3 * wide.stat().st_size + 150 * MB
    assert run.peak <= budget, f"{command}: peak {run.peak_mb:.0f} MB > {budget / MB:.0f} MB"


def test_the_dumped_pieces_are_the_whole_dump_and_scan_alike(tmp_path: Path) -> None:
    path = H.chain_model(tmp_path / "small.fieldcraft.json", 3)
    token = "ghp_" + "abcdefghijklmnopqrstuvwxyz0123456789"[:36]
    text = path.read_text("utf-8").replace('"Node1 2"', f'"{token}"').replace(
        '"Chain"', f'"{token}"')
    path.write_text(text, "utf-8")
    app = load(path)
    whole = app.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    pieces = list(dumped_parts(app))
    for where, part in pieces:                 # each piece is its subtree of the whole dump
        node = whole
        for key in where:
            node = node[key]
        held = {"data_sources", "screens"} if not where else (
            {"entities"} if where[0] == "data_sources" and len(where) == 2 else set())
        assert part == {k: v for k, v in node.items() if k not in held}, where
    assert len(pieces) == 1 + len(app.data_sources) + len(app.screens) + sum(
        len(d.entities) for d in app.data_sources)
    found = sorted(p for where, part in pieces for p, _ in scan(part, where))
    assert found == sorted(p for p, _ in scan(whole)), found
    assert {p[0] for p in found} == {"data_sources", "screens"}, found


@pytest.mark.timeout(600)
def test_the_52_mb_chain_model_validates_within_the_memory_budget(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """orjson.loads alone peaked at 310 MB on this file (budget 308): big files are parsed by
    ``designer.model.large_file``, which holds the text or the bytes, never its parse tree."""
    chain = H.chain_model(tmp_path_factory.mktemp("chain") / "chain.fieldcraft.json", 10_000)
    run = fieldcraft(["validate", str(chain)], timeout=500)
    assert run.code == 0, run.stdout + run.stderr
    budget = 3 * chain.stat().st_size + 150 * MB
    assert chain.stat().st_size > 50 * MB
    assert run.peak <= budget - 30 * MB, f"peak {run.peak_mb:.0f} MB, budget {budget / MB:.0f} MB"


@pytest.mark.timeout(600)
def test_a_diff_against_a_wide_model_stays_within_the_memory_budget(wide: Path) -> None:
    """The diff dumped every data source of both models whole (566 MB for the 52 MB chain);
    it now dumps one pair at a time, skips equal ones and only names added ones."""
    run = fieldcraft(["diff", str(H.EXAMPLE), str(wide)], timeout=500)
    assert run.code == 0, run.stdout + run.stderr
    assert "data source `chain` (ds_chain) added" in run.stdout
    budget = 3 * wide.stat().st_size + 150 * MB
    assert run.peak <= budget, f"diff: peak {run.peak_mb:.0f} MB > {budget / MB:.0f} MB"
