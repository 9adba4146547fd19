"""What ``Document`` checks before an edit: expressions, references and literal secrets.

Only the value being changed is checked, in the scope it will have — never the whole document,
so an edit costs the same in a 10-widget app and a 10,000-widget one. How strictly depends on
the edit (``Check``):

- ``"new"``: the user is creating this value. Anything ``fieldcraft validate`` would report
  about it as a broken expression or reference is refused with a typed error.
- ``"copy"``: widgets copied from elsewhere (paste, duplicate, a drop). What is wrong wherever
  it is put (a syntax error, an unknown function, a literal secret) is refused; references
  that only fail *here* (another screen's parameter, a list item alias outside its list) are
  kept and returned as problems, as if the file had been loaded that way.
- ``"restore"``: undo/redo putting back exactly what the document held before. Nothing here
  is checked, so undo is never refused.

Edits whose effect breaks *other* expressions (removing a parameter, renaming a list's item
alias, re-importing a source without a field) are allowed; validation reports those, as it
does for a file that contains them. A value that is only *missing* (an empty expression, a
navigation without its required parameters yet) is allowed too: validation reports it.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Literal, Sequence

from pydantic import BaseModel
from widgets import ContainerBase, WidgetBase

from .app import App, Screen
from .errors import (BindingError, InvalidNameError, ModelError, SecretInModelError,
                     UnknownReferenceError)
from .exprcheck import AnyScope, ExprIssue, action_expressions, binding_issues, expr_issues
from .names import key_problem, reserved_message
from .portable_regex import pattern_error
from .problems import Problem, format_path
from .scope import ModelScope, TypeFactory, item_scope, scope_at, subtree_scopes
from .secrets_scan import source_secrets, strings, value_secrets

Check = Literal["new", "copy", "restore"]
P = tuple[str | int, ...]
#: Widget properties holding expressions.
EXPR_PROPS = frozenset({"bindings", "visible_when", "actions", "validation"})


def dumped(value: Any) -> Any:
    """``value`` as plain JSON data (pydantic models dumped as in the file)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    if isinstance(value, dict):
        return {k: dumped(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [dumped(v) for v in value]
    return value


def refuse_secrets(value: Any, where: str, old: Any = None) -> None:
    """SecretInModelError if ``value`` holds a literal credential that ``old`` did not."""
    if isinstance(value, (int, float, bool)) or value is None:
        return
    known = strings(dumped(old)) if old is not None else ()
    for path, _text, message in value_secrets(dumped(value), known):
        raise SecretInModelError(message, path=_join(where, path))


def refuse_source_secrets(source: Any, old: Any = None) -> None:
    """SecretInModelError if data source ``source`` holds a literal credential ``old`` did not."""
    known = {text for _p, text, _m in source_secrets(old)} if old is not None else set()
    for path, text, message in source_secrets(source):
        if text not in known:
            raise SecretInModelError(message, path=_join(f"data source `{source.name}`", path))


def refuse_reserved(found: Iterable[tuple[P, str, str]], keep: Iterable[str] = ()) -> None:
    """InvalidNameError for the first reserved or unprintable name of ``found`` (``(path, name, what)``, as
    ``names.app_names`` gives) that is not in ``keep`` — names the document already held, so
    an edit is never blocked by what a loaded file contained."""
    kept = set(keep)
    for path, name, what in found:
        message = reserved_message(name, what) or key_problem(name, what)
        if message is not None and name not in kept:
            raise InvalidNameError(message, path=format_path(path) if path else "")


class WidgetEdit:
    """Checks one widget's new property value, or a whole subtree being inserted."""

    def __init__(self, app: App, screen: Screen, ancestors: Sequence[WidgetBase],
                 check: Check) -> None:
        self.app, self.screen, self.check = app, screen, check
        self.ancestors = ancestors
        self.kept: list[Problem] = []
        self._scope: ModelScope | None = None

    @property
    def scope(self) -> ModelScope:
        """The scope of the edited widget (built once, on first use)."""
        if self._scope is None:
            self._scope = scope_at(self.app, self.screen, self.ancestors, TypeFactory(self.app))
        return self._scope

    def prop(self, widget: WidgetBase, name: str, value: Any, old: Any) -> None:
        """Check ``widget.name = value`` (``old`` is the current value)."""
        if name not in EXPR_PROPS:
            return
        parts: list[tuple[P, Any]] = []
        if name == "visible_when" and value and value != old:
            parts.append((("visible_when",), value))
        elif name == "bindings":
            parts.extend((("bindings", k), v) for k, v in value.items() if v and old.get(k) != v)
        elif name == "actions":
            before = [a for actions in old.values() for a in actions]
            parts.extend((("actions", event, i), action) for event, actions in value.items()
                         for i, action in enumerate(actions) if action not in before)
        elif name == "validation":
            parts.extend((("validation", i), rule) for i, rule in enumerate(value)
                         if rule not in old)
        for path, part in parts:
            self._part(widget, path, part, self.scope)

    def subtree(self, root: WidgetBase) -> None:
        """Check every expression of an inserted subtree (all of it is new)."""
        if not any(_has_expressions(w) for w in _walk(root)):
            return                      # the common case: nothing to resolve
        scopes = subtree_scopes(root, self.scope)
        for widget in _walk(root):
            scope = scopes[widget.id]
            if widget.visible_when:
                self._part(widget, ("visible_when",), widget.visible_when, scope)
            for prop, text in widget.bindings.items():
                if text:
                    self._part(widget, ("bindings", prop), text, scope)
            for event, actions in widget.actions.items():
                for i, action in enumerate(actions):
                    self._part(widget, ("actions", event, i), action, scope)
            for i, rule in enumerate(widget.__dict__.get("validation", ())):
                self._part(widget, ("validation", i), rule, scope)

    # ----------------------------------------------------------------- internals
    def _part(self, widget: WidgetBase, path: P, part: Any, scope: Any) -> None:
        for sub, issue, text in _issues(widget, path, part, scope):
            if self.check == "copy":
                lenient = AnyScope(scope.string_keys())
                if not any(i.code == issue.code for _s, i, _t in
                           _issues(widget, path, part, lenient) if _s == sub):
                    self.kept.append(Problem(issue.message, sub, "error", issue.code,
                                             issue.suggestion, extra={
                                                 "reference": text[issue.start:issue.end]}))
                    continue
            raise _error(issue, _join(widget.name, sub), text)


def _issues(widget: WidgetBase, path: P, part: Any, scope: Any
            ) -> Iterator[tuple[P, ExprIssue, str]]:
    """``(path, issue, expression)`` for each problem of one part of a widget."""
    if path[0] == "visible_when":
        yield from ((path, i, part) for i in expr_issues(part, scope, want_bool=True))
    elif path[0] == "bindings":
        yield from ((path, i, part) for i in binding_issues(widget.kind, str(path[1]), part, scope))
    elif path[0] == "validation":
        if getattr(part, "rule", "") == "pattern":
            yield from ((path + ("pattern",), i, part.pattern) for i in pattern_issues(part.pattern))
        elif getattr(part, "rule", "") == "expression" and part.expression:
            from designer.expressions.types import ANY
            inner = scope.with_roots({"value": ANY})
            yield from ((path + ("expression",), i, part.expression)
                        for i in expr_issues(part.expression, inner, want_bool=True))
    elif path[0] == "actions":
        if path[1] == "item_tap" and widget.kind == "list":
            scope = item_scope(widget, scope)
        yield from action_issues(part, path, scope)


def pattern_issues(pattern: str) -> Iterator[ExprIssue]:
    """The problem of a validation-rule pattern, in the dialect the exported apps compile
    (``portable_regex``; the same check as ``fieldcraft validate`` and the rules editor)."""
    error = pattern_error(pattern)
    if error is not None:
        end = min(error.position + 1, len(pattern))
        yield ExprIssue("rule.pattern", f"invalid pattern: {error}", error.message,
                        error.position, max(end, error.position))


def action_issues(action: Any, path: P, scope: Any) -> Iterator[tuple[P, ExprIssue, str]]:
    """Problems of one action's expressions (which screen it opens, with which parameter
    names, is picked from lists in the designer and left to validation)."""
    for sub, text in action_expressions(action):
        yield from ((path + sub, i, text) for i in expr_issues(text, scope))


def screen_edit(app: App, trial: Screen, name: str, value: Any, old: Any) -> None:
    """Check ``screen.name = value`` on ``trial`` (a copy of the screen already holding it)."""
    types = TypeFactory(app)
    if name == "on_load":
        scope = scope_at(app, trial, (), types)
        for i, action in enumerate(value):
            if action not in old:
                for path, issue, text in action_issues(action, ("on_load", i), scope):
                    raise _error(issue, _join(f"screen `{trial.name}`", path), text)
    elif name == "data":
        from .scope import screen_roots
        for i, query in enumerate(value):
            if query in old:
                continue
            where = f"screen `{trial.name}`.data[{i}]"
            source = app.source(query.source)
            entity = source.entity(query.entity) if source else None
            if source is None:
                raise UnknownReferenceError(f"no data source named `{query.source}`", where,
                                            _near(query.source, (d.name for d in app.data_sources)))
            if entity is None:
                raise UnknownReferenceError(f"`{query.source}` has no entity `{query.entity}`",
                                            where, _near(query.entity,
                                                         (e.name for e in source.entities)))
            roots = screen_roots(app, trial, types)
            if query.filter:
                scope = ModelScope({**roots, "row": types.record(source, entity)}, ())
                for issue in expr_issues(query.filter, scope, want_bool=True):
                    raise _error(issue, where + ".filter", query.filter)
            if query.key:
                for issue in expr_issues(query.key, ModelScope(roots, ())):
                    raise _error(issue, where + ".key", query.key)
    elif name in ("parameters", "variables"):
        for i, item in enumerate(value):
            if item not in old and item.type in ("record", "list", "reference") and \
                    types.entity_ref(item.entity) is None:
                raise UnknownReferenceError(f"`{item.entity}` is not a `source.Entity` of this "
                                            "app", f"screen `{trial.name}`.{name}[{i}].entity")


def _error(issue: ExprIssue, where: str, text: str) -> ModelError:
    if issue.code.startswith("ref."):
        return UnknownReferenceError(issue.message, where, issue.suggestion)
    return BindingError(issue.message, where, issue.suggestion, expression=text,
                        start=issue.start, end=issue.end, reason=issue.reason)


def _near(name: str, candidates: Iterable[str]) -> str | None:
    from designer.expressions.errors import closest
    return closest(name, candidates)


def _has_expressions(widget: WidgetBase) -> bool:
    return bool(widget.bindings or widget.visible_when or widget.actions or
                widget.__dict__.get("validation"))


def _walk(root: WidgetBase) -> Iterator[WidgetBase]:
    stack = [root]
    while stack:
        widget = stack.pop()
        yield widget
        if isinstance(widget, ContainerBase):
            stack.extend(reversed(widget.children))


def _join(where: str, path: Sequence[str | int]) -> str:
    tail = format_path(path)
    if not tail:
        return where
    return f"{where}{tail}" if tail.startswith("[") else f"{where}.{tail}"
