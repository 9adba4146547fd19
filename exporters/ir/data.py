"""Data sources in the IR: sources, entities, fields and operations as frozen records."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from pydantic import BaseModel

from .nodes import Record


def freeze(value: Any) -> Any:
    """A pydantic value as IR data: models → ``Record``, lists → tuples, dicts → read-only
    mappings; a model's plain fields take their serialised (JSON) form, as in the model file."""
    if isinstance(value, BaseModel):
        dumped = value.model_dump(mode="json")
        return Record({name: _field(getattr(value, name), dumped.get(name))
                       for name in type(value).model_fields})
    if isinstance(value, dict):
        return MappingProxyType({str(k): freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    return value


def _field(value: Any, dumped: Any) -> Any:
    if isinstance(value, BaseModel) or (isinstance(value, (list, tuple, dict)) and any(
            isinstance(v, BaseModel) for v in (value.values() if isinstance(value, dict)
                                               else value))):
        return freeze(value)
    return _json(dumped)


def _json(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _json(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_json(v) for v in value)
    return value


class Field(Record):
    """An entity field (``wire`` is the name the back end uses)."""

    @property
    def wire(self) -> str:
        return self.wire_name or self.name


class Entity(Record):
    """An entity: key, fields, operations, sample rows and its own offline policy (or None)."""

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def operation(self, kind: str) -> Record | None:
        return next((o for o in self.operations if o.kind == kind), None)


class Source(Record):
    """A data source: kind, base URL, auth (credentials only named), headers, entities."""

    def entity(self, name: str) -> Entity | None:
        return next((e for e in self.entities if e.name == name), None)

    def offline_for(self, entity: Entity) -> Record:
        """The entity's own offline policy, else the source's."""
        return entity.offline or self.offline


def build_source(source: Any) -> Source:
    """The IR of one pydantic ``DataSource``."""
    values = {name: freeze(getattr(source, name)) for name in type(source).model_fields}
    values["entities"] = tuple(
        Entity({**{n: freeze(getattr(e, n)) for n in type(e).model_fields},
                "fields": tuple(Field(freeze(f)._asdict()) for f in e.fields)})
        for e in source.entities)
    return Source(values)
