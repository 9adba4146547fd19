"""Whole-app semantic validation: references, names, containment, bindings, actions, secrets.

Schema validation (types, unknown keys) happens when the file is read; this finds what a
well-typed model can still get wrong. Every problem carries its JSON path.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Iterator

from designer.expressions import ExpressionError, check
from designer.expressions.types import ListType
from widgets import CATALOG, ContainerBase, WidgetBase

from .actions import (AppendItem, CallOperation, DeleteRecord, Navigate, Pattern, Refresh,
                      ScanBarcode, SetVariable, SubmitForm, TakePhoto)
from .app import App, Screen
from .base import MAX_WIDGET_DEPTH
from .exprcheck import ACTION_EXPR_FIELDS, binding_issues, expr_issues
from .gc_pause import gc_paused
from .names import app_names, header_value_problem, key_problem, reserved_message
from .callcheck import call_problems
from .opcheck import operation_findings, screen_names
from .portable_regex import pattern_error
from .problems import Problem
from .scope import ModelScope, TypeFactory, screen_roots, string_keys, widget_scopes
from .rolecheck import role_findings, start_screen_findings
from .signin import STANDARD_CLAIMS, secure_url_problem
from .user import USER_ROOT
from .secrets_scan import (CREDENTIAL_MESSAGE, LITERAL_MESSAGE, header_message, header_secret,
                           dumped_parts, looks_like_key, scan)
from .urls import HTTP_SOURCE_KINDS, base_url_problem

P = tuple[str | int, ...]


def _near(name: str, candidates: Any) -> str | None:
    close = difflib.get_close_matches(name, sorted(set(candidates)), n=1, cutoff=0.6)
    return close[0] if close else None


def validate_app(app: App, file: str = "") -> list[Problem]:
    """Every semantic problem of ``app`` (errors and warnings), in file order."""
    with gc_paused():
        return list(_Validator(app, file).run())


class _Validator:
    def __init__(self, app: App, file: str) -> None:
        self.app = app
        self.file = file
        self.types = TypeFactory(app)
        self.seen_ids: dict[str, P] = {}
        self.screens = {s.name: s for s in reversed(app.screens)}   # first one wins, as app.screen
        self.sources = {d.name: d for d in reversed(app.data_sources)}

    def problem(self, message: str, path: P, code: str, severity: str = "error",
                suggestion: str | None = None) -> Problem:
        return Problem(message, path, severity, code, suggestion, self.file)  # type: ignore[arg-type]

    def run(self) -> Iterator[Problem]:
        app = self.app
        yield from self._ids(app.id, ("id",))
        if app.start_screen and app.screen(app.start_screen) is None:
            yield self.problem(f"no screen named `{app.start_screen}`", ("start_screen",),
                               "ref.screen", suggestion=_near(app.start_screen,
                                                              (s.name for s in app.screens)))
        if app.theme.logo and not _safe_asset(app.theme.logo):
            yield self.problem("the logo must be an asset file name (no folders) or an https:// URL",
                               ("theme", "logo"), "asset.name")
        for path, name, what in app_names(app):
            message = reserved_message(name, what)
            if message is not None:
                yield self.problem(message, path, "name.reserved")
            message = key_problem(name, what)
            if message is not None:
                yield self.problem(message, path, "name.characters")
        for di, source in enumerate(app.data_sources):
            for header, value in source.headers.items():
                message = header_value_problem(value)
                if message is not None:
                    yield self.problem(message, ("data_sources", di, "headers", header),
                                       "header.value")
        yield from self._unique([s.name for s in app.screens], ("screens",), "screen")
        yield from self._unique([d.name for d in app.data_sources], ("data_sources",), "data source")
        yield from self._sign_in()
        for message, path, code, severity, near in start_screen_findings(app):
            yield self.problem(message, path, code, severity, near)
        yield from self._sources()
        for si, screen in enumerate(app.screens):
            yield from self._screen(screen, ("screens", si))
        for where, dumped in dumped_parts(app):      # piece by piece: a whole dump of a big
            for path, kind in scan(dumped, where):  # model costs its size again, twice over
                yield self.problem(LITERAL_MESSAGE.format(kind=kind), path, "secret.literal")

    def _sign_in(self) -> Iterator[Problem]:
        sign_in = self.app.sign_in
        needed = {"oidc": ("issuer", "client_id"), "password": ("token_endpoint",)}
        for name in needed.get(sign_in.method, ()):
            if not getattr(sign_in, name):
                yield self.problem(f"sign-in method `{sign_in.method}` needs `{name}`",
                                   ("sign_in", name), "signin.missing")
        for name in ("issuer", "token_endpoint"):
            value = getattr(sign_in, name)
            problem = secure_url_problem(value) if value else None
            if problem is not None:
                yield self.problem(f"{name.replace('_', ' ')} {problem}", ("sign_in", name),
                                   "signin.url")
        if sign_in.method == "oidc" and "openid" not in sign_in.scopes:
            yield self.problem("OpenID Connect needs the `openid` scope", ("sign_in", "scopes"),
                               "signin.scope")
        seen: set[str] = set()
        for ci, claim in enumerate(sign_in.claims):
            if claim.name in STANDARD_CLAIMS or claim.name in seen:
                yield self.problem(f"claim `{claim.name}` is already `user.{claim.name}`",
                                   ("sign_in", "claims", ci, "name"), "name.duplicate")
            seen.add(claim.name)

    def _role(self, role: str | None, path: P, what: str) -> Iterator[Problem]:
        for message, where, code, severity, near in role_findings(self.app, role, path, what):
            yield self.problem(message, where, code, severity, near)

    def _ids(self, value: str, path: P) -> Iterator[Problem]:
        if value in self.seen_ids:
            yield self.problem(f"id {value!r} is also used at "
                               f"{_fmt(self.seen_ids[value])}", path, "id.duplicate")
        else:
            self.seen_ids[value] = path

    def _unique(self, names: list[str], path: P, what: str) -> Iterator[Problem]:
        seen: set[str] = set()
        for i, name in enumerate(names):
            if name in seen:
                yield self.problem(f"{what} name `{name}` is used twice", path + (i, "name"),
                                   "name.duplicate")
            seen.add(name)

    def _sources(self) -> Iterator[Problem]:
        for di, source in enumerate(self.app.data_sources):
            base: P = ("data_sources", di)
            yield from self._ids(source.id, base + ("id",))
            problem = base_url_problem(source.base_url,
                                       file_allowed=source.kind not in HTTP_SOURCE_KINDS)
            if problem is not None:
                yield self.problem(problem, base + ("base_url",), "url.base")
            if looks_like_key(source.auth.credential):
                yield self.problem(CREDENTIAL_MESSAGE, base + ("auth", "credential"),
                                   "secret.literal")
            for header, value in source.headers.items():
                if header_secret(header, value):
                    yield self.problem(header_message(header), base + ("headers", header),
                                       "secret.literal")
            if source.auth.scheme == "user":
                if not self.app.sign_in.enabled:
                    yield self.problem("auth scheme `user` sends the signed-in user's token, but "
                                       "the app has no sign-in (set `sign_in.method`)",
                                       base + ("auth", "scheme"), "auth.user")
                if source.auth.credential:
                    yield self.problem("auth scheme `user` uses the signed-in user's token; "
                                       "remove the credential name", base + ("auth", "credential"),
                                       "auth.user", severity="warning")
            elif source.auth.scheme != "none" and not source.auth.credential:
                yield self.problem("auth needs a credential name (kept in the keyring or env)",
                                   base + ("auth", "credential"), "auth.credential",
                                   severity="warning")
            yield from self._unique([e.name for e in source.entities], base + ("entities",), "entity")
            names = [e.name for e in source.entities]
            for ei, entity in enumerate(source.entities):
                epath = base + ("entities", ei)
                yield from self._unique([f.name for f in entity.fields], epath + ("fields",), "field")
                fields = {f.name for f in entity.fields}
                record = self.types.record(source, entity)
                for message, rel, code, severity, near in operation_findings(source, entity,
                                                                             record):
                    yield self.problem(message, epath + rel, code, severity, near)
                for ki, key in enumerate(entity.key):
                    if key not in fields:
                        yield self.problem(f"key field `{key}` is not a field of `{entity.name}`",
                                           epath + ("key", ki), "ref.field",
                                           suggestion=_near(key, fields))
                wires: dict[str, str] = {}
                for fi, fld in enumerate(entity.fields):
                    fpath = epath + ("fields", fi)
                    if fld.wire in wires:
                        yield self.problem(f"`{wires[fld.wire]}` and `{fld.name}` both read the "
                                           f"back-end field `{fld.wire}`", fpath + ("wire_name",),
                                           "field.wire")
                    wires.setdefault(fld.wire, fld.name)
                    if fld.type in ("reference", "list") and fld.entity not in names:
                        yield self.problem(f"{fld.type} field needs an entity of `{source.name}`",
                                           fpath + ("entity",), "ref.entity",
                                           suggestion=_near(fld.entity, names))
                    if fld.type == "enum" and not fld.enum_values:
                        yield self.problem("enum field has no values", fpath + ("enum_values",),
                                           "field.enum", severity="warning")

    def _screen(self, screen: Screen, base: P) -> Iterator[Problem]:
        app = self.app
        yield from self._ids(screen.id, base + ("id",))
        yield from self._role(screen.requires_role, base + ("requires_role",), "screen")
        for qi, query in enumerate(screen.data):
            qpath = base + ("data", qi)
            source = self.sources.get(query.source)
            if source is None:
                yield self.problem(f"no data source named `{query.source}`", qpath + ("source",),
                                   "ref.source", suggestion=_near(query.source,
                                                                  (d.name for d in app.data_sources)))
            elif source.entity(query.entity) is None:
                yield self.problem(f"`{query.source}` has no entity `{query.entity}`",
                                   qpath + ("entity",), "ref.entity",
                                   suggestion=_near(query.entity, (e.name for e in source.entities)))
            if query.filter and source is not None and source.entity(query.entity) is not None:
                row = self.types.record(source, source.entity(query.entity))  # type: ignore[arg-type]
                roots = screen_roots(app, screen, self.types)
                yield from self._expr(query.filter, ModelScope({**roots, "row": row}, ()),
                                      qpath + ("filter",), True)
            entity = source.entity(query.entity) if source is not None else None
            if entity is not None and source is not None and source.kind in ("rest", "odata"):
                yield from self._query_params(screen, source, entity, query, qpath)
            if query.key:
                yield from self._expr(query.key, ModelScope(screen_roots(app, screen, self.types),
                                                            ()), qpath + ("key",))
            elif query.mode == "one":
                yield self.problem("a single-record query needs a key expression", qpath + ("key",),
                                   "query.key")
        for kind, items in (("parameters", screen.parameters), ("variables", screen.variables),
                            ("data", screen.data)):
            for i, item in enumerate(items):
                if item.name == USER_ROOT and app.sign_in.enabled:
                    yield self.problem("`user` is the signed-in user in expressions; give this "
                                       "another name", base + (kind, i, "name"), "name.user")
                if kind == "data":
                    continue
                if item.type in ("record", "list", "reference") and \
                        self.types.entity_ref(item.entity) is None:
                    yield self.problem(f"`{item.entity}` is not a `source.Entity` of this app",
                                       base + (kind, i, "entity"), "ref.entity")
        if not isinstance(screen.root, ContainerBase):
            yield self.problem("a screen's root must be a container", base + ("root",),
                               "container.root")
        scope0 = ModelScope(screen_roots(app, screen, self.types), string_keys(app))
        yield from self._actions(screen.on_load, base + ("on_load",), scope0, screen)
        scopes = widget_scopes(app, screen, self.types)
        names: dict[str, P] = {}
        too_deep = False
        for widget, parent, wpath in _walk_paths(screen.root, base + ("root",)):
            level = wpath.count("children") + 1
            if level > MAX_WIDGET_DEPTH:
                if not too_deep:        # one problem per screen, at the first widget too deep
                    too_deep = True
                    yield self.problem(f"widgets are nested {level} levels deep; the limit is "
                                       f"{MAX_WIDGET_DEPTH}", wpath, "container.depth")
                continue
            yield from self._ids(widget.id, wpath + ("id",))
            if widget.name in names:
                yield self.problem(f"widget name `{widget.name}` is already used on screen "
                                   f"`{screen.name}`", wpath + ("name",), "name.duplicate")
            names[widget.name] = wpath
            if parent is not None and not CATALOG.allows_child(parent.kind, widget.kind):
                yield self.problem(f"a {parent.kind} cannot hold a {widget.kind}", wpath,
                                   "container.child")
            if parent is not None and parent.kind == "free" and widget.layout.frame is None:
                yield self.problem("a child of a free layout needs a frame (x, y, w, h)",
                                   wpath + ("layout",), "layout.frame")
            yield from self._widget(widget, wpath, scopes[widget.id], screen)

    def _expr(self, text: str, scope: Any, path: P, want_bool: bool = False) -> Iterator[Problem]:
        for issue in expr_issues(text, scope, want_bool):
            yield self.problem(issue.message, path, issue.code, suggestion=issue.suggestion)

    def _widget(self, widget: WidgetBase, path: P, scope: Any, screen: Screen) -> Iterator[Problem]:
        cls = type(widget)
        src = widget.__dict__.get("src", "")
        if widget.kind == "image" and src and not _safe_asset(src):
            yield self.problem("an image must be an asset file name (no folders) or an https:// URL",
                               path + ("src",), "asset.name")
        if widget.visible_when:
            yield from self._expr(widget.visible_when, scope, path + ("visible_when",), True)
        for prop, expr in widget.bindings.items():
            bpath = path + ("bindings", prop)
            if prop not in cls.BINDABLE:
                yield self.problem(f"{widget.kind} cannot bind `{prop}`", bpath, "binding.prop",
                                   suggestion=_near(prop, cls.BINDABLE))
                continue
            for issue in binding_issues(widget.kind, prop, expr, scope):
                yield self.problem(issue.message, bpath, issue.code, suggestion=issue.suggestion)
        if widget.kind == "list" and not widget.bindings.get("items"):
            yield self.problem("a list needs an `items` binding to a collection",
                               path + ("bindings",), "list.items")
        for event, actions in widget.actions.items():
            if event not in cls.EVENTS:
                yield self.problem(f"{widget.kind} has no `{event}` event", path + ("actions", event),
                                   "action.event", suggestion=_near(event, cls.EVENTS))
            inner = scope
            if event == "item_tap" and widget.kind == "list":
                inner = scope.with_roots({widget.item_alias: _item_type(widget, scope)})
            yield from self._actions(actions, path + ("actions", event), inner, screen)
        for ri, rule in enumerate(widget.__dict__.get("validation", ())):
            rpath = path + ("validation", ri)
            if isinstance(rule, Pattern):
                error = pattern_error(rule.pattern)  # the dialect the exported apps compile
                if error is not None:
                    yield self.problem(f"invalid pattern: {error}", rpath + ("pattern",),
                                       "rule.pattern")
            elif rule.rule == "expression":
                from designer.expressions.types import ANY
                yield from self._expr(rule.expression, scope.with_roots({"value": ANY}),
                                      rpath + ("expression",), True)

    def _actions(self, actions: list[Any], path: P, scope: Any, screen: Screen) -> Iterator[Problem]:
        app = self.app
        variables = {v.name for v in screen.variables}
        for ai, action in enumerate(actions):
            apath = path + (ai,)
            yield from self._role(action.requires_role, apath + ("requires_role",), "action")
            if isinstance(action, Navigate):
                target = self.screens.get(action.screen)
                if target is None:
                    yield self.problem(f"no screen named `{action.screen}`", apath + ("screen",),
                                       "ref.screen", suggestion=_near(action.screen,
                                                                      (s.name for s in app.screens)))
                    continue
                declared = {p.name for p in target.parameters}
                for name, expr in action.params.items():
                    if name not in declared:
                        yield self.problem(f"screen `{target.name}` has no parameter `{name}`",
                                           apath + ("params", name), "ref.param",
                                           suggestion=_near(name, declared))
                    yield from self._expr(expr, scope, apath + ("params", name))
                for p in target.parameters:
                    if p.required and p.name not in action.params:
                        yield self.problem(f"screen `{target.name}` needs parameter `{p.name}`",
                                           apath + ("params",), "ref.param")
            elif isinstance(action, (SubmitForm, DeleteRecord, Refresh)):
                yield from self._entity_action(action, apath)
            elif isinstance(action, CallOperation):
                yield from call_problems(self, action, apath, scope, variables)
            elif isinstance(action, (SetVariable, TakePhoto, ScanBarcode, AppendItem)):
                name = action.name if isinstance(action, SetVariable) else action.target
                key = "name" if isinstance(action, SetVariable) else "target"
                yield from self._expr(name, scope, apath + (key,))
                name = name.split(".")[0]
                if name not in variables:
                    yield self.problem(f"screen `{screen.name}` has no variable `{name}`",
                                       apath + (key,), "ref.variable",
                                       suggestion=_near(name, variables))
            for field_name, value in action:
                if field_name in ("values", "args") and isinstance(value, dict):
                    for key, expr in value.items():
                        yield from self._expr(expr, scope, apath + (field_name, key))
                if field_name in ("params", "type") or not isinstance(value, str) or not value:
                    continue
                if field_name in ACTION_EXPR_FIELDS.get(action.type, ()):
                    yield from self._expr(value, scope, apath + (field_name,))

    def _query_params(self, screen: Screen, source: Any, entity: Any, query: Any,
                      path: P) -> Iterator[Problem]:
        """A query's operation may take parameters from the screen (a contained entity's parent
        key): the screen must have them, or the app's call is refused."""
        op = entity.operation("list" if query.mode == "many" else "get")
        if op is None:
            return
        have = {p.name for p in screen.parameters} | {v.name for v in screen.variables} | \
            {q.name for q in screen.data}
        for name in screen_names(op):
            if name not in have:
                yield self.problem(
                    f"`{query.name}` loads `{entity.name}` with {op.method} {op.path}, which "
                    f"needs `{name}` from the screen; add a screen parameter `{name}` (and pass "
                    "it when navigating here)", path, "query.param")

    def _entity_action(self, action: Any, path: P) -> Iterator[Problem]:
        if action.source is None:
            return
        source = self.sources.get(action.source)
        if source is None:
            yield self.problem(f"no data source named `{action.source}`", path + ("source",),
                               "ref.source", suggestion=_near(action.source,
                                                              (d.name for d in self.app.data_sources)))
            return
        if action.entity is None:
            return
        entity = source.entity(action.entity)
        if entity is None:
            yield self.problem(f"`{source.name}` has no entity `{action.entity}`", path + ("entity",),
                               "ref.entity", suggestion=_near(action.entity,
                                                              (e.name for e in source.entities)))
            return
        op = getattr(action, "operation", None) or {"delete": "delete", "refresh": "list"}[action.type]
        if source.bundled and not source.can(entity, op):
            yield self.problem(f"`{entity.name}` is data shipped with the app (from a "
                               f"{source.kind.upper()} file) and read-only: set its offline mode "
                               "to `offline_read_write` to let the app change rows on the device",
                               path, "ref.operation", severity="warning")
        elif not source.can(entity, op):
            yield self.problem(f"`{entity.name}` has no `{op}` operation", path, "ref.operation",
                               severity="warning")


_ASSET_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_. -]{0,127}$")


def _safe_asset(value: str) -> bool:
    """An asset file name without folders, or an https URL."""
    if value.startswith("https://"):
        return not any(c in value for c in "\"<> \n\r\t")
    return bool(_ASSET_NAME.match(value)) and ".." not in value


def _item_type(widget: Any, scope: Any) -> Any:
    from designer.expressions.types import ANY
    try:
        found = check(widget.bindings.get("items", ""), scope)
    except ExpressionError:
        return ANY
    return found.item if isinstance(found, ListType) else ANY


def _walk_paths(root: WidgetBase, path: P) -> Iterator[tuple[WidgetBase, ContainerBase | None, P]]:
    stack: list[tuple[WidgetBase, ContainerBase | None, P]] = [(root, None, path)]
    while stack:
        widget, parent, wpath = stack.pop()
        yield widget, parent, wpath
        if isinstance(widget, ContainerBase):
            stack.extend((c, widget, wpath + ("children", i))
                         for i, c in reversed(list(enumerate(widget.children))))


def _fmt(path: P) -> str:
    from .problems import format_path
    return format_path(path)
