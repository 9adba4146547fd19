"""Static types of expressions: scalars, enums, (recursive) records and lists."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass


class ExprType:
    """Base of all expression types."""

    def describe(self) -> str:
        """A human name such as ``string`` or ``list<Customer>``."""
        raise NotImplementedError

    def __str__(self) -> str:
        return self.describe()


@dataclass(frozen=True)
class ScalarType(ExprType):
    """A built-in scalar type, identified by name."""

    name: str

    def describe(self) -> str:
        return self.name


STRING = ScalarType("string")
INTEGER = ScalarType("integer")
DECIMAL = ScalarType("decimal")
BOOLEAN = ScalarType("boolean")
DATE = ScalarType("date")
DATETIME = ScalarType("datetime")
IMAGE = ScalarType("image")
GEO = ScalarType("geo")
NULL = ScalarType("null")
ANY = ScalarType("any")

SCALARS: tuple[ScalarType, ...] = (STRING, INTEGER, DECIMAL, BOOLEAN, DATE, DATETIME, IMAGE, GEO,
                                   NULL, ANY)


@dataclass(frozen=True)
class EnumType(ExprType):
    """A string restricted to ``values``; usable wherever a string is."""

    values: tuple[str, ...]

    def describe(self) -> str:
        shown = ", ".join(f'"{v}"' for v in self.values[:5])
        return f"enum({shown}{', …' if len(self.values) > 5 else ''})"


class RecordType(ExprType):
    """An entity's record. ``fields`` is called lazily, so entities may reference each other.

    Two record types are equal when their names are equal.
    """

    __slots__ = ("name", "_fields")

    def __init__(self, name: str, fields: Callable[[], Mapping[str, ExprType]]) -> None:
        self.name = name
        self._fields = fields

    def fields(self) -> Mapping[str, ExprType]:
        """The field types (resolved now)."""
        return self._fields()

    def field(self, name: str) -> ExprType | None:
        """The type of field ``name``, or None."""
        return self._fields().get(name)

    def describe(self) -> str:
        return self.name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RecordType) and other.name == self.name

    def __hash__(self) -> int:
        return hash(("record", self.name))

    def __repr__(self) -> str:
        return f"RecordType({self.name!r})"


@dataclass(frozen=True)
class ListType(ExprType):
    """A list of ``item``."""

    item: ExprType

    def describe(self) -> str:
        return f"list<{self.item.describe()}>"


@dataclass(frozen=True)
class UnavailableType(ExprType):
    """A root that exists in other apps but not here (``user`` without sign-in): any use of it
    is refused with ``reason`` and the problem code ``code``."""

    reason: str
    code: str = "binding.type"

    def describe(self) -> str:
        return "unavailable"


def is_numeric(t: ExprType) -> bool:
    """INTEGER or DECIMAL."""
    return t in (INTEGER, DECIMAL)


def is_text(t: ExprType) -> bool:
    """STRING or an enum."""
    return t == STRING or isinstance(t, EnumType)


def is_dateish(t: ExprType) -> bool:
    """DATE or DATETIME."""
    return t in (DATE, DATETIME)


def is_assignable(source: ExprType, target: ExprType) -> bool:
    """Whether a value of type ``source`` may be used where ``target`` is expected."""
    if source in (ANY, NULL) or target == ANY or source == target:
        return True
    if source == INTEGER and target == DECIMAL:
        return True
    if isinstance(source, EnumType):
        if target == STRING:
            return True
        return isinstance(target, EnumType) and set(source.values) <= set(target.values)
    if isinstance(source, ListType) and isinstance(target, ListType):
        return is_assignable(source.item, target.item)
    return False


def unify(a: ExprType, b: ExprType) -> ExprType | None:
    """The narrowest type both ``a`` and ``b`` fit into, or None if there is none."""
    if a == b:
        return a
    if a == ANY or b == ANY:
        return ANY
    if a == NULL:
        return b
    if b == NULL:
        return a
    if is_numeric(a) and is_numeric(b):
        return DECIMAL
    if is_text(a) and is_text(b):
        if isinstance(a, EnumType) and isinstance(b, EnumType):
            return EnumType(tuple(dict.fromkeys(a.values + b.values)))
        return STRING
    if isinstance(a, ListType) and isinstance(b, ListType):
        item = unify(a.item, b.item)
        return ListType(item) if item is not None else None
    return None
