"""The operation model: parameters with values, response shape, paging, encodings, several
operations per kind, servers; validation located at the operation; migration of v2 files."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from designer.model import App, ModelFileError, dumps, load, loads
from designer.model.validate import validate_app
from tests.conftest import ROOT
from tests.review.helpers import base_app


def _app(edit: Any = None) -> dict[str, Any]:
    data = copy.deepcopy(base_app())
    if edit is not None:
        edit(data["data_sources"][0]["entities"][0])
    return data


def _problems(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    app = App.model_validate(data)
    return [(p.path_text, p.code, p.severity) for p in validate_app(app)]


def _v2(entity_ops: list[dict[str, Any]]) -> dict[str, Any]:
    data = _app()
    data["$schema"] = "https://fieldcraft.dev/schema/v2/app.schema.json"
    data["schema_version"] = 2
    data["data_sources"][0]["entities"][0]["operations"] = entity_ops
    return data


def test_the_base_app_is_clean() -> None:
    assert _problems(_app()) == []


def test_a_placeholder_nothing_fills_is_an_error_at_the_path() -> None:
    def edit(e: dict[str, Any]) -> None:
        e["operations"][1]["params"] = []
    found = _problems(_app(edit))
    assert found == [("data_sources[0].entities[0].operations[1].path", "op.placeholder", "error")]
    message = validate_app(App.model_validate(_app(edit)))[0].message
    assert "`{id}`" in message and "Customer.get" in message


def test_required_query_and_header_parameters_need_a_value_or_config() -> None:
    def edit(e: dict[str, Any]) -> None:
        e["operations"][0]["params"] = [
            {"name": "tenant", "wire_name": "X-Tenant-Id", "location": "header", "required": True},
            {"name": "api_version", "wire_name": "api-version", "location": "query",
             "required": True},
            {"name": "search", "location": "query"},          # optional: may stay empty
        ]
    found = _problems(_app(edit))
    assert found == [
        ("data_sources[0].entities[0].operations[0].params[0]", "op.param", "error"),
        ("data_sources[0].entities[0].operations[0].params[1]", "op.param", "error")]

    def filled(e: dict[str, Any]) -> None:
        edit(e)
        e["operations"][0]["params"][0]["config"] = "crm.tenant"
        e["operations"][0]["params"][1]["value"] = '"2024-01-01"'
    assert _problems(_app(filled)) == []


def test_a_write_cannot_take_its_parameters_from_the_screen() -> None:
    """Creates, updates and deletes are sent from the outbox, where no screen is: a parameter
    naming a screen parameter is an error there, while a list may use one."""
    def edit(e: dict[str, Any]) -> None:
        tenant = {"name": "region", "location": "query", "value": "regionCode"}
        for op in e["operations"]:
            op.setdefault("params", []).append(dict(tenant))
    found = {(path, code) for path, code, severity in _problems(_app(edit)) if severity == "error"}
    kinds = [o["kind"] for o in _app()["data_sources"][0]["entities"][0]["operations"]]
    writes = {i for i, k in enumerate(kinds) if k in ("create", "update", "delete")}
    ops = {(path, code) for path, code in found if path.startswith("data_sources")}
    assert writes and ops == {(f"data_sources[0].entities[0].operations[{i}].params", "op.param")
                              for i in writes}
    # the screen listing the entity has no `regionCode`: its query is the one to fix
    assert found - ops == {("screens[0].data[0]", "query.param")}


def test_a_parameter_value_is_checked_against_the_record() -> None:
    def edit(e: dict[str, Any]) -> None:
        e["operations"][1]["params"][0]["value"] = "record.idd"
    found = _problems(_app(edit))
    assert found == [("data_sources[0].entities[0].operations[1].params[0].value",
                      "binding.type", "error")]
    assert validate_app(App.model_validate(_app(edit)))[0].suggestion == "record.id"


def test_value_and_config_together_are_refused_when_the_file_is_read() -> None:
    def edit(e: dict[str, Any]) -> None:
        e["operations"][1]["params"][0]["config"] = "crm.id"
    with pytest.raises(ModelFileError) as info:
        loads(json.dumps(_app(edit)).encode())
    assert "not both" in str(info.value)


@pytest.mark.parametrize("paging, where, needle", [
    ({"style": "next_link"}, "paging.next", "next link"),
    ({"style": "cursor", "next": ["meta", "cursor"]}, "paging.param", "cursor"),
    ({"style": "offset"}, "paging.param", "offset"),
    ({"style": "page", "param": ""}, "paging.param", "page number"),
])
def test_incomplete_paging_is_an_error(paging: dict[str, Any], where: str, needle: str) -> None:
    def edit(e: dict[str, Any]) -> None:
        e["operations"][0]["paging"] = paging
    problems = validate_app(App.model_validate(_app(edit)))
    assert [(p.path_text, p.code) for p in problems] == [
        (f"data_sources[0].entities[0].operations[0].{where}", "op.paging")]
    assert needle in problems[0].message


def test_complete_paging_styles_are_clean_and_only_lists_page() -> None:
    styles = [{"style": "next_link", "next": ["@odata.nextLink"]}, {"style": "link_header"},
              {"style": "cursor", "next": ["cursor"], "param": "cursor"},
              {"style": "offset", "param": "offset", "size_param": "limit", "page_size": 100},
              {"style": "page", "param": "page", "first_page": 0, "max_pages": 3, "max_rows": 300}]
    for paging in styles:
        assert _problems(_app(lambda e, p=paging: e["operations"][0].update(paging=p))) == []
    found = _problems(_app(lambda e: e["operations"][1].update(paging={"style": "link_header"})))
    assert found == [("data_sources[0].entities[0].operations[1].paging.style", "op.paging",
                      "error")]


def test_several_operations_of_a_kind_with_one_default() -> None:
    search = {"kind": "list", "name": "searchCustomers", "operation_id": "search-customers",
              "default": False, "path": "/customers/search", "result": ["data", "customers"],
              "params": [{"name": "q", "location": "query", "required": True, "value": "query"}]}

    def edit(e: dict[str, Any]) -> None:
        e["operations"].insert(0, search)
        e["operations"][1].update(name="listCustomers", default=True)
    app = App.model_validate(_app(edit))
    entity = app.data_sources[0].entities[0]
    assert entity.operation("list").name == "listCustomers"           # the default, not the first
    assert entity.operation_named("searchCustomers").result == ["data", "customers"]
    assert _problems(_app(edit)) == []

    def two_defaults(e: dict[str, Any]) -> None:
        edit(e)
        e["operations"][0]["default"] = True
        e["operations"][0]["name"] = "listCustomers"
    found = _problems(_app(two_defaults))
    assert ("data_sources[0].entities[0].operations[1].default", "op.default", "error") in found
    assert ("data_sources[0].entities[0].operations[1].name", "name.duplicate", "error") in found


def test_operation_server_and_encoding_round_trip_and_are_checked() -> None:
    def edit(e: dict[str, Any]) -> None:
        e["operations"].append({"kind": "create", "method": "POST", "path": "/customers",
                                "body": "multipart", "server": "https://upload.example.com/v2"})
    app = App.model_validate(_app(edit))
    assert loads(dumps(app)) == app and b'"body": "multipart"' in dumps(app)
    assert _problems(_app(edit)) == []
    bad = _app(lambda e: (edit(e), e["operations"][-1].update(server="javascript:alert(1)")))
    assert [(p, c) for p, c, _ in _problems(bad)] == [
        ("data_sources[0].entities[0].operations[3].server", "url.base")]


def test_v2_operations_migrate_to_declared_path_parameters(tmp_path: Path) -> None:
    data = _v2([{"kind": "list", "path": "/customers"},
                {"kind": "get", "path": "/customers/{id}", "params": ["id"]},
                {"kind": "delete", "method": "DELETE", "path": "/customers/{id}"},
                {"kind": "update", "method": "PUT", "path": "/regions/{region}/customers/{id}",
                 "params": ["id"]}])
    path = tmp_path / "old.fieldcraft.json"
    path.write_text(json.dumps(data, indent=2), "utf-8")
    app = load(path)
    assert app.schema_version == 4 and app.schema_.endswith("/v4/app.schema.json")
    ops = app.data_sources[0].entities[0].operations
    key = [{"name": "id", "required": True, "value": "record.id"}]
    assert [[p.model_dump(exclude_defaults=True) for p in o.params] for o in ops] == [
        [], key, key, key + [{"name": "region", "required": True}]]
    # `{region}` is no field: the old file called /regions/undefined/…; now validate says so
    assert [(p.path_text, p.code) for p in validate_app(app)] == [
        ("data_sources[0].entities[0].operations[3].params[1]", "op.param")]
    assert dumps(loads(dumps(app))) == dumps(app)


def test_cli_validate_names_file_line_and_operation_without_traceback(tmp_path: Path) -> None:
    def edit(e: dict[str, Any]) -> None:
        e["operations"][0]["params"] = [{"name": "tenant", "wire_name": "X-Tenant",
                                         "location": "header", "required": True}]
    path = tmp_path / "ops.fieldcraft.json"
    path.write_bytes(dumps(App.model_validate(_app(edit))))
    out = subprocess.run([sys.executable, "-m", "designer", "validate", str(path)],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 1, out.stdout
    line = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if '"tenant"' in t) - 1
    assert out.stdout.startswith(
        f"{path}:{line}: data_sources[0].entities[0].operations[0].params[0]: ")
    assert "`X-Tenant`" in out.stdout and "Traceback" not in out.stdout + out.stderr
