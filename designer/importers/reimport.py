"""Re-importing an updated contract: what changed in the source and which bindings broke.

``diff_sources(old, new)`` lists entities/fields/operations added, removed or changed;
``broken_references(app, old, report)`` finds every binding, rule, action, query and chart in the
app that reads a removed or type-changed field (through ``designer.expressions.paths`` and the
scopes of ``designer.model.scope``); ``merge_reimport(old, new)`` keeps what the user tuned
(id, name, offline policies, credential name, headers, base URL if the contract has none).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from designer.expressions import ExpressionError, ListType, RecordType, parse, paths
from designer.model.actions import (AppendItem, CallPhone, DeleteRecord, Navigate, OpenMap,
                                    OpenUrl, Refresh, SendEmail, SetVariable, ShowMessage,
                                    SubmitForm)
from designer.model.app import App
from designer.model.data import DataField, DataSource
from designer.model.problems import Problem
from designer.model.scope import ModelScope, TypeFactory, screen_roots, string_keys, widget_scopes
from widgets import ContainerBase, WidgetBase

P = tuple[str | int, ...]


def describe_field(f: DataField) -> str:
    """``reference → Customer``, ``enum(a, b)``, ``string (email)``."""
    if f.type in ("reference", "list"):
        return f"{f.type} → {f.entity}"
    if f.type == "enum":
        shown = ", ".join(f.enum_values[:6]) + (", …" if len(f.enum_values) > 6 else "")
        return f"enum({shown})"
    return f"{f.type} ({f.format})" if f.format else f.type


@dataclass
class ReimportReport:
    """Differences between the old and the new import of one source, and what they break."""

    source: str
    entities_added: list[str] = field(default_factory=list)
    entities_removed: list[str] = field(default_factory=list)
    fields_added: list[tuple[str, str]] = field(default_factory=list)
    fields_removed: list[tuple[str, str]] = field(default_factory=list)
    fields_changed: list[tuple[str, str, str, str]] = field(default_factory=list)
    #: (entity, field, old wire name, new wire name): same field, renamed in the back end
    wire_renamed: list[tuple[str, str, str, str]] = field(default_factory=list)
    operations: list[str] = field(default_factory=list)
    settings: list[str] = field(default_factory=list)
    broken: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True if anything differs."""
        return bool(self.entities_added or self.entities_removed or self.fields_added or
                    self.fields_removed or self.fields_changed or self.wire_renamed or
                    self.operations or self.settings)

    def affected(self) -> set[tuple[str, str]]:
        """(entity, field) pairs whose readers may break: removed or type-changed fields."""
        return {(e, f) for e, f in self.fields_removed} | \
            {(e, f) for e, f, _, _ in self.fields_changed}

    def lines(self) -> list[str]:
        """The report as text lines (no trailing newlines)."""
        out = [f"entity added: {e}" for e in self.entities_added]
        out += [f"entity removed: {e}" for e in self.entities_removed]
        out += [f"field added: {e}.{f}" for e, f in self.fields_added]
        gone = set(self.entities_removed)
        out += [f"field removed: {e}.{f}" for e, f in self.fields_removed if e not in gone]
        out += [f"field changed: {e}.{f}: {old} → {new}" for e, f, old, new in self.fields_changed]
        out += [f"field renamed in the back end: {e}.{f}: `{old}` → `{new}` (bindings keep "
                f"working; the app now reads and sends `{new}`)"
                for e, f, old, new in self.wire_renamed]
        out += self.operations + self.settings
        return out or ["no changes"]


def diff_sources(old: DataSource, new: DataSource) -> ReimportReport:
    """What changed from ``old`` to ``new`` (entities, fields, operations, URL and auth)."""
    report = ReimportReport(old.name)
    old_entities = {e.name: e for e in old.entities}
    new_entities = {e.name: e for e in new.entities}
    report.entities_added = [n for n in new_entities if n not in old_entities]
    report.entities_removed = [n for n in old_entities if n not in new_entities]
    for name, before in old_entities.items():
        after = new_entities.get(name)
        if after is None:
            report.fields_removed += [(name, f.name) for f in before.fields]
            continue  # listed as "entity removed"; its fields still count as affected
        old_fields = {f.name: f for f in before.fields}
        new_fields = {f.name: f for f in after.fields}
        report.fields_added += [(name, f) for f in new_fields if f not in old_fields]
        report.fields_removed += [(name, f) for f in old_fields if f not in new_fields]
        for fname, f_old in old_fields.items():
            f_new = new_fields.get(fname)
            if f_new is not None and (_shape(f_old) != _shape(f_new) or _enum_shrunk(f_old, f_new)):
                report.fields_changed.append((name, fname, describe_field(f_old),
                                              describe_field(f_new)))
            if f_new is not None and f_old.wire != f_new.wire:
                report.wire_renamed.append((name, fname, f_old.wire, f_new.wire))
        ops_old = {o.kind: o for o in before.operations}
        ops_new = {o.kind: o for o in after.operations}
        for kind in ("list", "get", "create", "update", "delete"):
            a, b = ops_old.get(kind), ops_new.get(kind)
            if a and not b:
                report.operations.append(f"operation removed: {name}.{kind} ({a.method} {a.path})")
            elif b and not a:
                report.operations.append(f"operation added: {name}.{kind} ({b.method} {b.path})")
            elif a and b and (a.method, a.path, a.params) != (b.method, b.path, b.params):
                report.operations.append(f"operation changed: {name}.{kind}: {a.method} {a.path} "
                                         f"→ {b.method} {b.path}")
        if before.key != after.key:
            report.settings.append(f"key changed: {name}: {', '.join(before.key) or '(none)'} → "
                                   f"{', '.join(after.key) or '(none)'}")
    if new.base_url and old.base_url != new.base_url:
        report.settings.append(f"base URL changed: {old.base_url or '(none)'} → {new.base_url}")
    if (old.auth.scheme, old.auth.header) != (new.auth.scheme, new.auth.header):
        report.settings.append(f"auth changed: {old.auth.scheme} → {new.auth.scheme}")
    return report


def _shape(f: DataField) -> tuple[Any, ...]:
    # formats/labels change nothing for readers; enum values only matter when some disappear
    return (f.type, f.entity)


def _enum_shrunk(old: DataField, new: DataField) -> bool:
    return old.type == new.type == "enum" and not set(old.enum_values) <= set(new.enum_values)


def merge_reimport(old: DataSource, new: DataSource) -> DataSource:
    """``new`` with what the user set on ``old`` kept (id, name, offline, credential, headers).

    Sample rows: a file import (CSV/JSON/SQLite) brings its own rows; for generated rows of a
    contract (OpenAPI/OData) the old rows are kept for unchanged entities, so hand edits survive.
    """
    merged = new.model_copy(deep=True)
    merged.id, merged.name = old.id, old.name
    merged.offline = old.offline.model_copy(deep=True)
    merged.headers = dict(old.headers)
    if old.base_url and not new.base_url:
        merged.base_url = old.base_url
    if old.auth.scheme == new.auth.scheme and old.auth.credential:
        merged.auth.credential = old.auth.credential
    old_entities = {e.name: e for e in old.entities}
    for entity in merged.entities:
        before = old_entities.get(entity.name)
        if before is None:
            continue
        entity.offline = before.offline.model_copy(deep=True) if before.offline else None
        if new.kind in ("rest", "odata") and before.sample_rows and \
                [(f.name, f.type) for f in before.fields] == [(f.name, f.type) for f in entity.fields]:
            entity.sample_rows = [dict(r) for r in before.sample_rows]
        labels = {f.name: f.label for f in before.fields}
        for f in entity.fields:
            if not f.label and labels.get(f.name):
                f.label = labels[f.name]
    return merged


# ---------------------------------------------------------------------------- impact
def broken_references(app: App, old: DataSource, report: ReimportReport, file: str = ""
                      ) -> list[Problem]:
    """Every place in ``app`` (which still holds ``old``) that reads a removed/changed field,
    queries a removed entity or calls a removed operation."""
    affected = report.affected()
    removed_entities = set(report.entities_removed)
    removed_ops = {(line.split(": ")[1].split(" ")[0]) for line in report.operations
                   if line.startswith("operation removed")}
    ours = {e.name for e in old.entities}
    types = TypeFactory(app)
    problems: list[Problem] = []
    seen: set[tuple[P, str]] = set()

    def hit(message: str, path: P) -> None:
        if (path, message) not in seen:
            seen.add((path, message))
            problems.append(Problem(message, path, "warning", "reimport.broken", file=file))

    def check_expr(expr: str, scope: Any, path: P) -> None:
        if not expr:
            return
        try:
            node = parse(expr)
        except ExpressionError:
            return
        for parts in sorted(paths(node)):
            reached = _affected_step(parts, scope, affected, ours)
            if reached:
                entity, fname = reached
                what = "was removed" if (entity, fname) in report.fields_removed else "changed type"
                hit(f"`{expr}` reads `{entity}.{fname}`, which {what} in the re-import of "
                    f"`{old.name}`", path)

    for si, screen in enumerate(app.screens):
        base: P = ("screens", si)
        roots = screen_roots(app, screen, types)
        scope0 = ModelScope(roots, string_keys(app))
        for qi, query in enumerate(screen.data):
            if query.source != old.name:
                continue
            qpath = base + ("data", qi)
            if query.entity in removed_entities:
                hit(f"data `{query.name}` loads `{query.entity}`, which was removed in the "
                    f"re-import of `{old.name}`", qpath + ("entity",))
                continue
            entity = old.entity(query.entity)
            if entity is not None:
                row = types.record(old, entity)
                check_expr(query.filter, scope0.with_roots({"row": row}), qpath + ("filter",))
                sort = query.sort.lstrip("-")
                if sort and (query.entity, sort) in affected:
                    hit(f"data `{query.name}` sorts by `{query.entity}.{sort}`, which changed in "
                        f"the re-import", qpath + ("sort",))
            check_expr(query.key, scope0, qpath + ("key",))
        for kind, items in (("parameters", screen.parameters), ("variables", screen.variables)):
            for i, item in enumerate(items):
                src, _, ent = item.entity.partition(".")
                if src == old.name and ent in removed_entities:
                    hit(f"`{item.name}` is a `{item.entity}`, which was removed in the re-import",
                        base + (kind, i, "entity"))
        for vi, var in enumerate(screen.variables):
            check_expr(var.initial, scope0, base + ("variables", vi, "initial"))
        _check_actions(screen.on_load, scope0, base + ("on_load",), check_expr, hit, old,
                       removed_entities, removed_ops)
        scopes = widget_scopes(app, screen, types)
        for widget, wpath in _walk(screen.root, base + ("root",)):
            scope = scopes[widget.id]
            check_expr(widget.visible_when, scope, wpath + ("visible_when",))
            for prop, expr in widget.bindings.items():
                check_expr(expr, scope, wpath + ("bindings", prop))
            for ri, rule in enumerate(getattr(widget, "validation", [])):
                check_expr(getattr(rule, "expression", ""), scope,
                           wpath + ("validation", ri, "expression"))
            inner = scope
            if widget.kind == "list":
                inner = scope.with_roots({getattr(widget, "item_alias", "item"):
                                          _item_type(widget, scope)})
            for event, actions in widget.actions.items():
                _check_actions(actions, inner if event == "item_tap" else scope,
                               wpath + ("actions", event), check_expr, hit, old,
                               removed_entities, removed_ops)
            if widget.kind == "chart":
                _check_chart(widget, scope, wpath, affected, ours, hit)
    return problems


def _item_type(widget: Any, scope: Any) -> Any:
    from designer.expressions import ANY, check

    try:
        found = check(widget.bindings.get("items", ""), scope)
    except (ExpressionError, ValueError):
        return ANY
    return found.item if isinstance(found, ListType) else ANY


def _affected_step(parts: tuple[str, ...], scope: Any, affected: set[tuple[str, str]],
                   ours: set[str]) -> tuple[str, str] | None:
    current = scope.lookup(parts[0])
    for part in parts[1:]:
        while isinstance(current, ListType):
            current = current.item
        if not isinstance(current, RecordType):
            return None
        if current.name in ours and (current.name, part) in affected:
            return current.name, part
        current = current.field(part)
    return None


def _check_actions(actions: list[Any], scope: Any, path: P, check_expr: Any, hit: Any,
                   old: DataSource, removed_entities: set[str], removed_ops: set[str]) -> None:
    for ai, action in enumerate(actions):
        apath = path + (ai,)
        if isinstance(action, (SubmitForm, DeleteRecord, Refresh)) and action.source == old.name:
            if action.entity in removed_entities:
                hit(f"{action.type} uses `{action.entity}`, which was removed in the re-import",
                    apath + ("entity",))
            else:
                op = getattr(action, "operation", None) or \
                    {"delete": "delete", "refresh": "list"}[action.type]
                if f"{action.entity}.{op}" in removed_ops:
                    hit(f"{action.type} needs `{action.entity}.{op}`, which was removed in the "
                        "re-import", apath)
        if isinstance(action, Navigate):
            for name, expr in action.params.items():
                check_expr(expr, scope, apath + ("params", name))
        elif isinstance(action, AppendItem):
            for name, expr in action.values.items():
                check_expr(expr, scope, apath + ("values", name))
        for attr in _EXPR_ATTRS.get(type(action), ()):
            check_expr(getattr(action, attr, ""), scope, apath + (attr,))


_EXPR_ATTRS: dict[type, tuple[str, ...]] = {
    SubmitForm: ("record",), DeleteRecord: ("key",), CallPhone: ("number",),
    SendEmail: ("to", "subject"), OpenMap: ("address",), OpenUrl: ("url",),
    ShowMessage: ("text",), SetVariable: ("value", "name"),
}


def _check_chart(widget: Any, scope: Any, path: P, affected: set[tuple[str, str]],
                 ours: set[str], hit: Any) -> None:
    from designer.expressions import check

    try:
        items = check(widget.bindings.get("items", ""), scope)
    except (ExpressionError, ValueError):
        return
    record = items.item if isinstance(items, ListType) else None
    if not isinstance(record, RecordType) or record.name not in ours:
        return
    for attr in ("label_field", "value_field"):
        name = getattr(widget, attr, "")
        if name and (record.name, name) in affected:
            hit(f"chart {attr.replace('_', ' ')} `{name}` was removed or changed in the re-import",
                path + (attr,))


def _walk(root: WidgetBase, path: P) -> Iterator[tuple[WidgetBase, P]]:
    stack: list[tuple[WidgetBase, P]] = [(root, path)]
    while stack:
        widget, wpath = stack.pop()
        yield widget, wpath
        if isinstance(widget, ContainerBase):
            stack.extend((c, wpath + ("children", i))
                         for i, c in reversed(list(enumerate(widget.children))))


def format_report(report: ReimportReport) -> str:
    """The report and the broken references as text."""
    lines = [f"re-import of `{report.source}`:"] + [f"  {line}" for line in report.lines()]
    if report.broken:
        lines.append(f"  {len(report.broken)} reference(s) in the app are affected:")
        lines += [f"    {p.format()}" for p in report.broken]
    return "\n".join(lines)


__all__ = ["ReimportReport", "broken_references", "describe_field", "diff_sources",
           "format_report", "merge_reimport"]
