"""Print one IR screen as a Dart file (a StatefulWidget with its handlers).

Model text reaches Dart only through ``dart_str`` (single-quoted, ``$`` and ``\\`` escaped),
numbers, colours, or expressions compiled by ``compile_expr(…, "dart")``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from collections.abc import Mapping

from ..base import ExportContext, ExportFailed
from ..bindings import camel_case
from ..escaping import dart_str
from ..ir import App, Expr, Screen, Widget
from .dart import Lines, items

Loc = tuple[str | int, ...]
AS = {"string": "asString", "enum": "asString", "date": "asString", "datetime": "asString",
      "image": "asString", "geo": "asString", "integer": "asNumber", "decimal": "asNumber",
      "boolean": "asBool", "record": "plain", "list": "plain", "reference": "plain"}


@dataclass
class Names:
    """Identifiers shared by all files of one export."""

    routes: dict[str, str]
    classes: dict[str, str]
    files: dict[str, str]
    params: dict[str, list[tuple[str, str]]]
    features: set[str]


@dataclass
class Scope:
    var: str = "s"
    aliases: tuple[str, ...] = ()
    visible: tuple[str, ...] = ()
    in_list: bool = False


@dataclass
class ScreenCode:
    cls: str
    imports: set[str] = field(default_factory=set)
    model: Lines = field(default_factory=list)
    handlers: Lines = field(default_factory=list)
    body: Lines = field(default_factory=list)
    has_load: bool = False


class ScreenCompiler:
    """Builds the Dart of one screen."""

    def __init__(self, ctx: ExportContext, app: App, screen: Screen, names: Names) -> None:
        from ..identifiers import DART_RESERVED

        self.ctx, self.app, self.screen, self.names = ctx, app, screen, names
        self.base: Loc = screen.loc
        self.idents = ctx.ident(("dart-screen", screen.id), DART_RESERVED)
        self.idents.reserve("s", "rt", "screen", "context", "widget", "build", "initState",
                            "dispose", "setState", "mounted", "onLoad", "params")
        self.code = ScreenCode(names.classes[screen.name])
        self.validators: list[Lines] = []

    def use(self, module: str) -> None:
        self.code.imports.add(module)

    def expr(self, e: Expr, var: str = "s") -> str:
        """``e`` compiled to Dart over state ``var`` (``null`` for an empty expression)."""
        return e.code("dart", var) if e else "null"

    def path_of(self, e: Expr) -> list[str] | None:
        return list(e.path) if e.path is not None else None

    def ident(self, *parts: str) -> str:
        return self.idents(tuple(parts), camel_case(parts))

    def text(self, w: Widget, prop: str, literal: str, loc: Loc, scope: Scope) -> str:
        bound = w.binding(prop)
        if bound:
            return f"str({self.expr(bound, scope.var)})"
        return dart_str(literal)

    # -- screen -------------------------------------------------------------------------------

    def compile(self) -> ScreenCode:
        s, base = self.screen, self.base
        for module in ("package:flutter/material.dart", "../runtime/rt.dart",
                       "../runtime/screen_state.dart"):
            self.use(module)
        self.model(s, base)
        body, cond = self.widget(s.root, Scope(), None)
        if cond:
            body = [f"{cond}", *("    ? " + line if i == 0 else "      " + line
                                  for i, line in enumerate(body)), "    : const SizedBox.shrink()"]
        if s.root.kind != "scroll":
            body = ["SingleChildScrollView(", "  child: " + body[0],
                    *("  " + line for line in body[1:]), ")"]
        if s.on_load:
            self.code.has_load = True
            self.handler("onLoad", s.on_load, (*base, "on_load"), Scope(), fixed="onLoad")
        self.code.body = [body[0], *("      " + line for line in body[1:])]
        validators = self.validator_lines()
        self.code.model += ["validators: {", *validators, "},"] if validators else ["validators: {},"]
        return self.code

    def validator_lines(self) -> Lines:
        out: Lines = []
        for entry in self.validators:
            out += ["  " + line for line in entry]
        return out

    def model(self, s: Screen, base: Loc) -> None:
        lines = ["params: widget.params,"]
        entries = []
        for i, v in enumerate(s.variables):
            if v.initial:
                value = f"plain({self.expr(v.initial)})"
            else:
                value = {"record": "<String, Object?>{}", "list": "<Object?>[]"}.get(v.type, "null")
            entries.append(f"{dart_str(v.name)}: {value},")
        lines.append("variables: (s) => {" if entries else "variables: (s) => {},")
        if entries:
            lines += ["  " + e for e in entries] + ["},"]
        queries = []
        for i, q in enumerate(s.data):
            loc = (*base, "data", i)
            source = self.app.source(q.source)
            if source is None or source.entity(q.entity) is None:
                raise ExportFailed(f"{'.'.join(map(str, loc))}: unknown data `{q.source}.{q.entity}`")
            self.use("../data/core.dart")
            repo = f"Repository.registry[{dart_str(q.source)}]!"
            if q.mode == "one":
                load = f"(s) => {repo}.one({dart_str(q.entity)}, {self.expr(q.key)}, scope: s)"
            else:
                rows = f"await {repo}.list({dart_str(q.entity)}, scope: s)"
                if q.filter:
                    test = f"rt.truthy({self.expr(q.filter, 'r')})"
                    rows = f"where({rows}, s, (r) => {test})"
                if q.sort:
                    rows = f"sortBy({rows}, {dart_str(q.sort)})"
                load = f"(s) async => {rows}"
            queries.append([f"Query({dart_str(q.name)}, {dart_str(q.source)}, "
                            f"{dart_str(q.entity)},", f"    {load})"])
        lines.append("queries: [")
        for entry in queries:
            lines += ["  " + entry[0], "  " + entry[1] + ","]
        lines.append("],")
        self.code.model = lines

    # -- actions ------------------------------------------------------------------------------

    def handler(self, name: str, actions: list[Any], loc: Loc, scope: Scope,
                fixed: str | None = None) -> str:
        ident = fixed or self.ident("on", name)
        body: Lines = []
        awaited = False
        for i, action in enumerate(actions):
            lines, waits, uses_context = self.action(action, (*loc, i), scope)
            if uses_context and awaited:
                body.append("if (!mounted) return;")
            body += lines
            awaited = awaited or waits
        self.code.handlers += [f"Future<void> {ident}(Rec s) async {{",
                               *("  " + line for line in body), "}", ""]
        return ident

    def rescope(self, call_src: str, scope: Scope) -> str:
        if not scope.aliases:
            return f"s = {call_src};"
        aliases = ", ".join(dart_str(a) for a in scope.aliases)
        return f"s = rescope({call_src}, s, [{aliases}]);"

    def action(self, a: Any, loc: Loc, scope: Scope) -> tuple[Lines, bool, bool]:
        """(lines, awaits something, uses BuildContext)."""
        e = lambda name: self.expr(getattr(a, name))  # noqa: E731
        t = a.type
        if t in ("submit_form", "delete", "call_operation", "call_phone", "send_email", "open_map", "open_url",
                 "show_message", "append_item", "sync_now"):
            self.use("../runtime/actions.dart")
        if t == "navigate":
            return [self.navigate(a.screen, a.params, loc)], False, True
        if t == "go_back":
            return ["Navigator.of(context).maybePop();"], False, True
        if t == "submit_form":
            record = e("record") if a.record else "<String, Object?>{}"
            out = [f"if (!await submitForm(context, screen, {dart_str(a.source)}, "
                   f"{dart_str(a.entity)}, {dart_str(a.operation)}, {record})) return;"]
            if a.then_navigate:
                out += ["if (!mounted) return;", self.navigate(a.then_navigate, {}, loc)]
            return out, True, True
        if t == "delete":
            source = self.app.source(a.source)
            entity = source.entity(a.entity) if source else None
            key_field = entity.key[0] if entity and entity.key else "id"
            question = dart_str(a.confirm_text) if a.confirm else "null"
            return [f"if (!await deleteRecord(context, {dart_str(a.source)}, {dart_str(a.entity)}, "
                    f"{dart_str(key_field)}, {e('key')}, {question})) return;"], True, True
        if t == "call_operation":
            given = ", ".join(f"{dart_str(k)}: {self.expr(v)}" for k, v in a.args.items())
            target = ("[" + ", ".join(dart_str(p) for p in a.target.split(".")) + "]"
                      if a.target else "null")
            record = e("record") if a.record else "null"
            return [f"if (!await callOperation(context, screen, {dart_str(a.source)}, "
                    f"{dart_str(a.entity)}, {dart_str(a.operation)}, {record}, "
                    f"<String, Object?>{{{given}}}, s, {target})) return;",
                    self.rescope("screen.s", scope)], True, True
        if t == "refresh":
            return ["await screen.reload();"], True, False
        simple = {"call_phone": ("callPhone", ["number"]), "send_email": ("sendEmail", ["to", "subject"]),
                  "open_map": ("openMap", ["address"]), "open_url": ("openUrl", ["url"])}
        if t in simple:
            fn, args = simple[t]
            return [f"if (!await {fn}({', '.join(e(n) for n in args)})) return;"], True, False
        if t in ("take_photo", "scan_barcode"):
            self.use("../widgets/device/camera.dart")
            source = "takePhoto()" if t == "take_photo" else "scanBarcode(context)"
            parts = ", ".join(dart_str(p) for p in a.target.split("."))
            var = self.ident("captured", t)
            return [f"final {var} = await {source};", f"if ({var} == null) return;",
                    self.rescope(f"screen.set([{parts}], {var})", scope)], True, t == "scan_barcode"
        if t == "show_message":
            return [f"showMessage(context, {e('text')}, {dart_str(a.level)});"], False, True
        if t == "set_variable":
            parts = ", ".join(dart_str(p) for p in a.name.split("."))
            return [self.rescope(f"screen.set([{parts}], plain({e('value')}))", scope)], False, False
        if t == "append_item":
            parts = ", ".join(dart_str(p) for p in a.target.split("."))
            fields = ", ".join(f"{dart_str(k)}: {self.expr(v)}"
                               for k, v in a.values.items())
            return [self.rescope(f"appendItem(screen, [{parts}], {{{fields}}})", scope)], False, False
        if t == "sync_now":
            return ["await syncNow(screen);"], True, False
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
            return f"Navigator.of(context).pushNamed({dart_str(route)});"
        args = ", ".join(
            f"{dart_str(name)}: {AS.get(t, 'plain')}("
            f"{self.expr(params[name]) if name in params else 'null'})"
            for name, t in declared)
        return (f"Navigator.of(context).pushNamed({dart_str(route)}, "
                f"arguments: <String, Object?>{{{args}}});")

    # -- widgets ------------------------------------------------------------------------------

    def widget(self, w: Widget, scope: Scope, parent: Widget | None) -> tuple[Lines, str | None]:
        """The widget expression and its visibility condition (None = always shown)."""
        from .widgets import WIDGETS, place

        emitter = WIDGETS.get(w.kind)
        if emitter is None:
            raise ExportFailed(f"{'.'.join(map(str, w.loc))}: widget kind `{w.kind}` is not supported")
        lines = place(self, w, emitter(self, w, w.loc, scope, parent), parent)
        cond = None
        if w.visible_when:
            cond = f"rt.truthy({self.expr(w.visible_when, scope.var)})"
        return lines, cond

    def children(self, w: Widget, loc: Loc, scope: Scope) -> Lines:
        """``[a, if (cond) b, …]`` of a container's children."""
        inner = scope
        if w.visible_when:
            cond = f"rt.truthy({self.expr(w.visible_when)})"
            inner = Scope(scope.var, scope.aliases, (*scope.visible, cond), scope.in_list)
        entries = []
        for child in w.children:
            lines, cond = self.widget(child, inner, w)
            if cond:
                lines = [f"if ({cond}) {lines[0]}", *lines[1:]]
            entries.append(lines)
        return items(entries)


def compile_screen(ctx: ExportContext, app: App, screen: Screen, names: Names) -> ScreenCode:
    return ScreenCompiler(ctx, app, screen, names).compile()
