"""Real public OpenAPI/Swagger contracts (../shared/contracts, see SOURCES.md): what a reader
of each spec sees — which entities get which operations, with which parameters, rows path and
page style (issue 13 §2, §4) — and that each import validates."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from designer.importers import ImportResult, import_openapi

from .helpers import shared_contracts
from .oai_build import errors, messages, ops

CONTRACTS = shared_contracts()
pytestmark = pytest.mark.skipif(CONTRACTS is None, reason="no ../shared/contracts here")


def load(name: str, tmp: Path | None = None) -> ImportResult:
    assert CONTRACTS is not None
    path = CONTRACTS / name
    if name.endswith(".gz") and tmp is not None:
        plain = tmp / name.removesuffix(".gz")
        plain.write_bytes(gzip.decompress(path.read_bytes()))
        path = plain
    result = import_openapi(path)
    assert errors(result) == []
    return result


def params(result: ImportResult, entity: str, kind: str) -> list[tuple[str, str, str]]:
    op = result.source.entity(entity).operation(kind)
    return [(p.name, p.location, p.value or p.config) for p in op.params]


def test_swagger_petstore_v30() -> None:
    result = load("swagger-petstore_v30.yaml")
    pet = ops(result, "Pet")
    assert pet["get"] == [("GET", "/pet/{id}")] and pet["delete"] == [("DELETE", "/pet/{id}")]
    assert pet["create"] == [("POST", "/pet")]
    # PUT /pet with the record in the body is the update; the form update is kept by name
    assert pet["update"] == [("PUT", "/pet"), ("POST", "/pet/{id}")]
    assert sorted(pet["list"]) == [("GET", "/pet/findByStatus"), ("GET", "/pet/findByTags")]
    assert params(result, "Pet", "get") == [("id", "path", "record.id")]
    assert ops(result, "Order") == {"get": [("GET", "/store/order/{id}")],
                                    "create": [("POST", "/store/order")],
                                    "delete": [("DELETE", "/store/order/{id}")]}
    assert ops(result, "ApiResponse") == {}          # the upload's reply is not a resource
    text = messages(result)
    assert "POST /pet/{petId}/uploadImage" in text and "is raw binary" in text


def test_uber_v20_required_query_params_singleton_and_history_page() -> None:
    result = load("oai_uber_v20.json")
    assert params(result, "Product", "list") == [("latitude", "query", "latitude"),
                                                ("longitude", "query", "longitude")]
    assert all(p.required for p in result.source.entity("Product").operation("list").params)
    history = result.source.entity("Activity").operation("list")
    assert (history.path, history.result) == ("/history", ["history"])
    assert (history.paging.style, history.paging.param, history.paging.size_param) == \
        ("offset", "offset", "limit")
    me = result.source.entity("Profile").operation("get")       # GET /me: a single record
    assert (me.path, me.params, me.name) == ("/me", [], "get_me")
    assert ops(result, "Activities") == {}                        # the envelope takes none


def test_uspto_v30_data_set_page() -> None:
    result = load("oai_uspto_v30.yaml")
    (entity,) = [e for e in result.source.entities if e.operations]
    lst = entity.operation("list")
    assert (lst.path, lst.result) == ("/", ["apis"])
    assert {f.name for f in entity.fields} >= {"apiKey", "apiVersionNumber", "apiUrl"}


def test_webhook_only_v31_is_warned_with_counts() -> None:
    result = load("oai_webhook-example_v31.yaml")
    assert [e.name for e in result.source.entities] == ["Pet"]
    assert "1 webhook not imported" in messages(result) and "`newPet`" in messages(result)


def test_petstore_separate_sibling_files() -> None:
    result = load("oai_petstore-separate/spec/swagger.yaml")
    assert ops(result, "Pet") == {"list": [("GET", "/pets")], "get": [("GET", "/pets/{id}")],
                                  "create": [("POST", "/pets")],
                                  "delete": [("DELETE", "/pets/{id}")]}
    assert params(result, "Pet", "list") == [("tags", "query", ""), ("limit", "query", "")]
    assert result.source.entity("Pet").field("name").required
    # ../common/Error.yaml is outside the spec's folder: refused once, with its count
    text = messages(result)
    assert "`../common/Error.yaml` (4 uses) leaves the contract's folder" in text


def test_vtex_orders_list_envelopes() -> None:
    result = load("oad_vtex_orders_v30.json")
    orders = result.source.entity("List").operation("list")
    assert (orders.path, orders.result, orders.paging.style, orders.paging.param) == \
        ("/api/oms/pvt/orders", ["list"], "page", "page")
    mine = result.source.entity("List1").operation("list")
    assert (mine.path, mine.result, mine.paging.size_param) == \
        ("/api/oms/user/orders", ["list"], "per_page")
    assert ops(result, "Userorderslist") == {} and ops(result, "ListOrders") == {}
    assert params(result, "List1", "list") == [("client_email", "query", "client_email")]


def test_zuora_large_contract(tmp_path: Path) -> None:
    result = load("oad_zuora_v30.json.gz", tmp_path)
    trigger = ops(result, "EventTrigger")
    assert trigger["list"] == [("GET", "/events/event-triggers")]
    assert trigger["delete"] == [("DELETE", "/events/event-triggers/{id}")]
    lst = result.source.entity("EventTrigger").operation("list")
    assert (lst.result, lst.paging.style, lst.paging.next) == (["data"], "next_link", ["next"])
    pay = result.source.entity("GETARPaymentTypewithSuccess").operation("list")
    assert (pay.result, pay.paging.next) == (["payments"], ["nextPage"])
    text = messages(result)
    # long lists of what was not imported say how many were left out
    assert "no list/get/create/update/delete call" in text and " more" in text
