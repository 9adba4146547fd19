"""Page envelopes (issue 13 §2): the record is the array named after the collection, the rows
path points to it, and the paging style is read from the envelope and the query parameters."""

from __future__ import annotations

from pathlib import Path

from .oai_build import I, S, arr, errors, obj, ok, ops, ref, run

INVOICE = obj(id=S, total={"type": "number"})
WARNING = obj(code=S, message=S)


def test_envelope_with_a_second_array_gives_the_record_its_list(tmp_path: Path) -> None:
    page = obj(invoices=arr(ref("Invoice")), warnings=arr(ref("Warning")),
               pagination=obj(next_page_url=S, total=I))
    result = run(tmp_path, {
        "/invoices": {"get": {"operationId": "listInvoices", "responses": ok(ref("Page"))}},
        "/invoices/{invoice_id}": {"get": {"responses": ok(ref("Invoice"))}},
    }, {"Invoice": INVOICE, "Warning": WARNING, "Page": page})
    lst = result.source.entity("Invoice").operation("list")
    assert (lst.path, lst.result) == ("/invoices", ["invoices"])
    assert (lst.paging.style, lst.paging.next) == ("next_link", ["pagination", "next_page_url"])
    # the envelope and the warnings take no operations
    assert ops(result, "Page") == {} and ops(result, "Warning") == {}
    get = result.source.entity("Invoice").operation("get")
    assert [(p.name, p.value) for p in get.params] == [("id", "record.id")]   # {invoice_id} → id
    assert errors(result) == []


def test_cursor_envelope_with_errors_array(tmp_path: Path) -> None:
    page = obj(customers=arr(ref("Customer")), errors=arr(ref("Warning")), cursor=S)
    result = run(tmp_path, {"/v2/customers": {"get": {
        "parameters": [{"name": "cursor", "in": "query", "schema": S},
                       {"name": "limit", "in": "query", "schema": I}],
        "responses": ok(ref("ListCustomersResponse"))}}},
        {"Customer": obj(id=S, name=S), "Warning": WARNING,
         "ListCustomersResponse": page})
    lst = result.source.entity("Customer").operation("list")
    assert lst.result == ["customers"]
    assert (lst.paging.style, lst.paging.next, lst.paging.param, lst.paging.size_param) == \
        ("cursor", ["cursor"], "cursor", "limit")
    assert lst.params == []               # paging parameters are the runtime's, not params
    assert ops(result, "ListCustomersResponse") == {}


def test_offset_page_and_link_header_paging(tmp_path: Path) -> None:
    offset = [{"name": "offset", "in": "query", "schema": I},
              {"name": "limit", "in": "query", "schema": I}]
    page = [{"name": "page", "in": "query", "schema": I},
            {"name": "per_page", "in": "query", "schema": I}]
    link = {"200": {"description": "ok", "headers": {"Link": {"schema": S}},
                    "content": {"application/json": {"schema": arr(ref("Repo"))}}}}
    result = run(tmp_path, {
        "/orders": {"get": {"parameters": offset, "responses": ok(
            obj(offset=I, limit=I, count=I, orders=arr(ref("Order"))))}},
        "/people": {"get": {"parameters": page, "responses": ok(
            obj(data=obj(people=arr(ref("Person")), total_pages=I)))}},
        "/repos": {"get": {"parameters": page, "responses": link}},
    }, {"Order": obj(id=I), "Person": obj(id=I), "Repo": obj(id=I)})
    order = result.source.entity("Order").operation("list")
    assert (order.result, order.paging.style, order.paging.param) == (["orders"], "offset",
                                                                     "offset")
    assert order.paging.first_page == 0
    person = result.source.entity("Person").operation("list")
    assert (person.result, person.paging.style, person.paging.param,
            person.paging.size_param) == (["data", "people"], "page", "page", "per_page")
    repo = result.source.entity("Repo").operation("list")
    assert (repo.result, repo.paging.style) == ([], "link_header")
    assert errors(result) == []


def test_a_record_holding_an_items_array_is_not_a_page(tmp_path: Path) -> None:
    order = obj(id=S, number=S, items=arr(ref("Line")))
    result = run(tmp_path, {
        "/orders/{id}": {"get": {"responses": ok(ref("Order"))}},
        "/baskets": {"get": {"responses": ok(obj(items=arr(ref("Basket"))))}},
    }, {"Order": order, "Line": obj(sku=S, qty=I), "Basket": obj(id=S)})
    assert ops(result, "Order") == {"get": [("GET", "/orders/{id}")]}
    assert ops(result, "Line") == {}
    basket = result.source.entity("Basket").operation("list")   # sole property: a page
    assert basket.result == ["items"]
