"""What an exporter supports, what a model uses, and the difference as located problems."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from designer.model import App
from designer.model.problems import Problem
from widgets import ContainerBase, WidgetBase

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
    notes: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, list[str]]:
        """Sorted lists per feature group (for ``--list-targets`` and docs)."""
        return {name: sorted(getattr(self, name)) for name in FEATURE_GROUPS}


#: Feature group → the word used in messages.
FEATURE_GROUPS: dict[str, str] = {
    "widgets": "widget kind", "actions": "action", "rules": "validation rule",
    "source_kinds": "data source kind", "auth_schemes": "auth scheme",
    "conflict_policies": "conflict policy", "offline_modes": "offline mode",
}


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
    for si, screen in enumerate(app.screens):
        base = ("screens", si)
        for ai, action in enumerate(screen.on_load):
            yield Usage("actions", action.type, (*base, "on_load", ai))
        for widget, path in widget_paths(screen.root, (*base, "root")):
            yield Usage("widgets", widget.kind, path)
            for event, actions in widget.actions.items():
                for ai, action in enumerate(actions):
                    yield Usage("actions", action.type, (*path, "actions", event, ai))
            for ri, rule in enumerate(getattr(widget, "validation", ())):
                yield Usage("rules", rule.rule, (*path, "validation", ri))


def unsupported(app: App, caps: Capabilities, target: str, file: str = "",
                severity: str = "error") -> list[Problem]:
    """One problem per use of a feature ``caps`` lacks, in document order."""
    problems = []
    for use in used_features(app):
        if use.value not in getattr(caps, use.group):
            what = FEATURE_GROUPS[use.group]
            problems.append(Problem(
                f"{what} `{use.value}` is not supported by the {target} exporter",
                use.path, severity, code=f"unsupported-{use.group.replace('_', '-')}",
                file=file))
    return problems
