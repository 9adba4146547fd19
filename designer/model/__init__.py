"""The Fieldcraft document model (Qt-free): app, screens, widgets, data, actions, file I/O."""

from .actions import ACTION_TYPES, Action, Rule
from .app import SCHEMA_URL, SCHEMA_VERSION, App, DataQuery, Parameter, Screen, Theme, Variable
from .base import new_id, unique_name
from .data import Auth, DataField, DataSource, Entity, OfflinePolicy, Operation
from .document import Change, Document
from .errors import (BindingError, DuplicateIdError, DuplicateNameError, InvalidChildError,
                     InvalidNameError, InvalidValueError, ModelError, ModelFileError,
                     NewerVersionError, SaveError, SecretInModelError, UnknownReferenceError)
from .fileio import MODEL_SUFFIX, dumps, load, loads, save
from .problems import Problem, format_path

__all__ = [
    "ACTION_TYPES", "Action", "App", "Auth", "BindingError", "Change", "DataField", "DataQuery",
    "DataSource", "Document", "DuplicateIdError", "DuplicateNameError", "Entity",
    "InvalidChildError", "InvalidNameError", "InvalidValueError", "MODEL_SUFFIX", "ModelError",
    "ModelFileError", "NewerVersionError", "OfflinePolicy", "Operation", "Parameter", "Problem",
    "Rule", "SCHEMA_URL", "SCHEMA_VERSION", "SaveError", "Screen", "SecretInModelError", "Theme",
    "UnknownReferenceError", "Variable", "dumps", "format_path", "load", "loads", "new_id", "save",
    "unique_name",
]
