"""OData v2 (SAP Gateway) and v4 (Northwind-style) $metadata importer."""

from __future__ import annotations

import pytest

from designer.importers import SpecError, import_odata

from .helpers import SPECS, entity, field, op


def test_sap_gateway_v2_types_labels_keys_and_navigation() -> None:
    result = import_odata(SPECS / "sap_gateway_v2.xml")
    source = result.source
    assert (source.kind, source.name) == ("odata", "zsales_order_srv")
    order = entity(source, "SalesOrder")
    assert order.label == "Sales Order" and order.key == ["SalesOrderID"]
    assert field(source, "SalesOrder", "CustomerID").label == "Business Partner ID"   # sap:label
    assert field(source, "SalesOrder", "SalesOrderID").read_only        # not creatable/updatable
    assert field(source, "SalesOrder", "SalesOrderID").required         # Nullable="false"
    assert field(source, "SalesOrder", "GrossAmount").type == "decimal"
    assert field(source, "SalesOrder", "GrossAmount").format == "currency"  # sap:unit
    assert field(source, "SalesOrder", "CreatedAt").type == "datetime"
    assert field(source, "SalesOrder", "DeliveryDate").type == "date"   # display-format=Date
    assert field(source, "SalesOrder", "IsBlocked").type == "boolean"
    assert field(source, "SalesOrder", "Quantity").type == "integer"
    assert field(source, "SalesOrder", "ContactEmail").format == "email"  # sap:semantics
    assert field(source, "BusinessPartner", "PhoneNumber").format == "phone"
    items = field(source, "SalesOrder", "ToLineItems")                  # Association End *
    assert (items.type, items.entity) == ("list", "SalesOrderLineItem")
    partner = field(source, "SalesOrder", "ToBusinessPartner")
    assert (partner.type, partner.entity) == ("reference", "BusinessPartner")
    address = field(source, "BusinessPartner", "Address")               # ComplexType
    assert (address.type, address.entity) == ("reference", "CTAddress")
    # a token pasted into a label is not copied
    assert field(source, "SalesOrder", "Note").label == "Note"
    assert "Bearer" not in source.model_dump_json()


def test_sap_gateway_v2_operations_follow_sap_flags() -> None:
    source = import_odata(SPECS / "sap_gateway_v2.xml").source
    assert op(source, "SalesOrder", "list") == ("GET", "/SalesOrderSet", [])
    assert op(source, "SalesOrder", "get") == ("GET", "/SalesOrderSet('{SalesOrderID}')",
                                               ["SalesOrderID"])
    assert op(source, "SalesOrder", "update")[0] == "PUT"
    assert op(source, "SalesOrderLineItem", "get") == (
        "GET", "/SalesOrderLineItemSet(SalesOrderID='{SalesOrderID}',ItemPosition='{ItemPosition}')",
        ["SalesOrderID", "ItemPosition"])
    assert op(source, "SalesOrderLineItem", "delete") is None          # sap:deletable=false
    partner_ops = {o.kind for o in entity(source, "BusinessPartner").operations}
    assert partner_ops == {"list", "get"}                               # read-only set
    assert entity(source, "CTAddress").operations == []


def test_sap_media_entity_gets_an_image_field() -> None:
    result = import_odata(SPECS / "sap_gateway_v2.xml")
    media = field(result.source, "ProductImage", "media")
    assert (media.type, media.read_only) == ("image", True)
    warning = next(p for p in result.warnings if p.code == "import.media")
    assert warning.line == 41 and warning.format().startswith(f"{SPECS / 'sap_gateway_v2.xml'}:41:")


def test_northwind_v4_enums_annotations_inheritance_and_capabilities() -> None:
    result = import_odata(SPECS / "northwind_v4.xml")
    source = result.source
    assert source.name == "northwind_v4"
    assert field(source, "Category", "CategoryName").label == "Category name"  # inline annotation
    assert field(source, "Product", "ProductName").label == "Product name"     # Annotations Target
    assert field(source, "Order", "Freight").label == "Freight cost"
    assert field(source, "Category", "CategoryID").read_only              # Core.Computed
    assert field(source, "Category", "Picture").type == "image"           # Edm.Binary picture
    products = field(source, "Category", "Products")
    assert (products.type, products.entity) == ("list", "Product")
    assert field(source, "Product", "Category").entity == "Category"     # alias NW resolved
    assert field(source, "Product", "ReleaseDate").type == "date"
    status = field(source, "Order", "Status")
    assert status.enum_values == ["Pending", "Shipped", "Delivered"]
    assert field(source, "Order", "ShipLocation").type == "geo"
    assert field(source, "Order", "OrderDate").type == "datetime"
    special = entity(source, "SpecialOrder")                              # BaseType inheritance
    assert special.key == ["OrderID"] and special.field("Priority") is not None
    assert special.field("Freight") is not None
    assert op(source, "Product", "get") == ("GET", "/Products({ProductID})", ["ProductID"])
    assert op(source, "Product", "update")[0] == "PATCH"
    assert op(source, "Order", "delete") is None                          # DeleteRestrictions
    tags = next(p for p in result.warnings if "collection of string" in p.message)
    assert tags.line == 34


@pytest.mark.parametrize("content, message, location", [
    (b"<html><body/></html>", "not an OData", "1"),
    (b"<edmx:Edmx xmlns:edmx='x'>\n<unclosed>\n</edmx:Edmx>", "not well-formed", "3:"),
    (b"", "not well-formed", ""),
    (b"<edmx:Edmx xmlns:edmx='x'/>", "no `Schema`", "1"),
    # an encoding Python does not know raised LookupError (an internal error, exit 70)
    (b'<?xml version="1.0" encoding="tf-8"?>\n<edmx:Edmx xmlns:edmx="x"/>', "not well-formed", ""),
])
def test_malformed_metadata(tmp_path, content: bytes, message: str, location: str) -> None:
    path = tmp_path / "metadata.xml"
    path.write_bytes(content)
    with pytest.raises(SpecError) as info:
        import_odata(path)
    assert message in info.value.message
    assert info.value.location.startswith(location)


def _key_paths(tmp_path, version: str) -> dict[str, str]:
    """The ``get`` paths of entities keyed by a Guid, a DateTime + Int64 pair and a String."""
    ns = ('xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"' if version == "4" else
          'xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx"')
    path = tmp_path / "keys.xml"
    path.write_text(f"""<?xml version="1.0"?>
<edmx:Edmx Version="{version}.0" {ns}><edmx:DataServices><Schema Namespace="K">
 <EntityType Name="Visit"><Key><PropertyRef Name="VisitUUID"/></Key>
  <Property Name="VisitUUID" Type="Edm.Guid" Nullable="false"/></EntityType>
 <EntityType Name="Slot"><Key><PropertyRef Name="Day"/><PropertyRef Name="Seq"/></Key>
  <Property Name="Day" Type="Edm.DateTime" Nullable="false"/>
  <Property Name="Seq" Type="Edm.Int64" Nullable="false"/></EntityType>
 <EntityType Name="Plant"><Key><PropertyRef Name="Werks"/></Key>
  <Property Name="Werks" Type="Edm.String" Nullable="false"/></EntityType>
 <EntityContainer Name="C"><EntitySet Name="Visits" EntityType="K.Visit"/>
  <EntitySet Name="Slots" EntityType="K.Slot"/><EntitySet Name="Plants" EntityType="K.Plant"/>
 </EntityContainer></Schema></edmx:DataServices></edmx:Edmx>""")
    source = import_odata(path).source
    return {e.name: e.operation("get").path for e in source.entities}


def test_key_predicates_are_literals_of_the_key_types(tmp_path) -> None:
    # SAP Gateway (v2) writes guid'…', datetime'…' and 64-bit integers with an L suffix
    assert _key_paths(tmp_path, "2") == {
        "Visit": "/Visits(guid'{VisitUUID}')", "Slot": "/Slots(Day=datetime'{Day}',Seq={Seq}L)",
        "Plant": "/Plants('{Werks}')"}
    # v4: only strings are quoted
    assert _key_paths(tmp_path, "4") == {
        "Visit": "/Visits({VisitUUID})", "Slot": "/Slots(Day={Day},Seq={Seq})",
        "Plant": "/Plants('{Werks}')"}
