"""Hypothesis strategies derived from the pydantic model classes themselves.

Every field of every model (widgets, actions, validation rules, data sources, theme, screens …)
gets values from its annotation and constraints, so a field added to the model is exercised by
the round-trip test without anyone touching this file. Values are schema-valid, not semantically
valid (references need not resolve): that is what a model *file* may hold.
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from hypothesis import strategies as st
from pydantic import BaseModel, StringConstraints, ValidationError

from designer.model import App
from designer.model.app import SCHEMA_VERSION, Screen

WIDGETS: tuple[type[BaseModel], ...] = get_args(Screen.model_fields["root"].annotation)
#: How deep widget trees go (containers at the last level are empty).
MAX_DEPTH = 3
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
json_scalars = st.none() | st.booleans() | st.integers(-10**6, 10**6) | texts | st.floats(
    -1e9, 1e9, allow_nan=False)


def _bounds(meta: list[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for m in meta:
        if isinstance(m, StringConstraints):
            out.update({k: v for k, v in (("pattern", m.pattern), ("max_length", m.max_length),
                                          ("min_length", m.min_length)) if v is not None})
        for name in ("ge", "le", "gt", "lt", "max_length", "min_length", "pattern"):
            if getattr(m, name, None) is not None and not isinstance(m, StringConstraints):
                out[name] = getattr(m, name)
    return out


def _string(b: dict[str, Any]) -> st.SearchStrategy[str]:
    low, high = b.get("min_length", 0), min(b.get("max_length", 24), 24)
    if "pattern" in b:
        return st.from_regex(b["pattern"], fullmatch=True).filter(
            lambda s: low <= len(s) <= b.get("max_length", 10**6))
    return st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)),
                   min_size=low, max_size=max(high, low))


def _number(kind: type, b: dict[str, Any]) -> st.SearchStrategy[Any]:
    low = b.get("ge", b.get("gt"))
    high = b.get("le", b.get("lt"))
    if kind is int:
        return st.integers(-10**6 if low is None else int(low), 10**6 if high is None else int(high))
    floats = st.floats(-1e6 if low is None else low, 1e6 if high is None else high,
                       allow_nan=False, exclude_min="gt" in b, exclude_max="lt" in b)
    return floats | floats.map(round)                       # whole numbers are common in files


def for_type(tp: Any, meta: list[Any], depth: int) -> st.SearchStrategy[Any]:
    """Values of annotation ``tp`` under constraints ``meta``."""
    origin = get_origin(tp)
    if origin is Annotated:
        base, *extra = get_args(tp)
        return for_type(base, meta + [m for m in extra if not hasattr(m, "discriminator")], depth)
    if origin is Literal:
        return st.sampled_from(get_args(tp))
    if origin in (Union, types.UnionType):
        return st.one_of([for_type(a, meta, depth) for a in get_args(tp)])
    if origin is list:
        return st.lists(for_type(get_args(tp)[0], [], depth), max_size=3)
    if origin is dict:
        key, value = get_args(tp)
        return st.dictionaries(for_type(key, [], depth), for_type(value, [], depth), max_size=2)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return models(tp, depth)
    if tp is bool:
        return st.booleans()
    if tp in (int, float):
        return _number(tp, _bounds(meta))
    if tp is str:
        return _string(_bounds(meta))
    if tp is type(None):
        return st.none()
    return json_scalars                                     # Any (sample row values)


@st.composite
def models(draw: st.DrawFn, cls: type[BaseModel], depth: int = 0) -> dict[str, Any]:
    """A raw dict for ``cls``: required fields always, optional ones at random (``depth``: of
    the widget tree)."""
    out: dict[str, Any] = {}
    for name, info in cls.model_fields.items():
        if name == "schema_":
            continue
        if not info.is_required() and not draw(st.booleans()):
            continue
        key = info.alias or name
        if name == "children":
            kids = st.one_of([models(w, depth + 1) for w in WIDGETS])
            out[key] = draw(st.lists(kids, max_size=3 if depth < MAX_DEPTH else 0))
        else:
            out[key] = draw(for_type(info.annotation, list(info.metadata), depth))
    return out


@st.composite
def any_apps(draw: st.DrawFn) -> App:
    """A schema-valid app covering every model class and field (semantics not checked)."""
    raw = draw(models(App))
    raw["schema_version"] = SCHEMA_VERSION
    try:
        return App.model_validate(raw)
    except ValidationError:                                 # e.g. a model-level cross check
        from hypothesis import reject
        reject()
        raise
