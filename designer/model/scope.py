"""Expression scopes built from the model: which roots a binding can see, with their types."""

from __future__ import annotations

from typing import Iterable, Mapping

from designer.expressions.types import (ANY, BOOLEAN, DATE, DATETIME, DECIMAL, GEO, IMAGE, INTEGER,
                                        STRING, EnumType, ExprType, ListType, RecordType)
from widgets import ContainerBase, WidgetBase

from .app import App, Screen
from .data import DataField, DataSource, Entity

_SCALARS: dict[str, ExprType] = {
    "string": STRING, "integer": INTEGER, "decimal": DECIMAL, "boolean": BOOLEAN, "date": DATE,
    "datetime": DATETIME, "image": IMAGE, "geo": GEO,
}


class TypeFactory:
    """Builds (and caches) record types for the app's entities, recursion-safe."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._records: dict[tuple[str, str], RecordType] = {}

    def entity_ref(self, ref: str) -> tuple[DataSource, Entity] | None:
        """Resolve ``source.Entity`` to the objects (None if it does not resolve)."""
        source_name, _, entity_name = ref.partition(".")
        source = self.app.source(source_name)
        entity = source.entity(entity_name) if source else None
        return (source, entity) if source and entity else None

    def record(self, source: DataSource, entity: Entity) -> RecordType:
        """The record type of ``entity``."""
        key = (source.name, entity.name)
        if key not in self._records:
            self._records[key] = RecordType(
                entity.name, lambda s=source, e=entity: {f.name: self.field_type(s, f)
                                                         for f in e.fields})
        return self._records[key]

    def field_type(self, source: DataSource, field: DataField) -> ExprType:
        """The expression type of an entity field."""
        if field.type in _SCALARS:
            return _SCALARS[field.type]
        if field.type == "enum":
            return EnumType(tuple(field.enum_values))
        target = source.entity(field.entity) if field.entity else None
        if target is None:
            return ANY
        record = self.record(source, target)
        return ListType(record) if field.type == "list" else record

    def value_type(self, type_name: str, entity_ref: str) -> ExprType:
        """Type of a parameter/variable declared as ``type`` (+ ``source.Entity``)."""
        if type_name in _SCALARS:
            return _SCALARS[type_name]
        resolved = self.entity_ref(entity_ref) if entity_ref else None
        if resolved is None:
            return ANY
        record = self.record(*resolved)
        return ListType(record) if type_name == "list" else record


class ModelScope:
    """A Scope for the expression checker: named roots and localization keys."""

    def __init__(self, roots: Mapping[str, ExprType], string_keys: Iterable[str]) -> None:
        self._roots = dict(roots)
        self._keys = tuple(string_keys)

    def lookup(self, name: str) -> ExprType | None:
        return self._roots.get(name)

    def names(self) -> Iterable[str]:
        return self._roots.keys()

    def string_keys(self) -> Iterable[str]:
        return self._keys

    def with_roots(self, extra: Mapping[str, ExprType]) -> "ModelScope":
        """A copy with more roots (e.g. a list's item alias)."""
        return ModelScope({**self._roots, **extra}, self._keys)


def string_keys(app: App) -> set[str]:
    """Every localization key of any locale."""
    return {key for table in app.strings.values() for key in table}


def screen_roots(app: App, screen: Screen, types: TypeFactory | None = None) -> dict[str, ExprType]:
    """Roots visible everywhere on ``screen``: the signed-in ``user``, parameters, variables and
    loaded data (a screen name called ``user`` shadows it; validate refuses that)."""
    from .user import USER_ROOT, user_type

    types = types or TypeFactory(app)
    roots: dict[str, ExprType] = {USER_ROOT: user_type(app.sign_in)}
    for param in screen.parameters:
        roots[param.name] = types.value_type(param.type, param.entity)
    for var in screen.variables:
        roots[var.name] = types.value_type(var.type, var.entity)
    for query in screen.data:
        source = app.source(query.source)
        entity = source.entity(query.entity) if source else None
        if source and entity:
            record = types.record(source, entity)
            roots[query.name] = record if query.mode == "one" else ListType(record)
        else:
            roots[query.name] = ANY
    return roots


def item_scope(widget: WidgetBase, scope: ModelScope) -> ModelScope:
    """The scope inside list ``widget``: ``scope`` plus its item alias, typed by its items."""
    from designer.expressions import check  # local: keeps model import light

    item_type: ExprType = ANY
    expr = widget.bindings.get("items", "")
    if expr:
        try:
            found = check(expr, scope)
            item_type = found.item if isinstance(found, ListType) else ANY
        except ValueError:
            item_type = ANY
    return scope.with_roots({widget.item_alias: item_type})  # type: ignore[attr-defined]


def scope_at(app: App, screen: Screen, ancestors: Iterable[WidgetBase],
             types: TypeFactory | None = None) -> ModelScope:
    """The scope of a widget inside ``ancestors`` (screen root first, its parent last)."""
    scope = ModelScope(screen_roots(app, screen, types), string_keys(app))
    for ancestor in ancestors:
        if ancestor.kind == "list":
            scope = item_scope(ancestor, scope)
    return scope


def subtree_scopes(root: WidgetBase, scope: ModelScope) -> dict[str, ModelScope]:
    """The scope of ``root`` (which is ``scope``) and of every widget inside it."""
    scopes: dict[str, ModelScope] = {}
    stack: list[tuple[WidgetBase, ModelScope]] = [(root, scope)]
    while stack:
        widget, current = stack.pop()
        scopes[widget.id] = current
        if isinstance(widget, ContainerBase):
            inner = item_scope(widget, current) if widget.kind == "list" else current
            stack.extend((child, inner) for child in widget.children)
    return scopes


def widget_scopes(app: App, screen: Screen, types: TypeFactory | None = None
                  ) -> dict[str, ModelScope]:
    """The scope of every widget on ``screen`` (list templates add their item alias)."""
    types = types or TypeFactory(app)
    base = ModelScope(screen_roots(app, screen, types), string_keys(app))
    return subtree_scopes(screen.root, base)
