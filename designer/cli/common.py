"""Helpers shared by CLI sub-commands."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from designer.model import App

from . import __version__  # noqa: F401 - one version, defined by the light package module


class CliError(Exception):
    """A user-facing CLI failure: printed as one line, exits with ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def example_path() -> Path:
    """The bundled example app."""
    from importlib import resources

    return Path(str(resources.files("assets") / "examples" / "field_sales.fieldcraft.json"))


def load_model(path: str) -> App:
    """Load a model file (errors propagate as ModelFileError, printed by ``main``)."""
    from designer.model import load

    return load(path)


def write_output(path: str | Path, content: str | bytes, what: str = "") -> None:
    """Write a report or image the user asked for with ``-o``: atomically (a crash or a full
    disk leaves the previous file, never half a report), or CliError naming the file."""
    from designer.model.fileio import SaveError, write_atomic

    import stat

    data = content.encode("utf-8") if isinstance(content, str) else content
    target = Path(path)
    try:
        special = target.exists() and not stat.S_ISREG(target.stat().st_mode)
    except OSError:
        special = False
    if special:                          # -o /dev/stdout, a pipe: nothing to replace
        try:
            with open(target, "wb") as stream:
                stream.write(data)
        except OSError as exc:
            raise CliError(f"{target}: cannot write ({exc.strerror or exc})") from None
        return
    try:
        write_atomic(target, data, backup=False)
    except SaveError as exc:
        raise CliError(f"{exc}" + (f" ({what})" if what else "")) from None


def err(message: str) -> None:
    """Print a line to stderr."""
    print(message, file=sys.stderr)


def headless_qt() -> None:
    """Make Qt render without a display: ``render`` and ``review`` paint into images only, and
    Qt's xcb plugin aborts the process (exit 134) when ``DISPLAY`` is set but unreachable or
    its libraries are missing. An explicit ``QT_QPA_PLATFORM`` is kept."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
