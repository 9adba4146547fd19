"""Credential store (env var first, then keyring service "fieldcraft") and the secret scanner."""

from __future__ import annotations

import logging

import keyring
import pytest
from keyring.errors import KeyringError

from designer.model.secrets_scan import find_secret
from tests.memory_keyring import MemoryKeyring
from designer.secrets import (CredentialError, delete_credential, env_var_name,
                              resolve_credential, store_credential)




class BrokenKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringError("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError("no backend")


@pytest.fixture()
def memory():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_store_and_resolve_through_the_keyring(memory: MemoryKeyring, monkeypatch, caplog) -> None:
    monkeypatch.delenv("FIELDCRAFT_CRED_CRM_API_TOKEN", raising=False)
    caplog.set_level(logging.DEBUG)
    assert resolve_credential("crm_api_token") is None
    store_credential("crm_api_token", "s3cr3t-value-123")
    assert memory.store == {("fieldcraft", "crm_api_token"): "s3cr3t-value-123"}
    assert resolve_credential("crm_api_token") == "s3cr3t-value-123"
    assert "s3cr3t-value-123" not in caplog.text                # never logged
    assert delete_credential("crm_api_token") and not delete_credential("crm_api_token")


def test_environment_variable_wins(memory: MemoryKeyring, monkeypatch) -> None:
    store_credential("crm.token", "from-keyring")
    assert env_var_name("crm.token") == "FIELDCRAFT_CRED_CRM_TOKEN"
    monkeypatch.setenv("FIELDCRAFT_CRED_CRM_TOKEN", "from-env")
    assert resolve_credential("crm.token") == "from-env"


def test_broken_keyring_is_reported_without_the_secret(monkeypatch) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        assert resolve_credential("x_token") is None
        with pytest.raises(CredentialError) as info:
            store_credential("x_token", "hunter2-secret")
        assert "hunter2" not in str(info.value) and "FIELDCRAFT_CRED_X_TOKEN" in str(info.value)
    finally:
        keyring.set_keyring(previous)


@pytest.mark.parametrize("name", ["", "1abc", "has space", "x" * 200, "a/b"])
def test_invalid_names(memory: MemoryKeyring, name: str) -> None:
    with pytest.raises(CredentialError):
        store_credential(name, "v")
    with pytest.raises(CredentialError):
        resolve_credential(name)


def test_empty_secret_refused(memory: MemoryKeyring) -> None:
    with pytest.raises(CredentialError, match="empty"):
        store_credential("ok_name", "")


@pytest.mark.parametrize("text, kind", [
    ("sk-proj-abcdefghijklmnopqrstuvwxyz0123456789", "OpenAI key"),
    ("glpat-abcdefghij1234567890", "GitLab token"),
    ("npm_abcdefghijklmnopqrstuvwxyz0123456789", "npm token"),
    ("SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "SendGrid key"),
    ("ya29.a0AfH6SMBxxxxxxxxxxxxxxxxxxxxxx", "Google OAuth token"),
    ("DefaultEndpointsProtocol=https;AccountKey=abcdefghijklmnopqrstuvwxyz0123==",
     "Azure storage key"),
    ("Xk9fQ2mLp8ZrT4vB7nW1cD5e", "high-entropy token"),
])
def test_scanner_finds_more_token_kinds(text: str, kind: str) -> None:
    assert find_secret(text) == kind


@pytest.mark.parametrize("text", ["northwind_v4.SpecialOrder", "zsales_order_srv.SalesOrderItem2",
                                  "acme_crm_v31.AccountContact", "3d065c57-f94c-444a-a84d-9a38bdd0e94b",
                                  "https://www.example.com/products/item-12345"])
def test_scanner_ignores_identifiers(text: str) -> None:
    assert find_secret(text) is None
