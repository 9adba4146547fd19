"""The Fieldcraft document model (Qt-free): app, screens, widgets, data, actions, file I/O.

Names are loaded lazily (PEP 562) so that ``widgets`` can import the model's primitive modules
(``designer.model.base``, ``designer.model.actions``) without a circular import through ``app``.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS: dict[str, str] = {
    "ACTION_TYPES": "actions", "Action": "actions", "Rule": "actions",
    "SCHEMA_URL": "app", "SCHEMA_VERSION": "app", "App": "app", "DataQuery": "app",
    "Parameter": "app", "Screen": "app", "Theme": "app", "Variable": "app",
    "new_id": "base", "unique_name": "base",
    "Auth": "data", "DataField": "data", "DataSource": "data", "Entity": "data",
    "OfflinePolicy": "data", "Operation": "data", "OperationParam": "data", "Paging": "data",
    "Change": "document", "Document": "document",
    "BindingError": "errors", "DuplicateIdError": "errors", "DuplicateNameError": "errors",
    "InvalidChildError": "errors", "InvalidNameError": "errors", "InvalidValueError": "errors",
    "ModelError": "errors", "ModelFileError": "errors", "NewerVersionError": "errors",
    "SaveError": "errors", "SecretInModelError": "errors", "UnknownReferenceError": "errors",
    "MODEL_SUFFIX": "fileio", "dumps": "fileio", "load": "fileio", "loads": "fileio",
    "save": "fileio",
    "Problem": "problems", "format_path": "problems",
    "Claim": "signin", "SignIn": "signin",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'designer.model' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
