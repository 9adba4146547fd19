"""``fieldcraft export`` checks the model once: schema validation when the file is read and one
semantic pass (``validate_app``) in the exporter's check — no second pass (issue 17)."""

from __future__ import annotations

import pytest

from designer.cli import main
from tests.conftest import EXAMPLE


@pytest.mark.parametrize("target", ["pwa", "react-native", "flutter"])
def test_export_runs_each_validation_once(target, tmp_path, monkeypatch, capsys):
    import designer.model.validate as validate
    from designer.model import App

    calls = {"semantic": 0, "schema": 0}
    semantic, schema = validate.validate_app, App.model_validate.__func__

    def counted_semantic(*args, **kwargs):
        calls["semantic"] += 1
        return semantic(*args, **kwargs)

    def counted_schema(cls, *args, **kwargs):
        calls["schema"] += 1
        return schema(cls, *args, **kwargs)

    monkeypatch.setattr(validate, "validate_app", counted_semantic)
    monkeypatch.setattr(App, "model_validate", classmethod(counted_schema))
    code = main(["export", str(EXAMPLE), "-t", target, "-o", str(tmp_path / "out"), "-q"])
    assert code == 0, capsys.readouterr().err
    assert (tmp_path / "out").is_dir()
    assert calls == {"semantic": 1, "schema": 1}
