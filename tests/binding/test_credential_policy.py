"""Validation refuses credentials pasted where the model only *names* them (auth, headers)."""

from __future__ import annotations

import pytest

from designer.model import load
from designer.model.validate import validate_app
from tests.conftest import EXAMPLE


def errors(app) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(p.path_text, p.code) for p in validate_app(app) if p.severity == "error"]


@pytest.mark.parametrize("pasted", [
    "a8f5f167f44f4964e6c998dee827110c",               # 32 hex digits (many SaaS API keys)
    "3f2504e0-4f89-11d3-9a0c-0305e82c3301",           # a UUID key
    "Zx8Qm2LpR7tV9wK3nB5c",                           # base64-like run with digits
])
def test_a_key_pasted_as_the_credential_name_is_refused(pasted: str) -> None:
    app = load(EXAMPLE)
    app.data_sources[0].auth.credential = pasted
    assert ("data_sources[0].auth.credential", "secret.literal") in errors(app)


@pytest.mark.parametrize("name", ["crm_api_token", "SAP_PROD.user", "sales_api_key_20240501",
                                  "SalesforceProductionApiToken2", "zsd_customer_srv_basic"])
def test_credential_names_made_of_words_are_accepted(name: str) -> None:
    app = load(EXAMPLE)
    app.data_sources[0].auth.credential = name
    assert errors(app) == []


@pytest.mark.parametrize("header, value", [
    ("Authorization", "Basic dXNlcjpwYXNz"), ("X-API-Key", "4f9c2b7e1d8a4c3b9e6f0a1b2c3d4e5f"),
    ("Cookie", "SAP_SESSIONID=abcdef123456"),
    ("Ocp-Apim-Subscription-Key", "0123456789abcdef0123456789abcdef"),
])
def test_a_credential_in_a_fixed_header_is_refused(header: str, value: str) -> None:
    app = load(EXAMPLE)
    app.data_sources[0].headers[header] = value
    assert (f"data_sources[0].headers.{header}", "secret.literal") in errors(app)


def test_plain_headers_are_accepted() -> None:
    app = load(EXAMPLE)
    app.data_sources[0].headers.update({"X-CSRF-Token": "Fetch", "sap-client": "100",
                                         "Accept-Language": "de-DE",
                                         "X-Requested-With": "XMLHttpRequest"})
    assert errors(app) == []


def test_two_fields_reading_one_back_end_name_are_refused() -> None:
    app = load(EXAMPLE)
    fields = app.data_sources[0].entities[0].fields
    fields[1].wire_name = fields[0].name
    assert ("data_sources[0].entities[0].fields[1].wire_name", "field.wire") in errors(app)
