"""What editor a pydantic field needs: its kind, bounds, choices and item type (no Qt here)."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from designer.model.base import Color, Expr, Name

_EXPR = Expr.__metadata__[0]
_COLOR = Color.__metadata__[0]
_NAME = Name.__metadata__[0]

Kind = Literal["text", "expr", "color", "name", "int", "float", "bool", "enum", "model",
               "model_list", "union_list", "enum_list", "str_list", "str_map", "expr_map", "other"]


@dataclass
class FieldSpec:
    """An editor recipe for one field."""

    name: str
    kind: Kind
    optional: bool = False
    choices: tuple[Any, ...] = ()
    lo: float | None = None
    hi: float | None = None
    max_length: int | None = None
    pattern: str | None = None
    model: type[BaseModel] | None = None
    union: dict[str, type[BaseModel]] = field(default_factory=dict)  # discriminator value → class
    description: str = ""
    default: Any = None

    @property
    def label(self) -> str:
        """Human label: ``fixed_width`` → ``Fixed width``."""
        return humanize(self.name)


def humanize(name: str) -> str:
    """``a11y_label`` → ``Accessibility label``; ``fixed_width`` → ``Fixed width``."""
    special = {"a11y_label": "Accessible name", "visible_when": "Visible when",
               "url": "URL", "src": "Source", "then_navigate": "Then open"}
    if name in special:
        return special[name]
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _strip_optional(annotation: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) < len(typing.get_args(annotation)):
            return (args[0] if len(args) == 1 else Union[tuple(args)]), True
    return annotation, False


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """Strip ``Annotated`` layers, collecting their metadata."""
    meta: list[Any] = []
    while typing.get_origin(annotation) is typing.Annotated:
        meta.extend(annotation.__metadata__)
        annotation = typing.get_args(annotation)[0]
    return annotation, meta


def _discriminated(annotation: Any) -> dict[str, type[BaseModel]] | None:
    """For ``Annotated[Union[A, B], Field(discriminator=...)]``: ``{tag: class}``."""
    inner, meta = _unwrap(annotation)
    disc = next((getattr(m, "discriminator", None) for m in meta
                 if getattr(m, "discriminator", None)), None)
    if disc is None or typing.get_origin(inner) not in (Union, types.UnionType):
        return None
    out: dict[str, type[BaseModel]] = {}
    for cls in typing.get_args(inner):
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            out[_tag_of(cls, disc)] = cls
    return out


def _tag_of(cls: type[BaseModel], disc: str) -> Any:
    """The discriminator value of a union member: its ``Literal`` tag (or the field default)."""
    info = cls.model_fields[disc]
    inner, _meta = _unwrap(info.annotation)
    if typing.get_origin(inner) is Literal:
        return typing.get_args(inner)[0]
    return info.default


def spec_for(name: str, info: FieldInfo) -> FieldSpec:
    """The editor recipe for field ``name`` described by ``info``."""
    annotation, optional = _strip_optional(info.annotation)
    annotation, meta = _unwrap(annotation)
    meta = list(info.metadata) + meta
    spec = FieldSpec(name, "other", optional=optional, description=info.description or "",
                     default=None if info.default_factory is not None else info.default)
    for m in meta:
        if getattr(m, "max_length", None) is not None:
            spec.max_length = m.max_length
        if getattr(m, "pattern", None):
            spec.pattern = m.pattern
        if getattr(m, "ge", None) is not None:
            spec.lo = float(m.ge)
        if getattr(m, "le", None) is not None:
            spec.hi = float(m.le)
        if getattr(m, "gt", None) is not None:
            spec.lo = float(m.gt)
        if getattr(m, "lt", None) is not None:
            spec.hi = float(m.lt)
    origin = typing.get_origin(annotation)
    if any(m is _EXPR for m in meta):
        spec.kind = "expr"
    elif any(m is _COLOR for m in meta):
        spec.kind = "color"
    elif any(m is _NAME for m in meta):
        spec.kind = "name"
    elif origin is Literal:
        spec.kind, spec.choices = "enum", typing.get_args(annotation)
    elif origin in (Union, types.UnionType) and all(
            typing.get_origin(a) is Literal for a in typing.get_args(annotation)):
        spec.kind = "enum"
        spec.choices = tuple(c for a in typing.get_args(annotation) for c in typing.get_args(a))
    elif annotation is bool:
        spec.kind = "bool"
    elif annotation is int:
        spec.kind = "int"
    elif annotation is float:
        spec.kind = "float"
    elif annotation is str:
        spec.kind = "text"
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        spec.kind, spec.model = "model", annotation
    elif origin is list:
        (item,) = typing.get_args(annotation) or (Any,)
        union = _discriminated(item)
        item_inner, item_meta = _unwrap(item)
        if union:
            spec.kind, spec.union = "union_list", union
        elif isinstance(item_inner, type) and issubclass(item_inner, BaseModel):
            spec.kind, spec.model = "model_list", item_inner
        elif typing.get_origin(item_inner) is Literal:
            spec.kind, spec.choices = "enum_list", typing.get_args(item_inner)
        elif item_inner is str:
            spec.kind = "str_list"
    elif origin is dict:
        _key, value = typing.get_args(annotation)
        _value_inner, value_meta = _unwrap(value)
        spec.kind = "expr_map" if any(m is _EXPR for m in value_meta) else "str_map"
    return spec


def specs_of(model: type[BaseModel], exclude: tuple[str, ...] = ()) -> list[FieldSpec]:
    """Recipes for every field of ``model`` except ``exclude`` (declaration order)."""
    return [spec_for(n, f) for n, f in model.model_fields.items() if n not in exclude]


def shared_specs(classes: list[type[BaseModel]], exclude: tuple[str, ...] = ()) -> list[FieldSpec]:
    """Fields every class has with the same type (for editing a multi-selection)."""
    first = classes[0]
    out = []
    for name, info in first.model_fields.items():
        if name in exclude:
            continue
        if all(name in c.model_fields and
               repr(c.model_fields[name].annotation) == repr(info.annotation) and
               repr(c.model_fields[name].metadata) == repr(info.metadata) for c in classes[1:]):
            out.append(spec_for(name, info))
    return out
