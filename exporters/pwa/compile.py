"""Compile the model into the PWA's generated JS: screen modules and the app description.

Everything from the model becomes either JSON data (via ``json_value``, safe in a module) or a
compiled binding expression ``(rt, s) => …`` from ``designer.expressions.compile_expr``; no model
text is ever pasted into code unescaped, and nothing is evaluated from strings at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
import re
import secrets
from typing import Any

from pydantic import BaseModel

from designer.expressions import ExpressionError, compile_expr
from designer.model import App, Screen
from widgets import ContainerBase, WidgetBase

from ..base import ExportContext, ExportFailed
from ..bindings import plain_path
from ..escaping import json_value
from ..support import widget_paths
from ..strings import string_tables
from ..wire import nested_maps, wire_map, wire_path

#: Expression-valued fields of each action type (``*`` = a map of expressions).
ACTION_EXPRESSIONS: dict[str, tuple[str, ...]] = {
    "navigate": ("params*",), "go_back": (), "submit_form": ("record",), "delete": ("key",),
    "refresh": (), "call_phone": ("number",), "send_email": ("to", "subject"),
    "open_map": ("address",), "open_url": ("url",), "take_photo": (), "scan_barcode": (),
    "show_message": ("text",), "set_variable": ("value",), "append_item": ("values*",),
    "sync_now": (),
}
_WIDGET_OWN = {"kind", "id", "name", "visible_when", "layout", "style", "a11y_label", "bindings", "gap", "padding",
               "actions", "validation", "children"}
_URL_PREFIXES = ("https://", "http://")


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class Code(str):
    """JS source to write as is (a compiled expression)."""


def to_js(value: Any) -> str:
    """``value`` as JS source: ``Code`` verbatim, everything else as safe JSON.

    The tree is serialised by one ``json.dumps`` with each ``Code`` replaced by a marker holding
    a per-call random nonce (model text cannot forge it), then the markers are swapped back.
    """
    nonce = secrets.token_hex(8)
    codes: list[str] = []

    def swap(node: Any) -> Any:
        if isinstance(node, Code):
            codes.append(str(node))
            return f"@@fc{nonce}:{len(codes) - 1}@@"
        if isinstance(node, dict):
            return {str(k): swap(v) for k, v in node.items()}
        if isinstance(node, (list, tuple)):
            return [swap(v) for v in node]
        return node

    text = json_value(swap(value))
    return re.sub(f'"@@fc{nonce}:([0-9]+)@@"', lambda m: codes[int(m.group(1))], text)


@lru_cache(maxsize=4096)
def _compiled(text: str) -> Code:
    """Compiled expressions repeat a lot (``item.name`` in every list): compile each once."""
    return Code(f"(rt, s) => {compile_expr(text, 'js')}")


class ScreenCompiler:
    """Turns one screen into the data structure its generated module exports."""

    def __init__(self, ctx: ExportContext, screen: Screen, index: int,
                 screen_file: Callable[[str], str | None]) -> None:
        self.ctx = ctx
        self.screen = screen
        self.base: tuple[str | int, ...] = ("screens", index)
        self.screen_file = screen_file
        self.widget_count = 0

    def expr(self, text: str, path: tuple[str | int, ...]) -> Code | None:
        """``(rt, s) => …`` for ``text``; None for an empty expression."""
        if not text or not text.strip():
            return None
        try:
            return _compiled(text)
        except (ExpressionError, ValueError, TypeError) as exc:
            raise ExportFailed(f"{'.'.join(map(str, path))}: cannot compile `{text}`: {exc}"
                               ) from exc

    def write_path(self, text: str) -> list[str] | None:
        """The field path a two-way ``value`` binding writes to, if it is a plain path."""
        return plain_path(text)

    def action(self, action: Any, path: tuple[str | int, ...]) -> dict[str, Any]:
        data = action.model_dump(mode="json")
        for name in ACTION_EXPRESSIONS.get(action.type, ()):
            if name.endswith("*"):
                key = name[:-1]
                data[key] = {k: self.expr(v, (*path, key, k)) for k, v in data[key].items()}
            else:
                data[name] = self.expr(data[name], (*path, name))
        return data

    def actions(self, actions: list[Any], path: tuple[str | int, ...]) -> list[dict[str, Any]]:
        return [self.action(a, (*path, i)) for i, a in enumerate(actions)]

    def widget(self, w: WidgetBase, path: tuple[str | int, ...]) -> dict[str, Any]:
        self.widget_count += 1
        out: dict[str, Any] = {"k": w.kind, "id": w.id, "n": w.name}
        props = {name: _plain(getattr(w, name)) for name in type(w).model_fields
                 if name not in _WIDGET_OWN}
        if w.kind == "image":
            props["src"] = self.image_src(props.get("src", ""), (*path, "src"))
        out["p"] = props
        if w.bindings:
            out["b"] = {k: self.expr(v, (*path, "bindings", k)) for k, v in w.bindings.items()}
            value = w.bindings.get("value")
            if value and (parts := self.write_path(value)):
                out["vp"] = parts
        if w.visible_when.strip():
            out["vis"] = self.expr(w.visible_when, (*path, "visible_when"))
        if w.actions:
            out["a"] = {event: self.actions(acts, (*path, "actions", event))
                        for event, acts in w.actions.items()}
        rules = getattr(w, "validation", None)
        if rules:
            out["r"] = [self.rule(r, (*path, "validation", i)) for i, r in enumerate(rules)]
        layout = {k: _plain(getattr(w.layout, k)) for k in sorted(w.layout.model_fields_set)}
        if layout:
            out["l"] = layout
        style = {k: v for k in sorted(w.style.model_fields_set)
                 if (v := getattr(w.style, k)) is not None}
        if style:
            out["st"] = style
        if w.a11y_label:
            out["al"] = w.a11y_label
        if isinstance(w, ContainerBase):
            out["gap"] = w.gap
            out["pad"] = w.padding.model_dump(mode="json")
            out["c"] = [self.widget(c, (*path, "children", i)) for i, c in enumerate(w.children)]
        return out

    def rule(self, rule: Any, path: tuple[str | int, ...]) -> dict[str, Any]:
        data = rule.model_dump(mode="json")
        if rule.rule == "expression":
            data["expression"] = self.expr(rule.expression, (*path, "expression"))
        return data

    def image_src(self, src: str, path: tuple[str | int, ...]) -> str:
        if not src or src.startswith(_URL_PREFIXES):
            return src if src.startswith("https://") or not src else ""
        return self.ctx.asset(src, path) or ""

    def compile(self) -> dict[str, Any]:
        s, base = self.screen, self.base
        return {
            "name": s.name, "title": s.title, "kind": s.kind,
            "params": [p.model_dump(mode="json") for p in s.parameters],
            "vars": [dict(v.model_dump(mode="json"),
                          initial=self.expr(v.initial, (*base, "variables", i, "initial")))
                     for i, v in enumerate(s.variables)],
            "data": [dict(q.model_dump(mode="json"),
                          key=self.expr(q.key, (*base, "data", i, "key")),
                          filter=self.expr(q.filter, (*base, "data", i, "filter")))
                     for i, q in enumerate(s.data)],
            "onLoad": self.actions(s.on_load, (*base, "on_load")),
            "root": self.widget(s.root, (*base, "root")),
        }


def compile_screen(ctx: ExportContext, screen: Screen, index: int,
                   screen_file: Callable[[str], str | None]) -> str:
    """The JS source of the object a screen module exports."""
    return to_js(ScreenCompiler(ctx, screen, index, screen_file).compile())


def app_description(app: App, ctx: ExportContext) -> dict[str, Any]:
    """App-level data for ``app/model/app.js``: sources (no secrets), strings, theme, start."""
    sources = []
    for source in app.data_sources:
        entities = []
        nesting = nested_maps(source)
        for entity in source.entities:
            policy = source.offline_for(entity)
            odata = source.kind == "odata"
            described = {
                "name": entity.name, "label": entity.label, "key": entity.key,
                "fields": [f.model_dump(mode="json", include={"name", "type", "required", "pii",
                                                              "read_only", "entity", "label"})
                           for f in entity.fields],
                "operations": [dict(o.model_dump(mode="json"),
                                    path=wire_path(o.path, entity, odata, source))
                               for o in entity.operations],
                "offline": policy.model_dump(mode="json"),
            }
            if wire := wire_map(entity):  # [model, wire] pairs: no object-literal keys
                described["wire"] = [list(pair) for pair in wire.items()]
            if nested := nesting.get(entity.name):  # [field, item entity] pairs
                described["nested"] = [list(pair) for pair in nested.items()]
            entities.append(described)
        sources.append({"name": source.name, "kind": source.kind,
                        "auth": {"scheme": source.auth.scheme, "header": source.auth.header,
                                 "credential": source.auth.credential},
                        "headers": dict(source.headers), "entities": entities})
    return {"id": app.id, "name": app.name, "version": app.version,
            "defaultLocale": app.default_locale,
            "strings": {locale: dict(sorted(table.items()))
                        for locale, table in sorted(string_tables(app).items())},
            "startScreen": app.start_screen or (app.screens[0].name if app.screens else None),
            "sources": sources}


def widget_total(app: App) -> int:
    """Number of widgets in the app."""
    return sum(1 for screen in app.screens for _ in widget_paths(screen.root, ()))
