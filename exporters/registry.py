"""The registry of export targets, discoverable by name.

Built-in targets are listed by import path and loaded on first use, so ``--list-targets`` and
the CLI stay fast. Other packages add targets with ``register`` or an entry point in the
``fieldcraft.exporters`` group (``name = "package.module:ExporterClass"``).
"""

from __future__ import annotations

import difflib
import importlib
from dataclasses import dataclass
from importlib.metadata import entry_points

from .base import Exporter

#: Target name → "module:Class" (loaded lazily) or the class itself.
_TARGETS: dict[str, str | type[Exporter]] = {
    "pwa": "exporters.pwa:PwaExporter",
    "flutter": "exporters.flutter:FlutterExporter",
    "react-native": "exporters.react_native:ReactNativeExporter",
}
_ENTRY_POINT_GROUP = "fieldcraft.exporters"
_entry_points_loaded = False


class UnknownTargetError(KeyError):
    """No exporter is registered under that name."""

    def __init__(self, name: str, known: list[str]) -> None:
        close = difflib.get_close_matches(name, known, n=1)
        hint = f" (did you mean `{close[0]}`?)" if close else ""
        super().__init__(f"unknown export target `{name}`{hint}; known targets: "
                         f"{', '.join(known) or 'none'}")
        self.message = str(self.args[0])

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class TargetInfo:
    """What ``--list-targets`` shows about a target."""

    name: str
    title: str
    description: str
    version: str


def register(name: str, exporter: str | type[Exporter], *, replace: bool = False) -> None:
    """Register ``exporter`` (a class or ``"module:Class"``) as target ``name``."""
    if name in _TARGETS and not replace:
        raise ValueError(f"export target `{name}` is already registered")
    _TARGETS[name] = exporter


def _load_entry_points() -> None:
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    for ep in entry_points(group=_ENTRY_POINT_GROUP):
        _TARGETS.setdefault(ep.name, ep.value)


def names() -> list[str]:
    """Every registered target name, sorted."""
    _load_entry_points()
    return sorted(_TARGETS)


def exporter_class(name: str) -> type[Exporter]:
    """The exporter class of target ``name``; UnknownTargetError if there is none."""
    _load_entry_points()
    found = _TARGETS.get(name)
    if found is None:
        raise UnknownTargetError(name, names())
    if isinstance(found, str):
        module, _, attr = found.partition(":")
        found = getattr(importlib.import_module(module), attr)
        _TARGETS[name] = found
    return found


def get(name: str) -> Exporter:
    """A new exporter instance for target ``name``."""
    return exporter_class(name)()


def targets() -> list[TargetInfo]:
    """Info about every target, sorted by name."""
    out = []
    for name in names():
        cls = exporter_class(name)
        out.append(TargetInfo(name, cls.title, cls.description, cls.version))
    return out


def source_kind_support(kind: str) -> list[tuple[str, bool]]:
    """For each target: whether it exports a data source of ``kind`` (for the designer to say
    at import time)."""
    return [(name, kind in exporter_class(name).capabilities.source_kinds) for name in names()]
