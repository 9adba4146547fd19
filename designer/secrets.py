"""Credentials by name: the OS keyring (service ``fieldcraft``) or environment variables.

A model only *names* a credential (``Auth.credential``); the secret is looked up at preview or
run time. ``FIELDCRAFT_CRED_<NAME>`` (name upper-cased, other characters → ``_``) wins over the
keyring so CI and containers work without one. Secret values are never logged or put in
exception messages.
"""

from __future__ import annotations

import logging
import os
import re

SERVICE = "fieldcraft"
ENV_PREFIX = "FIELDCRAFT_CRED_"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$")
_log = logging.getLogger(__name__)


class CredentialError(Exception):
    """A credential cannot be stored or its name is invalid (the message never holds the secret)."""


def check_name(name: str) -> str:
    """``name`` if it is a valid credential name; CredentialError otherwise."""
    if not isinstance(name, str) or not _NAME.match(name):
        raise CredentialError(f"`{str(name)[:80]}` is not a valid credential name: start with a "
                              "letter or _, then letters, digits, _ . : - (at most 128)")
    return name


def env_var_name(name: str) -> str:
    """The environment variable that holds credential ``name``: ``crm.token`` → ``FIELDCRAFT_CRED_CRM_TOKEN``."""
    return ENV_PREFIX + re.sub(r"[^A-Z0-9_]", "_", check_name(name).upper())


def resolve_credential(name: str) -> str | None:
    """The secret for ``name``: environment variable first, then the OS keyring; None if absent.

    A missing or failing keyring backend counts as "not stored" (logged without the value).
    """
    value = os.environ.get(env_var_name(name))
    if value:
        return value
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None
    try:
        return keyring.get_password(SERVICE, name)
    except (KeyringError, RuntimeError, OSError) as exc:
        _log.info("keyring lookup of credential %r failed: %s", name, type(exc).__name__)
        return None


def store_credential(name: str, secret: str) -> None:
    """Save ``secret`` under ``name`` in the OS keyring; CredentialError if there is none usable."""
    check_name(name)
    if not isinstance(secret, str) or not secret:
        raise CredentialError(f"credential `{name}`: the secret is empty")
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, name, secret)
    except (KeyringError, RuntimeError, OSError) as exc:
        raise CredentialError(f"credential `{name}` could not be stored in the OS keyring "
                              f"({type(exc).__name__}); set {env_var_name(name)} in the "
                              "environment instead") from None
    _log.info("stored credential %r in the keyring", name)


def delete_credential(name: str) -> bool:
    """Remove ``name`` from the keyring; True if it was there."""
    check_name(name)
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, name)
        return True
    except PasswordDeleteError:
        return False
    except (KeyringError, RuntimeError, OSError):
        return False
