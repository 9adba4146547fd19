"""OData importer on real public $metadata documents (``shared/contracts``, see SOURCES.md):
what a reader of each contract sees — which entities get which calls, with which parameters,
response shape and paging; which fields the app may send on create and on update; which
entities the service checks with ETags; which services want an x-csrf-token."""

from __future__ import annotations

from pathlib import Path

import pytest

from designer.importers import import_odata
from designer.model import App, load, save
from designer.model.data import DataSource
from designer.model.validate import validate_app

from .helpers import entity, field, shared_contracts

CONTRACTS = shared_contracts()


def _import(name: str) -> tuple[DataSource, list[str]]:
    assert CONTRACTS is not None, "shared/contracts is missing beside the checkout (CI has it)"
    result = import_odata(CONTRACTS / name)
    return result.source, [f"{w.code}: {w.message}" for w in result.warnings]


def _calls(source: DataSource, name: str) -> dict[str, tuple[str, str, list[str]]]:
    return {(o.name or o.kind): (o.method, o.path, [p.name for p in o.params])
            for o in entity(source, name).operations}


def test_sap_rap_v4_external_capability_restrictions_make_a_read_only_service() -> None:
    source, warnings = _import("sap_rap_employee_hr_v4.xml")
    assert (source.odata_version, source.csrf) == ("4.0", True)
    employee = entity(source, "EmployeeType")
    # Insertable/Updatable/Deletable false in <Annotations Target="SAP__self.Container/Employee">;
    # the nested per-navigation InsertRestrictions of _Manager is not the set's own
    assert sorted(_calls(source, "EmployeeType")) == ["get", "list"]
    assert employee.concurrency == "etag"                         # Core.OptimisticConcurrency
    hierarchy = field(source, "EmployeeType", "HierarchyPropertiesForxDMOxI_EmployeeHN_HR")
    assert hierarchy.read_only and not hierarchy.required          # external Core.Computed
    assert not field(source, "EmployeeType", "FirstName").read_only
    listing = employee.operation("list")
    assert listing is not None and listing.result == ["value"]
    assert (listing.paging.style, listing.paging.next) == ("next_link", ["@odata.nextLink"])
    assert any(w.startswith("import.csrf") for w in warnings)


def test_sap_gateway_v2_flags_concurrency_and_protocol() -> None:
    source, _ = _import("sap_gwsample_basic_v2.xml")
    assert (source.odata_version, source.csrf) == ("2.0", True)
    # sap:creatable="false" sap:updatable="false": the server fills it
    assert field(source, "BusinessPartner", "BusinessPartnerID").read_only
    # sap:updatable="false" alone: sent when the order is created, never on update
    customer = field(source, "SalesOrder", "CustomerID")
    assert customer.create_only and not customer.read_only
    # ConcurrencyMode="Fixed" on ChangedAt
    assert entity(source, "BusinessPartner").concurrency == "etag"
    assert entity(source, "Product").concurrency == "etag"
    assert entity(source, "Contact").concurrency == "none"
    listing = entity(source, "SalesOrder").operation("list")
    assert listing is not None and listing.result == ["d", "results"]
    assert (listing.paging.style, listing.paging.next) == ("next_link", ["d", "__next"])
    get = entity(source, "SalesOrder").operation("get")
    assert get is not None and get.result == ["d"]
    assert _calls(source, "Contact")["get"][1] == "/ContactSet(guid'{ContactGuid}')"
    assert "update" not in _calls(source, "VHSex")                # value helps are read-only sets


def test_trippin_v4_containment_singleton_permissions_and_functions() -> None:
    source, warnings = _import("odata_trippin_v4.xml")
    assert (source.odata_version, source.csrf) == ("4.0", False)
    trips = _calls(source, "Trip")              # Person/Trips has ContainsTarget: no entity set
    assert trips["list"] == ("GET", "/People('{person_user_name}')/Trips", ["person_user_name"])
    assert trips["get"] == ("GET", "/People('{person_user_name}')/Trips({TripId})",
                            ["person_user_name", "TripId"])
    # writes would need the screen's parameter; the bound function is a call on a trip
    assert sorted(trips) == ["GetInvolvedPeople", "get", "list"]
    parent = entity(source, "Trip").operation("list")
    assert parent is not None and parent.params[0].value == "person_user_name"  # screen param
    items = _calls(source, "PlanItem")                           # contained in a contained one
    assert items["get"][1] == "/People('{person_user_name}')/Trips({trip_trip_id})" \
                              "/PlanItems({PlanItemId})"
    me = entity(source, "Person").operation_named("me")          # <Singleton Name="Me">
    assert me is not None and (me.kind, me.path, me.default) == ("get", "/Me", False)
    assert entity(source, "Person").operation("get").path == "/People('{UserName}')"
    # Core.Permissions Read: a key the client names on create, a plain field read-only
    user = field(source, "Person", "UserName")
    assert user.create_only and not user.read_only
    assert field(source, "Person", "Concurrency").read_only      # Core.Computed
    assert field(source, "Airport", "IataCode").create_only      # Core.Immutable
    emails = field(source, "Person", "Emails")                   # Collection(Edm.String)
    assert emails.read_only
    assert entity(source, "Person").concurrency == "etag"
    unmapped = next(w for w in warnings if w.startswith("import.unmapped"))
    # bound functions/actions are call operations now (test_odata_calls.py); an action import
    # that serves no entity set has no entity to go on
    assert unmapped.endswith("not imported: 1 action import that serves no entity set "
                             "(`ResetDataSource`)"), unmapped


@pytest.mark.parametrize("name", ["sap_rap_employee_hr_v4.xml", "sap_gwsample_basic_v2.xml",
                                  "odata_trippin_v4.xml", "odata_trippin_inmemory_v4.xml"])
def test_each_real_contract_imports_to_a_model_that_validates(name: str, tmp_path: Path) -> None:
    source, _ = _import(name)
    app = App(id="app1", name="T", data_sources=[source])
    save(app, tmp_path / "t.fieldcraft.json")
    loaded = load(tmp_path / "t.fieldcraft.json")
    assert [p.format() for p in validate_app(loaded) if p.severity == "error"] == []
    assert loaded.data_sources[0].model_dump() == source.model_dump()
