"""Shared building blocks of the document model: base class, ids, names, sorted maps."""

from __future__ import annotations

import functools
import re
import secrets
from typing import Annotated, Any, ClassVar, Literal, TypeVar, get_args, get_origin

from pydantic import (BaseModel, ConfigDict, Field, StringConstraints, WrapSerializer,
                      model_validator)

IDENT_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
IDENT_RE = re.compile(IDENT_PATTERN)
ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"

#: An identifier-like name (screen, widget, entity, field, parameter, variable).
Name = Annotated[str, StringConstraints(pattern=IDENT_PATTERN, max_length=64)]
#: A stable object id; never shown to users, never reused.
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
#: Free text the user types (titles, labels, messages).
Text = Annotated[str, StringConstraints(max_length=10_000)]
#: A binding/rule expression in the Fieldcraft expression language.
Expr = Annotated[str, StringConstraints(max_length=4_000)]
#: How deep widgets may nest: a screen's root is level 1, its children level 2, and so on.
#: Deeper trees are refused by validate and by the document (every target's layout and
#: widget code nests one call per level; no real screen comes near this).
MAX_WIDGET_DEPTH = 64
#: A colour as #rrggbb or #rrggbbaa.
Color = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$")]

K = TypeVar("K")
V = TypeVar("V")


def _sorted_keys(value: Any, handler: Any) -> Any:
    dumped = handler(value)
    return dict(sorted(dumped.items())) if isinstance(dumped, dict) else dumped


#: A mapping serialised with sorted keys, so equal models give equal bytes.
SortedDict = Annotated[dict[K, V], WrapSerializer(_sorted_keys)]


class Tagged(BaseModel):
    """Mixin for union members tagged by ``TAG_FIELD`` (e.g. ``kind``): subclasses declare the
    tag as a ``Literal`` without default, so ``exclude_defaults`` never drops it from files
    (cheaper than a wrap serializer), and constructors fill it in when omitted."""

    TAG_FIELD: ClassVar[str] = ""
    TAG: ClassVar[str] = ""

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        info = cls.model_fields.get(cls.TAG_FIELD) if cls.TAG_FIELD else None
        if info is not None and get_origin(info.annotation) is Literal:
            cls.TAG = get_args(info.annotation)[0]

    @model_validator(mode="before")
    @classmethod
    def _fill_tag(cls, data: Any) -> Any:
        if cls.TAG and isinstance(data, dict) and cls.TAG_FIELD not in data:
            return {cls.TAG_FIELD: cls.TAG, **data}
        return data


class Model(BaseModel):
    """Base of every model class: unknown keys are errors, no silent coercion of names."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_default=False,
                              use_enum_values=True)


def new_id(prefix: str = "") -> str:
    """Return a fresh random id such as ``w_3f9a2c1b7e``."""
    token = secrets.token_hex(5)
    return f"{prefix}_{token}" if prefix else token


def unique_name(base: str, taken: set[str] | frozenset[str]) -> str:
    """Return ``base1``, ``base2``, ... the first not in ``taken`` (``base`` made an identifier)."""
    stem = re.sub(r"[^A-Za-z0-9_]", "_", base) or "item"
    if not IDENT_RE.match(stem):
        stem = "_" + stem
    stem = stem.rstrip("0123456789") or stem
    n = 1
    while f"{stem}{n}" in taken:
        n += 1
    return f"{stem}{n}"


__all__ = ["Color", "Expr", "Field", "Id", "IDENT_RE", "Model", "Name", "SortedDict", "Tagged", "Text",
           "new_id", "unique_name"]


@functools.cache
def field_default(model: type[BaseModel], name: str) -> Any:
    """The default of ``model``'s field ``name``, its factory called once per class.

    For comparisons only (never mutate the result). pydantic's ``FieldInfo.get_default`` inspects
    the factory's signature on every call: 3 in 4 seconds of a 10,000-widget export went there.
    """
    return model.model_fields[name].get_default(call_default_factory=True)
