"""Per-operation servers (OpenAPI path- and operation-level ``servers``; issue 13 §1) and the
importer's warning cap (issue 13 §2: warning lists say how many were omitted)."""

from __future__ import annotations

from pathlib import Path

from designer.importers.base import Warnings
from exporters.params import operation_spec

from .oai_build import S, arr, errors, messages, obj, ok, ref, run


def _servers(result, entity: str) -> dict[tuple[str, str], str]:
    found = result.source.entity(entity)
    assert found is not None
    return {(o.kind, o.path): o.server for o in found.operations}


def test_operation_servers_beat_path_servers_and_the_source_base(tmp_path: Path) -> None:
    upload = [{"url": "https://uploads.example.com/v2"}]
    result = run(tmp_path, {
        "/files": {
            "servers": [{"url": "https://files.example.com"}],
            "get": {"responses": ok(arr(ref("File")))},
            "post": {"servers": upload, "requestBody": {"content": {"application/json": {
                "schema": ref("File")}}}, "responses": ok(ref("File"), "201")}},
        "/files/{id}": {"get": {"responses": ok(ref("File"))},
                        "delete": {"servers": [{"url": "https://api.example.com/"}],
                                   "responses": {"204": {"description": "gone"}}}},
    }, {"File": obj(id=S, name=S)})
    assert _servers(result, "File") == {
        ("list", "/files"): "https://files.example.com",        # path-level
        ("create", "/files"): "https://uploads.example.com/v2",  # operation-level wins
        ("get", "/files/{id}"): "",                              # none: the source's base
        ("delete", "/files/{id}"): "",                           # the source's base again
    }
    assert result.source.base_url == "https://api.example.com"
    assert not errors(result)
    # the JS and Dart data layers get it with the operation
    create = next(o for o in result.source.entity("File").operations if o.kind == "create")
    assert operation_spec(create, create.path, "File.create")["server"] == \
        "https://uploads.example.com/v2"


def test_server_variables_relative_urls_and_credentials(tmp_path: Path) -> None:
    result = run(tmp_path, {
        "/files": {"get": {"servers": [{"url": "https://{region}.files.example.com",
                                        "variables": {"region": {"default": "eu"}}}],
                           "responses": ok(arr(ref("File")))},
                   "post": {"servers": [{"url": "/upload"}], "requestBody": {"content": {
                       "application/json": {"schema": ref("File")}}},
                       "responses": ok(ref("File"), "201")}},
        "/files/{id}": {"get": {"servers": [{"url": "https://bob:hunter2@files.example.com"}],
                                "responses": ok(ref("File"))}},
    }, {"File": obj(id=S)}, servers=[{"url": "https://api.example.com/v1"}])
    assert _servers(result, "File") == {
        ("list", "/files"): "https://eu.files.example.com",
        ("create", "/files"): "https://api.example.com/upload",   # resolved on the base
        ("get", "/files/{id}"): "https://files.example.com",       # no user:password kept
    }
    secret = [p for p in result.warnings if p.code == "import.secret"]
    assert secret and secret[0].path == ("#/paths/~1files~1{id}/get/servers/0/url",), secret
    assert "hunter2" not in result.source.model_dump_json()


def test_a_relative_operation_server_without_a_full_base_is_warned(tmp_path: Path) -> None:
    result = run(tmp_path, {
        "/files": {"get": {"servers": [{"url": "/files-api"}],
                           "responses": ok(arr(ref("File")))}},
    }, {"File": obj(id=S)}, servers=[{"url": "/v1"}])
    assert _servers(result, "File") == {("list", "/files"): ""}
    assert "the operation's server `/files-api` is relative" in messages(result)


def test_warnings_past_the_cap_are_counted() -> None:
    w = Warnings("spec.yaml")
    for i in range(Warnings.LIMIT + 42):
        w.add(f"warning {i}", f"#/paths/{i}")
    w.add("warning 0", "#/paths/0")                 # a duplicate is not counted again
    items = w.items
    assert len(items) == Warnings.LIMIT + 1
    assert items[-1].message == "42 more warnings omitted (only the first 500 are listed)"
    assert items[-1].code == "import.omitted" and items[-1].file == "spec.yaml"
    assert items[Warnings.LIMIT - 1].message == "warning 499"


def test_a_spec_with_more_warnings_than_the_cap_says_how_many(tmp_path: Path) -> None:
    # 600 properties whose $refs do not resolve: one located warning apiece
    thing = obj(id=S, **{f"p{i}": ref(f"Missing{i}") for i in range(600)})
    paths = {"/things": {"get": {"responses": ok(arr(ref("Thing")))}}}
    result = run(tmp_path, paths, {"Thing": thing})
    omitted = [p for p in result.warnings if p.code == "import.omitted"]
    assert len(omitted) == 1 and len(result.warnings) == Warnings.LIMIT + 1
    refs = [p for p in result.warnings if p.code == "import.ref"]
    assert len(refs) == Warnings.LIMIT
    assert omitted[0].message.startswith(f"{600 - Warnings.LIMIT} more warnings omitted"), omitted
