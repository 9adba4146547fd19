"""What the app reads and writes where: data flows per screen, offline policies, permissions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from designer.model import App, DataSource, Entity, Screen
from designer.model.actions import DeleteRecord, Refresh, SubmitForm
from designer.model.urls import join
from .fields import FieldResolver, FieldUse


@dataclass
class Flow:
    """One screen reading or writing records of an entity through an endpoint."""

    screen: str
    direction: str                  # read | write | delete
    source: str
    entity: str
    operation: str
    endpoint: str                   # "GET https://host/path" or the source kind for files
    fields: list[str] = field(default_factory=list)
    pii: list[str] = field(default_factory=list)
    via: str = ""


def endpoint_of(source: DataSource, entity: Entity, operation: str) -> str:
    """``METHOD URL`` of an entity operation (or a description for non-HTTP sources)."""
    op = entity.operation(operation)
    if source.kind not in ("rest", "odata"):
        return f"{source.kind} {source.base_url}".strip()
    if op is None:
        return f"(no {operation} operation)"
    return f"{op.method} {join(source.base_url, op.path)}"


def _actions(screen: Screen) -> Iterator[tuple[Any, str]]:
    for action in screen.on_load:
        yield action, "on load"
    for widget, _parent in screen.walk():
        for event, actions in widget.actions.items():
            for action in actions:
                yield action, f"{widget.name} {event}"


def screen_field_uses(resolver: FieldResolver, screen: Screen) -> list[tuple[str, str, FieldUse]]:
    """``(widget name, property, use)`` for every field a binding on ``screen`` reads."""
    roots = resolver.widget_roots(screen)
    return [(widget.name, prop, use) for widget, _parent in screen.walk()
            for prop, use in resolver.widget_uses(widget, roots.get(widget.id, {}))]


def data_flows(app: App) -> list[Flow]:
    """Reads (queries, refresh) and writes (submit, delete) of every screen, with fields."""
    resolver = FieldResolver(app)
    flows: list[Flow] = []
    for screen in app.screens:
        uses = screen_field_uses(resolver, screen)

        def fields_of(entity: Entity, writes: bool = False, root: str = "") -> tuple[list[str], list[str]]:
            names: dict[str, bool] = {}
            for _widget, prop, use in uses:
                if use.entity is not entity:
                    continue
                if writes and (prop != "value" or use.path[0] != root):
                    continue
                names[use.field.name] = use.field.pii
            return sorted(names), sorted(n for n, pii in names.items() if pii)

        for query in screen.data:
            source = app.source(query.source)
            entity = source.entity(query.entity) if source else None
            if source is None or entity is None:
                continue
            op = "get" if query.mode == "one" else "list"
            read, pii = fields_of(entity)
            flows.append(Flow(screen.name, "read", source.name, entity.name, op,
                              endpoint_of(source, entity, op), read, pii, f"query `{query.name}`"))
        for action, via in _actions(screen):
            if not isinstance(action, (SubmitForm, DeleteRecord, Refresh)) or not action.source:
                continue
            source = app.source(action.source)
            entity = source.entity(action.entity) if source and action.entity else None
            if source is None or entity is None:
                continue
            if isinstance(action, SubmitForm):
                root = action.record.split(".")[0].strip()
                written, pii = fields_of(entity, writes=True, root=root)
                flows.append(Flow(screen.name, "write", source.name, entity.name,
                                  action.operation, endpoint_of(source, entity, action.operation),
                                  written, pii, via))
            elif isinstance(action, DeleteRecord):
                flows.append(Flow(screen.name, "delete", source.name, entity.name, "delete",
                                  endpoint_of(source, entity, "delete"), [], [], via))
            else:
                flows.append(Flow(screen.name, "read", source.name, entity.name, "list",
                                  endpoint_of(source, entity, "list"), [], [], via))
    return flows


@dataclass(frozen=True)
class OfflineRow:
    """What one entity keeps on the device."""

    source: str
    entity: str
    mode: str
    conflict: str
    max_age_hours: int
    pii: tuple[str, ...]
    inherited: bool


def offline_rows(app: App) -> list[OfflineRow]:
    """The effective offline policy of every entity."""
    rows = []
    for source in app.data_sources:
        for entity in source.entities:
            policy = source.offline_for(entity)
            rows.append(OfflineRow(source.name, entity.name, policy.mode, policy.conflict,
                                   policy.max_age_hours, tuple(f.name for f in entity.fields if f.pii),
                                   entity.offline is None))
    return rows


@dataclass(frozen=True)
class Permission:
    """A device capability the exported app asks for, and why."""

    name: str
    android: str
    ios: str
    web: str
    used_by: tuple[str, ...]


_CAPABILITIES: tuple[tuple[str, str, str, str, frozenset[str]], ...] = (
    ("Camera", "android.permission.CAMERA", "NSCameraUsageDescription",
     "camera (getUserMedia) or the file picker's capture",
     frozenset({"camera_photo", "barcode_scanner", "take_photo", "scan_barcode"})),
    ("Location", "android.permission.ACCESS_FINE_LOCATION",
     "NSLocationWhenInUseUsageDescription", "geolocation", frozenset({"location"})),
    ("Network", "android.permission.INTERNET", "(always granted; HTTPS required by ATS)",
     "(none)", frozenset({"@network"})),
    ("Device storage", "(app-private storage, no permission)", "(app sandbox, no permission)",
     "IndexedDB / persistent storage", frozenset({"@offline"})),
    ("Opens other apps", "(intents: no permission)", "(URL schemes: LSApplicationQueriesSchemes)",
     "(links: no permission)",
     frozenset({"call_phone", "send_email", "open_map", "open_url", "web_link"})),
)


def permissions(app: App) -> list[Permission]:
    """Device permissions and capabilities the export will request, with the widgets that need them."""
    used: dict[str, list[str]] = {}

    def note(feature: str, where: str) -> None:
        used.setdefault(feature, []).append(where)

    for screen in app.screens:
        for widget, _parent in screen.walk():
            note(widget.kind, f"{screen.name}: {widget.name}")
        for action, via in _actions(screen):
            note(action.type, f"{screen.name}: {via}")
    for source in app.data_sources:
        if source.kind in ("rest", "odata") or "://" in source.base_url:
            note("@network", f"data source {source.name}")
        for entity in source.entities:
            if source.offline_for(entity).mode != "online_only":
                note("@offline", f"{source.name}.{entity.name} cached offline")
    out = []
    for name, android, ios, web, features in _CAPABILITIES:
        where = [w for f in sorted(features) for w in used.get(f, [])]
        if where:
            out.append(Permission(name, android, ios, web, tuple(dict.fromkeys(where))))
    return out
