"""OData actions, functions and their imports become ``call`` operations (issue 13 §2), on
the real contracts in ``shared/contracts``: SAP Gateway v2 function imports (``sap:action-for``,
``m:HttpMethod``) and TripPin v4 bound actions/functions and function imports."""

from __future__ import annotations

from designer.importers import import_odata
from designer.model.data import DataSource

from .helpers import entity, shared_contracts

CONTRACTS = shared_contracts()


def _import(name: str) -> tuple[DataSource, list[str]]:
    assert CONTRACTS is not None, "shared/contracts is missing beside the checkout (CI has it)"
    result = import_odata(CONTRACTS / name)
    return result.source, [w.message for w in result.warnings if w.code == "import.unmapped"]


def _call(source: DataSource, entity_name: str, name: str) -> tuple[str, str, list[str], list]:
    op = entity(source, entity_name).operation_named(name)
    assert op is not None and op.kind == "call", [o.name for o in entity(source, entity_name).operations]
    return op.method, op.path, op.result, [(p.name, p.wire, p.location, p.type, p.required,
                                            p.value) for p in op.params]


def test_sap_gateway_v2_function_imports_are_calls_on_their_entity() -> None:
    source, unmapped = _import("sap_gwsample_basic_v2.xml")
    # <FunctionImport Name="SalesOrder_Confirm" EntitySet="SalesOrderSet" m:HttpMethod="POST"
    #  sap:action-for="GWSAMPLE_BASIC.SalesOrder"><Parameter Name="SalesOrderID" …/>
    assert _call(source, "SalesOrder", "SalesOrder_Confirm") == (
        "POST", "/SalesOrder_Confirm", ["d"],
        [("SalesOrderID", "SalesOrderID", "query", "string", True, "record.SalesOrderID")])
    calls = [o.name for o in entity(source, "SalesOrder").operations if o.kind == "call"]
    assert calls == ["SalesOrder_Confirm", "SalesOrder_Cancel", "SalesOrder_InvoiceCreated",
                     "SalesOrder_GoodsIssueCreated"]
    # RegenerateAllData returns a complex type and names no entity set: nothing to go on
    assert unmapped == ["not imported: 1 function import that serves no entity set "
                        "(`RegenerateAllData`)"]


def test_trippin_v4_bound_actions_functions_and_imports() -> None:
    source, unmapped = _import("odata_trippin_v4.xml")
    ns = "Microsoft.OData.SampleService.Models.TripPin"
    # <Action Name="ShareTrip" IsBound="true">: POST on the person, parameters in the body
    assert _call(source, "Person", "ShareTrip") == (
        "POST", f"/People('{{UserName}}')/{ns}.ShareTrip", [],
        [("UserName", "UserName", "path", "string", True, "record.UserName"),
         ("userName", "userName", "body", "string", True, ""),
         ("tripId", "tripId", "body", "integer", True, "")])
    # a bound function: GET with its parameter as an @alias, a collection at `value`
    assert _call(source, "Person", "GetFriendsTrips") == (
        "GET", f"/People('{{UserName}}')/{ns}.GetFriendsTrips(userName=@userName)", ["value"],
        [("UserName", "UserName", "path", "string", True, "record.UserName"),
         ("userName", "@userName", "query", "string", True, "")])
    # bound to a contained entity: on its item path, with the parent's screen parameter
    method, path, _, params = _call(source, "Trip", "GetInvolvedPeople")
    assert (method, path) == ("GET", f"/People('{{person_user_name}}')/Trips({{TripId}})/"
                                     f"{ns}.GetInvolvedPeople()")
    assert [p[0] for p in params] == ["person_user_name", "TripId"]
    # <FunctionImport Name="GetNearestAirport" EntitySet="Airports">: unbound, on Airport
    assert _call(source, "Airport", "GetNearestAirport") == (
        "GET", "/GetNearestAirport(lat=@lat,lon=@lon)", [],
        [("lat", "@lat", "query", "decimal", True, ""), ("lon", "@lon", "query", "decimal", True, "")])
    assert unmapped == ["not imported: 1 action import that serves no entity set "
                        "(`ResetDataSource`)"]


def test_calls_of_a_structured_parameter_are_counted_not_guessed(tmp_path) -> None:
    doc = tmp_path / "m.xml"
    doc.write_text("""<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">
<edmx:DataServices><Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="S">
<EntityType Name="Order"><Key><PropertyRef Name="Id"/></Key>
 <Property Name="Id" Type="Edm.Int32" Nullable="false"/><Property Name="Note" Type="Edm.String"/></EntityType>
<ComplexType Name="Address"><Property Name="City" Type="Edm.String"/></ComplexType>
<Action Name="Ship" IsBound="true"><Parameter Name="o" Type="S.Order"/>
 <Parameter Name="to" Type="S.Address"/></Action>
<Action Name="Annotate" IsBound="true"><Parameter Name="o" Type="S.Order"/>
 <Parameter Name="Note" Type="Edm.String"/></Action>
<Action Name="Approve" IsBound="true"><Parameter Name="o" Type="Collection(S.Order)"/></Action>
<EntityContainer Name="C"><EntitySet Name="Orders" EntityType="S.Order"/></EntityContainer>
</Schema></edmx:DataServices></edmx:Edmx>""", encoding="utf-8")
    result = import_odata(doc)
    order = entity(result.source, "Order")
    assert [(o.name, o.path) for o in order.operations if o.kind == "call"] == [
        ("Annotate", "/Orders({Id})/S.Annotate"), ("Approve", "/Orders/S.Approve")]
    # a parameter named after a field of the bound record takes the record's value
    assert order.operation_named("Annotate").params[1].value == "record.Note"
    assert [w.message for w in result.warnings if w.code == "import.unmapped"] == [
        "not imported: 1 bound action (a parameter of a structured type) (`Ship`)"]
