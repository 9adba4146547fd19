"""OpenAPI 3.0/3.1 and Swagger 2.0 importer on hand-written specs."""

from __future__ import annotations

import pytest

from designer.importers import SpecError, import_file, import_openapi
from designer.model import dumps
from designer.model.secrets_scan import scan

from .helpers import SPECS, entity, field, op


def test_petstore_v3_entities_fields_and_types() -> None:
    source = import_openapi(SPECS / "petstore_v3.yaml").source
    assert source.name == "swagger_petstore"
    assert source.kind == "rest"
    assert {e.name for e in source.entities} == {"NewPet", "Pet", "Owner", "NewPetCollar"}
    pet = entity(source, "Pet")
    # allOf merges the referenced schema's fields and its own
    assert [f.name for f in pet.fields][:2] == ["name", "tag"]
    assert field(source, "Pet", "id").type == "integer"
    assert field(source, "Pet", "id").read_only and field(source, "Pet", "id").required
    assert field(source, "Pet", "name").required and field(source, "Pet", "name").label == "Pet name"
    assert not field(source, "Pet", "tag").required                      # nullable
    status = field(source, "Pet", "status")                                # enum via $ref
    assert (status.type, status.enum_values) == ("enum", ["available", "pending", "sold"])
    assert field(source, "Pet", "birthday").type == "date"
    assert field(source, "Pet", "createdAt").type == "datetime"
    assert field(source, "Pet", "photoUrl").type == "image"
    assert field(source, "Pet", "weight").type == "decimal"
    assert field(source, "Pet", "vaccinated").type == "boolean"
    owner = field(source, "Pet", "owner")
    assert (owner.type, owner.entity) == ("reference", "Owner")
    collar = field(source, "Pet", "collar")                                # inline object
    assert (collar.type, collar.entity) == ("reference", "NewPetCollar")
    assert field(source, "NewPetCollar", "size").enum_values == ["S", "M", "L"]
    pets = field(source, "Owner", "pets")                                  # array of $ref
    assert (pets.type, pets.entity) == ("list", "Pet")
    assert field(source, "Owner", "home").type == "geo"                   # lat/lng object
    assert field(source, "Owner", "email").format == "email"
    assert field(source, "Owner", "phone").format == "phone"
    assert field(source, "Owner", "email").pii


def test_petstore_v3_operations_servers_and_auth() -> None:
    result = import_openapi(SPECS / "petstore_v3.yaml")
    source = result.source
    assert source.base_url == "https://eu.petstore.example.com/v1"
    assert (source.auth.scheme, source.auth.header) == ("api_key", "X-API-Key")
    assert source.auth.credential == "swagger_petstore_api_key"
    assert op(source, "Pet", "list") == ("GET", "/pets", ["limit"])      # optional query param
    # the key placeholder is named after the key field the exported app fills it from
    assert op(source, "Pet", "get") == ("GET", "/pets/{id}", ["id"])
    assert op(source, "Pet", "create") == ("POST", "/pets", ["limit"])   # path-level param
    assert op(source, "Pet", "update") == ("PUT", "/pets/{id}", ["id"])
    assert op(source, "Pet", "delete") == ("DELETE", "/pets/{id}", ["id"])
    assert entity(source, "Pet").key == ["id"]
    # list wrapped in {total, items: [...]}; path parameter `owner-id` is the key `id`
    assert op(source, "Owner", "list") == ("GET", "/owners", [])
    assert op(source, "Owner", "update") == ("PATCH", "/owners/{id}", ["id"])
    assert entity(source, "Owner").key == ["id"]
    # /pets/{petId}/vaccinate is an action, not CRUD
    assert all("vaccinate" not in o.path for e in source.entities for o in e.operations)
    # arrays of plain values are reported, not silently dropped
    assert any("tags" in p.path_text and "list of string" in p.message for p in result.warnings)


def test_swagger2_definitions_basepath_oauth_and_body_params() -> None:
    result = import_openapi(SPECS / "petstore_swagger2.yaml")
    source = result.source
    assert source.base_url == "https://api.fieldservice.example.com/api/v2"
    assert source.auth.scheme == "oauth2"
    assert source.auth.token_url == "https://auth.fieldservice.example.com/oauth/token"
    assert source.auth.scopes == ["read:jobs", "write:jobs"]
    assert op(source, "Job", "create") == ("POST", "/jobs", [])           # from the body param
    assert op(source, "Job", "update") == ("PATCH", "/jobs/{jobId}", ["jobId"])
    assert entity(source, "Job").key == ["jobId"]
    assert not field(source, "Job", "due").required                        # x-nullable
    assert field(source, "Job", "price").format == "currency"
    checklist = field(source, "Job", "checklist")
    assert (checklist.type, checklist.entity) == ("list", "JobChecklist")
    assert field(source, "Technician", "full_name").label == "Full name"
    assert field(source, "Technician", "avatar").type == "image"
    assert op(source, "Technician", "list") == ("GET", "/technicians", [])  # {results: [...]}
    assert any("several security schemes" in p.message for p in result.warnings)


def test_openapi31_quirks_names_unions_and_hostile_refs() -> None:
    result = import_file("openapi", SPECS / "crm_v31.json")
    source = result.source
    account = entity(source, "Account")
    names = [f.name for f in account.fields]
    # unicode folded, digits first prefixed, reserved words suffixed, collisions numbered
    for expected in ("first_name", "first_name_2", "Strasse", "true_", "_2fa"):
        assert expected in names
    assert not field(source, "Account", "name").required                   # type: [string, null]
    assert field(source, "Account", "tier").type == "enum"
    assert field(source, "Account", "employees").type == "integer"
    assert field(source, "Account", "logo").type == "image"               # contentMediaType
    assert field(source, "Account", "website").format == "uri"
    assert field(source, "Account", "parent").entity == "Account"          # anyOf [$ref, null]
    assert field(source, "Account", "owner").entity == "User"              # id or object
    assert field(source, "Account", "location").type == "geo"              # GeoJSON point
    assert field(source, "Account", "score").type == "decimal"
    assert field(source, "Contact", "firstName").type == "string"          # allOf + properties
    assert op(source, "Contact", "list") == ("GET", "/contacts", [])      # shortest path wins
    event = entity(source, "Event")                                         # oneOf objects merged
    assert {"duration", "place"} <= {f.name for f in event.fields}
    messages = " | ".join(p.message for p in result.warnings)
    assert "is a URL; it is not fetched" in messages and "does not resolve" in messages
    # the server URL had user:password and a token in the query: both removed
    assert source.base_url == "https://crm.acme.example/api"
    assert source.auth.scheme == "bearer"


def test_stripe_style_expandable_fields_and_post_updates() -> None:
    source = import_openapi(SPECS / "stripe_like.yaml").source
    assert op(source, "Customer", "list") == ("GET", "/v1/customers", [])
    assert op(source, "Customer", "update") == ("POST", "/v1/customers/{id}", ["id"])
    assert entity(source, "Customer").key == ["id"]
    assert field(source, "Customer", "default_source").entity == "BankAccount"
    assert field(source, "Customer", "address").entity == "Address"
    assert entity(source, "Customer").label == "Customer"


@pytest.mark.parametrize("spec", ["petstore_v3.yaml", "petstore_swagger2.yaml", "crm_v31.json",
                                  "stripe_like.yaml"])
def test_examples_and_secrets_never_reach_the_model(spec: str) -> None:
    source = import_file("openapi", SPECS / spec).source
    dumped = source.model_dump(mode="json")
    assert list(scan(dumped)) == []
    text = source.model_dump_json()
    for leaked in ("ghp_abcdef", "sk_test_4eC39", "hunter2", "abcdefgh12345678XYZ",
                   "Fix the boiler"):
        assert leaked not in text


def test_generated_sample_rows_are_deterministic_and_typed() -> None:
    first = import_openapi(SPECS / "petstore_v3.yaml").source
    second = import_openapi(SPECS / "petstore_v3.yaml").source
    pet1, pet2 = entity(first, "Pet"), entity(second, "Pet")
    assert pet1.sample_rows == pet2.sample_rows and len(pet1.sample_rows) == 8
    row = pet1.sample_rows[0]
    assert isinstance(row["id"], int) and isinstance(row["weight"], float)
    assert row["status"] in ("available", "pending", "sold")
    assert "@" in entity(first, "Owner").sample_rows[0]["email"]
    # a reference holds a key of the target's sample rows
    owner_keys = {r["id"] for r in entity(first, "Owner").sample_rows}
    assert row["owner"] in owner_keys


def test_sanitized_import_fits_a_model(tmp_path) -> None:
    from designer.model import App, load, save
    from designer.model.validate import validate_app

    app = App(id="app1", name="T")
    for spec in ("petstore_v3.yaml", "petstore_swagger2.yaml", "crm_v31.json", "stripe_like.yaml"):
        app.data_sources.append(import_file("openapi", SPECS / spec).source)
    save(app, tmp_path / "t.fieldcraft.json")
    loaded = load(tmp_path / "t.fieldcraft.json")
    assert dumps(loaded) == dumps(app)
    assert [p.format() for p in validate_app(loaded) if p.severity == "error"] == []


@pytest.mark.parametrize("content, message, location", [
    (b"", "empty", ""),
    (b"openapi: 3.0.0\npaths:\n\t/x: {}\n", "not valid YAML", "3:1"),
    (b"openapi: 3.0.0\ninfo:\n  title: x\n   bad: 1\n", "not valid YAML", "4:"),
    (b'{"openapi": "3.0.0",}', "not valid JSON", "1:"),
    (b"just: text\n", "not an OpenAPI", "#"),
    (b"- 1\n- 2\n", "must be an object", "#"),
    (b"openapi: 3.0.0\nx: !!python/object/apply:os.system ['echo hi']\n", "tags", "2:"),
    (b"\x00\x01binary", "binary", ""),
])
def test_malformed_specs_get_located_messages(tmp_path, content: bytes, message: str,
                                              location: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(SpecError) as info:
        import_openapi(path)
    assert message in info.value.message
    assert info.value.file == str(path)
    assert info.value.location.startswith(location)
    assert str(info.value).startswith(str(path))


def test_missing_file_and_folder(tmp_path) -> None:
    with pytest.raises(SpecError, match="cannot read"):
        import_openapi(tmp_path / "nope.yaml")
    with pytest.raises(SpecError, match="folder"):
        import_openapi(tmp_path)


def test_size_limit(tmp_path, monkeypatch) -> None:
    import designer.importers.base as base

    path = tmp_path / "big.json"
    path.write_bytes(b'{"openapi": "3.0.0", "x": "' + b"a" * 2000 + b'"}')
    monkeypatch.setattr(base, "MAX_INPUT_BYTES", 1000)
    monkeypatch.setattr(base.read_input, "__defaults__", (1000,))
    with pytest.raises(SpecError, match="limit"):
        import_openapi(path)


def test_circular_and_self_referencing_schemas_terminate(tmp_path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text("""
openapi: 3.0.0
info: {title: Loop}
paths: {}
components:
  schemas:
    Node:
      type: object
      properties:
        parent: {$ref: '#/components/schemas/Node'}
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
        alias: {$ref: '#/components/schemas/A'}
    A: {$ref: '#/components/schemas/B'}
    B: {$ref: '#/components/schemas/A'}
""")
    result = import_openapi(path)
    node = entity(result.source, "Node")
    assert node.field("parent").entity == "Node"
    assert node.field("children").type == "list"
    assert node.field("alias").type == "string"
    assert any("circular" in p.message for p in result.warnings)
