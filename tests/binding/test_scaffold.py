"""``fieldcraft scaffold MODEL --source S --entity E``: list → detail → edit/new screens, wired,
made by the designer's own drop plans; the result always validates, or nothing is saved."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from designer.cli import main
from designer.importers import import_odata
from designer.model import App, load, save
from designer.model.validate import validate_app
from tests.conftest import EXAMPLE
from tests.importers.helpers import shared_contracts


def _model(tmp_path: Path, app: App | None = None) -> Path:
    path = tmp_path / "m.fieldcraft.json"
    if app is None:
        path.write_bytes(EXAMPLE.read_bytes())
    else:
        save(app, path)
    return path


def _actions(screen: Any, event: str) -> list[Any]:
    return [a for w, _ in screen.walk() for a in (w.actions or {}).get(event, [])]


def _errors(app: App) -> list[str]:
    return [p.format() for p in validate_app(app) if p.severity == "error"]


def test_a_full_crud_entity_gets_list_detail_edit_and_new_wired(tmp_path: Path,
                                                                  capsys: Any) -> None:
    model = _model(tmp_path)
    assert main(["scaffold", str(model), "--source", "crm", "--entity", "Order"]) == 0
    assert "list `orderList`, detail `orderDetail`, edit `orderEdit`, new `newOrder`" in \
        capsys.readouterr().out
    app = load(model)
    assert _errors(app) == []
    listing, detail = app.screen("orderList"), app.screen("orderDetail")
    edit, new = app.screen("orderEdit"), app.screen("newOrder")
    assert listing and detail and edit and new
    assert [(q.entity, q.mode) for q in listing.data] == [("Order", "many")]
    tap = _actions(listing, "item_tap")
    assert [(a.type, a.screen, a.params) for a in tap] == [
        ("navigate", "orderDetail", {detail.parameters[0].name: "item.id"})]
    opens = {a.screen: a for a in _actions(listing, "tap") if a.type == "navigate"}
    assert set(opens) == {"newOrder"}
    buttons = [w.text for w, _ in detail.walk() if w.kind == "button"]
    assert buttons == ["Edit", "Delete"]                       # the destructive one last
    to_edit = next(a for a in _actions(detail, "tap") if a.type == "navigate")
    key = detail.parameters[0].name
    assert (to_edit.screen, to_edit.params) == ("orderEdit", {key: f"{detail.data[0].name}.id"})
    assert edit.kind == "form" and [(q.mode, q.key) for q in edit.data] == [("one", key)]
    save_edit = [a.type for a in _actions(edit, "tap")]
    assert save_edit == ["submit_form", "show_message", "go_back"]
    assert next(a for a in _actions(edit, "tap") if a.type == "submit_form").operation == "update"
    assert next(a for a in _actions(new, "tap") if a.type == "submit_form").operation == "create"
    assert [v.type for v in new.variables] == ["record"]
    # on update the key is shown, not edited (changing it would address another record)
    key_input = next(w for w, _ in edit.walk() if w.bindings.get("value", "").endswith(".id"))
    assert key_input.read_only


def test_only_what_the_source_offers(tmp_path: Path) -> None:
    model = _model(tmp_path)
    assert main(["scaffold", str(model), "--source", "crm", "--entity", "Customer"]) == 0
    assert main(["scaffold", str(model), "--source", "crm", "--entity", "Product"]) == 0
    app = load(model)
    names = [s.name for s in app.screens]
    assert "customerEdit" in names and "newCustomer" not in names       # update, no create
    assert "productEdit" not in names and "newProduct" not in names     # read-only
    detail = app.screen("customerDetail1")                            # the example has one
    assert detail is not None
    assert [w.text for w, _ in detail.walk() if w.kind == "button"] == ["Edit"]  # no delete
    assert _errors(app) == []


@pytest.mark.parametrize("args,message", [
    (["--source", "crm", "--entity", "Nope"], "`crm` has no entity `Nope`"),
    (["--source", "nope", "--entity", "Order"], "no data source named `nope`"),
    (["--source", "crm", "--entity", "OrderLine"], "has no key field"),
])
def test_refusals_leave_the_model_unchanged(args: list[str], message: str, tmp_path: Path,
                                            capsys: Any) -> None:
    model = _model(tmp_path)
    before = model.read_bytes()
    assert main(["scaffold", str(model), *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "was not changed" in err
    assert model.read_bytes() == before


def test_a_reference_to_a_record_of_lists_is_never_bound_as_text(tmp_path: Path) -> None:
    """An account's paymentSummary holds only invoices[] and payments[]: the detail shows its
    first list, not the whole record in a label (which validate rejects)."""
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["data_sources"].append({"id": "ds_fin", "name": "fin", "kind": "rest",
                                 "base_url": "https://api.example.com", "entities": [
        {"name": "Account", "key": ["id"], "fields": [
            {"name": "id"}, {"name": "name"},
            {"name": "summary", "type": "reference", "entity": "PaymentSummary"}],
         "operations": [{"kind": "list", "path": "/accounts"},
                        {"kind": "get", "path": "/accounts/{id}",
                         "params": [{"name": "id", "value": "record.id"}]}]},
        {"name": "PaymentSummary", "fields": [
            {"name": "invoices", "type": "list", "entity": "Invoice"},
            {"name": "payments", "type": "list", "entity": "Invoice"}]},
        {"name": "Invoice", "key": ["number"], "fields": [
            {"name": "number"}, {"name": "amount", "type": "decimal"}]}]})
    model = _model(tmp_path, App.model_validate(data))
    assert main(["scaffold", str(model), "--source", "fin", "--entity", "Account"]) == 0
    app = load(model)
    assert _errors(app) == []
    detail = app.screen("accountDetail")
    assert detail is not None
    bound = {w.kind: w.bindings for w, _ in detail.walk() if w.name.startswith("summary")}
    assert bound["list"] == {"items": "account.summary.invoices"}
    assert not any(v in ("account.summary", "concat(\"Summary: \", account.summary)")
                   for w, _ in detail.walk() for v in w.bindings.values())


def test_a_contained_entity_is_scaffolded_with_its_parent_key(tmp_path: Path) -> None:
    """TripPin's Trips are read through /People('{person_user_name}')/Trips: the list and
    detail screens take the parent's key as a parameter and pass it on; no write screens."""
    contracts = shared_contracts()
    assert contracts is not None, "shared/contracts is missing beside the checkout (CI has it)"
    source = import_odata(contracts / "odata_trippin_v4.xml").source
    source.base_url = "https://services.odata.org/V4/TripPinService"
    app = App.model_validate({"id": "app1", "name": "Trips", "screens": [
        {"id": "s_home", "name": "home", "root": {"kind": "column", "id": "w_root",
                                                  "name": "root"}}]})
    app.data_sources.append(source)
    model = _model(tmp_path, app)
    for entity in ("Person", "Trip", "PlanItem"):
        assert main(["scaffold", str(model), "--source", source.name, "--entity", entity]) == 0
    app = load(model)
    assert _errors(app) == []
    trips, detail = app.screen("tripList"), app.screen("tripDetail")
    assert trips and detail
    assert [p.name for p in trips.parameters] == ["person_user_name"]
    assert "person_user_name" in [p.name for p in detail.parameters]
    tap = _actions(trips, "item_tap")[0]
    assert tap.params["person_user_name"] == "person_user_name"
    assert app.screen("tripEdit") is None and app.screen("newTrip") is None
    assert app.screen("personEdit") is not None and app.screen("newPerson") is not None


def test_a_query_without_the_screen_parameter_its_call_needs_is_an_error(tmp_path: Path) -> None:
    contracts = shared_contracts()
    assert contracts is not None
    source = import_odata(contracts / "odata_trippin_v4.xml").source
    app = App.model_validate({"id": "app1", "name": "Trips", "screens": [
        {"id": "s_t", "name": "trips", "data": [{"name": "trips", "source": source.name,
                                                  "entity": "Trip"}],
         "root": {"kind": "column", "id": "w_root", "name": "root"}}]})
    app.data_sources.append(source)
    found = [p for p in validate_app(app) if p.code == "query.param"]
    assert [(p.path, p.severity) for p in found] == [(("screens", 0, "data", 0), "error")]
    assert "needs `person_user_name` from the screen" in found[0].message
