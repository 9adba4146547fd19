"""`fieldcraft import`: add a source, re-import with a diff report, refuse bad input untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from designer.cli import main
from designer.model import dumps, load

from ..conftest import EXAMPLE
from .helpers import SPECS

CRM_V1 = """
openapi: 3.0.0
info: {title: Field Sales CRM}
servers: [{url: 'https://api.example-crm.com/v1'}]
components:
  securitySchemes:
    token: {type: http, scheme: bearer}
  schemas:
    Customer:
      type: object
      required: [id, name]
      properties:
        id: {type: string}
        name: {type: string}
        contact_name: {type: string}
        phone: {type: string}
        email: {type: string, format: email}
        address: {type: string}
        city: {type: string}
        segment: {type: string, enum: [A, B, C]}
        credit_limit: {type: number}
        blocked: {type: boolean}
        last_visit: {type: string, format: date}
        location: {type: object, properties: {lat: {type: number}, lng: {type: number}}}
paths:
  /customers:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Customer'}}}}}
  /customers/{id}:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Customer'}}}}
    patch:
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Customer'}}}}
      responses: {'200': {description: ok}}
"""


@pytest.fixture()
def model(tmp_path) -> Path:
    path = tmp_path / "app.fieldcraft.json"
    shutil.copy(EXAMPLE, path)
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_adds_a_source_and_saves(model: Path, capsys) -> None:
    code, out, err = run(capsys, "import", str(model), "--openapi",
                         str(SPECS / "petstore_v3.yaml"))
    assert code == 0, err
    assert "added data source `swagger_petstore` (4 entities" in out
    assert "FIELDCRAFT_CRED_SWAGGER_PETSTORE_API_KEY" in out
    assert "petstore_v3.yaml: warning:" in err                  # located warnings on stderr
    app = load(model)
    source = app.source("swagger_petstore")
    assert source is not None and source.entity("Pet") is not None
    assert source.origin.endswith("fixtures/specs/petstore_v3.yaml")
    assert app.source("crm") is not None                        # the rest is untouched


@pytest.mark.parametrize("flag, spec", [("--odata", "sap_gateway_v2.xml"),
                                        ("--openapi", "petstore_swagger2.yaml")])
def test_import_with_name_and_base_url(model: Path, capsys, flag: str, spec: str) -> None:
    code, out, _ = run(capsys, "import", str(model), flag, str(SPECS / spec), "--name", "erp",
                       "--base-url", "https://erp.example.com/sap/opu/odata")
    assert code == 0 and "added data source `erp`" in out
    assert load(model).source("erp").base_url == "https://erp.example.com/sap/opu/odata"


def test_reimport_reports_changes_and_broken_bindings(model: Path, tmp_path, capsys) -> None:
    spec = tmp_path / "crm.yaml"
    spec.write_text(CRM_V1)
    code, out, err = run(capsys, "import", str(model), "--openapi", str(spec), "--name", "crm")
    assert code == 0, err
    assert "updated data source `crm`" in out
    app = load(model)
    crm = app.source("crm")
    # what the user tuned survives: id, offline policy, credential name
    assert crm.id == "ds_crm" and crm.offline.mode == "offline_read_write"
    assert crm.auth.credential == "crm_api_token"
    # the example's other entities are not in this spec → removed and reported
    assert "entity removed: Order" in out and "entity removed: Visit" in out
    assert "field changed: Customer.location: geo" not in out   # still geo
    assert "reference(s) in the app are affected" in out
    # bindings reading removed entities/fields are named with their path in the model
    assert "visitCheckIn" not in out or "screens[" in out
    assert "data `orders` loads `Order`, which was removed" in out

    # second step: change a field type and remove one; only those readers are reported
    changed = CRM_V1.replace("contact_name: {type: string}", "") \
                    .replace("segment: {type: string, enum: [A, B, C]}", "segment: {type: integer}")
    spec.write_text(changed)
    code, out, _ = run(capsys, "import", str(model), "--openapi", str(spec), "--name", "crm")
    assert code == 0
    assert "field removed: Customer.contact_name" in out
    assert "field changed: Customer.segment: enum(A, B, C) → integer" in out
    broken = [line for line in out.splitlines() if "reads `Customer." in line]
    assert any("item.contact_name" in line and "screens[0]" in line for line in broken)
    assert any("Customer.segment" in line for line in broken)
    assert all("Customer.name`" not in line for line in broken)


def test_reimport_by_origin_keeps_the_name(model: Path, tmp_path, capsys) -> None:
    spec = tmp_path / "pets.yaml"
    spec.write_text((SPECS / "petstore_v3.yaml").read_text())
    assert run(capsys, "import", str(model), "--openapi", str(spec), "--name", "pets")[0] == 0
    code, out, _ = run(capsys, "import", str(model), "--openapi", str(spec))
    assert code == 0 and "updated data source `pets`" in out and "no changes" in out
    assert [d.name for d in load(model).data_sources].count("pets") == 1


def test_bad_spec_leaves_the_model_untouched(model: Path, tmp_path, capsys) -> None:
    before = model.read_bytes()
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.0.0\npaths:\n\t/x: {}\n")
    code, out, err = run(capsys, "import", str(model), "--openapi", str(bad))
    assert code == 1
    assert err.splitlines()[0] == f"{bad}:3:1: not valid YAML: found character that cannot " \
                                  "start any token"
    assert "Traceback" not in err and model.read_bytes() == before
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<x>&a;</x>\n')
    code, _, err = run(capsys, "import", str(model), "--odata", str(bomb))
    assert code == 1 and err.startswith(f"{bomb}:2: ") and model.read_bytes() == before


def test_dry_run_and_usage_errors(model: Path, capsys) -> None:
    before = model.read_bytes()
    code, out, _ = run(capsys, "import", str(model), "--csv", str(SPECS / "visits.csv"),
                       "--dry-run")
    assert code == 0 and "would add data source `visits`" in out
    assert model.read_bytes() == before
    with pytest.raises(SystemExit) as info:
        main(["import", str(model)])                             # no input flag
    assert info.value.code == 2
    code, _, err = run(capsys, "import", str(model.with_name("missing.fieldcraft.json")),
                       "--csv", str(SPECS / "visits.csv"))
    assert code == 1 and "missing.fieldcraft.json" in err


def test_import_round_trips_through_the_model_file(model: Path, capsys) -> None:
    for flag, spec in (("--openapi", "crm_v31.json"), ("--odata", "northwind_v4.xml"),
                       ("--json", "orders.json"), ("--csv", "visits.csv")):
        assert run(capsys, "import", str(model), flag, str(SPECS / spec))[0] == 0
    app = load(model)
    assert dumps(app) == model.read_bytes()
    code, out, _ = run(capsys, "validate", str(model))
    assert code == 0, out
