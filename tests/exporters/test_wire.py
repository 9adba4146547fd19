"""Back ends' own field names: the mapping the data layers get and operation paths rewritten to
use them in OData key predicates and query options."""

from __future__ import annotations

from pathlib import Path

import pytest

from designer.model import App, load
from designer.model.data import DataField, DataSource, Entity
from exporters import get
from exporters.wire import nested_map, wire_map, wire_path
from tests.conftest import EXAMPLE


def entity(**wire: str) -> Entity:
    names = ["id", "first_name", "nr", "city"]
    return Entity(name="Person", key=["id", "nr"],
                  fields=[DataField(name=n, wire_name=wire.get(n, "")) for n in names])


def test_wire_map_lists_only_renamed_fields() -> None:
    assert wire_map(entity()) == {}
    assert wire_map(entity(first_name="first-name", city="city")) == {"first_name": "first-name"}


def test_odata_key_predicates_and_query_options_use_wire_names() -> None:
    e = entity(id="Customer ID", first_name="first-name")
    assert wire_path("/People(id='{id}',nr={nr})", e, True) == \
        "/People(Customer%20ID='{id}',nr={nr})"
    assert wire_path("/People(id='{id}')/Orders", e, True) == "/People(Customer%20ID='{id}')/Orders"
    path = "/People?$filter=first_name eq 'first_name' and city eq '{id}'&$orderby=first_name desc" \
           "&$select=id,first_name&$top=5&first_name=x"
    assert wire_path(path, e, True) == (
        "/People?$filter=first-name eq 'first_name' and city eq '{id}'&$orderby=first-name desc"
        "&$select=Customer%20ID,first-name&$top=5&first_name=x")


def test_placeholders_rest_paths_and_plain_entities_are_unchanged() -> None:
    e = entity(id="Customer ID")
    assert wire_path("/people/{id}?$orderby=id", e, False) == "/people/{id}?$orderby=id"
    assert wire_path("/People({id})", e, True) == "/People({id})"
    assert wire_path("/People(id={id})", entity(), True) == "/People(id={id})"


@pytest.mark.parametrize("hostile", ["a')", "x,y=1", "{id}", "a&$top=1", "it's ${x} $y \\"])
def test_wire_names_cannot_break_out_of_the_path(hostile: str) -> None:
    e = entity(id=hostile)
    for path in ("/People(id='{id}')", "/People?$select=id"):
        out = wire_path(path, e, True)
        assert out.count("(") == path.count("(") and out.count("'") == path.count("'")
        assert out.count("{") == path.count("{") and out.count("&") == path.count("&")


FILTER = entity(id="Customer ID", first_name="first-name", city="Town")


@pytest.mark.parametrize("written, sent", [
    # percent-encoded delimiters before and after names
    ("$filter=startswith(first_name%2C%27A%27)%20and%20city%20eq%20%27x%27",
     "$filter=startswith(first-name%2C%27A%27)%20and%20Town%20eq%20%27x%27"),
    ("$select=id%2Cfirst_name%2Ccity", "$select=Customer%20ID%2Cfirst-name%2CTown"),
    ("$filter=(first_name%20eq%20null)%20or%20(city%20ne%20null)",
     "$filter=(first-name%20eq%20null)%20or%20(Town%20ne%20null)"),
    ("%24orderby=first_name%20desc%2Ccity", "%24orderby=first-name%20desc%2CTown"),
    # names inside string literals (plain or encoded quotes, doubled quotes) are data
    ("$filter=city eq 'first_name' and nr eq 'it''s city'",
     "$filter=Town eq 'first_name' and nr eq 'it''s city'"),
    ("$filter=city%20eq%20%27first_name%2Ccity%27", "$filter=Town%20eq%20%27first_name%2Ccity%27"),
    # a name that is a prefix of another (or has one as a prefix) is a different name
    ("$filter=first_name2 eq cityX or city_ eq 1 and _city eq 2",
     "$filter=first_name2 eq cityX or city_ eq 1 and _city eq 2"),
    ("$filter=contains(city,first_name)", "$filter=contains(Town,first-name)"),
    # members of a navigation path belong to the other entity
    ("$orderby=owner/city,city", "$orderby=owner/city,Town"),
])
def test_filter_names_are_mapped_wherever_they_stand(written: str, sent: str) -> None:
    assert wire_path(f"/People?{written}", FILTER, True) == f"/People?{sent}"


def test_nested_records_are_mapped_through_their_entities_without_looping() -> None:
    source = DataSource.model_validate({"id": "s1", "name": "shop", "entities": [
        {"name": "Order", "fields": [{"name": "id"}, {"name": "lines", "type": "list",
                                                      "entity": "Line"},
                                     {"name": "owner", "type": "reference", "entity": "Person"}]},
        {"name": "Line", "fields": [{"name": "qty"}, {"name": "order", "type": "reference",
                                                      "entity": "Order"},
                                    {"name": "item", "type": "reference", "entity": "Item"}]},
        {"name": "Item", "fields": [{"name": "sku", "wire_name": "SKU No"}]},
        {"name": "Person", "fields": [{"name": "name"}, {"name": "boss", "type": "reference",
                                                         "entity": "Person"}]},
    ]})
    order, line, item, person = source.entities
    assert nested_map(order, source) == {"lines": "Line"}  # Line → Item has wire names
    assert nested_map(line, source) == {"order": "Order", "item": "Item"}  # cycle Order ⇄ Line
    assert nested_map(item, source) == {} and nested_map(person, source) == {}  # Person ↻ Person


def _wired(kind: str = "rest") -> App:
    data = load(EXAMPLE).model_dump(mode="json", by_alias=True)
    source = data["data_sources"][0]
    source["kind"] = kind
    source["entities"][0]["fields"][2]["wire_name"] = "first-name"
    return App.model_validate(data)


@pytest.mark.parametrize("target, rel, pair", [
    ("pwa", "app/model/app.js", '"wire":[["contact_name","first-name"]]'),
    ("react-native", "src/data/crm.ts", '["contact_name", "first-name"],'),
    ("flutter", "lib/data/crm.dart", "'contact_name': 'first-name',"),
])
def test_mapping_is_emitted_only_when_a_field_has_a_wire_name(
        target: str, rel: str, pair: str, tmp_path: Path) -> None:
    get(target).export(load(EXAMPLE), tmp_path / "plain")
    get(target).export(_wired(), tmp_path / "wired")
    plain = (tmp_path / "plain" / rel).read_text("utf-8")
    wired = (tmp_path / "wired" / rel).read_text("utf-8")
    assert "wire" not in plain
    assert pair in wired and wired.count("wire") == 1


SHOP = DataSource.model_validate({"id": "s2", "name": "shop", "kind": "odata", "entities": [
    {"name": "Order", "fields": [{"name": "id", "wire_name": "OrderID"},
                                 {"name": "status", "wire_name": "Status"},
                                 {"name": "lines", "type": "list", "entity": "Line",
                                  "wire_name": "Order_Lines"},
                                 {"name": "owner", "type": "reference", "entity": "Person"}]},
    {"name": "Line", "fields": [{"name": "qty", "wire_name": "Quantity"},
                                {"name": "status", "wire_name": "LineState"},
                                {"name": "item", "type": "reference", "entity": "Item"}]},
    {"name": "Item", "fields": [{"name": "sku", "wire_name": "SKU No"}, {"name": "qty"}]},
    {"name": "Person", "fields": [{"name": "name", "wire_name": "FullName"},
                                  {"name": "status"}]},
]})
ORDER, LINE, ITEM, PERSON = SHOP.entities


@pytest.mark.parametrize("written, sent", [
    # options inside nav(…) belong to the navigation's target entity, not to Order
    ("$expand=lines($select=qty,status;$filter=status eq 'status' and qty gt 1)",
     "$expand=Order_Lines($select=Quantity,LineState;$filter=LineState eq 'status' and "
     "Quantity gt 1)"),
    ("$expand=lines($orderby=qty desc;$top=2)", "$expand=Order_Lines($orderby=Quantity desc;$top=2)"),
    # several expands: each through its own entity; Person.status has no wire name
    ("$expand=lines($select=status),owner($select=name,status)&$select=id,status",
     "$expand=Order_Lines($select=LineState),owner($select=FullName,status)&$select=OrderID,Status"),
    # nested expand: Order → Line → Item
    ("$expand=lines($select=qty;$expand=item($select=sku,qty))",
     "$expand=Order_Lines($select=Quantity;$expand=item($select=SKU%20No,qty))"),
    # a navigation path, and a paren inside a string literal of a nested filter
    ("$expand=lines/item($select=sku)", "$expand=Order_Lines/item($select=SKU%20No)"),
    ("$expand=owner($filter=name eq 'a(b),c;d' and status eq 1),lines",
     "$expand=owner($filter=FullName eq 'a(b),c;d' and status eq 1),Order_Lines"),
    # percent-encoded delimiters keep their encoding
    ("%24expand=lines(%24select%3Dqty%2Cstatus%3B%24top%3D1)%2Cowner",
     "%24expand=Order_Lines(%24select%3DQuantity%2CLineState%3B%24top%3D1)%2Cowner"),
    # unknown navigation or wildcard: names inside are left alone rather than guessed
    ("$expand=*,nobody($select=status)", "$expand=*,nobody($select=status)"),
])
def test_expand_options_are_mapped_through_the_navigation_target(written: str, sent: str) -> None:
    assert wire_path(f"/Orders?{written}", ORDER, True, SHOP) == f"/Orders?{sent}"


def test_expand_reaching_wire_names_only_through_navigation_is_mapped() -> None:
    """An entity without wire names of its own still expands into one that has them."""
    source = DataSource.model_validate({"id": "s3", "name": "s", "kind": "odata", "entities": [
        {"name": "Box", "fields": [{"name": "items", "type": "list", "entity": "Item"}]},
        {"name": "Item", "fields": [{"name": "sku", "wire_name": "SKU"}]}]})
    box = source.entities[0]
    assert wire_path("/Boxes?$expand=items($select=sku)", box, True, source) == \
        "/Boxes?$expand=items($select=SKU)"
    assert wire_path("/boxes?$expand=items($select=sku)", box, False, source) == \
        "/boxes?$expand=items($select=sku)"  # REST paths are the author's
