"""What each export target cannot do, for the ``unsupported-by-target`` lint rule.

Features are keys such as ``widget:signature``, ``source:sqlite``, ``action:scan_barcode``,
``auth:oauth2`` or ``offline:offline_read_write``. An exporter package may declare its own
limits: ``exporters.<target>`` exposing ``UNSUPPORTED: Mapping[str, str]`` (feature → reason)
and ``ENCRYPTS_OFFLINE: bool`` overrides the table below.
"""

from __future__ import annotations

import importlib
from typing import Any, Iterator, Mapping

from .rules import Hit, LintContext, P, rule

TARGETS: tuple[str, ...] = ("pwa", "react_native", "flutter")
ALIASES: dict[str, str] = {"react-native": "react_native", "rn": "react_native",
                           "expo": "react_native", "web": "pwa"}

#: Built-in knowledge of the targets' limits (feature → why).
UNSUPPORTED: dict[str, dict[str, str]] = {
    "pwa": {
        "source:sqlite": "a browser cannot open a SQLite database file; serve the data through "
                         "a REST/OData service or ship it as CSV/JSON",
    },
    "react_native": {},
    "flutter": {},
}


def canonical_target(name: str) -> str:
    """``react-native`` → ``react_native``; unknown names are returned as given."""
    key = name.strip().lower()
    return ALIASES.get(key, key)


def _exporter(target: str) -> Any:
    try:
        return importlib.import_module(f"exporters.{target}")
    except ImportError:
        return None


def unsupported(target: str) -> Mapping[str, str]:
    """Feature → reason for ``target`` (the exporter's own declaration wins)."""
    declared = getattr(_exporter(target), "UNSUPPORTED", None)
    return declared if isinstance(declared, Mapping) else UNSUPPORTED.get(target, {})


def encrypts_offline(target: str) -> bool:
    """True if the target's exporter declares that it encrypts its offline store."""
    return bool(getattr(_exporter(canonical_target(target)), "ENCRYPTS_OFFLINE", False))


def features(ctx: LintContext) -> Iterator[tuple[str, P]]:
    """Every feature key the app uses, with the path of one use."""
    from .checks_data import iter_actions

    for di, source in enumerate(ctx.app.data_sources):
        yield f"source:{source.kind}", ("data_sources", di, "kind")
        yield f"auth:{source.auth.scheme}", ("data_sources", di, "auth", "scheme")
        yield f"offline:{source.offline.mode}", ("data_sources", di, "offline", "mode")
        for ei, entity in enumerate(source.entities):
            if entity.offline:
                yield f"offline:{entity.offline.mode}", ("data_sources", di, "entities", ei,
                                                         "offline", "mode")
    for _si, widget, _parent, path in ctx.widget_paths:
        yield f"widget:{widget.kind}", path  # type: ignore[attr-defined]
    for action, path, _si in iter_actions(ctx):
        yield f"action:{action.type}", path


@rule("FC501", "unsupported-by-target", "Feature not supported by an export target", "error",
      "export",
      """An export target cannot implement every feature (e.g. a browser cannot open SQLite
      files). The target is chosen in the policy's `export_targets` or with
      `fieldcraft lint --target`; an export would fail or silently drop the feature.""",
      """Replace the feature with one the target supports (the message says why it is
      unsupported), or export to a different target.""", needs_policy="export_targets")
def unsupported_by_target(ctx: LintContext) -> Iterator[Hit]:
    for target in ctx.targets:
        limits = unsupported(target)
        if not limits:
            continue
        reported: set[tuple[str, P]] = set()
        for feature, path in features(ctx):
            if feature in limits and (feature, path) not in reported:
                reported.add((feature, path))
                yield Hit(f"{feature.replace(':', ' ')} is not supported by the {target} export: "
                          f"{limits[feature]}", path)
