"""The app's sign-in declaration (issue 15): schema, migration from v3, located problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from designer.model import ModelFileError, dumps, loads
from designer.model.schema import json_schema
from designer.model.validate import validate_app
from tests.conftest import EXAMPLE

OIDC = {"method": "oidc", "issuer": "https://login.example.com/realms/field",
        "client_id": "field-sales", "audience": "https://api.example.com"}


def model(sign_in: dict | None = None, auth: dict | None = None) -> str:
    data = json.loads(EXAMPLE.read_text("utf-8"))
    if sign_in is not None:
        data["sign_in"] = sign_in
    if auth is not None:
        data["data_sources"][0]["auth"] = auth
    return json.dumps(data, indent=2)


def problems(text: str) -> list:
    return [p for p in validate_app(loads(text, "m.json"), "m.json") if p.severity == "error"]


def test_v3_file_migrates_to_v4_without_sign_in() -> None:
    v3 = EXAMPLE.read_text("utf-8").replace('"schema_version": 4', '"schema_version": 3') \
        .replace("/schema/v4/", "/schema/v3/")
    app = loads(v3)
    assert app.schema_version == 4 and app.schema_.endswith("/v4/app.schema.json")
    assert app.sign_in.method == "none" and not app.sign_in.enabled
    assert dumps(app) == EXAMPLE.read_bytes()


def test_oidc_declaration_round_trips_and_user_auth_validates() -> None:
    text = model(OIDC, {"scheme": "user"})
    app = loads(text)
    assert app.sign_in.client_id == "field-sales" and app.data_sources[0].auth.scheme == "user"
    assert "openid" in app.sign_in.scopes
    assert dumps(loads(dumps(app))) == dumps(app)
    assert problems(text) == []


def test_a_client_secret_is_refused_by_the_schema() -> None:
    with pytest.raises(ModelFileError) as info:
        loads(model({**OIDC, "client_secret": "s3cr3t"}), "m.json")
    assert info.value.problems[0].path_text == "sign_in.client_secret"
    assert "client_secret" not in json.dumps(json_schema()["$defs"]["SignIn"])


@pytest.mark.parametrize(("issuer", "ok"), [
    ("http://idp.example.com", False), ("ftp://idp.example.com", False),
    ("https://user@idp.example.com", False), ("https://idp.example.com/?x=1", False),
    ("http://127.0.0.1:9000", True), ("http://localhost:9000/oidc", True),
    ("https://idp.example.com/realms/a", True)])
def test_issuer_must_be_https_except_loopback(issuer: str, ok: bool) -> None:
    found = problems(model({**OIDC, "issuer": issuer}))
    assert (found == []) == ok
    if not ok:
        assert found[0].path_text == "sign_in.issuer" and found[0].code == "signin.url"
        assert found[0].format().startswith("m.json: sign_in.issuer: issuer must")


def test_missing_fields_and_user_auth_without_sign_in_are_located() -> None:
    found = problems(model({"method": "oidc", "scopes": ["profile"]}, {"scheme": "user"}))
    where = {(p.path_text, p.code) for p in found}
    assert ("sign_in.issuer", "signin.missing") in where
    assert ("sign_in.client_id", "signin.missing") in where
    assert ("sign_in.scopes", "signin.scope") in where
    found = problems(model(None, {"scheme": "user"}))
    assert [(p.path_text, p.code) for p in found] == [("data_sources[0].auth.scheme", "auth.user")]
    found = problems(model({"method": "password"}))
    assert [(p.path_text, p.code) for p in found] == [("sign_in.token_endpoint", "signin.missing")]


def test_declared_claim_may_not_shadow_a_standard_one() -> None:
    found = problems(model({**OIDC, "claims": [{"name": "email"}, {"name": "region"}]}))
    assert [(p.path_text, p.code) for p in found] == [("sign_in.claims[0].name", "name.duplicate")]


def test_published_schema_is_current() -> None:
    published = json.loads((Path(__file__).parents[2] / "docs/schema/app.schema.json").read_text())
    assert published["$defs"]["SignIn"] == json_schema()["$defs"]["SignIn"]
