"""The preview's mock back end speaks what the model's operations declare, through a real
``fieldcraft serve`` process: pages by each paging style at the declared result path, required
header parameters, body encodings, OData versions per service, SAP CSRF tokens and ETags."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from .conftest import model_file

V2 = {"DataServiceVersion": "2.0", "MaxDataServiceVersion": "2.0"}
V4 = {"OData-Version": "4.0", "OData-MaxVersion": "4.0"}


def call(url: str, method: str = "GET", data: bytes | None = None, ctype: str = "",
         headers: dict[str, str] | None = None) -> tuple[int, Any, Any]:
    """(status, parsed JSON, response headers) of one request with a raw body."""
    req = urllib.request.Request(url, data=data, method=method, headers={
        **({"Content-Type": ctype} if ctype else {}), **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            status, raw, head = response.status, response.read(), response.headers
    except urllib.error.HTTPError as exc:
        status, raw, head = exc.code, exc.read(), exc.headers
    return status, json.loads(raw) if raw else None, head


def send_json(url: str, method: str, body: Any, headers: dict[str, str] | None = None
              ) -> tuple[int, Any, Any]:
    return call(url, method, json.dumps(body).encode(), "application/json", headers)


def follow(s: Any, first: str, rows: Any, nxt: Any) -> list[list[str]]:
    """The ids of each page, following what ``nxt(body, headers, url)`` says comes next."""
    url, pages = s.url + first, []
    while url and len(pages) < 10:
        status, body, head = call(url)
        assert status == 200, (url, body)
        pages.append([r["id"] for r in rows(body)])
        url = nxt(body, head, url)
    return pages


def test_lists_page_by_their_declared_style_and_result_path(serve: Any) -> None:
    s = serve()
    whole = [["T-1", "T-2"], ["T-3", "T-4"], ["T-5"]]
    # cursor at meta.cursor, sent back as ?cursor=; rows at data.tickets
    assert follow(s, "api/crm/tickets", lambda b: b["data"]["tickets"], lambda b, h, u: (
        s.url + "api/crm/tickets?cursor=" + b["meta"]["cursor"]) if b["meta"]["cursor"] else None
    ) == whole
    # offset with a size parameter; the client stops at a short page
    assert [r["id"] for r in call(s.url + "api/crm/tickets/offset?skip=2&limit=3")[1]] == \
        ["T-3", "T-4", "T-5"]
    assert follow(s, "api/crm/tickets/offset?skip=0", lambda b: b, lambda b, h, u: (
        s.url + f"api/crm/tickets/offset?skip={int(u.rsplit('=', 1)[1]) + 2}")
        if len(b) == 2 else None) == whole
    # page numbers from 1
    assert [r["id"] for r in call(s.url + "api/crm/tickets/pages?page=3")[1]] == ["T-5"]
    assert call(s.url + "api/crm/tickets/pages?page=0")[0] == 400
    # Link header, resolved against the request as a browser does
    link = (lambda b, h, u: urljoin(u, h["Link"].split(">")[0][1:]) if h.get("Link") else None)
    assert follow(s, "api/crm/tickets/linked", lambda b: b, link) == whole
    assert 'rel="next"' in call(s.url + "api/crm/tickets/linked")[2]["Link"]
    # next link in the body at the declared path
    assert follow(s, "api/crm/tickets/next", lambda b: b["items"], lambda b, h, u: urljoin(
        u, b["links"]["next"]) if b.get("links", {}).get("next") else None) == whole
    assert call(s.url + "api/crm/tickets?cursor=bogus")[0] == 400
    # a record at the get's result path
    assert call(s.url + "api/crm/tickets/T-2")[1] == {"data": {
        "id": "T-2", "subject": "ticket 2", "hours": 2, "updated_at": "2026-01-01T00:00:00.000Z"}}


def test_odata_v4_pages_carry_their_next_link_and_keep_required_parameters(
        serve: Any, tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        erp = next(d for d in data["data_sources"] if d["name"] == "erp")
        op = erp["entities"][0]["operations"][0]
        op.update(paging={"style": "next_link", "next": ["@odata.nextLink"], "page_size": 1},
                  params=[
            {"name": "plant", "wire_name": "sap-plant", "location": "query", "required": True,
             "value": "\"1000\""}])

    s = serve(model=model_file(tmp_path, edit))
    status, body, _ = call(s.url + "api/erp/Materials?sap-plant=1000", headers=V4)
    assert status == 200 and [m["id"] for m in body["value"]] == ["M-1"]
    nxt = urljoin(s.url + "api/erp/Materials?sap-plant=1000", body["@odata.nextLink"])
    status, body, _ = call(nxt, headers=V4)
    assert status == 200 and [m["id"] for m in body["value"]] == ["M-2"]
    assert "@odata.nextLink" not in body
    assert call(s.url + "api/erp/Materials", headers=V4)[1]["error"]["message"] == \
        "missing required query parameter 'sap-plant'"


def test_required_headers_and_body_encodings_are_refused_as_real_servers_do(serve: Any) -> None:
    s = serve()
    status, body, _ = send_json(s.url + "api/crm/tickets", "POST", {"subject": "new"})
    assert (status, body) == (400, {"error": "missing required header parameter 'X-Tenant-Id'"})
    tenant = {"X-Tenant-Id": "t-1"}
    status, made, _ = send_json(s.url + "api/crm/tickets", "POST", {"subject": "new"}, tenant)
    assert status == 201 and made["subject"] == "new"
    # the update takes a form: JSON is refused (415), the form's text is read by field type
    status, body, _ = send_json(s.url + "api/crm/tickets/T-1", "PATCH", {"hours": 3})
    assert status == 415 and body["error"] == "this operation takes a form body, not json"
    status, row, _ = call(s.url + "api/crm/tickets/T-1", "PATCH", b"hours=7&subject=a%26b",
                          "application/x-www-form-urlencoded")
    assert status == 200 and (row["hours"], row["subject"]) == (7, "a&b")
    status, body, _ = call(s.url + "api/crm/tickets/T-1", "PATCH", b"hours=seven",
                           "application/x-www-form-urlencoded")
    assert status == 400 and body["error"] == "'hours' must be an integer"
    # multipart: text parts and a file part (the photo, kept as a data URI)
    boundary = "b0undary"
    parts = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nshelf\r\n"
             f"--{boundary}\r\nContent-Disposition: form-data; name=\"minutes\"\r\n\r\n15\r\n"
             f"--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"p.png\""
             f"\r\nContent-Type: image/png\r\n\r\n").encode() + b"\x89PNG" + \
        f"\r\n--{boundary}--\r\n".encode()
    status, made, _ = call(s.url + "api/crm/field-visits", "POST", parts,
                           f"multipart/form-data; boundary={boundary}")
    assert status == 201, made
    assert (made["note"], made["minutes"], made["photo"]) == ("shelf", 15,
                                                              "data:image/png;base64,iVBORw==")
    assert send_json(s.url + "api/crm/field-visits", "POST", {"note": "x"})[0] == 415
    assert call(s.url + "api/crm/field-visits", "POST", b"--x\r\nbroken",
                "multipart/form-data; boundary=b0undary")[0] == 400
    assert call(s.url + "api/crm/orders", "POST", b"<xml/>", "application/xml")[0] == 415


def test_odata_v2_sap_service_version_headers_csrf_and_etags(serve: Any) -> None:
    s = serve()
    sap = s.url + "api/sap/SalesOrderSet"
    # a V2 service refuses V4 headers; a V4 service refuses V2 ones
    status, body, _ = call(sap, headers=V4)
    assert status == 400 and "OData V2 service" in body["error"]["message"]
    status, body, _ = call(s.url + "api/erp/Materials", headers=V2)
    assert status == 400 and "OData 4.0 service" in body["error"]["message"]
    status, body, _ = call(sap, headers=V2)
    assert status == 200 and body["d"]["results"][0]["SalesOrderID"] == "500000001"
    tag = body["d"]["results"][0]["__metadata"]["etag"]
    # writes need the CSRF token the service root gives out
    status, body, head = send_json(sap, "POST", {"Note": "second"}, V2)
    assert status == 403 and head["x-csrf-token"] == "Required"
    status, _, head = call(s.url + "api/sap/", headers={**V2, "x-csrf-token": "Fetch"})
    token = head["x-csrf-token"]
    assert status == 200 and token and token.lower() != "required"
    assert send_json(sap, "POST", {"Note": "x"}, {**V2, "x-csrf-token": "forged"})[0] == 403
    csrf = {**V2, "x-csrf-token": token}
    status, made, _ = send_json(sap, "POST", {"Note": "second"}, csrf)
    assert status == 201 and made["d"]["Note"] == "second"
    # an ETag-checked record changes only with the version the client saw
    one = f"{sap}('500000001')"
    assert send_json(one, "PATCH", {"Note": "mine"}, csrf)[0] == 428
    assert send_json(one, "PATCH", {"Note": "mine"}, {**csrf, "If-Match": 'W/"old"'})[0] == 412
    status, row, _ = send_json(one, "PATCH", {"Note": "mine"}, {**csrf, "If-Match": tag})
    assert status == 200 and row["d"]["Note"] == "mine" and row["d"]["__metadata"]["etag"] != tag
    assert send_json(one, "PATCH", {"Note": "again"}, {**csrf, "If-Match": tag})[0] == 412
    assert next(r for r in s.state()["rows"]["SalesOrder"] if r["id"] == "500000001")[
        "note"] == "mine"
