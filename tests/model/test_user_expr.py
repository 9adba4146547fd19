"""``user.*`` in expressions (issue 15): typed from the sign-in block, refused without sign-in
at the expression's location, in bindings, visible_when, filters and action parameters."""

from __future__ import annotations

import json

from designer.expressions import check, evaluate
from designer.model import loads
from designer.model.scope import ModelScope, screen_roots
from designer.model.user import sample_user, user_refs
from designer.model.validate import validate_app
from tests.conftest import EXAMPLE

OIDC = {"method": "oidc", "issuer": "https://login.example.com", "client_id": "field-sales",
        "claims": [{"name": "region", "type": "string"}, {"name": "level", "type": "integer"}],
        "roles": ["rep", "manager"]}


def app_with(sign_in: dict | None, edit) -> object:
    data = json.loads(EXAMPLE.read_text("utf-8"))
    if sign_in is not None:
        data["sign_in"] = sign_in
    edit(data)
    return loads(json.dumps(data))


def uses_user(data: dict) -> None:
    detail = data["screens"][1]
    detail["data"][1]["filter"] = "row.customer_id == customerId and user.region != null"
    heading = data["screens"][3]["root"]["children"][0]
    heading["bindings"]["text"] = '"Order for " + customer.name + " by " + user.name'
    heading["visible_when"] = "user.level > 1"
    data["screens"][0]["root"]["children"][1]["actions"] = {"item_tap": [
        {"type": "navigate", "screen": "customerDetail",
         "params": {"customerId": "user.id"}}]}


def errors(app) -> list:
    return [p for p in validate_app(app, "m.json") if p.severity == "error"]


def test_user_claims_are_typed() -> None:
    app = app_with(OIDC, lambda d: None)
    scope = ModelScope(screen_roots(app, app.screens[0]), ())
    assert str(check("user.roles", scope)) == "list<string>"
    assert str(check("user.level + 1", scope)) == "integer"
    assert str(check("user.email", scope)) == "string"
    try:
        check("user.regoin", scope)
    except ValueError as exc:
        assert "has no field `regoin`" in exc.message and exc.suggestion == "user.region"
    else:
        raise AssertionError("an undeclared claim must be refused")


def test_user_with_sign_in_validates_everywhere() -> None:
    assert errors(app_with(OIDC, uses_user)) == []


def test_user_without_sign_in_is_an_error_at_each_location() -> None:
    found = errors(app_with(None, uses_user))
    assert {(p.code, p.path) for p in found} == {
        ("signin.user", ("screens", 1, "data", 1, "filter")),
        ("signin.user", ("screens", 3, "root", "children", 0, "bindings", "text")),
        ("signin.user", ("screens", 3, "root", "children", 0, "visible_when")),
        ("signin.user", ("screens", 0, "root", "children", 1, "actions", "item_tap", 0,
                         "params", "customerId")),
    }
    assert all("no sign-in" in p.message for p in found)


def test_a_screen_name_user_shadows_the_user() -> None:
    def var(d: dict) -> None:
        d["screens"][0].setdefault("variables", []).append({"name": "user", "type": "string"})
    found = errors(app_with(OIDC, var))
    assert [(p.code, p.path) for p in found] == [("name.user",
                                                  ("screens", 0, "variables", 0, "name"))]
    assert errors(app_with(None, var)) == []


def test_user_refs_and_sample_user() -> None:
    assert list(user_refs('"Hi " + user.name + user.region')) == [("name", 8, 17),
                                                                  ("region", 20, 31)]
    assert list(user_refs("user.(")) == []
    app = app_with(OIDC, lambda d: None)
    user = sample_user(app.sign_in, {"name": "Ada"})
    assert user["roles"] == ["rep"] and user["region"] == "sample" and user["level"] == 1
    assert evaluate('"by " + user.name', {"user": user}) == "by Ada"


def test_the_ir_carries_user_reads_and_the_sign_in_block() -> None:
    from exporters.ir import build_app

    ir = build_app(app_with(OIDC, uses_user))
    assert ir.sign_in.method == "oidc" and ir.sign_in.roles == ("rep", "manager")
    assert set(ir.user_reads) == {
        ("region", ("screens", 1, "data", 1, "filter")),
        ("name", ("screens", 3, "root", "children", 0, "bindings", "text")),
        ("level", ("screens", 3, "root", "children", 0, "visible_when")),
        ("id", ("screens", 0, "root", "children", 1, "actions", "item_tap", 0, "params",
                "customerId")),
    }
    heading = ir.screens[3].root.children[0]
    assert heading.binding("text").user_claims == {"name"}
    assert 'rt.get(s, ["user", "name"])' in heading.binding("text").code("js")


def needs_roles(data: dict) -> None:
    data["screens"][1]["requires_role"] = "manager"
    data["screens"][0]["root"]["children"][1]["actions"] = {"item_tap": [
        {"type": "navigate", "screen": "customerDetail", "params": {"customerId": "item.id"},
         "requires_role": "mangaer"}]}


def test_requires_role_must_be_declared() -> None:
    found = errors(app_with(OIDC, needs_roles))
    assert [(p.code, p.path, p.suggestion) for p in found] == [
        ("role.unknown", ("screens", 0, "root", "children", 1, "actions", "item_tap", 0,
                          "requires_role"), "manager")]


def test_requires_role_needs_sign_in() -> None:
    found = errors(app_with(None, needs_roles))
    assert {(p.code, p.path) for p in found} == {
        ("role.signin", ("screens", 1, "requires_role")),
        ("role.signin", ("screens", 0, "root", "children", 1, "actions", "item_tap", 0,
                         "requires_role"))}


def test_a_start_screen_requiring_a_role_is_a_warning_and_roles_round_trip() -> None:
    from designer.model import dumps, loads as load

    def start(d: dict) -> None:
        d["screens"][0]["requires_role"] = "rep"
    app = app_with(OIDC, start)
    found = [p for p in validate_app(app) if p.code.startswith("role.")]
    assert [(p.code, p.severity, p.path) for p in found] == [
        ("role.start", "warning", ("screens", 0, "requires_role"))]
    assert load(dumps(app)) == app and b'"requires_role": "rep"' in dumps(app)


def test_the_ir_carries_required_roles() -> None:
    from exporters.ir import build_app

    def edit(d: dict) -> None:
        needs_roles(d)
        d["screens"][0]["root"]["children"][1]["actions"]["item_tap"][0]["requires_role"] = \
            "manager"
    ir = build_app(app_with(OIDC, edit))
    assert ir.screens[1].requires_role == "manager" and ir.screens[0].requires_role is None
    tap = ir.screens[0].root.children[1].actions["item_tap"][0]
    assert tap.requires_role == "manager"
    plain_tap = build_app(app_with(OIDC, uses_user)).screens[0].root.children[1] \
        .actions["item_tap"][0]
    assert not hasattr(plain_tap, "requires_role")     # printers see no `requires_role: null`
