"""Helpers shared by CLI sub-commands."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from designer.model import App, load

__version__ = "0.1.0"


class CliError(Exception):
    """A user-facing CLI failure: printed as one line, exits with ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def example_path() -> Path:
    """The bundled example app."""
    return Path(str(resources.files("assets") / "examples" / "field_sales.fieldcraft.json"))


def load_model(path: str) -> App:
    """Load a model file (errors propagate as ModelFileError, printed by ``main``)."""
    return load(path)


def err(message: str) -> None:
    """Print a line to stderr."""
    print(message, file=sys.stderr)
