"""Flutter: a CSV source's rows ship as an asset the pubspec declares, its repository names
that asset, and the project still parses and calls only what exists (no Dart SDK here: the
parse trees and the signature table stand in for `flutter analyze`)."""

from __future__ import annotations

import json
from pathlib import Path

from designer.model import load
from exporters import ExportOptions, get
from tests.price_list import ROWS, price_list

from .dart_api import check_project
from .dart_parse import parse_tree


def test_a_price_list_ships_as_an_asset_its_repository_reads(tmp_path: Path) -> None:
    model = price_list(tmp_path, "offline_read_write")
    out = tmp_path / "app"
    result = get("flutter").export(load(model), out, ExportOptions(model_file=str(model)))
    assert not result.warnings, result.warnings
    shipped = json.loads((out / "assets/data/prices.json").read_text("utf-8"))
    assert len(shipped["Price"]) == ROWS
    pubspec = (out / "pubspec.yaml").read_text("utf-8")
    assert "  assets:\n    - assets/data/\n" in pubspec
    repo = (out / "lib/data/prices.dart").read_text("utf-8")
    assert "bundledAsset: 'assets/data/prices.json'," in repo
    trees = parse_tree(out)
    assert {name: t.errors for name, t in trees.items() if t.errors} == {}
    assert "lib/data/bundled.dart" in trees
    assert check_project(out) == []


def test_an_app_without_bundled_sources_declares_no_assets(tmp_path: Path) -> None:
    from tests.exporters_rn.helpers import example, export

    export("flutter", example(), tmp_path / "app")
    assert "assets:" not in (tmp_path / "app" / "pubspec.yaml").read_text("utf-8")
