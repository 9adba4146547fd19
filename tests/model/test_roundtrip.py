"""Canonical model files: load → save is byte-identical."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings

from designer.model import dumps, load, loads
from tests.conftest import EXAMPLE
from tests.model.model_strategies import any_apps
from tests.strategies import apps

EXAMPLES = int(os.environ.get("FIELDCRAFT_HYPOTHESIS_EXAMPLES", "500"))


def test_example_round_trips_byte_identical() -> None:
    original = EXAMPLE.read_bytes()
    assert dumps(load(EXAMPLE)) == original


def test_canonical_format() -> None:
    text = EXAMPLE.read_text("utf-8")
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text.startswith('{\n  "$schema": ')
    assert '\n  "schema_version": 4,\n' in text
    assert "\t" not in text and "\r" not in text


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(apps())
def test_random_models_round_trip(app) -> None:  # type: ignore[no-untyped-def]
    first = dumps(app)
    reloaded = loads(first)
    assert reloaded.model_dump() == app.model_dump()
    second = dumps(reloaded)
    assert second == first
    assert dumps(loads(second)) == second


@settings(max_examples=max(EXAMPLES * 2 // 5, 1), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(any_apps())
def test_models_using_every_field_round_trip(app) -> None:  # type: ignore[no-untyped-def]
    """Every model class and field (actions, rules, data sources, theme …), from the classes."""
    first = dumps(app)
    reloaded = loads(first)
    assert reloaded.model_dump() == app.model_dump()
    assert dumps(reloaded) == first


def test_dict_keys_are_sorted_so_equal_models_give_equal_bytes() -> None:
    app = load(EXAMPLE)
    widget = app.screens[0].root
    widget.bindings = {"z": "1", "a": "2"}
    text = dumps(app).decode()
    assert text.index('"a": "2"') < text.index('"z": "1"')
