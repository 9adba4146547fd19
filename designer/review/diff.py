"""Semantic diff of two apps by stable ids: what was added, removed, renamed, moved or changed.

Screens, widgets and data sources are matched by id (so a rename is a rename, not a delete plus
an add); entities and fields by name, operations by kind, screen parameters/variables/queries by
name. Every change names its category (screen, widget, binding, action, data_source, entity,
field, endpoint, policy, query, app, strings) so reviewers can filter.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass
from typing import Any, Iterator, Literal

from designer.model import App
from designer.model.gc_pause import gc_paused
from designer.model.printable import printable

from .tree import WidgetEntry, children_lists, flatten, full_dump, keyed, widget_index

Op = Literal["added", "removed", "changed", "renamed", "moved", "reordered"]


@dataclass(frozen=True)
class Change:
    """One semantic difference; ``before``/``after`` are JSON values (None when absent)."""

    op: Op
    category: str
    id: str
    label: str
    prop: str = ""
    before: Any = None
    after: Any = None
    screen_id: str = ""
    from_screen_id: str = ""

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in ("", None) or k in ("before", "after")}

    def text(self) -> str:
        """One line: ``~ widget `save` (w_1) text: "Save" → "Submit"`` (control characters
        in names, keys and values escaped: see ``designer.model.printable``)."""
        return printable(self._text())

    def _text(self) -> str:
        sign = {"added": "+", "removed": "-", "changed": "~", "renamed": "~", "moved": ">",
                "reordered": ">"}[self.op]
        head = f"{sign} {self.label}"
        if self.op == "added" and not self.prop:
            return f"{head} added" + (f" {fmt(self.after)}" if isinstance(self.after, str) else "")
        if self.op == "removed" and not self.prop:
            return f"{head} removed"
        if self.op == "renamed":
            return f"{head} renamed {fmt(self.before)} → {fmt(self.after)}"
        if self.op in ("moved", "reordered"):
            return f"{head} {self.op}: {self.before} → {self.after}"
        where = f" {self.prop}" if self.prop else ""
        if self.op == "added":
            return f"{head}{where} added: {fmt(self.after)}"
        if self.op == "removed":
            return f"{head}{where} removed (was {fmt(self.before)})"
        return f"{head}{where}: {fmt(self.before)} → {fmt(self.after)}"


def fmt(value: Any, limit: int = 120) -> str:
    """A JSON value as short one-line text."""
    if value is None:
        return "none"
    text = json.dumps(value, ensure_ascii=False, sort_keys=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def diff_apps(old: App, new: App) -> list[Change]:
    """Every semantic change from ``old`` to ``new``, grouped app → screens → data sources.

    Runs with the cyclic GC paused: the dumps and indexes are ~10 objects per widget."""
    with gc_paused():
        return list(_Differ(_dump_but_sources(old), _dump_but_sources(new)).run())


def _dump_but_sources(app: App) -> dict[str, Any]:
    """``full_dump`` with each data source left as its model: ``_Differ`` dumps one pair of
    sources at a time and skips equal ones, instead of holding both models' sources dumped
    (a 52 MB model's sample rows: its size again, per side)."""
    data = app.model_dump(mode="json", by_alias=True, exclude={"data_sources"})
    data["data_sources"] = list(app.data_sources)
    return data


def _plain(source: Any) -> dict[str, Any] | None:
    """A data source as ``full_dump`` has it (``source`` is a model or already dumped)."""
    if source is None or isinstance(source, dict):
        return source
    dumped: dict[str, Any] = source.model_dump(mode="json", by_alias=True)
    return dumped


def diff_dumps(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """``diff_apps`` on already dumped (full) apps."""
    with gc_paused():
        return list(_Differ(old, new).run())


def changed_screens(changes: list[Change]) -> list[str]:
    """Ids of screens touched by ``changes``, in first-seen order."""
    seen: dict[str, None] = {}
    for change in changes:
        for sid in (change.from_screen_id, change.screen_id):
            if sid:
                seen.setdefault(sid, None)
    return list(seen)


_APP_SKIP = {"$schema", "schema_version", "screens", "data_sources", "theme", "strings"}
_SCREEN_LISTS = {"parameters": ("name", "screen"), "variables": ("name", "screen"),
                 "data": ("name", "query")}


def _prop_category(prop: str, default: str) -> str:
    if prop.startswith("bindings") or prop == "visible_when":
        return "binding"
    if prop.startswith("actions") or prop == "on_load":
        return "action"
    return default


def _head(source: Any) -> dict[str, Any] | None:
    """What ``_Differ._source`` reports of an added or removed source."""
    if source is None or isinstance(source, dict):
        return source
    return {"id": source.id, "name": source.name, "base_url": source.base_url,
            "kind": source.kind}


def _source_id(source: Any) -> str:
    return str(source["id"] if isinstance(source, dict) else source.id)


class _Differ:
    def __init__(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.old, self.new = old, new
        self.old_w, self.new_w = widget_index(old), widget_index(new)
        self.old_screens = {s["id"]: s for s in old.get("screens", [])}
        self.new_screens = {s["id"]: s for s in new.get("screens", [])}

    def run(self) -> Iterator[Change]:
        yield from self._props("app", self.new.get("id", "app"), "app",
                               {k: v for k, v in self.old.items() if k not in _APP_SKIP},
                               {k: v for k, v in self.new.items() if k not in _APP_SKIP})
        yield from self._props("app", "theme", "theme", self.old.get("theme", {}),
                               self.new.get("theme", {}))
        old_strings, new_strings = self.old.get("strings", {}), self.new.get("strings", {})
        yield from self._props("strings", "strings", "strings", old_strings, new_strings)
        for locale in _union(old_strings, new_strings):     # an empty table has no leaves
            if (old_strings.get(locale) == {}) != (new_strings.get(locale) == {}) and not (
                    old_strings.get(locale) or new_strings.get(locale)):
                before, after = old_strings.get(locale), new_strings.get(locale)
                yield Change("added" if before is None else "removed", "strings", "strings",
                             "strings", locale, before, after)
        yield from self._order("screen", "screens", list(self.old_screens), list(self.new_screens),
                               lambda i: self._screen_label(i))
        for sid in _union(self.old_screens, self.new_screens):
            yield from self._screen(sid, self.old_screens.get(sid), self.new_screens.get(sid))
        yield from self._widgets()
        old_ds = {_source_id(d): d for d in self.old.get("data_sources", [])}
        new_ds = {_source_id(d): d for d in self.new.get("data_sources", [])}
        for did in _union(old_ds, new_ds):
            before, after = old_ds.get(did), new_ds.get(did)
            if before is not None and after is not None and not isinstance(before, dict) \
                    and before == after:
                continue                                  # equal models: equal dumps
            if before is None or after is None:             # added or removed: its head only
                before, after = _head(before), _head(after)
            yield from self._source(did, _plain(before), _plain(after))

    # ---------------------------------------------------------------- helpers
    def _props(self, category: str, oid: str, label: str, before: dict[str, Any],
               after: dict[str, Any], screen_id: str = "") -> Iterator[Change]:
        if before == after:
            return
        flat_b, flat_a = flatten(before), flatten(after)
        for prop in _union(flat_b, flat_a):
            b, a = flat_b.get(prop), flat_a.get(prop)
            if b == a:
                continue
            op: Op = "added" if prop not in flat_b else "removed" if prop not in flat_a else "changed"
            yield Change(op, _prop_category(prop, category), oid, label, prop, b, a, screen_id)

    def _order(self, category: str, label: str, before: list[str], after: list[str],
               name_of: Any, screen_id: str = "") -> Iterator[Change]:
        common = set(before) & set(after)
        b = [i for i in before if i in common]
        a = [i for i in after if i in common]
        if b == a:
            return
        kept = set()
        for block in difflib.SequenceMatcher(a=b, b=a, autojunk=False).get_matching_blocks():
            kept.update(b[block.a:block.a + block.size])
        for item in a:
            if item not in kept:
                yield Change("reordered", category, item, name_of(item), "",
                             f"position {b.index(item) + 1} of {len(b)} in {label}",
                             f"position {a.index(item) + 1} of {len(a)} in {label}", screen_id)

    def _screen_label(self, sid: str) -> str:
        screen = self.new_screens.get(sid) or self.old_screens.get(sid) or {}
        return f"screen `{screen.get('name', '?')}` ({sid})"

    # ---------------------------------------------------------------- screens
    def _screen(self, sid: str, old: dict[str, Any] | None, new: dict[str, Any] | None
                ) -> Iterator[Change]:
        label = self._screen_label(sid)
        if old is None or new is None:
            op: Op = "added" if old is None else "removed"
            screen = new or old or {}
            yield Change(op, "screen", sid, label, "", None if old is None else screen.get("name"),
                         None if new is None else screen.get("name"), sid)
            return
        if old.get("name") != new.get("name"):
            yield Change("renamed", "screen", sid, label, "name", old.get("name"), new.get("name"), sid)
        skip = {"id", "name", "root", *_SCREEN_LISTS}
        yield from self._props("screen", sid, label, {k: v for k, v in old.items() if k not in skip},
                               {k: v for k, v in new.items() if k not in skip}, sid)
        for key, (item_key, category) in _SCREEN_LISTS.items():
            yield from self._named_list(category, sid, f"{label} {key}", old.get(key, []),
                                        new.get(key, []), item_key, sid)

    def _named_list(self, category: str, oid: str, label: str, before: list[Any], after: list[Any],
                    item_key: str, screen_id: str = "") -> Iterator[Change]:
        kb, ka = keyed(before, item_key), keyed(after, item_key)
        if kb is None or ka is None:
            if before != after:
                yield Change("changed", category, oid, label, "", before, after, screen_id)
            return
        for name in _union(kb, ka):
            b, a = kb.get(name), ka.get(name)
            item_label = f"{label} `{name}`"
            if b is None or a is None:
                yield Change("added" if b is None else "removed", category, f"{oid}.{name}",
                             item_label, "", b, a, screen_id)
            elif b != a:
                yield from self._props(category, f"{oid}.{name}", item_label,
                                       {k: v for k, v in b.items() if k != item_key},
                                       {k: v for k, v in a.items() if k != item_key}, screen_id)

    # ---------------------------------------------------------------- widgets
    def _widget_label(self, entry: WidgetEntry) -> str:
        screen = self.new_screens.get(entry.screen_id) or self.old_screens.get(entry.screen_id) or {}
        return (f"widget `{entry.name}` ({entry.kind}, {entry.id}) on screen "
                f"`{screen.get('name', '?')}`")

    def _where(self, entry: WidgetEntry, index: dict[str, WidgetEntry],
               screens: dict[str, Any]) -> str:
        screen = screens.get(entry.screen_id, {}).get("name", entry.screen_id)
        if entry.parent.startswith("screen:"):
            return f"root of screen `{screen}`"
        parent = index.get(entry.parent.split(":", 1)[1])
        return f"`{parent.name if parent else '?'}`[{entry.index}] on screen `{screen}`"

    def _widgets(self) -> Iterator[Change]:
        old_w, new_w = self.old_w, self.new_w
        for wid in _union(old_w, new_w):
            b, a = old_w.get(wid), new_w.get(wid)
            if b is None or a is None:
                entry = a or b
                assert entry is not None
                where = self._where(entry, new_w if a else old_w,
                                    self.new_screens if a else self.old_screens)
                yield Change("added" if b is None else "removed", "widget", wid,
                             self._widget_label(entry), "", None if b is None else where,
                             None if a is None else where, entry.screen_id)
                continue
            label = self._widget_label(a)
            if b.parent != a.parent or b.screen_id != a.screen_id:
                    yield Change("moved", "widget", wid, label, "", self._where(b, old_w, self.old_screens),
                             self._where(a, new_w, self.new_screens), a.screen_id,
                             b.screen_id if b.screen_id != a.screen_id else "")
            if b.name != a.name:
                yield Change("renamed", "widget", wid, label, "name", b.name, a.name, a.screen_id)
            skip = {"id", "name"}
            yield from self._props("widget", wid, label,
                                   {k: v for k, v in b.props.items() if k not in skip},
                                   {k: v for k, v in a.props.items() if k not in skip}, a.screen_id)
        old_kids = _kids(old_w)
        new_kids = _kids(new_w)
        for parent in _union(old_kids, new_kids):
            if parent in old_kids and parent in new_kids:
                pid = parent.split(":", 1)[1]
                entry = new_w.get(pid)
                yield from self._order("widget", f"`{entry.name if entry else pid}`",
                                       old_kids[parent], new_kids[parent],
                                       lambda i: self._widget_label(new_w[i]),
                                       entry.screen_id if entry else "")

    # ---------------------------------------------------------------- data
    def _source(self, did: str, old: dict[str, Any] | None, new: dict[str, Any] | None
                ) -> Iterator[Change]:
        src = new or old or {}
        label = f"data source `{src.get('name', '?')}` ({did})"
        if old is None or new is None:
            yield Change("added" if old is None else "removed", "data_source", did, label, "",
                         None if old is None else src.get("base_url") or src.get("kind"),
                         None if new is None else src.get("base_url") or src.get("kind"))
            return
        if old.get("name") != new.get("name"):
            yield Change("renamed", "data_source", did, label, "name", old.get("name"), new.get("name"))
        for change in self._props("data_source", did, label,
                                  {k: v for k, v in old.items() if k not in ("id", "name", "entities")},
                                  {k: v for k, v in new.items() if k not in ("id", "name", "entities")}):
            category = ("endpoint" if change.prop.startswith(("base_url", "headers")) else
                        "policy" if change.prop.startswith(("auth", "offline")) else change.category)
            yield Change(change.op, category, change.id, change.label, change.prop, change.before,
                         change.after)
        ob, nb = keyed(old.get("entities", []), "name"), keyed(new.get("entities", []), "name")
        if ob is None or nb is None:
            if old.get("entities") != new.get("entities"):
                yield Change("changed", "entity", did, label, "entities")
            return
        for name in _union(ob, nb):
            yield from self._entity(f"{did}.{name}", f"entity `{src.get('name')}.{name}`",
                                    ob.get(name), nb.get(name))

    def _entity(self, eid: str, label: str, old: dict[str, Any] | None,
                new: dict[str, Any] | None) -> Iterator[Change]:
        if old is None or new is None:
            yield Change("added" if old is None else "removed", "entity", eid, label)
            return
        skip = {"name", "fields", "operations", "offline", "sample_rows"}
        yield from self._props("entity", eid, label, {k: v for k, v in old.items() if k not in skip},
                               {k: v for k, v in new.items() if k not in skip})
        if old.get("offline") != new.get("offline"):
            yield from self._props("policy", eid, label, {"offline": old.get("offline") or "source"},
                                   {"offline": new.get("offline") or "source"})
        rows_b, rows_a = old.get("sample_rows", []), new.get("sample_rows", [])
        if rows_b != rows_a:
            yield Change("changed", "entity", eid, label, "sample_rows", f"{len(rows_b)} rows",
                         f"{len(rows_a)} rows")
        yield from self._named_list("field", eid, f"{label} field", old.get("fields", []),
                                    new.get("fields", []), "name")
        yield from self._named_list("endpoint", eid, f"{label} operation", old.get("operations", []),
                                    new.get("operations", []), "kind")


def _kids(index: dict[str, WidgetEntry]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for entry in sorted(index.values(), key=lambda e: e.index):
        if entry.parent.startswith("widget:"):
            out.setdefault(entry.parent, []).append(entry.id)
    return out


def _union(a: Any, b: Any) -> list[Any]:
    """Keys of ``a`` then the new keys of ``b``, in order."""
    seen = dict.fromkeys(a)
    seen.update(dict.fromkeys(b))
    return list(seen)


def outline(app: App) -> str:
    """One line per leaf property, keyed by id, for ``git diff`` textconv.

    Lines are sorted by id, so a moved widget changes its location line and its old and new
    parents' child lists, and nothing else.
    """
    data = app.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    lines: list[str] = []
    for prop, value in flatten({k: v for k, v in data.items()
                                if k not in ("screens", "data_sources")}, keep_empty=True).items():
        lines.append(f"app {prop} = {fmt(value, 10_000)}")
    for screen in data.get("screens", []):
        sid = screen["id"]
        for prop, value in flatten({k: v for k, v in screen.items() if k not in ("id", "root")}, keep_empty=True).items():
            lines.append(f"screen {sid} {prop} = {fmt(value, 10_000)}")
    kids = children_lists(data)
    for entry in sorted(widget_index(data).values(), key=lambda e: (e.screen_id, e.id)):
        parent = entry.parent.split(":", 1)[1]
        where = f"root of screen {parent}" if entry.parent.startswith("screen:") else f"in {parent}"
        lines.append(f"widget {entry.id} {where} on screen {entry.screen_id}")
        if kids.get(f"widget:{entry.id}"):
            lines.append(f"widget {entry.id} children = {', '.join(kids[f'widget:{entry.id}'])}")
        for prop, value in flatten({k: v for k, v in entry.props.items() if k != "id"}, keep_empty=True).items():
            lines.append(f"widget {entry.id} {prop} = {fmt(value, 10_000)}")
    for source in data.get("data_sources", []):
        for prop, value in flatten({k: v for k, v in source.items() if k != "id"}, keep_empty=True).items():
            lines.append(f"data_source {source['id']} {prop} = {fmt(value, 10_000)}")
    return "".join(printable(line) + "\n" for line in lines)
