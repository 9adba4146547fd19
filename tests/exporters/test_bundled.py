"""Which rows a CSV or JSON source ships in the app: the whole origin file beside the model, laid
onto the model's (possibly renamed) fields; else the sample rows with a warning; never a file
outside the model's folder."""

from __future__ import annotations

import json
from pathlib import Path

from designer.importers import import_csv, import_json
from designer.model import App, Screen
from exporters import ExportOptions, get
from exporters.bundled import origin_path
from widgets import CATALOG


def app_with(source: object) -> App:
    root = CATALOG.get("column").create("w_root", "root")
    return App(id="app_b", name="Bundled", screens=[Screen(id="s_home", name="home", root=root)],
               data_sources=[source])  # type: ignore[list-item]


def shipped(tmp_path: Path, app: App, model_file: str) -> tuple[dict[str, list[dict]], list]:
    out = tmp_path / "out"
    result = get("pwa").export(app, out, ExportOptions(model_file=model_file))
    files = list((out / "data").glob("*.json"))
    assert len(files) == 1, files
    return json.loads(files[0].read_text("utf-8")), result.warnings


def test_the_whole_file_ships_onto_renamed_fields(tmp_path: Path) -> None:
    csv_file = tmp_path / "stock.csv"
    csv_file.write_text("Item code;Qty\n" + "".join(f"A{i:03d};{i}\n" for i in range(300)),
                        "utf-8")
    source = import_csv(csv_file).source
    entity = source.entities[0]
    entity.name = "StockLine"                       # renamed in the designer
    entity.fields[0].name = "code"                  # its wire name stays "Item code"
    entity.key = ["code"]
    model = tmp_path / "app.fieldcraft.json"
    rows, warnings = shipped(tmp_path, app_with(source), str(model))
    assert len(entity.sample_rows) == 200
    assert not warnings
    assert len(rows["StockLine"]) == 300
    assert rows["StockLine"][299] == {"code": "A299", "Qty": 299}


def test_a_missing_file_ships_the_sample_rows_and_says_so(tmp_path: Path) -> None:
    data = tmp_path / "products.json"
    data.write_text(json.dumps({"products": [{"id": i, "name": f"n{i}"} for i in range(5)]}))
    source = import_json(data).source
    data.unlink()
    rows, warnings = shipped(tmp_path, app_with(source), str(tmp_path / "app.fieldcraft.json"))
    assert [len(v) for v in rows.values()] == [5]
    assert [w.code for w in warnings] == ["bundled-data"]
    assert "products.json" in warnings[0].message and warnings[0].path[-1] == "origin"


def test_an_origin_outside_the_model_folder_is_never_read(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    secret = tmp_path / "secret.csv"
    secret.write_text("id\nTOP-SECRET\n", "utf-8")
    model = str(folder / "app.fieldcraft.json")
    for origin in ("../secret.csv", str(secret), "..", "", "a\\..\\secret.csv"):
        assert origin_path(model, origin) is None, origin
    (folder / "link.csv").symlink_to(secret)
    assert origin_path(model, "link.csv") is None
    (folder / "ok.csv").write_text("id\n1\n", "utf-8")
    assert origin_path(model, "ok.csv") == (folder / "ok.csv").resolve()
    (folder / "data").mkdir()
    (folder / "data" / "in.csv").write_text("id\n1\n", "utf-8")
    assert origin_path(model, "data/in.csv") == (folder / "data" / "in.csv").resolve()
    assert origin_path(model, "data/../ok.csv") is None
    source = import_csv(folder / "ok.csv").source
    source.origin = "../secret.csv"
    rows, warnings = shipped(tmp_path, app_with(source), model)
    assert "TOP-SECRET" not in json.dumps(rows) and warnings
