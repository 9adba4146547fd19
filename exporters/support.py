"""What an exporter supports, what a model uses, and the difference as located problems."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from designer.model import App
from designer.model.base import field_default
from designer.model.problems import Problem
from widgets import ContainerBase, WidgetBase
from widgets.base import Layout, Style

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Capabilities:
    """The model features a target can generate; anything else is reported before exporting."""

    widgets: frozenset[str]
    actions: frozenset[str]
    rules: frozenset[str] = frozenset({"required", "min", "max", "length", "pattern",
                                       "expression"})
    source_kinds: frozenset[str] = frozenset({"rest"})
    auth_schemes: frozenset[str] = frozenset({"none"})
    conflict_policies: frozenset[str] = frozenset({"server_wins"})
    offline_modes: frozenset[str] = frozenset({"online_only"})
    #: How create/update bodies can be sent (an operation's ``body``).
    body_encodings: frozenset[str] = frozenset({"json"})
    #: The app-level sign-in methods the generated app performs (``sign_in.method``).
    sign_in: frozenset[str] = frozenset({"none"})
    #: Device protections the generated app enforces (``device_policy``: idle_lock, …).
    device_policy: frozenset[str] = frozenset()
    notes: dict[str, str] = field(default_factory=dict)
    #: ``kind.prop`` (``layout.*``/``style.*`` included) → why the target does not honour it.
    #: Every other property of a supported kind is printed (tests/exporters/test_capability_table).
    ignored_props: Mapping[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, list[str]]:
        """Sorted lists per feature group (for ``--list-targets`` and docs)."""
        return {name: sorted(getattr(self, name)) for name in FEATURE_GROUPS
                if name not in SOFT_GROUPS}


#: Feature group → the word used in messages.
FEATURE_GROUPS: dict[str, str] = {
    "widgets": "widget kind", "actions": "action", "rules": "validation rule",
    "source_kinds": "data source kind", "auth_schemes": "auth scheme",
    "conflict_policies": "conflict policy", "offline_modes": "offline mode",
    "body_encodings": "request body encoding", "sign_in": "sign-in method",
    "device_policy": "device protection",
    "props": "widget property",
}
#: Groups whose lack degrades a widget instead of breaking the export: always warnings.
SOFT_GROUPS = frozenset({"props"})
LAYOUT_FIELDS = tuple(Layout.model_fields)
STYLE_FIELDS = tuple(Style.model_fields)


def ignored(kinds: Iterable[str], props: Iterable[str], why: str) -> dict[str, str]:
    """Capability-table entries: each of ``props`` of each of ``kinds`` is ignored, because ``why``."""
    props = tuple(props)
    return {f"{k}.{p}": why for k in kinds for p in props}


def checked_props(model: type[WidgetBase]) -> tuple[str, ...]:
    """Every property of a widget kind the capability table accounts for: its own properties,
    then ``layout.*`` and ``style.*``."""
    from .ir import widget_props
    return (*widget_props(model), *(f"layout.{f}" for f in LAYOUT_FIELDS),
            *(f"style.{f}" for f in STYLE_FIELDS))


@dataclass(frozen=True)
class Usage:
    """One use of a feature in the model: group (see FEATURE_GROUPS), value and where."""

    group: str
    value: str
    path: Path


def widget_paths(root: WidgetBase, base: Path) -> Iterator[tuple[WidgetBase, Path]]:
    """Every widget under ``root`` with its JSON path, depth first in document order."""
    stack: list[tuple[WidgetBase, Path]] = [(root, base)]
    while stack:
        widget, path = stack.pop()
        yield widget, path
        if isinstance(widget, ContainerBase):
            stack.extend((child, (*path, "children", i))
                         for i, child in reversed(list(enumerate(widget.children))))


def used_features(app: App) -> Iterator[Usage]:
    """Every widget kind, action, rule, source kind, auth scheme and offline policy in ``app``."""
    yield Usage("sign_in", app.sign_in.method, ("sign_in", "method"))
    for value, name in app.device_policy.features():
        yield Usage("device_policy", value, ("device_policy", name))
    for si, source in enumerate(app.data_sources):
        base: Path = ("data_sources", si)
        yield Usage("source_kinds", source.kind, (*base, "kind"))
        yield Usage("auth_schemes", source.auth.scheme, (*base, "auth", "scheme"))
        policies = [(source.offline, (*base, "offline"))]
        policies += [(e.offline, (*base, "entities", ei, "offline"))
                     for ei, e in enumerate(source.entities) if e.offline is not None]
        for policy, path in policies:
            yield Usage("offline_modes", policy.mode, (*path, "mode"))
            yield Usage("conflict_policies", policy.conflict, (*path, "conflict"))
        for ei, entity in enumerate(source.entities):
            for oi, op in enumerate(entity.operations):
                if op.kind in ("create", "update"):
                    yield Usage("body_encodings", op.body,
                                (*base, "entities", ei, "operations", oi, "body"))
    for si, screen in enumerate(app.screens):
        base = ("screens", si)
        for ai, action in enumerate(screen.on_load):
            yield Usage("actions", action.type, (*base, "on_load", ai))
        for widget, path in widget_paths(screen.root, (*base, "root")):
            yield Usage("widgets", widget.kind, path)
            yield from _changed_props(widget, path)
            for event, actions in widget.actions.items():
                for ai, action in enumerate(actions):
                    yield Usage("actions", action.type, (*path, "actions", event, ai))
            for ri, rule in enumerate(getattr(widget, "validation", ())):
                yield Usage("rules", rule.rule, (*path, "validation", ri))


def _changed_props(widget: WidgetBase, path: Path) -> Iterator[Usage]:
    """A ``props`` use per property set to something other than its default."""
    from .ir import widget_props

    cls = type(widget)
    for name in widget_props(cls):
        if getattr(widget, name) != field_default(cls, name):
            yield Usage("props", f"{widget.kind}.{name}", (*path, name))
    for part, model in (("layout", widget.layout), ("style", widget.style)):
        kind = type(model)
        for name in sorted(model.model_fields_set):
            if getattr(model, name) != field_default(kind, name):
                yield Usage("props", f"{widget.kind}.{part}.{name}", (*path, part, name))


def unsupported(app: App, caps: Capabilities, target: str, file: str = "",
                severity: str = "error", props: bool = False) -> list[Problem]:
    """One problem per use of a feature ``caps`` lacks, in document order; with ``props``, also
    a warning per property set in the model that the target ignores (the widget still works)."""
    problems = []
    for use in used_features(app):
        if use.group == "props":
            if not props:
                continue
            why = caps.ignored_props.get(use.value)
            if why is not None:
                problems.append(Problem(
                    f"property `{use.value}` is ignored by the {target} exporter: {why}",
                    use.path, "warning", code="unsupported-props", file=file))
            continue
        if use.value not in getattr(caps, use.group):
            what = FEATURE_GROUPS[use.group]
            problems.append(Problem(
                f"{what} `{use.value}` is not supported by the {target} exporter",
                use.path, severity, code=f"unsupported-{use.group.replace('_', '-')}",
                file=file))
    return problems
