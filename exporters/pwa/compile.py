"""Print the app IR as the PWA's generated JS: screen modules and the app description.

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

from designer.expressions import ExpressionError, compile_expr

from ..base import ExportContext, ExportFailed
from ..escaping import json_value
from ..ir import App, Expr, Loc, Record, Screen, Widget, plain
from ..params import operation_spec
from ..wire import nested_maps, wire_map, wire_path

#: Container props the PWA module carries as ``gap``/``pad``, rules as ``r`` (not under ``p``).
_OWN_SLOTS = {"gap", "padding", "validation"}
_URL_PREFIXES = ("https://", "http://")
_FIELD_KEYS = {"name", "type", "required", "pii", "read_only", "create_only", "entity", "label",
               "enum_values"}


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
    """Turns one IR screen into the data structure its generated module exports."""

    def __init__(self, ctx: ExportContext, screen: Screen,
                 screen_file: Callable[[str], str | None]) -> None:
        self.ctx = ctx
        self.screen = screen
        self.screen_file = screen_file
        self.widget_count = 0

    def expr(self, e: Expr) -> Code | None:
        """``(rt, s) => …`` for ``e``; None for an empty expression."""
        if not e:
            return None
        try:
            return _compiled(e.text)
        except (ExpressionError, ValueError, TypeError) as exc:
            raise ExportFailed(f"{'.'.join(map(str, e.loc))}: cannot compile `{e.text}`: {exc}"
                               ) from exc

    def data(self, value: Any) -> Any:
        """IR data as module data, expressions compiled."""
        return plain(value, self.expr)

    def actions(self, actions: tuple[Record, ...]) -> list[dict[str, Any]]:
        return [self.data(a) for a in actions]

    def widget(self, w: Widget) -> dict[str, Any]:
        self.widget_count += 1
        out: dict[str, Any] = {"k": w.kind, "id": w.id, "n": w.name}
        # The PWA ships every property as data; its renderers (app/widgets/<kind>.js) read
        # what they honour, and exporters/pwa/consumed.py reads those renderers.
        props = {name: plain(value) for name, value in w.props.raw().items()
                 if name not in _OWN_SLOTS}
        if w.kind == "image":
            props["src"] = self.image_src(props.get("src", ""), (*w.loc, "src"))
        out["p"] = props
        if w.bindings:
            out["b"] = {k: self.expr(v) for k, v in w.bindings.items()}
            value = w.bindings.get("value")
            if value and (parts := value.path):
                out["vp"] = list(parts)
        if w.visible_when:
            out["vis"] = self.expr(w.visible_when)
        if w.actions:
            out["a"] = {event: self.actions(acts) for event, acts in w.actions.items()}
        rules = w.props.raw().get("validation")
        if rules:
            out["r"] = [self.data(r) for r in rules]
        layout = {k: plain(w.layout.raw()[k]) for k in w.layout_set}
        if layout:
            out["l"] = layout
        style = {k: w.style.raw()[k] for k in w.style_set}
        if style:
            out["st"] = style
        if w.a11y_label:
            out["al"] = w.a11y_label
        if w.is_container:
            raw = w.props.raw()
            out["gap"] = raw["gap"]
            out["pad"] = plain(raw["padding"])
            out["c"] = [self.widget(c) for c in w.children]
        return out

    def image_src(self, src: str, path: Loc) -> str:
        if not src or src.startswith(_URL_PREFIXES):
            return src if src.startswith("https://") or not src else ""
        return self.ctx.asset(src, path) or ""

    def compile(self) -> dict[str, Any]:
        s = self.screen
        return {
            "name": s.name, "title": s.title, "kind": s.kind,
            "params": [plain(p) for p in s.parameters],
            "vars": [self.data(v) for v in s.variables],
            "data": [self.data(q) for q in s.data],
            "onLoad": self.actions(s.on_load),
            "root": self.widget(s.root),
        }


def compile_screen(ctx: ExportContext, screen: Screen,
                   screen_file: Callable[[str], str | None]) -> str:
    """The JS source of the object a screen module exports."""
    return to_js(ScreenCompiler(ctx, screen, screen_file).compile())


def app_description(app: App) -> dict[str, Any]:
    """App-level data for ``app/model/app.js``: sources (no secrets), strings, theme, start."""
    sources = []
    for si, source in enumerate(app.data_sources):
        entities = []
        nesting = nested_maps(source)
        for ei, entity in enumerate(source.entities):
            policy = source.offline_for(entity)
            odata = source.kind == "odata"
            described = {
                "name": entity.name, "label": entity.label, "key": entity.key,
                "fields": [{k: v for k, v in plain(f).items() if k in _FIELD_KEYS}
                           for f in entity.fields],
                "operations": [operation_spec(o, wire_path(o.path, entity, odata, source),
                                          f"data_sources.{si}.entities.{ei}.operations.{oi}")
                               for oi, o in enumerate(entity.operations)],
                "offline": plain(policy),
            }
            if entity.concurrency == "etag":
                described["concurrency"] = "etag"
            if wire := wire_map(entity):  # [model, wire] pairs: no object-literal keys
                described["wire"] = [list(pair) for pair in wire.items()]
            if nested := nesting.get(entity.name):  # [field, item entity] pairs
                described["nested"] = [list(pair) for pair in nested.items()]
            entities.append(described)
        sources.append({"name": source.name, "kind": source.kind,
                        "auth": {"scheme": source.auth.scheme, "header": source.auth.header,
                                 "credential": source.auth.credential},
                        "headers": dict(source.headers), "entities": entities,
                        **({"odataVersion": source.odata_version} if source.odata_version else {}),
                        **({"csrf": True} if source.csrf else {})})
    return {"id": app.id, "name": app.name, "version": app.version,
            "defaultLocale": app.default_locale,
            "strings": {locale: dict(table) for locale, table in app.string_tables.items()},
            "startScreen": app.start_screen or (app.screens[0].name if app.screens else None),
            "sources": sources, "signIn": sign_in_description(app)}


def sign_in_description(app: App) -> dict[str, Any] | None:
    """What ``app/auth.js`` needs of the model's sign-in (public client data only)."""
    s = app.sign_in
    if s is None:
        return None
    return {"method": s.method, "issuer": s.issuer, "clientId": s.client_id,
            "scopes": list(s.scopes), "audience": s.audience, "redirectPath": s.redirect_path}


def widget_total(app: App) -> int:
    """Number of widgets in the app."""
    return sum(1 for _ in app.widgets())
