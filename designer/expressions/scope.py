"""What names an expression can see: the Scope protocol and a dict-backed implementation."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol, runtime_checkable

from .types import ExprType


@runtime_checkable
class Scope(Protocol):
    """Roots visible to an expression, with their types, plus the app's localization keys."""

    def lookup(self, name: str) -> ExprType | None:
        """The type of root ``name``, or None if there is no such root."""
        ...

    def names(self) -> Iterable[str]:
        """Every root name."""
        ...

    def string_keys(self) -> Iterable[str]:
        """Every localization key usable with ``t()``."""
        ...


class DictScope:
    """A Scope over a mapping of root names to types."""

    def __init__(self, roots: Mapping[str, ExprType], string_keys: Iterable[str] = ()) -> None:
        self._roots = dict(roots)
        self._keys = tuple(string_keys)

    def lookup(self, name: str) -> ExprType | None:
        return self._roots.get(name)

    def names(self) -> Iterable[str]:
        return tuple(self._roots)

    def string_keys(self) -> Iterable[str]:
        return self._keys
