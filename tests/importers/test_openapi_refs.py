"""External ``$ref``s (issue 13 §2, point 10): sibling files in the spec's folder are read;
``../`` escapes, absolute paths and URLs are refused with a warning; bad files never crash."""

from __future__ import annotations

from pathlib import Path

from designer.importers import import_openapi

from .oai_build import errors, messages, ops

SPEC = """openapi: 3.0.3
info: {title: Split, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /pets:
    get:
      parameters: [{$ref: "params.yaml#/limit"}]
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {type: array, items: {$ref: "models/Pet.yaml"}}}}
        default:
          description: err
          content: {application/json: {schema: {$ref: "../outside.yaml"}}}
  /pets/{id}:
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "models/Pet.yaml"}}}}
  /owners:
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "https://evil.example.com/x.yaml"}}}}
  /vets:
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "/etc/passwd"}}}}
  /bad:
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "broken.yaml#/X"}}}}
"""


def test_sibling_files_are_bundled_and_escapes_refused(tmp_path: Path) -> None:
    folder = tmp_path / "spec"
    (folder / "models").mkdir(parents=True)
    (folder / "spec.yaml").write_text(SPEC)
    (folder / "params.yaml").write_text("limit: {name: limit, in: query, schema: {type: integer}}\n")
    (folder / "models" / "Pet.yaml").write_text(
        "type: object\nrequired: [id]\nproperties:\n  id: {type: integer}\n"
        "  owner: {$ref: 'Owner.yaml'}\n  self: {$ref: '#/properties/id'}\n")
    (folder / "models" / "Owner.yaml").write_text("properties: {name: {type: string}}\n")
    (folder / "broken.yaml").write_text("X: [unclosed\n")
    (tmp_path / "outside.yaml").write_text("properties: {secret: {type: string}}\n")
    result = import_openapi(folder / "spec.yaml")
    assert ops(result, "Pet") == {"list": [("GET", "/pets")], "get": [("GET", "/pets/{id}")]}
    pet = result.source.entity("Pet")
    assert pet.field("owner").entity == "Owner" and pet.field("id").required
    assert [p.name for p in pet.operation("list").params] == ["limit"]
    assert all(e.field("secret") is None for e in result.source.entities)
    text = messages(result)
    assert "`../outside.yaml` leaves the contract's folder" in text
    assert "`/etc/passwd` leaves the contract's folder" in text
    assert "is a URL; it is not fetched" in text
    assert "reference `broken.yaml#/X`" in text
    assert errors(result) == []
