"""Typed errors raised by the document model and the model file reader.

Every error carries a JSON-style ``path`` (``screens[2].root.children[5]``) so the
CLI and the designer can point at the exact place, and an optional suggestion.
"""

from __future__ import annotations

from typing import Any


class ModelError(Exception):
    """Base class of every error the model raises on invalid data or edits."""

    def __init__(self, message: str, path: str = "", suggestion: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.suggestion = suggestion

    def __str__(self) -> str:
        text = f"{self.path}: {self.message}" if self.path else self.message
        if self.suggestion:
            text += f" (did you mean `{self.suggestion}`?)"
        return text


class DuplicateNameError(ModelError):
    """A screen, widget, data source, entity or field name is already taken."""


class DuplicateIdError(ModelError):
    """Two objects share one id."""


class UnknownReferenceError(ModelError):
    """A reference (screen, widget, data source, entity, field, variable) does not resolve."""


class InvalidChildError(ModelError):
    """A container may not hold that kind of child (or the target is not a container)."""


class InvalidNameError(ModelError):
    """A name is not a valid identifier."""


class BindingError(ModelError):
    """A binding, rule or action expression does not parse or type-check.

    ``expression`` is the refused text, ``start``/``end`` the offending span in it and
    ``reason`` the message without the position, so an editor can underline the span itself.
    """

    def __init__(self, message: str, path: str = "", suggestion: str | None = None,
                 expression: str = "", start: int = 0, end: int = 0, reason: str = "") -> None:
        super().__init__(message, path, suggestion)
        self.expression = expression
        self.start = start
        self.end = end
        self.reason = reason or message


class SecretInModelError(ModelError):
    """A value looks like a literal credential; models only name credentials."""


class InvalidValueError(ModelError):
    """A property value does not fit its type."""


class ModelFileError(Exception):
    """A model file cannot be read: names the file, the JSON path and the line when known.

    ``problems`` lists every problem found (the first one is the headline).
    """

    def __init__(self, file: str, message: str, path: str = "", line: int | None = None,
                 suggestion: str | None = None, problems: list[Any] | None = None,
                 path_tuple: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.file = file
        self.message = message
        self.path = path
        #: ``path`` as keys and indexes, for locating the line in the file.
        self.path_tuple = path_tuple
        self.line = line
        self.suggestion = suggestion
        self.problems: list[Any] = problems or []

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        if self.suggestion:
            text += f" (did you mean `{self.suggestion}`?)"
        return text


class NewerVersionError(ModelFileError):
    """The file was written by a newer Fieldcraft; it is never overwritten."""


class SaveError(Exception):
    """Saving failed; the original file is unchanged."""
