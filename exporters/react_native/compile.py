"""Print one IR screen as a typed React Native (TSX) module.

Model data only ever reaches the generated code as JS string literals (``js_str``), numbers, or
binding expressions compiled by ``designer.expressions.compile_expr(…, "ts")``; identifiers come
from the export's ``IdentifierMap``s so definition and use sites agree.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from collections.abc import Mapping

from ..base import ExportContext, ExportFailed
from ..bindings import camel_case
from ..escaping import js_str
from ..ir import App, Expr, Screen, Widget
from .widgets import WIDGETS

Loc = tuple[str | int, ...]
_IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
_VALUE_TYPES = {"string": "string | null", "enum": "string | null", "date": "string | null",
                "datetime": "string | null", "image": "string | null", "reference": "Value",
                "geo": "string | null", "integer": "number | null", "decimal": "number | null",
                "boolean": "boolean | null", "record": "Rec | null", "list": "Rec[] | null"}
_AS = {"string": "string", "enum": "string", "date": "string", "datetime": "string",
       "image": "string", "geo": "string", "integer": "number", "decimal": "number",
       "boolean": "boolean", "record": "record", "list": "list", "reference": "value"}


def ts_type(value_type: str) -> str:
    """The TS type of a screen parameter declared as ``value_type``."""
    return _VALUE_TYPES.get(value_type, "Value")


def as_fn(value_type: str) -> str:
    """The ``as.*`` conversion for a parameter of ``value_type``."""
    return "as." + _AS.get(value_type, "value")


_JSX_PLAIN = re.compile(r"^[A-Za-z0-9 .,:;!?()'+\-/#%@_\u00a0-\u00ff\u00b7\u2013\u2014\u2026]*$")


def attr(value: str) -> str:
    """A JSX attribute value: ``"text"`` for plain text, else ``{"…"}`` (JSX attribute strings
    have no escapes and decode HTML entities, so anything unusual becomes an expression)."""
    literal = js_str(value)
    if _JSX_PLAIN.match(value) and literal == f'"{value}"':
        return literal
    return "{" + literal + "}"


def key(name: str) -> str:
    """An object literal key for ``name`` (computed when it would set the prototype)."""
    return name if _IDENT.match(name) and name != "__proto__" else f"[{js_str(name)}]"


def num(value: float | int) -> str:
    """A finite number as TS source."""
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {value!r}")
    return str(int(number)) if number.is_integer() else repr(number)


@dataclass
class Names:
    """Identifiers shared by all files of one export."""

    routes: dict[str, str]            # screen name -> route name
    components: dict[str, str]        # screen name -> component / file stem
    params: dict[str, list[tuple[str, str]]]  # screen name -> [(param, type)]
    sources: dict[str, str]           # source name -> module identifier


@dataclass
class Scope:
    """Where code is emitted: the state variable and the list aliases visible there."""

    var: str = "s"
    aliases: tuple[str, ...] = ()
    visible: tuple[str, ...] = ()     # compiled visibility conditions of ancestors
    in_list: bool = False


@dataclass
class ScreenCode:
    """Pieces of one screen module, assembled by the template."""

    component: str
    route: str
    imports: dict[str, set[str]] = field(default_factory=dict)
    model_lines: list[str] = field(default_factory=list)
    handler_lines: list[str] = field(default_factory=list)
    body_lines: list[str] = field(default_factory=list)
    style_lines: list[str] = field(default_factory=list)
    has_load: bool = False


class ScreenCompiler:
    """Builds the TSX of one screen."""

    def __init__(self, ctx: ExportContext, app: App, screen: Screen, names: Names) -> None:
        self.ctx, self.app, self.screen, self.names = ctx, app, screen, names
        self.base: Loc = screen.loc
        self.idents = ctx.ident(("rn-screen", screen.id))
        self.idents.reserve("s", "at", "rt", "as", "screen", "navigation", "route", "styles",
                            "theme", "typography", "model", "params", "Props")
        self.code = ScreenCode(names.components[screen.name], names.routes[screen.name])
        self.style_names = ctx.ident(("rn-styles", screen.id))
        self.styles: list[tuple[str, dict[str, str]]] = []
        self.validators: list[str] = []
        self.handlers: list[str] = []

    # -- helpers ------------------------------------------------------------------------------

    def use(self, module: str, *names: str) -> None:
        self.code.imports.setdefault(module, set()).update(names)

    def expr(self, e: Expr, var: str = "s") -> str:
        """Compiled TS for ``e`` over state ``var`` (``null`` for an empty expression)."""
        return e.code("ts", var) if e else "null"

    def path_of(self, e: Expr) -> list[str] | None:
        return list(e.path) if e.path is not None else None

    def ident(self, *parts: str) -> str:
        """A camelCase identifier from ``parts`` (``on``, ``sync_button``, ``tap`` → onSyncButtonTap)."""
        return self.idents(tuple(parts), camel_case(parts))

    def style(self, name: str, props: dict[str, str]) -> str | None:
        """Register a StyleSheet entry; returns ``styles.name`` (None when empty)."""
        if not props:
            return None
        ident = self.style_names(("style", name), name)
        self.styles.append((ident, props))
        return f"styles.{ident}"

    # -- screen -------------------------------------------------------------------------------

    def compile(self) -> ScreenCode:
        s, base = self.screen, self.base
        self.use("react", "useMemo")
        self.use("@react-navigation/native-stack", "type NativeStackScreenProps")
        self.use("../navigation", "type RootStackParamList")
        self.use("../theme", "theme")
        self.use("react-native", "ScrollView", "StyleSheet")
        self.use("../runtime/screen", "useScreen", "type ScreenModel")
        self.use("../runtime/rt", "rt", "type Rec")
        self.model(s, base)
        root_scope = Scope()
        body = self.widget(s.root, root_scope, None)
        if s.on_load:
            self.code.has_load = True
            self.use("../runtime/screen", "useLoaded")
            self.handler("onLoad", s.on_load, (*base, "on_load"), root_scope)
        screen_style = self.style("screen", {"flex": "1", "backgroundColor": "theme.colors.background"})
        content = self.style("content", {"padding": "0", "flexGrow": "1"})
        self.use("../components/LoadError", "LoadError")
        failed = ("{screen.error ? <LoadError message={screen.error} "
                  "onRetry={() => void screen.reload()} /> : null}")
        if s.root.kind == "scroll":
            self.code.body_lines = ["<>", "  " + failed, *("  " + line for line in body), "</>"]
        else:
            self.code.body_lines = [f"<ScrollView style={{{screen_style}}} "
                                    f"contentContainerStyle={{{content}}}>", "  " + failed,
                                    *("  " + line for line in body), "</ScrollView>"]
        self.code.handler_lines = self.handlers
        self.code.style_lines = [line for ident, props in self.styles
                                 for line in _style_entry(ident, props)]
        return self.code

    def model(self, s: Screen, base: Loc) -> None:
        lines = ["params: { ...params },"]
        var_items = []
        for i, v in enumerate(s.variables):
            if v.initial:
                self.use("../runtime/rt", "plain")
                value = f"plain({self.expr(v.initial)})"
            else:
                value = {"record": "{}", "list": "[]"}.get(v.type, "null")
            var_items.append(f"{key(v.name)}: {value}")
        if var_items:
            lines.append("variables: (s) => ({")
            lines += [f"  {item}," for item in var_items]
            lines.append("}),")
        else:
            lines.append("variables: () => ({}),")
        lines.append("queries: [")
        for i, q in enumerate(s.data):
            loc = (*base, "data", i)
            source = self.app.source(q.source)
            entity = source.entity(q.entity) if source else None
            if source is None or entity is None:
                raise ExportFailed(f"{'.'.join(map(str, loc))}: unknown data `{q.source}.{q.entity}`")
            module = self.names.sources[q.source]
            self.use(f"../data/{module}", module)
            if q.mode == "one":
                load = f"(s) => {module}.one({js_str(q.entity)}, {self.expr(q.key)}, s)"
            else:
                rows = f"await {module}.list({js_str(q.entity)}, s)"
                if q.filter:
                    self.use("../runtime/screen", "where")
                    test = f"rt.truthy({self.expr(q.filter, 'r')})"
                    rows = f"where({rows}, s, (r) => {test})"
                if q.sort:
                    self.use("../runtime/screen", "sortBy")
                    rows = f"sortBy({rows}, {js_str(q.sort)})"
                load = f"async (s) => {rows}"
            lines += ["  {", f"    name: {js_str(q.name)},", f"    source: {js_str(q.source)},",
                      f"    entity: {js_str(q.entity)},", f"    load: {load},", "  },"]
        lines.append("],")
        self.code.model_lines = lines

    def finish_model(self) -> None:
        lines = self.code.model_lines
        if self.validators:
            lines.append("validators: {")
            lines += ["  " + line for line in self.validators]
            lines.append("},")
        else:
            lines.append("validators: {},")

    # -- actions ------------------------------------------------------------------------------

    def handler(self, name: str, actions: list[Any], loc: Loc, scope: Scope) -> str:
        """Define ``async (s) => …`` running ``actions``; returns its identifier."""
        ident = self.ident("on", name) if name != "onLoad" else "onLoad"
        body: list[str] = []
        for i, action in enumerate(actions):
            body += self.action(action, (*loc, i), scope)
        self.use("../runtime/rt", "type Rec")
        self.handlers += [f"const {ident} = async (s: Rec): Promise<void> => {{",
                          *("  " + line for line in body), "};"]
        return ident

    def rescope(self, call: str, scope: Scope) -> str:
        if not scope.aliases:
            return f"s = {call};"
        self.use("../runtime/screen", "rescope")
        aliases = ", ".join(js_str(a) for a in scope.aliases)
        return f"s = rescope({call}, s, [{aliases}]);"

    def action(self, a: Any, loc: Loc, scope: Scope) -> list[str]:
        e = lambda name: self.expr(getattr(a, name))  # noqa: E731
        actions = "../runtime/actions"
        t = a.type
        if t == "navigate":
            return [self.navigate(a.screen, a.params, loc)]
        if t == "go_back":
            return ["navigation.goBack();"]
        if t == "submit_form":
            self.use(actions, "submitForm")
            out = [f"if (!(await submitForm(screen, {js_str(a.source)}, {js_str(a.entity)}, "
                   f"{js_str(a.operation)}, {e('record') if a.record else '{}'}))) return;"]
            if a.then_navigate:
                out.append(self.navigate(a.then_navigate, {}, loc))
            return out
        if t == "delete":
            self.use(actions, "deleteRecord")
            source = self.app.source(a.source)
            entity = source.entity(a.entity) if source else None
            key_field = entity.key[0] if entity and entity.key else "id"
            question = js_str(a.confirm_text) if a.confirm else "null"
            return [f"if (!(await deleteRecord({js_str(a.source)}, {js_str(a.entity)}, "
                    f"{js_str(key_field)}, {e('key')}, {question}))) return;"]
        if t == "call_operation":
            self.use(actions, "callOperation")
            given = ", ".join(f"{key(k)}: {self.expr(v)}" for k, v in a.args.items())
            target = ("[" + ", ".join(js_str(p) for p in a.target.split(".")) + "]"
                      if a.target else "null")
            return [f"if (!(await callOperation(screen, {js_str(a.source)}, {js_str(a.entity)}, "
                    f"{js_str(a.operation)}, {e('record') if a.record else 'null'}, {{ {given} }}, "
                    f"s, {target}))) return;", self.rescope("screen.current()", scope)]
        if t == "refresh":
            return ["await screen.reload();"]
        simple = {"call_phone": ("callPhone", ["number"]), "send_email": ("sendEmail", ["to", "subject"]),
                  "open_map": ("openMap", ["address"]), "open_url": ("openUrl", ["url"])}
        if t in simple:
            fn, args = simple[t]
            self.use(actions, fn)
            return [f"if (!(await {fn}({', '.join(e(n) for n in args)}))) return;"]
        if t in ("take_photo", "scan_barcode"):
            fn = "photoInto" if t == "take_photo" else "barcodeInto"
            self.use(actions, fn)
            parts = ", ".join(js_str(p) for p in a.target.split("."))
            return [f"if (!(await {fn}(screen, [{parts}]))) return;",
                    self.rescope("screen.current()", scope)]
        if t == "show_message":
            self.use(actions, "message")
            return [f"message({e('text')}, {js_str(a.level)});"]
        if t == "set_variable":
            self.use("../runtime/rt", "plain")
            parts = ", ".join(js_str(p) for p in a.name.split("."))
            return [self.rescope(f"screen.set([{parts}], plain({e('value')}))", scope)]
        if t == "append_item":
            self.use(actions, "appendItem")
            parts = ", ".join(js_str(p) for p in a.target.split("."))
            fields = ", ".join(f"{key(k)}: {self.expr(v)}"
                               for k, v in a.values.items())
            return [self.rescope(f"appendItem(screen, [{parts}], {{ {fields} }})", scope)]
        if t == "sync_now":
            self.use(actions, "syncNow")
            return ["await syncNow(screen);"]
        raise ExportFailed(f"{'.'.join(map(str, loc))}: action `{t}` is not supported")

    def navigate(self, target: str, params: Mapping[str, Expr], loc: Loc) -> str:
        route = self.names.routes.get(target)
        if route is None:
            raise ExportFailed(f"{'.'.join(map(str, loc))}: no screen `{target}`")
        declared = self.names.params.get(target, [])
        for extra in sorted(set(params) - {p for p, _ in declared}):
            self.ctx.warn(f"parameter `{extra}` is not declared by screen `{target}`; not passed",
                          (*loc, "params", extra), "unknown-parameter")
        if not declared:
            return f"navigation.navigate({js_str(route)});"
        self.use("../runtime/rt", "as")
        args = []
        for name, value_type in declared:
            value = self.expr(params[name]) if name in params else "null"
            args.append(f"{key(name)}: {as_fn(value_type)}({value})")
        return f"navigation.navigate({js_str(route)}, {{ {', '.join(args)} }});"

    # -- widgets ------------------------------------------------------------------------------

    def widget(self, w: Widget, scope: Scope, parent: Widget | None) -> list[str]:
        emitter = WIDGETS.get(w.kind)
        if emitter is None:
            raise ExportFailed(f"{'.'.join(map(str, w.loc))}: widget kind `{w.kind}` is not supported")
        lines = emitter(self, w, w.loc, scope, parent)
        if w.visible_when:
            cond = f"rt.truthy({self.expr(w.visible_when, scope.var)})"
            return [f"{{{cond} ? (", *("  " + line for line in lines), ") : null}"]
        return lines

    def children(self, w: Widget, loc: Loc, scope: Scope) -> list[str]:
        inner = scope
        if w.visible_when:
            cond = f"rt.truthy({self.expr(w.visible_when)})"
            inner = Scope(scope.var, scope.aliases, (*scope.visible, cond), scope.in_list)
        out: list[str] = []
        for child in w.children:
            out += self.widget(child, inner, w)
        return out

    def text_prop(self, w: Widget, name: str, literal: str, loc: Loc, scope: Scope) -> str:
        """``{…}`` for a text property: the binding if there is one, else the literal."""
        bound = w.binding(name)
        if bound:
            self.use("../runtime/rt", "str")
            return f"{{str({self.expr(bound, scope.var)})}}"
        return attr(literal)


def _style_entry(ident: str, props: dict[str, str]) -> list[str]:
    return [f"{ident}: {{", *(f"  {k}: {v}," for k, v in props.items()), "},"]


def compile_screen(ctx: ExportContext, app: App, screen: Screen, names: Names) -> ScreenCode:
    """The pieces of the TSX module of ``screen``."""
    compiler = ScreenCompiler(ctx, app, screen, names)
    code = compiler.compile()
    compiler.finish_model()
    return code
