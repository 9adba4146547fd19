"""Literal credentials are recognised; ordinary model text is not flagged."""

from __future__ import annotations

import pytest

from designer.model.secrets_scan import find_secret, scan

SECRETS = [
    "Bearer abcdefghijklmnop1234", "ghp_" + "a1B2" * 9, "AKIAIOSFODNN7EXAMPLE",
    "https://user:hunter22@api.example.com/v1", "https://x.example.com/a?api_key=abcdefgh12",
    "https://x.example.com/a?key=abcdefgh12", "password: hunter22", "client_secret=Zx81kLmn09",
    "sk_live_abcdefghijklmnop1234", "xoxb-1234567890-abcdefghij",
    "AIzaSyA1234567890abcdefghijklmnopqrstuv",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIE...", "token aB3dE5gH7jK9mN1pQ3sT5vX7zA9Qw",
]
CLEAN = [
    "customer.name", "https://api.example-crm.com/v1/customers/{id}", "Hello world, this is text",
    "Maria-Theresien-Straße 18, 6020 Innsbruck", "w_3f9a2c1b7e", "mdi6.format-header-1",
    "c7a0f3e1-8b2d-4c5e-9f1a-2b3c4d5e6f70", 'format_currency(sum(order.lines, "line_total"), "EUR")',
    "Keep notes under 2000 characters", "crm_api_token", "The key to good visits is preparation",
    "Password", "Enter your password",
]


@pytest.mark.parametrize("text", SECRETS)
def test_secrets_are_found(text: str) -> None:
    assert find_secret(text)


@pytest.mark.parametrize("text", CLEAN)
def test_ordinary_text_is_clean(text: str) -> None:
    assert find_secret(text) is None


def test_scan_reports_paths_in_keys_and_values() -> None:
    found = dict(scan({"a": [{"b": "fine", "c": SECRETS[0]}], SECRETS[2]: 1}))
    assert ("a", 0, "c") in found and (SECRETS[2],) in found
