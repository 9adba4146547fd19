"""React Native: a CSV source's rows ship in the project (src/data/bundled/*.json) and the
project a user gets from ``fieldcraft new`` + ``import --csv`` + ``scaffold`` type-checks and
lints clean with its own tools — a title-only start screen included."""

from __future__ import annotations

import json
from pathlib import Path

from designer.model import load
from exporters import ExportOptions, get
from tests.price_list import ROWS, price_list

from .expo_toolchain import ExpoToolchain, lint, typecheck


def test_a_price_list_project_ships_its_rows_and_passes_tsc_and_lint(
        tmp_path: Path, expo_tools: ExpoToolchain) -> None:
    model = price_list(tmp_path, "offline_read_write")
    out = tmp_path / "project"
    result = get("react-native").export(load(model), out, ExportOptions(model_file=str(model)))
    assert not result.warnings, result.warnings
    shipped = json.loads((out / "src/data/bundled/prices.json").read_text("utf-8"))
    assert len(shipped["Price"]) == ROWS and shipped["Price"][-1]["SKU"] == f"P{ROWS:04d}"
    assert "SyncBar" not in (out / "App.tsx").read_text("utf-8")  # nothing to sync
    assert (out / "src/screens/HomeScreen.tsx").is_file()     # the title-only screen of `new`
    assert typecheck(out, expo_tools) == []
    assert lint(out, expo_tools) == []
