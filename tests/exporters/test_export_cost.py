"""What an export costs per widget, counted, not timed (issue 17).

pydantic's ``FieldInfo.get_default`` inspects the default factory's signature on every call;
the exporters compared each widget property with its default that way, which was 3/4 of a
10,000-widget export. Defaults now come from ``field_default``, once per class and field.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic.fields import FieldInfo

from bench.generate import make_app
from designer.model.base import field_default
from exporters import get, names


@pytest.mark.parametrize("target", names())
def test_export_reads_each_default_once_per_class_not_per_widget(
        target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(10, 50)                           # 500 widgets, ~30 properties each
    field_default.cache_clear()
    calls = 0
    real = FieldInfo.get_default

    def counting(self: FieldInfo, *args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        return real(self, *args, **kwargs)

    monkeypatch.setattr(FieldInfo, "get_default", counting)
    get(target).export(app, tmp_path / "out")
    assert (tmp_path / "out").is_dir()
    widgets = sum(1 for _ in app.widgets())
    assert calls < widgets, f"{calls} default look-ups for {widgets} widgets"


def test_field_default_is_the_fields_default() -> None:
    from widgets.base import Layout, Style

    for model in (Layout, Style):
        for name, info in model.model_fields.items():
            assert field_default(model, name) == info.get_default(call_default_factory=True)
