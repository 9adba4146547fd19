"""Importers keep a back end's own field names (``wire_name``) when the model name differs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from designer.importers import import_file
from designer.importers.apply import plan_import
from designer.model import App, dumps, load, save
from designer.model.validate import validate_app

from .helpers import entity, field, op

CRM_31 = """
openapi: 3.1.0
info: {title: Acme Sales Cloud, version: "2024-05"}
servers: [{url: 'https://api.acme-sales.example/v2'}]
components:
  schemas:
    Audit:
      type: object
      properties:
        created-at: {type: string, format: date-time, readOnly: true}
        "@odata.etag": {type: string}
    Customer:
      allOf:
        - $ref: '#/components/schemas/Audit'
        - type: object
          required: [customer-id, first-name]
          properties:
            customer-id: {type: string}
            first-name: {type: string}
            last-name: {type: [string, "null"]}
            Customer ID: {type: integer}
            2ndPhone: {type: string}
            ZZ_KUNNR: {type: string}
            not: {type: boolean}
            account-manager:
              oneOf: [{$ref: '#/components/schemas/User'}, {type: "null"}]
            ship-to:
              type: object
              properties: {street-name: {type: string}, zip: {type: string}}
            open-orders: {type: array, items: {$ref: '#/components/schemas/Order'}}
    User:
      type: object
      properties: {user-id: {type: integer}, display-name: {type: string}}
    Order:
      type: object
      properties: {order-no: {type: string}, net-value: {type: number}}
paths:
  /customers:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  value: {type: array, items: {$ref: '#/components/schemas/Customer'}}
                  "@odata.nextLink": {type: string}
  /customers/{customer-id}:
    parameters: [{name: customer-id, in: path, required: true, schema: {type: string}}]
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Customer'}}}}
    delete:
      responses: {'204': {description: gone}}
  /users/{userId}:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}}
"""

SWAGGER_2 = """
swagger: "2.0"
info: {title: Field Service, version: "1"}
host: fs.example.com
basePath: /api
definitions:
  Job:
    type: object
    properties:
      job-id: {type: string}
      due-date: {type: string, format: date}
      assigned-tech: {$ref: '#/definitions/Tech'}
  Tech:
    type: object
    properties: {tech_id: {type: integer}, full-name: {type: string}}
paths:
  /jobs:
    post:
      parameters: [{in: body, name: body, schema: {$ref: '#/definitions/Job'}}]
      responses: {'201': {description: created}}
  /jobs/{job-id}:
    put:
      parameters:
        - {in: path, name: job-id, type: string, required: true}
        - {in: body, name: body, schema: {$ref: '#/definitions/Job'}}
      responses: {'200': {description: ok, schema: {$ref: '#/definitions/Job'}}}
"""

ODATA_V4 = """<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">
 <edmx:DataServices>
  <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="Sales">
   <EntityType Name="OrderItem">
    <Key><PropertyRef Name="SalesOrder"/><PropertyRef Name="Null"/></Key>
    <Property Name="SalesOrder" Type="Edm.String" Nullable="false"/>
    <Property Name="Null" Type="Edm.Int32" Nullable="false"/>
    <Property Name="Material" Type="Edm.String"/>
    <Property Name="MATERIAL" Type="Edm.String"/>
   </EntityType>
   <EntityContainer Name="C"><EntitySet Name="OrderItems" EntityType="Sales.OrderItem"/></EntityContainer>
  </Schema>
 </edmx:DataServices>
</edmx:Edmx>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _wires(ent) -> dict[str, str]:
    return {f.name: f.wire_name for f in ent.fields}


def test_openapi31_fields_keys_and_references_keep_wire_names(tmp_path) -> None:
    source = import_file("openapi", _write(tmp_path, "crm.yaml", CRM_31)).source
    customer = entity(source, "Customer")
    assert _wires(customer) == {
        "created_at": "created-at", "odata_etag": "@odata.etag", "customer_id": "customer-id",
        "first_name": "first-name", "last_name": "last-name", "Customer_ID_2": "Customer ID",
        "_2ndPhone": "2ndPhone", "ZZ_KUNNR": "", "not_": "not",
        "account_manager": "account-manager", "ship_to": "ship-to", "open_orders": "open-orders"}
    assert field(source, "Customer", "account_manager").entity == "User"      # reference
    assert field(source, "Customer", "open_orders").type == "list"
    nested = entity(source, field(source, "Customer", "ship_to").entity)      # inline object
    assert _wires(nested) == {"street_name": "street-name", "zip": ""}
    assert field(source, "Customer", "ZZ_KUNNR").wire == "ZZ_KUNNR"
    # the key's placeholder is the key field (whose wire name is the spec's parameter name)
    assert customer.key == ["customer_id"]
    assert op(source, "Customer", "get") == ("GET", "/customers/{customer_id}", ["customer_id"])
    assert op(source, "Customer", "delete")[1:] == ("/customers/{customer_id}", ["customer_id"])
    assert entity(source, "User").key == ["user_id"]
    assert op(source, "User", "get") == ("GET", "/users/{user_id}", ["user_id"])
    # generated sample rows use model names only
    assert set(customer.sample_rows[0]) <= {f.name for f in customer.fields}


def test_swagger2_body_parameters_keep_wire_names(tmp_path) -> None:
    source = import_file("openapi", _write(tmp_path, "fs.yaml", SWAGGER_2)).source
    assert _wires(entity(source, "Job")) == {"job_id": "job-id", "due_date": "due-date",
                                            "assigned_tech": "assigned-tech"}
    assert _wires(entity(source, "Tech")) == {"tech_id": "", "full_name": "full-name"}
    assert entity(source, "Job").key == ["job_id"]
    assert op(source, "Job", "update") == ("PUT", "/jobs/{job_id}", ["job_id"])
    assert op(source, "Job", "create") == ("POST", "/jobs", [])


def test_odata_reserved_and_colliding_names_and_the_key_predicate(tmp_path) -> None:
    source = import_file("odata", _write(tmp_path, "sales.xml", ODATA_V4)).source
    item = entity(source, "OrderItem")
    assert _wires(item) == {"SalesOrder": "", "Null_": "Null", "Material": "",
                            "MATERIAL_2": "MATERIAL"}
    assert item.key == ["SalesOrder", "Null_"]
    # the key predicate names OData properties (wire), the placeholders model fields
    assert op(source, "OrderItem", "get") == (
        "GET", "/OrderItems(SalesOrder='{SalesOrder}',Null={Null_})", ["SalesOrder", "Null_"])


def test_csv_headers_are_wire_names_and_rows_use_model_names(tmp_path) -> None:
    path = tmp_path / "kunden.csv"
    path.write_bytes("\ufeffKunden-Nr;Name;Umsatz 2023;;Name;name\r\n"
                     "00123;Müller;1.234,50;;X;m\r\n00456;Schmidt;99,00;;Y;s\r\n"
                     .encode("utf-8"))
    result = import_file("csv", path)
    kunden = result.source.entities[0]
    assert _wires(kunden) == {"Kunden_Nr": "Kunden-Nr", "Name": "", "Umsatz_2023": "Umsatz 2023",
                              "column_4": "", "Name_2": "", "name_3": "name"}
    assert kunden.sample_rows[0] == {"Kunden_Nr": "00123", "Name": "Müller", "Umsatz_2023": 1234.5,
                                     "column_4": None, "Name_2": "X", "name_3": "m"}
    messages = " | ".join(p.message for p in result.warnings)
    assert "`Name` appears more than once" in messages and "`name_3`" in messages


def test_json_nested_records_keep_wire_names(tmp_path) -> None:
    path = _write(tmp_path, "orders.json", """{"@odata.context": "x", "value": [
      {"order-id": "0001", "Customer ID": 7, "@odata.etag": "W/1",
       "ship-to": {"street-name": "Hauptstr. 1"}, "lines": [{"line-no": 1, "qty": 2}]}]}""")
    source = import_file("json", path).source
    order = source.entities[0]
    assert _wires(order) == {"order_id": "order-id", "Customer_ID": "Customer ID",
                             "odata_etag": "@odata.etag", "ship_to": "ship-to", "lines": ""}
    ship = entity(source, field(source, order.name, "ship_to").entity)
    line = entity(source, field(source, order.name, "lines").entity)
    assert _wires(ship) == {"street_name": "street-name"}
    assert _wires(line) == {"line_no": "line-no", "qty": ""}
    assert order.sample_rows[0] == {"order_id": "0001", "Customer_ID": 7, "odata_etag": "W/1",
                                    "ship_to": {"street_name": "Hauptstr. 1"},
                                    "lines": [{"line_no": 1, "qty": 2}]}


def test_sqlite_columns_and_foreign_keys_keep_wire_names(tmp_path) -> None:
    path = tmp_path / "shop.db"
    with sqlite3.connect(path) as conn:
        conn.executescript("""
            CREATE TABLE "customer-master" ("Customer ID" TEXT PRIMARY KEY, "first-name" TEXT);
            CREATE TABLE orders (id INTEGER PRIMARY KEY,
                                 "cust-ref" TEXT REFERENCES "customer-master"("Customer ID"));
            INSERT INTO "customer-master" VALUES ('00042', 'Ann');
            INSERT INTO orders VALUES (1, '00042');""")
    conn.close()
    source = import_file("sqlite", path).source
    customer, order = entity(source, "CustomerMaster"), entity(source, "Order")
    assert _wires(customer) == {"Customer_ID": "Customer ID", "first_name": "first-name"}
    assert customer.key == ["Customer_ID"]
    assert _wires(order) == {"id": "", "cust_ref": "cust-ref"}
    assert field(source, "Order", "cust_ref").entity == "CustomerMaster"
    assert customer.sample_rows == [{"Customer_ID": "00042", "first_name": "Ann"}]
    assert order.sample_rows == [{"id": 1, "cust_ref": "00042"}]


def test_wire_names_survive_save_load_and_validate(tmp_path) -> None:
    app = App(id="app1", name="T")
    for kind, name, text in (("openapi", "crm.yaml", CRM_31), ("openapi", "fs.yaml", SWAGGER_2),
                             ("odata", "sales.xml", ODATA_V4)):
        app.data_sources.append(import_file(kind, _write(tmp_path, name, text)).source)
    save(app, tmp_path / "t.fieldcraft.json")
    loaded = load(tmp_path / "t.fieldcraft.json")
    assert dumps(loaded) == dumps(app)
    assert field(loaded.source("acme_sales_cloud"), "Customer", "first_name").wire == "first-name"
    assert [p.format() for p in validate_app(loaded) if p.severity == "error"] == []


def _reimport(tmp_path: Path, old_text: str, new_text: str):
    app = App(id="app1", name="T")
    app.data_sources.append(import_file("openapi", _write(tmp_path, "crm.yaml", old_text)).source)
    result = import_file("openapi", _write(tmp_path, "crm.yaml", new_text))
    return plan_import(app, result)


def test_reimport_of_the_same_spec_reports_no_change(tmp_path) -> None:
    plan = _reimport(tmp_path, CRM_31, CRM_31)
    assert plan.is_reimport and not plan.report.changed
    assert plan.report.lines() == ["no changes"]


def test_reimport_keeps_model_names_when_new_collisions_shift_them(tmp_path) -> None:
    # a new `first_name` before `first-name` would take the name `first_name`; the re-import
    # gives it `first_name_2` so existing bindings still read the back end's `first-name`
    shifted = CRM_31.replace("            first-name: {type: string}\n",
                             "            first_name: {type: string}\n"
                             "            first-name: {type: string}\n")
    plan = _reimport(tmp_path, CRM_31, shifted)
    customer = entity(plan.source, "Customer")
    assert field(plan.source, "Customer", "first_name").wire == "first-name"
    assert field(plan.source, "Customer", "first_name_2").wire == "first_name"
    assert plan.report.lines() == ["field added: Customer.first_name_2"]
    assert set(customer.sample_rows[0]) <= {f.name for f in customer.fields}


def test_reimport_reports_renamed_wire_properties(tmp_path) -> None:
    # same model name, new back-end name: bindings keep working, the change is reported
    plan = _reimport(tmp_path, CRM_31, CRM_31.replace("first-name", "first_name"))
    assert plan.report.wire_renamed == [("Customer", "first_name", "first-name", "first_name")]
    assert any("renamed in the back end: Customer.first_name: `first-name` → `first_name`" in line
               for line in plan.report.lines())
    # a different model name: the old field is gone and readers of it are affected
    plan = _reimport(tmp_path, CRM_31, CRM_31.replace("first-name", "firstName"))
    assert ("Customer", "first_name") in plan.report.affected()
    assert "field added: Customer.firstName" in plan.report.lines()
    # a renamed key parameter changes nothing the app uses
    plan = _reimport(tmp_path, CRM_31, CRM_31.replace("{customer-id}", "{customerId}")
                     .replace("name: customer-id, in: path", "name: customerId, in: path"))
    assert not plan.report.changed
