"""What forms need to know about the document: names to pick from, expression scopes, defaults.

Read-only: forms ask, they never write. Also the Qt-free helpers that apply a (possibly partial,
possibly nested) edit to a model value with validation.
"""

from __future__ import annotations

from typing import Any, Callable

from pydantic import BaseModel

from designer.expressions.types import ANY
from designer.model.app import App, DataQuery, Screen
from designer.model.base import unique_name
from designer.model.scope import (ModelScope, TypeFactory, screen_roots, string_keys,
                                  widget_scopes)

from .fieldspec import FieldSpec, spec_for

ScopeFn = Callable[[], Any]


class FormContext:
    """Lookups for editors: screens, sources, entities, variables and expression scopes."""

    def __init__(self, app_fn: Callable[[], App], screen_fn: Callable[[], Screen | None],
                 scope_fn: ScopeFn | None = None) -> None:
        self._app_fn = app_fn
        self._screen_fn = screen_fn
        self.scope_fn: ScopeFn = scope_fn or self.screen_scope

    @property
    def app(self) -> App:
        return self._app_fn()

    @property
    def screen(self) -> Screen | None:
        return self._screen_fn()

    def with_scope(self, scope_fn: ScopeFn) -> "FormContext":
        """The same lookups with another expression scope."""
        return FormContext(self._app_fn, self._screen_fn, scope_fn)

    # ------------------------------------------------------------- pickers
    def screen_names(self) -> list[str]:
        return [s.name for s in self.app.screens]

    def screen_parameters(self, screen_name: str) -> list[str]:
        screen = self.app.screen(screen_name)
        return [p.name for p in screen.parameters] if screen else []

    def screen_parameter_type(self, screen_name: str, name: str) -> Any:
        """The expression type a navigate parameter must have (None if unknown)."""
        screen = self.app.screen(screen_name)
        param = next((p for p in screen.parameters if p.name == name), None) if screen else None
        return TypeFactory(self.app).value_type(param.type, param.entity) if param else None

    def source_names(self) -> list[str]:
        return [d.name for d in self.app.data_sources]

    def entity_names(self, source: str | None) -> list[str]:
        found = self.app.source(source) if source else None
        sources = [found] if found else ([] if source else self.app.data_sources)
        return [e.name for s in sources for e in s.entities]

    def entity_refs(self) -> list[str]:
        """Every ``source.Entity``."""
        return [f"{d.name}.{e.name}" for d in self.app.data_sources for e in d.entities]

    def variable_names(self) -> list[str]:
        screen = self.screen
        return [v.name for v in screen.variables] if screen else []

    # ------------------------------------------------------------- scopes
    def screen_scope(self) -> ModelScope | None:
        """Roots of the current screen (parameters, variables, loaded data)."""
        screen = self.screen
        if screen is None:
            return None
        app = self.app
        return ModelScope(screen_roots(app, screen), string_keys(app))

    def widget_scope(self, widget_id: str, inner: bool = False) -> ModelScope | None:
        """The scope of a widget; ``inner``: what its children see (a list adds its item)."""
        screen = self.screen
        if screen is None:
            return None
        scopes = widget_scopes(self.app, screen)
        scope = scopes.get(widget_id)
        if inner and scope is not None:
            for widget, parent in screen.walk():
                if parent is not None and parent.id == widget_id:
                    return scopes.get(widget.id, scope)
            widget = next((w for w, _ in screen.walk() if w.id == widget_id), None)
            if widget is not None and widget.kind == "list":
                return scope.with_roots({widget.item_alias: ANY})  # type: ignore[attr-defined]
        return scope

    def scope_for(self, owner: type[BaseModel] | None, field: str) -> Any:
        """The scope an expression field of ``owner`` is checked in (query filters see ``row``)."""
        scope = self.scope_fn()
        if scope is not None and owner is DataQuery and field == "filter":
            return scope.with_roots({"row": ANY})
        return scope

    # ------------------------------------------------------------- defaults
    def new_instance(self, cls: type[BaseModel], taken_names: set[str] = frozenset()) -> BaseModel:
        """A valid new item of ``cls`` with sensible picks for required fields."""
        data: dict[str, Any] = {}
        for name, info in cls.model_fields.items():
            if not info.is_required():
                continue
            spec = spec_for(name, info)
            data[name] = self._default_for(spec, cls, data, taken_names)
        return cls.model_validate(data)

    def _default_for(self, spec: FieldSpec, cls: type[BaseModel], data: dict[str, Any],
                     taken: set[str]) -> Any:
        if spec.name in ("screen",):
            return (self.screen_names() or ["home"])[0]
        if spec.name == "source":
            return (self.source_names() or ["source"])[0]
        if spec.name == "entity":
            return (self.entity_names(data.get("source")) or ["Entity"])[0]
        if spec.name in ("target", "name") and spec.kind != "name" and self.variable_names():
            return self.variable_names()[0]
        if spec.kind == "name":
            return unique_name(cls.__name__.lower(), set(taken))
        if spec.kind in ("int", "float"):
            return max(0, spec.lo or 0)
        if spec.kind == "bool":
            return False
        if spec.kind == "enum":
            return spec.choices[0]
        if spec.kind in ("model_list", "union_list", "enum_list", "str_list"):
            return []
        if spec.kind in ("str_map", "expr_map"):
            return {}
        if spec.name == "value" and cls.__name__ == "Option":
            return unique_name("option", set(taken))
        return "x" if spec.pattern else ""


def updated(value: Any, path: str, new: Any) -> Any:
    """``value`` with ``path`` (dotted, relative) set to ``new``; validated, never mutated.

    A dict ``new`` aimed at a model means a partial update of that model's fields.
    """
    if not path:
        if isinstance(value, BaseModel) and isinstance(new, dict):
            return type(value).model_validate({**value.model_dump(by_alias=True), **new})
        return new
    head, _, rest = path.partition(".")
    if not isinstance(value, BaseModel):
        raise ValueError(f"cannot set `{path}` on a {type(value).__name__}")
    child = getattr(value, head)
    if child is None and rest:
        info = type(value).model_fields[head]
        spec = spec_for(head, info)
        if spec.model is None:
            raise ValueError(f"`{head}` is not set")
        child = spec.model()
    data = value.model_dump(by_alias=True)
    new_child = updated(child, rest, new)
    data[head] = new_child.model_dump(by_alias=True) if isinstance(new_child, BaseModel) \
        else new_child
    return type(value).model_validate(data)
