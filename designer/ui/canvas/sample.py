"""Sample data for preview and run mode (Qt-free): screen environments from the sources' rows.

A screen's environment maps each expression root (the signed-in ``user`` of an app with
sign-in, parameters, variables, data queries) to a
sample value: ``many`` queries give the entity's sample rows (filtered and sorted), ``one``
queries the row matching the key (else the first row). Parameters nobody passed get the key of
the first row of a ``one`` query keyed by them, so a detail screen previews a real record.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Mapping

from designer.model import App, Screen
from widgets import ContainerBase, WidgetBase

MAX_PREVIEW_ROWS = 12


class SampleData:
    """Evaluates bindings of an app against its data sources' sample rows."""

    def __init__(self, app: App, user: Callable[[], Mapping[str, Any]] | None = None) -> None:
        self.app = app
        #: The designer's "signed in as" values (over ``sample_user``'s defaults).
        self.user: Callable[[], Mapping[str, Any]] = user or dict

    @property
    def strings(self) -> dict[str, str]:
        """The current app's texts in its default locale (the app is swapped on open/new)."""
        return self.app.strings.get(self.app.default_locale, {})

    # ----------------------------------------------------------- evaluation
    def evaluate(self, expression: str, env: Mapping[str, Any]) -> Any:
        """The value of ``expression`` over ``env``; None when it cannot be computed."""
        if not expression:
            return None
        try:
            from designer.expressions import evaluate
            return evaluate(expression, env, self.strings)
        except Exception:  # noqa: BLE001 - preview shows "nothing" for broken bindings
            return None

    def rows(self, source: str, entity: str) -> list[dict[str, Any]]:
        """The sample rows of ``source.entity`` (copies)."""
        src = self.app.source(source)
        ent = src.entity(entity) if src is not None else None
        return [dict(r) for r in ent.sample_rows] if ent is not None else []

    # ---------------------------------------------------------- environment
    def screen_env(self, screen: Screen, params: Mapping[str, Any] | None = None
                   ) -> dict[str, Any]:
        """Sample values for every root name a binding on ``screen`` may use."""
        env: dict[str, Any] = {}
        if self.app.sign_in.enabled:
            from designer.model.user import USER_ROOT, sample_user
            env[USER_ROOT] = sample_user(self.app.sign_in, dict(self.user()))
        given = dict(params or {})
        for p in screen.parameters:
            env[p.name] = given.get(p.name, self._guess_param(screen, p.name))
        for v in screen.variables:
            value = self.evaluate(v.initial, env) if v.initial else None
            if value is None and v.type == "record":
                value = self._empty_record(v.entity)
            env[v.name] = value
        for q in screen.data:
            env[q.name] = self._query(q, env)
        for action in screen.on_load:
            if getattr(action, "type", "") == "set_variable":
                self.assign(env, action.name, self.evaluate(action.value, env))
        return env

    @staticmethod
    def assign(env: dict[str, Any], path: str, value: Any) -> None:
        """Set ``a.b.c`` in ``env`` (creating records on the way)."""
        parts = path.split(".")
        node: Any = env
        for part in parts[:-1]:
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]
        node[parts[-1]] = value

    def _empty_record(self, entity_ref: str) -> dict[str, Any]:
        source, _, entity = entity_ref.partition(".")
        src = self.app.source(source)
        ent = src.entity(entity) if src is not None else None
        if ent is None:
            return {}
        return {f.name: ([] if f.type == "list" else None) for f in ent.fields}

    def _guess_param(self, screen: Screen, name: str) -> Any:
        for q in screen.data:
            if q.mode == "one" and q.key.strip() == name:
                src = self.app.source(q.source)
                ent = src.entity(q.entity) if src is not None else None
                rows = self.rows(q.source, q.entity)
                if ent is not None and rows:
                    key = ent.key[0] if ent.key else "id"
                    return rows[0].get(key)
        return None

    def _query(self, q: Any, env: Mapping[str, Any]) -> Any:
        rows = self.rows(q.source, q.entity)
        if q.mode == "one":
            src = self.app.source(q.source)
            ent = src.entity(q.entity) if src is not None else None
            key_name = (ent.key[0] if ent is not None and ent.key else "id")
            wanted = self.evaluate(q.key, env) if q.key else None
            match = next((r for r in rows if r.get(key_name) == wanted), None)
            return match or (rows[0] if rows else None)
        if q.filter:
            rows = [r for r in rows if self.evaluate(q.filter, {**env, "row": r}) is True]
        if q.sort:
            field = q.sort.lstrip("-")
            rows.sort(key=lambda r: (r.get(field) is None, str(r.get(field) or "")),
                      reverse=q.sort.startswith("-"))
        return rows

    # ------------------------------------------------------------- widgets
    def list_items(self, widget: WidgetBase, env: Mapping[str, Any]) -> list[Any]:
        """The records a list widget repeats over (at most ``MAX_PREVIEW_ROWS``)."""
        value = self.evaluate(widget.bindings.get("items", ""), env)
        return list(value)[:MAX_PREVIEW_ROWS] if isinstance(value, (list, tuple)) else []

    def widget_envs(self, root: WidgetBase, env: dict[str, Any]
                    ) -> Iterator[tuple[WidgetBase, dict[str, Any]]]:
        """Each widget under ``root`` with the environment its bindings see (row 0 in lists)."""
        stack: list[tuple[WidgetBase, dict[str, Any]]] = [(root, env)]
        while stack:
            widget, scope = stack.pop()
            yield widget, scope
            if isinstance(widget, ContainerBase):
                inner = scope
                if widget.kind == "list":
                    items = self.list_items(widget, scope)
                    alias = getattr(widget, "item_alias", "item")
                    inner = {**scope, alias: items[0] if items else None}
                stack.extend((c, inner) for c in reversed(widget.children))
