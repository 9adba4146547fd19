"""``import`` validates what it generated: a source validate would reject is never saved; the
problems are listed with their location and the model file is left as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import designer.importers as importers
from designer.cli import main
from designer.model.data import Operation
from tests.conftest import EXAMPLE


def test_an_import_that_would_not_validate_saves_nothing(tmp_path: Path, capsys: Any,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    model = tmp_path / "m.fieldcraft.json"
    model.write_bytes(EXAMPLE.read_bytes())
    spec = tmp_path / "items.csv"
    spec.write_text("id,name\n1,Bolt\n", "utf-8")
    real = importers.import_file

    def broken(kind: str, path: str, name: str | None = None, **options: Any) -> Any:
        result = real(kind, path, name, **options)
        entity = result.source.entities[0]
        entity.operations.append(Operation(kind="get", path="/items/{id}"))   # nothing fills it
        result.source.kind = "rest"
        result.source.base_url = "https://api.example.com"
        return result

    monkeypatch.setattr(importers, "import_file", broken)
    before = model.read_bytes()
    assert main(["import", str(model), "--csv", str(spec)]) == 1
    err = capsys.readouterr().err
    assert "nothing fills the path placeholder `{id}`" in err
    assert "data_sources[1].entities[0].operations[0].path" in err
    assert f"nothing imported, {model} was not changed" in err
    assert model.read_bytes() == before
    monkeypatch.undo()
    assert main(["import", str(model), "--csv", str(spec)]) == 0       # the real one saves
    assert model.read_bytes() != before


def test_import_locale_decides_dates_the_file_leaves_open(tmp_path: Path, capsys: Any) -> None:
    from designer.model import load

    spec = tmp_path / "visits.csv"
    spec.write_text("id,day\n1,01/02/2024\n2,03/04/2024\n", "utf-8")
    for locale, first in (("en-US", "2024-01-02"), ("de-DE", "2024-02-01")):
        model = tmp_path / f"{locale}.fieldcraft.json"
        model.write_bytes(EXAMPLE.read_bytes())
        assert main(["import", str(model), "--csv", str(spec), "--locale", locale]) == 0
        source = load(model).data_sources[-1]
        assert source.entities[0].sample_rows[0]["day"] == first
        assert f"the locale `{locale}`" in capsys.readouterr().err
