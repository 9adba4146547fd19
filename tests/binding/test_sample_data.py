"""Generated sample rows: deterministic per entity, realistic per type/format/name, keys line up."""

from __future__ import annotations

import datetime as dt
import re

from designer.binding.sample_data import key_value, sample_rows
from designer.model import load
from designer.model.data import DataField, DataSource, Entity
from designer.model.secrets_scan import scan

from ..conftest import EXAMPLE


def _entity() -> Entity:
    return Entity(name="Customer", key=["id"], fields=[
        DataField(name="id"), DataField(name="name"), DataField(name="email", format="email"),
        DataField(name="phone"), DataField(name="city"), DataField(name="price", type="decimal",
                                                                   format="currency"),
        DataField(name="quantity", type="integer"), DataField(name="active", type="boolean"),
        DataField(name="since", type="date"), DataField(name="seen", type="datetime"),
        DataField(name="tier", type="enum", enum_values=["gold", "silver"]),
        DataField(name="location", type="geo"), DataField(name="photo", type="image"),
        DataField(name="zip"), DataField(name="notes")])


def test_rows_are_deterministic_and_seeded_by_entity_name() -> None:
    assert sample_rows(_entity()) == sample_rows(_entity())
    other = _entity().model_copy(update={"name": "Supplier"})
    assert sample_rows(other) != sample_rows(_entity())


def test_values_fit_types_formats_and_names() -> None:
    rows = sample_rows(_entity(), count=8)
    assert len(rows) == 8
    assert len({r["id"] for r in rows}) == 8 and rows[0]["id"] == "C-1001"
    for row in rows:
        assert re.fullmatch(r"[a-z]+\.[a-z]+@example\.com", row["email"])
        assert row["phone"].startswith("+1 555 01")
        assert isinstance(row["price"], float) and 5 <= row["price"] <= 500
        assert isinstance(row["quantity"], int) and isinstance(row["active"], bool)
        dt.date.fromisoformat(row["since"])
        dt.datetime.fromisoformat(row["seen"])
        assert row["tier"] in ("gold", "silver")
        lat, lng = map(float, row["location"].split(","))
        assert 40 < lat < 50 and 0 < lng < 20
        assert re.fullmatch(r"\d{5}", row["zip"])
        assert row["city"] in ("Innsbruck", "Munich", "Zurich", "Vienna", "Milan", "Lyon", "Graz",
                               "Salzburg")
        assert row["name"] and row["notes"].endswith(".")
    assert list(scan(rows)) == []


def test_references_use_the_targets_keys_and_lists_nest_once() -> None:
    customer = Entity(name="Customer", key=["id"], fields=[DataField(name="id")])
    line = Entity(name="OrderLine", fields=[DataField(name="qty", type="integer")])
    order = Entity(name="Order", key=["no"], fields=[
        DataField(name="no", type="integer"),
        DataField(name="customer", type="reference", entity="Customer"),
        DataField(name="lines", type="list", entity="OrderLine")])
    source = DataSource(id="s", name="s", entities=[customer, order, line])
    rows = sample_rows(order, source, 4)
    assert [r["no"] for r in rows] == [1001, 1002, 1003, 1004]
    customer_keys = {r["id"] for r in sample_rows(customer, source)}
    assert {r["customer"] for r in rows} <= customer_keys
    assert key_value(customer, 0) in customer_keys
    assert len(rows[0]["lines"]) == 2 and isinstance(rows[0]["lines"][0]["qty"], int)


def test_example_entities_get_valid_rows() -> None:
    app = load(EXAMPLE)
    for source in app.data_sources:
        for entity in source.entities:
            rows = sample_rows(entity, source)
            assert all(set(r) == {f.name for f in entity.fields} for r in rows)
