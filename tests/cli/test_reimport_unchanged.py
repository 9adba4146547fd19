"""Re-importing with ``fieldcraft import``: a source with no changes leaves the model file and its
``.bak`` alone; a CSV re-imported into its source from a differently named file keeps the
entity's name (issue 19 bug 6)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from designer.cli import main
from designer.model import load
from tests.conftest import EXAMPLE


def _model(tmp_path: Path) -> Path:
    model = tmp_path / "m.fieldcraft.json"
    model.write_bytes(EXAMPLE.read_bytes())
    return model


def test_reimporting_an_unchanged_csv_rewrites_neither_the_file_nor_its_backup(
        tmp_path: Path, capsys: Any) -> None:
    model = _model(tmp_path)
    csv = tmp_path / "orders.csv"
    csv.write_text("id,name,qty\n1,Apple,3\n2,Pear,5\n", "utf-8")
    assert main(["import", str(model), "--csv", str(csv)]) == 0
    backup = model.with_name(model.name + ".bak")
    files = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (model, backup)}
    os.utime(model, ns=(1, 1))  # any rewrite would move these
    os.utime(backup, ns=(1, 1))
    capsys.readouterr()
    assert main(["import", str(model), "--csv", str(csv)]) == 0
    for path, (data, _) in files.items():
        assert path.read_bytes() == data and path.stat().st_mtime_ns == 1, path
    out = capsys.readouterr().out
    assert "no changes" in out and "was not rewritten" in out


def test_a_changed_reimport_is_still_saved(tmp_path: Path) -> None:
    model = _model(tmp_path)
    csv = tmp_path / "orders.csv"
    csv.write_text("id,name\n1,Apple\n", "utf-8")
    assert main(["import", str(model), "--csv", str(csv)]) == 0
    csv.write_text("id,name,qty\n1,Apple,3\n", "utf-8")
    assert main(["import", str(model), "--csv", str(csv)]) == 0
    entity = load(model).source("orders").entities[0]
    assert [f.name for f in entity.fields][-1] == "qty"


def test_a_csv_from_a_differently_named_file_keeps_its_entity_name(
        tmp_path: Path, capsys: Any) -> None:
    model = _model(tmp_path)
    csv = tmp_path / "orders.csv"
    csv.write_text("id,name,qty\n1,Apple,3\n", "utf-8")
    assert main(["import", str(model), "--csv", str(csv)]) == 0
    before = load(model).source("orders").entities[0].name
    renamed = tmp_path / "orders_2024.csv"
    renamed.write_text("id,name,qty\n1,Apple,3\n2,Pear,5\n", "utf-8")
    capsys.readouterr()
    assert main(["import", str(model), "--csv", str(renamed), "--name", "orders"]) == 0
    out = capsys.readouterr().out
    assert "entity added" not in out and "entity removed" not in out
    source = load(model).source("orders")
    assert [e.name for e in source.entities] == [before]
    assert len(source.entities[0].sample_rows) == 2  # the new file's rows are in
