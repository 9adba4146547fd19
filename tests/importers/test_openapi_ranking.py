"""Which entity an OpenAPI call belongs to, and which call is its default (issue 13 §2,
points 2–5): error schemas are never the resource, `/people/{id}.json` is an item path,
placeholders that are not the key are filled, sub-resource calls and "deleted" listings are
not the entity's operations, ambiguous choices are warned about."""

from __future__ import annotations

from pathlib import Path

from .oai_build import I, S, arr, errors, messages, obj, ok, ops, ref, run

ERROR = {"default": {"description": "error", "content": {
    "application/json": {"schema": ref("Error")}}}}
NO_CONTENT = {"204": {"description": "deleted"}}


def test_a_default_error_response_is_not_the_resource(tmp_path: Path) -> None:
    result = run(tmp_path, {
        "/pets": {"get": {"responses": {**ok(arr(ref("Pet"))), **ERROR}}},
        "/pets/{id}": {"delete": {"responses": {**NO_CONTENT, **ERROR}},
                       "get": {"responses": {"404": {"description": "x", "content": {
                           "application/json": {"schema": ref("Error")}}}, **ok(ref("Pet"))}}},
    }, {"Pet": obj(id=I, name=S), "Error": obj(code=I, message=S)})
    assert ops(result, "Pet") == {"list": [("GET", "/pets")], "get": [("GET", "/pets/{id}")],
                                  "delete": [("DELETE", "/pets/{id}")]}
    assert ops(result, "Error") == {}
    assert errors(result) == []


def test_an_item_path_with_a_suffix(tmp_path: Path) -> None:
    result = run(tmp_path, {
        "/people.json": {"get": {"responses": ok(arr(ref("Person")))}},
        "/people/{id}.json": {"get": {"responses": ok(ref("Person"))},
                              "put": {"responses": ok(ref("Person"))},
                              "delete": {"responses": NO_CONTENT}},
    }, {"Person": obj(id=I, name=S)})
    assert ops(result, "Person") == {"list": [("GET", "/people.json")],
                                     "get": [("GET", "/people/{id}.json")],
                                     "update": [("PUT", "/people/{id}.json")],
                                     "delete": [("DELETE", "/people/{id}.json")]}
    assert errors(result) == []


def _github(tmp: Path):  # type: ignore[no-untyped-def]
    issue = obj(id=I, number=I, title=S, state=S)
    repo_params = [{"name": "owner", "in": "path", "required": True, "schema": S},
                   {"name": "repo", "in": "path", "required": True, "schema": S}]
    number = {"name": "issue_number", "in": "path", "required": True, "schema": I}
    return run(tmp, {
        "/repos/{owner}/{repo}/issues": {"parameters": repo_params, "get": {
            "operationId": "issues/list-for-repo", "responses": ok(arr(ref("Issue")))},
            "post": {"operationId": "issues/create", "responses": ok(ref("Issue"), "201")}},
        "/repos/{owner}/{repo}/issues/deleted": {"parameters": repo_params, "get": {
            "operationId": "issues/list-deleted", "responses": ok(arr(ref("Issue")))}},
        "/repos/{owner}/{repo}/issues/{issue_number}": {
            "parameters": repo_params + [number],
            "get": {"operationId": "issues/get", "responses": ok(ref("Issue"))},
            "patch": {"operationId": "issues/update", "responses": ok(ref("Issue"))}},
        "/repos/{owner}/{repo}/issues/{issue_number}/dependencies/{issue_id}": {
            "parameters": repo_params + [number,
                                         {"name": "issue_id", "in": "path", "required": True,
                                          "schema": I}],
            "delete": {"operationId": "issues/remove-dependency",
                       "responses": ok(ref("Issue"))}},
        "/issues": {"get": {"operationId": "issues/list", "responses": ok(arr(ref("Issue")))}},
        "/user/issues": {"get": {"operationId": "issues/list-for-authenticated-user",
                                 "responses": ok(arr(ref("Issue")))}},
    }, {"Issue": issue})


def test_github_like_issues_placeholders_and_ranking(tmp_path: Path) -> None:
    result = _github(tmp_path)
    issue = result.source.entity("Issue")
    # the collection named after the entity, with the fewest values to find, is the default
    lst = issue.operation("list")
    assert (lst.path, lst.name) == ("/issues", "issues_list")
    names = sorted(o.name for o in issue.operations if o.kind == "list")
    assert names == ["issues_list", "issues_list_for_authenticated_user",
                     "issues_list_for_repo"]
    # parent segments are screen parameters of a read; {issue_number} is record.number
    get = issue.operation("get")
    assert get.path == "/repos/{owner}/{repo}/issues/{number}"
    assert [(p.name, p.value) for p in get.params] == [
        ("owner", "owner"), ("repo", "repo"), ("number", "record.number")]
    assert issue.key == ["number"]
    # writes that need values only a screen knows are not attached (outbox), but reported
    assert issue.operation("update") is None and issue.operation("create") is None
    # the sub-resource delete and the deleted listing are not the issue's operations
    assert issue.operation("delete") is None
    assert all("deleted" not in o.path and "dependencies" not in o.path
               for o in issue.operations)
    text = messages(result)
    assert "1 calls on a sub-resource of a record" in text
    assert "1 listings of deleted or archived items" in text
    assert "2 writes needing a path value the record does not hold" in text
    assert errors(result) == []


def test_placeholders_named_after_the_entity_are_its_key(tmp_path: Path) -> None:
    result = run(tmp_path, {
        "/pets/{pet_id}": {"get": {"responses": ok(ref("Pet"))},
                           "delete": {"responses": NO_CONTENT}},
        "/owners/{owner_id}/pets": {"get": {"responses": ok(arr(ref("Pet")))}},
        "/pets/{pet_id}/owner/{owner_id}": {"put": {"responses": ok(ref("Pet"))}},
    }, {"Pet": obj(id=I, owner_id=I, name=S)})
    pet = result.source.entity("Pet")
    assert [(p.name, p.value) for p in pet.operation("get").params] == [("id", "record.id")]
    assert pet.operation("delete").path == "/pets/{id}"
    lst = pet.operation("list")                # a parent segment: a screen parameter
    assert [(p.name, p.value) for p in lst.params] == [("owner_id", "owner_id")]
    assert errors(result) == []


def test_equally_good_candidates_are_warned_about(tmp_path: Path) -> None:
    result = run(tmp_path, {
        "/pet/findByStatus": {"get": {"operationId": "findPetsByStatus",
                                      "responses": ok(arr(ref("Pet")))}},
        "/pet/findByTags": {"get": {"operationId": "findPetsByTags",
                                    "responses": ok(arr(ref("Pet")))}},
    }, {"Pet": obj(id=I)})
    pet = result.source.entity("Pet")
    lists = [o for o in pet.operations if o.kind == "list"]
    assert len(lists) == 2 and sum(o.default for o in lists) == 1
    assert {o.operation_id for o in lists} == {"findPetsByStatus", "findPetsByTags"}
    assert "several list calls that fit equally" in messages(result)
    assert errors(result) == []
