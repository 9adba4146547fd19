"""What an OpenAPI call sends (issue 13 §2, points 6–9): the media type with the schema,
query and header parameters (a required tenant header from the configuration), form and
multipart bodies, and the 3.0/3.1 schema idioms of real contracts."""

from __future__ import annotations

from pathlib import Path

from .oai_build import I, S, arr, errors, messages, obj, ok, ops, ref, run


def test_the_media_type_with_the_schema_wins(tmp_path: Path) -> None:
    content = {"application/json": {}, "application/json; charset=utf-8":
               {"schema": arr(ref("Account"))}}
    result = run(tmp_path, {
        "/accounts": {"get": {"responses": {"200": {"description": "x", "content": content}}}},
        "/accounts/{id}": {"get": {"responses": ok(ref("Account"), media="*/*")}},
        "/plans": {"get": {"responses": ok(arr(ref("Plan")),
                                           media="application/vnd.api+json")}},
    }, {"Account": obj(id=S), "Plan": obj(id=S)})
    assert ops(result, "Account") == {"list": [("GET", "/accounts")],
                                      "get": [("GET", "/accounts/{id}")]}
    assert ops(result, "Plan") == {"list": [("GET", "/plans")]}


def test_query_and_header_parameters(tmp_path: Path) -> None:
    tenant = {"name": "X-Tenant-Id", "in": "header", "required": True, "schema": S}
    result = run(tmp_path, {
        "/orders": {"parameters": [tenant], "get": {"parameters": [
            {"name": "status", "in": "query", "required": True, "schema": S},
            {"name": "created-after", "in": "query", "schema": {"type": "string",
                                                                "format": "date-time"}},
            {"name": "Bad Header", "in": "header", "schema": S},
            {"name": "Accept", "in": "header", "required": True, "schema": S},
            {"name": "session", "in": "cookie", "schema": S}],
            "responses": ok(arr(ref("Order")))},
            "post": {"responses": ok(ref("Order"), "201")}},
        "/orders/{id}": {"parameters": [tenant],
                         "delete": {"responses": {"204": {"description": "gone"}}}},
    }, {"Order": obj(id=S, status=S)})
    order = result.source.entity("Order")
    lst = order.operation("list")
    got = [(p.name, p.wire_name, p.location, p.type, p.required, p.value, p.config)
           for p in lst.params]
    assert got == [
        ("x_tenant_id", "X-Tenant-Id", "header", "string", True, "", "x_tenant_id"),
        ("status", "", "query", "string", True, "status", ""),      # a screen parameter
        ("created_after", "created-after", "query", "datetime", False, "", "")]
    # the tenant header is on every call, from the same configuration value
    for kind in ("create", "delete"):
        assert [(p.wire, p.config) for p in order.operation(kind).params
                if p.location == "header"] == [("X-Tenant-Id", "x_tenant_id")]
    text = messages(result)
    assert "`Bad Header` is not a valid HTTP header name" in text
    assert "required header `X-Tenant-Id` (3 calls)" in text
    assert "cookie parameters" in text
    assert errors(result) == []


def test_form_multipart_and_binary_bodies(tmp_path: Path) -> None:
    photo = obj(id=S, caption=S, file={"type": "string", "format": "binary"})
    result = run(tmp_path, {
        "/photos": {"post": {"requestBody": {"content": {"multipart/form-data": {
            "schema": ref("Photo")}}}, "responses": ok(ref("Photo"), "201")}},
        "/photos/{id}": {"patch": {"requestBody": {"content": {
            "application/x-www-form-urlencoded": {"schema": ref("Photo")}}},
            "responses": ok(ref("Photo"))},
            "put": {"requestBody": {"content": {"application/octet-stream": {
                "schema": {"type": "string", "format": "binary"}}}},
                "responses": ok(ref("Photo"))}},
    }, {"Photo": photo})
    photo_e = result.source.entity("Photo")
    assert photo_e.operation("create").body == "multipart"
    bodies = {o.method: o.body for o in photo_e.operations if o.kind == "update"}
    assert bodies == {"PATCH": "form", "PUT": "multipart"}
    text = messages(result)
    assert text.count("is raw binary") == 1          # warned only where not supported
    assert errors(result) == []


def test_swagger2_form_data_is_a_form_or_multipart_body(tmp_path: Path) -> None:
    import json

    doc = {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "host": "x.example.com",
           "paths": {"/pets/{petId}": {"post": {
               "consumes": ["application/x-www-form-urlencoded"],
               "parameters": [{"name": "petId", "in": "path", "required": True,
                               "type": "integer"},
                              {"name": "name", "in": "formData", "type": "string"}],
               "responses": {"200": {"description": "ok", "schema": {
                   "$ref": "#/definitions/Pet"}}}}},
               "/pets/{petId}/image": {"post": {
                   "parameters": [{"name": "file", "in": "formData", "type": "file"}],
                   "responses": {"200": {"description": "ok"}}}}},
           "definitions": {"Pet": {"properties": {"id": {"type": "integer"}}}}}
    file = tmp_path / "s.json"
    file.write_text(json.dumps(doc))
    from designer.importers import import_openapi

    pet = import_openapi(file).source.entity("Pet")
    assert pet.operation("update").body == "form"


def test_openapi_31_and_30_idioms(tmp_path: Path) -> None:
    status = {"type": "string", "enum": ["open", "closed"]}
    ticket = {"type": "object", "required": ["priority", "status", "assignee", "level"],
              "properties": {
                  "id": I,
                  "priority": {"oneOf": [{"const": 1, "title": "Low"}, {"const": 2}]},
                  "level": {"oneOf": [{"const": "a"}, {"const": "b"}]},
                  "status": {"anyOf": [ref("Status"), {"nullable": True}]},
                  "assignee": {"oneOf": [{"type": "null"}, ref("User")]},
                  "labels": arr(S)}}
    result = run(tmp_path, {"/tickets": {"get": {"responses": ok(arr(ref("Ticket")))}}},
                 {"Ticket": ticket, "Status": status, "User": obj(id=I)})
    fields = {f.name: f for f in result.source.entity("Ticket").fields}
    assert (fields["priority"].type, fields["priority"].required) == ("integer", True)
    assert (fields["level"].type, fields["level"].enum_values) == ("enum", ["a", "b"])
    assert (fields["status"].type, fields["status"].enum_values) == ("enum", ["open", "closed"])
    assert not fields["status"].required                   # nullable branch
    assert (fields["assignee"].type, fields["assignee"].entity) == ("reference", "User")
    assert not fields["assignee"].required                 # oneOf [null, $ref]: nullable
    assert fields["labels"].type == "string"               # a list of scalars: text, warned
    assert "list of string values" in messages(result)
    assert errors(result) == []
