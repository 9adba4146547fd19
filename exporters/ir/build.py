"""Compile the pydantic model into the app IR, once per export (``build_app``).

This is the only module of the exporters that walks the model's screens and widgets; the
printers (``exporters/pwa``, ``react_native``, ``flutter``) read the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel

from designer.model import App as ModelApp
from designer.model import Screen as ModelScreen
from designer.model.base import field_default
from widgets import ContainerBase, WidgetBase

from ..strings import string_tables
from .data import build_source, freeze
from .nodes import App, AssetRef, Expr, Loc, Placement, Record, Screen, Widget
from .reads import Props

#: Expression-valued fields of each action type (``*`` = a map of expressions).
ACTION_EXPRESSIONS: dict[str, tuple[str, ...]] = {
    "navigate": ("params*",), "go_back": (), "submit_form": ("record",), "delete": ("key",),
    "call_operation": ("record", "args*"), "refresh": (), "call_phone": ("number",), "send_email": ("to", "subject"),
    "open_map": ("address",), "open_url": ("url",), "take_photo": (), "scan_barcode": (),
    "show_message": ("text",), "set_variable": ("value",), "append_item": ("values*",),
    "sync_now": (),
}
#: Device feature → widget kinds and action types that need it (the capabilities a screen needs).
DEVICE_NEEDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "camera": (frozenset({"camera_photo", "barcode_scanner"}),
               frozenset({"take_photo", "scan_barcode"})),
    "location": (frozenset({"location"}), frozenset()),
    "signature": (frozenset({"signature"}), frozenset()),
}
#: Widget fields that are structure, not properties (the IR has its own slot for each).
STRUCTURAL = frozenset({"kind", "id", "name", "visible_when", "layout", "style", "a11y_label",
                        "bindings", "actions", "children"})
_HORIZONTAL_TOLERANCE = 1e-6


def widget_props(model: type[WidgetBase]) -> tuple[str, ...]:
    """The properties of a widget kind (every field except the structural ones), in field order."""
    return tuple(n for n in model.model_fields if n not in STRUCTURAL)


def action(a: BaseModel, loc: Loc) -> Record:
    """An action with its expression fields as ``Expr``."""
    values: dict[str, Any] = {name: freeze(getattr(a, name)) for name in type(a).model_fields}
    for name in ACTION_EXPRESSIONS.get(values["type"], ()):
        if name.endswith("*"):
            key = name[:-1]
            values[key] = MappingProxyType({k: Expr(v, (*loc, key, k))
                                            for k, v in getattr(a, key).items()})
        else:
            values[name] = Expr(getattr(a, name), (*loc, name))
    if values.get("requires_role") is None:     # printers serialise actions as data: no noise
        values.pop("requires_role", None)
    return Record(values)


def actions(items: list[Any], loc: Loc) -> tuple[Record, ...]:
    return tuple(action(a, (*loc, i)) for i, a in enumerate(items))


def _rule(r: BaseModel, loc: Loc) -> Record:
    values = {name: freeze(getattr(r, name)) for name in type(r).model_fields}
    if values.get("rule") == "expression":
        values["expression"] = Expr(values["expression"], (*loc, "expression"))
    return Record(values)


def _prop(w: WidgetBase, name: str, loc: Loc) -> Any:
    if name == "validation":
        return tuple(_rule(r, (*loc, "validation", i)) for i, r in enumerate(w.validation))
    return freeze(getattr(w, name))


def _changed(w: WidgetBase, names: tuple[str, ...]) -> frozenset[str]:
    cls = type(w)
    return frozenset(n for n in names if getattr(w, n) != field_default(cls, n))


def integer_flex(weights: list[float]) -> list[int]:
    """Main-axis weights as integers with their ratios kept (``[1, 0.5]`` → ``[2, 1]``)."""
    positive = [w for w in weights if w > 0]
    scale = next((k for k in range(1, 101)
                  if all(abs(w * k - round(w * k)) < _HORIZONTAL_TOLERANCE for w in positive)),
                 100)
    return [max(1, round(w * scale)) if w > 0 else 0 for w in weights]


def _flex(child: WidgetBase, horizontal: bool) -> float:
    lay = child.layout
    along = lay.width if horizontal else lay.height
    return float(lay.grow or (1.0 if along == "fill" else 0.0))


def _placements(parent: ContainerBase) -> list[Placement]:
    kind = parent.kind
    horizontal = kind == "row" or (kind == "scroll" and parent.direction == "horizontal")
    wrap = kind == "row" and bool(parent.wrap)
    flexes = [_flex(c, horizontal) for c in parent.children]
    ints = integer_flex(flexes)
    return [Placement(kind, horizontal, wrap,
                      kind == "free" and c.layout.frame is not None, f, n, c.kind)
            for c, f, n in zip(parent.children, flexes, ints)]


def widget(w: WidgetBase, loc: Loc, place: Placement) -> Widget:
    """The IR of ``w`` and its subtree."""
    names = widget_props(type(w))
    props = Props(w.kind, {n: _prop(w, n, loc) for n in names})
    lay = Props(w.kind, {n: freeze(getattr(w.layout, n)) for n in type(w.layout).model_fields},
                "layout.")
    style = Props(w.kind, {n: getattr(w.style, n) for n in type(w.style).model_fields}, "style.")
    children: tuple[Widget, ...] = ()
    if isinstance(w, ContainerBase):
        children = tuple(widget(c, (*loc, "children", i), p)
                         for i, (c, p) in enumerate(zip(w.children, _placements(w))))
    return Widget(
        kind=w.kind, id=w.id, name=w.name, props=props, layout=lay, style=style, place=place,
        loc=loc, visible_when=Expr(w.visible_when, (*loc, "visible_when")),
        a11y_label=w.a11y_label,
        bindings={k: Expr(v, (*loc, "bindings", k)) for k, v in w.bindings.items()},
        actions={e: actions(acts, (*loc, "actions", e)) for e, acts in w.actions.items()},
        children=children, is_container=isinstance(w, ContainerBase),
        changed=_changed(w, names),
        layout_set=tuple(sorted(w.layout.model_fields_set)),
        style_set=tuple(sorted(k for k in w.style.model_fields_set
                               if getattr(w.style, k) is not None)))


def _needs(root: Widget, on_load: tuple[Record, ...]) -> frozenset[str]:
    kinds, types = set(), {a.type for a in on_load}
    for w in root.walk():
        kinds.add(w.kind)
        types.update(a.type for acts in w.actions.values() for a in acts)
    return frozenset(f for f, (k, t) in DEVICE_NEEDS.items() if kinds & k or types & t)


def screen(s: ModelScreen, index: int) -> Screen:
    """The IR of one screen."""
    base: Loc = ("screens", index)
    variables = tuple(Record({**freeze(v)._asdict(), "initial": Expr(v.initial, (*base, "variables", i,
                                                                        "initial"))})
                      for i, v in enumerate(s.variables))
    data = tuple(Record({**freeze(q)._asdict(), "key": Expr(q.key, (*base, "data", i, "key")),
                         "filter": Expr(q.filter, (*base, "data", i, "filter"))})
                 for i, q in enumerate(s.data))
    on_load = actions(s.on_load, (*base, "on_load"))
    root = widget(s.root, (*base, "root"), Placement(kind=s.root.kind))
    return Screen(id=s.id, name=s.name, title=s.title, kind=s.kind, index=index,
                  parameters=tuple(freeze(p) for p in s.parameters), variables=variables,
                  data=data, on_load=on_load, root=root, needs=_needs(root, on_load),
                  requires_role=s.requires_role)


def _assets(app: ModelApp, screens: tuple[Screen, ...]) -> tuple[AssetRef, ...]:
    found = [AssetRef(app.theme.logo, ("theme", "logo"))] if app.theme.logo else []
    for s in screens:
        for w in s.root.walk():
            src = w.props.raw().get("src") if w.kind == "image" else None
            if src and not src.startswith(("https://", "http://")):
                found.append(AssetRef(src, (*w.loc, "src")))
    return tuple(found)


def build_app(app: ModelApp) -> App:
    """The IR of ``app`` (deterministic: the same model gives an equal IR)."""
    screens = tuple(screen(s, i) for i, s in enumerate(app.screens))
    tables = {loc: MappingProxyType(dict(sorted(t.items())))
              for loc, t in sorted(string_tables(app).items())}
    return App(id=app.id, name=app.name, version=app.version, description=app.description,
               default_locale=app.default_locale, start_screen=app.start_screen,
               theme=freeze(app.theme), mobile=freeze(app.mobile), store_id=app.app_id(),
               screens=screens,
               data_sources=tuple(build_source(s) for s in app.data_sources),
               string_tables=MappingProxyType(tables), assets=_assets(app, screens),
               needs=frozenset().union(*(s.needs for s in screens)),
               sign_in=freeze(app.sign_in) if app.sign_in.enabled else None,
               user_reads=_user_reads(screens))


def _user_reads(screens: tuple[Screen, ...]) -> tuple[tuple[str, Loc], ...]:
    """Every ``user.<claim>`` read by an expression of the IR, with the expression's location."""
    found: list[tuple[str, Loc]] = []

    def visit(value: object) -> None:
        if isinstance(value, Expr):
            found.extend((claim, value.loc) for claim in sorted(value.user_claims))
        elif isinstance(value, Record):
            for item in value._asdict().values():
                visit(item)
        elif isinstance(value, Mapping):
            for item in value.values():
                visit(item)
        elif isinstance(value, (tuple, list)):
            for item in value:
                visit(item)

    for s in screens:
        visit((s.data, s.variables, s.on_load))
        for w in s.root.walk():
            visit((w.visible_when, w.bindings, w.actions, w.props.raw()))
    return tuple(found)
