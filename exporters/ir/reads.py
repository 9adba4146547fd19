"""Which widget properties a printer reads: the observable side of the capability table.

``Props`` (a widget's own properties, its layout and its style in the IR) logs every read into
the active ``ReadLog``. A test exports a model with every widget kind under ``recording()`` and
compares what each printer read with what its target declares unsupported.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

#: (widget kind, property) pairs; ``layout.grow`` / ``style.background`` for layout and style.
ReadLog = set[tuple[str, str]]
_LOG: ContextVar[ReadLog | None] = ContextVar("fieldcraft_ir_reads", default=None)


@contextmanager
def recording() -> Iterator[ReadLog]:
    """Collect every property read made by printers inside the ``with`` block."""
    log: ReadLog = set()
    token = _LOG.set(log)
    try:
        yield log
    finally:
        _LOG.reset(token)


def note_read(kind: str, name: str) -> None:
    """Record that a printer used property ``name`` of a ``kind`` widget (no-op if not recording)."""
    log = _LOG.get()
    if log is not None:
        log.add((kind, name))


class Props(Mapping[str, Any]):
    """Read-only property values of one widget; attribute and item reads are logged.

    Iterating (``raw``, ``items``) is not a read: a printer that serialises every property as
    data (the PWA) declares what its runtime consumes instead.
    """

    __slots__ = ("_kind", "_prefix", "_values")

    def __init__(self, kind: str, values: Mapping[str, Any], prefix: str = "") -> None:
        object.__setattr__(self, "_kind", kind)
        object.__setattr__(self, "_prefix", prefix)
        object.__setattr__(self, "_values", dict(values))

    def __getattr__(self, name: str) -> Any:
        values = object.__getattribute__(self, "_values")
        if name not in values:
            raise AttributeError(name)
        note_read(self._kind, self._prefix + name)
        return values[name]

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("IR properties are read-only")

    def __getitem__(self, name: str) -> Any:
        value = self._values[name]
        note_read(self._kind, self._prefix + name)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __hash__(self) -> int:
        return hash((self._kind, self._prefix, tuple(sorted(self._values))))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Props) and (self._kind, self._prefix, self._values) == (
            other._kind, other._prefix, other._values)

    def raw(self) -> dict[str, Any]:
        """Every value, unlogged (for serialising as data)."""
        return dict(self._values)

    def __repr__(self) -> str:
        return f"Props({self._kind!r}, {self._values!r})"
