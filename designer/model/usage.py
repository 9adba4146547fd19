"""Where the model uses a screen or a data source/entity (Qt-free), to warn before deleting it.

``screen_usage`` counts navigations to a screen (navigate actions, a form's ``then_navigate``)
and whether it is the start screen. ``source_usage`` counts what reads a data source (or one
of its entities): screen data queries, actions naming it, record parameters/variables, and
bindings whose expression starts at such a query, parameter or variable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .actions import screen_fields
from .app import App, Screen


@dataclass
class Usage:
    """Uses per screen name (in screen order) plus whether it is the start screen."""

    per_screen: dict[str, int] = field(default_factory=dict)
    start: bool = False

    @property
    def total(self) -> int:
        return sum(self.per_screen.values())

    def __bool__(self) -> bool:
        return self.start or self.total > 0

    def add(self, screen: str, n: int = 1) -> None:
        if n:
            self.per_screen[screen] = self.per_screen.get(screen, 0) + n

    def where(self) -> str:
        """``customers (2), orderEntry (1)``."""
        return ", ".join(f"{name} ({n})" for name, n in self.per_screen.items())


def _actions(screen: Screen) -> Iterator[Any]:
    yield from screen.on_load
    for widget, _ in screen.walk():
        for actions in widget.actions.values():
            yield from actions


def screen_usage(app: App, name: str) -> Usage:
    """Navigations to screen ``name`` from the other screens, and the start-screen setting."""
    usage = Usage(start=app.start_screen == name)
    for screen in app.screens:
        if screen.name == name:
            continue  # deleted with it
        usage.add(screen.name, sum(
            1 for a in _actions(screen) if screen_fields(a, name)))
    return usage


def _roots(expression: str) -> set[str]:
    """The root names an expression reads (none if it does not parse)."""
    from designer.expressions.checker import paths
    from designer.expressions.parser import parse
    try:
        return {p[0] for p in paths(parse(expression))}
    except Exception:  # noqa: BLE001 - a broken expression reads nothing we can name
        return set()


def source_usage(app: App, source: str, entity: str | None = None) -> Usage:
    """What reads data source ``source`` (only its ``entity`` when given), per screen."""
    def matches(src: Any, ent: Any) -> bool:
        return src == source and (entity is None or ent == entity)

    def matches_ref(ref: str) -> bool:  # "source.Entity" of parameters and variables
        src, _, ent = ref.partition(".")
        return bool(ref) and matches(src, ent)

    usage = Usage()
    for screen in app.screens:
        roots = {q.name for q in screen.data if matches(q.source, q.entity)}
        roots |= {p.name for p in (*screen.parameters, *screen.variables) if matches_ref(p.entity)}
        n = len([q for q in screen.data if matches(q.source, q.entity)])
        n += len([p for p in (*screen.parameters, *screen.variables) if matches_ref(p.entity)])
        n += sum(1 for a in _actions(screen)
                 if getattr(a, "source", None) is not None
                 and matches(getattr(a, "source"), getattr(a, "entity", None)))
        if roots:
            for widget, _ in screen.walk():
                n += sum(1 for expr in widget.bindings.values() if _roots(expr) & roots)
        usage.add(screen.name, n)
    return usage
