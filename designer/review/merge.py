"""Three-way merge of model files by ids (a git merge driver's engine).

Both sides' edits are combined object by object: app and screen properties, widgets by id
(properties, parent and position among siblings), data sources by id, entities and fields by
name, operations by kind. Edits of different objects or different properties merge cleanly;
the same property changed two ways, an edit against a delete, or a merge that would produce an
invalid model are conflicts, reported in words and never written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable

from pydantic import ValidationError

from designer.model import App, dumps
from designer.model.gc_pause import gc_paused
from designer.model.problems import format_path
from widgets import CATALOG

from .tree import ParentKey, WidgetEntry, children_lists, flatten, full_dump, keyed, widget_index


class _Missing:
    _instance: "_Missing | None" = None

    def __new__(cls) -> "_Missing":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "<absent>"


#: A value that is not there (a deleted key, a new object's base).
MISSING: Any = _Missing()

#: Lists of objects merged item by item, by the key named here (others are single values).
LIST_KEYS: dict[str, str] = {"screens": "id", "data_sources": "id", "entities": "name",
                             "fields": "name", "operations": "kind", "parameters": "name",
                             "variables": "name", "data": "name"}


@dataclass(frozen=True)
class Conflict:
    """Something the two sides changed incompatibly."""

    where: str
    reason: str
    base: Any = MISSING
    ours: Any = MISSING
    theirs: Any = MISSING

    def text(self) -> str:
        """A readable paragraph: where, why, and the three versions when they are values."""
        lines = [f"{self.where}: {self.reason}"]
        for label, value in (("base", self.base), ("ours", self.ours), ("theirs", self.theirs)):
            if value is not MISSING or label != "base":
                lines.append(f"    {label + ':':8}{_show(value)}")
        if all(v is MISSING for v in (self.base, self.ours, self.theirs)):
            lines = lines[:1]
        return "\n".join(lines)


def _show(value: Any) -> str:
    if value is MISSING:
        return "(absent)"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 200 else text[:199] + "…"


@dataclass
class MergeResult:
    """The merged app and its canonical bytes, or the conflicts that prevented it."""

    conflicts: list[Conflict] = field(default_factory=list)
    app: App | None = None
    content: bytes = b""

    @property
    def clean(self) -> bool:
        return not self.conflicts and self.app is not None

    def report(self) -> str:
        """The conflict report (empty when clean)."""
        if not self.conflicts:
            return ""
        n = len(self.conflicts)
        head = f"{n} merge conflict{'s' if n != 1 else ''}:"
        body = "\n".join(f"{i}. {c.text()}" for i, c in enumerate(self.conflicts, 1))
        return f"{head}\n{body}\n"


def merge_apps(base: App | None, ours: App, theirs: App, check_semantics: bool = True
               ) -> MergeResult:
    """Merge ``ours`` and ``theirs`` (both derived from ``base``; None = added on both sides).

    Runs with the cyclic GC paused: three full dumps and their indexes are ~30 objects per widget."""
    with gc_paused():
        return _merge(base, ours, theirs, check_semantics)


def _merge(base: App | None, ours: App, theirs: App, check_semantics: bool) -> MergeResult:
    result = MergeResult()
    merger = _Merger(result.conflicts)
    data = merger.app(full_dump(base) if base is not None else {}, full_dump(ours), full_dump(theirs))
    if result.conflicts:
        return result
    try:
        app = App.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False)[:20]:
            where = format_path(tuple(p for p in err["loc"] if isinstance(p, (str, int))))
            result.conflicts.append(Conflict(where or "model",
                                             f"the merged model would be invalid: {err['msg']}"))
        return result
    if check_semantics:
        result.conflicts.extend(_new_problems(app, ours, theirs))
        if result.conflicts:
            return result
    result.app = app
    result.content = dumps(app)
    return result


def _new_problems(merged: App, ours: App, theirs: App) -> list[Conflict]:
    """Semantic errors the merge introduced (present in neither side), as conflicts."""
    from designer.model.validate import validate_app

    def errors(app: App) -> set[tuple[str, str]]:
        return {(p.code, p.message) for p in validate_app(app) if p.severity == "error"}

    found = [p for p in validate_app(merged) if p.severity == "error"]
    if not found:
        return []
    known = errors(ours) | errors(theirs)
    return [Conflict(p.path_text or "model", f"the combined edits clash: {p.message}")
            for p in found if (p.code, p.message) not in known]


def merge_order(base: list[str], ours: list[str], theirs: list[str], keep: set[str]
                ) -> list[str] | None:
    """Order the ``keep`` ids: a side's reordering wins, new items follow their predecessor.

    Returns None when both sides reordered the shared items differently.
    """
    in_ours, in_theirs = set(ours), set(theirs)
    common = [x for x in base if x in keep and x in in_ours and x in in_theirs]
    common_set = set(common)
    o_order = [x for x in ours if x in common_set]
    t_order = [x for x in theirs if x in common_set]
    if o_order == common:
        result = t_order
    elif t_order in (common, o_order):
        result = o_order
    else:
        return None
    result = list(result)
    placed = set(result)
    earlier: set[str] = set()        # inserted from ours: theirs' insertions go after them
    for side in (ours, theirs):
        added: set[str] = set()
        for i, item in enumerate(side):
            if item not in keep or item in placed:
                continue
            pos = 0
            for prev in reversed(side[:i]):
                if prev in placed:
                    pos = result.index(prev) + 1
                    break
            while pos < len(result) and result[pos] in earlier:
                pos += 1
            result.insert(pos, item)
            placed.add(item)
            added.add(item)
        earlier = added
    result.extend(sorted(keep - placed))
    return result


class _Merger:
    def __init__(self, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts

    def conflict(self, where: str, reason: str, b: Any = MISSING, o: Any = MISSING,
                 t: Any = MISSING) -> None:
        self.conflicts.append(Conflict(where, reason, b, o, t))

    # ------------------------------------------------------------- generic values
    def value(self, where: str, b: Any, o: Any, t: Any, list_key: str | None = None) -> Any:
        """Three-way merge of JSON values; dicts by key, keyed lists by item key."""
        if o == t:
            return o
        if o == b:
            return t
        if t == b:
            return o
        if o is MISSING or t is MISSING:
            side, other = ("ours", "theirs") if o is MISSING else ("theirs", "ours")
            self.conflict(where, f"{side} removed it but {other} changed it", b, o, t)
            return o
        if isinstance(o, dict) and isinstance(t, dict) and isinstance(b, (dict, _Missing)):
            base = b if isinstance(b, dict) else {}
            out: dict[str, Any] = {}
            for key in _union(o, t, base):
                merged = self.value(_sub(where, key), base.get(key, MISSING),
                                    o.get(key, MISSING), t.get(key, MISSING), LIST_KEYS.get(key))
                if merged is not MISSING:
                    out[key] = merged
            return out
        if list_key and isinstance(o, list) and isinstance(t, list) and isinstance(b, (list, _Missing)):
            merged_list = self.keyed_list(where, b if isinstance(b, list) else [], o, t, list_key)
            if merged_list is not None:
                return merged_list
        self.conflict(where, "changed differently on both sides", b, o, t)
        return o

    def keyed_list(self, where: str, b: list[Any], o: list[Any], t: list[Any], key: str
                   ) -> list[Any] | None:
        kb, ko, kt = keyed(b, key), keyed(o, key), keyed(t, key)
        if kb is None or ko is None or kt is None:
            return None
        merged: dict[str, Any] = {}
        for item_key in _union(ko, kt, kb):
            sample = ko.get(item_key) or kt.get(item_key) or kb.get(item_key) or {}
            label = _item_label(where, sample, key, item_key)
            value = self.value(label, kb.get(item_key, MISSING), ko.get(item_key, MISSING),
                               kt.get(item_key, MISSING))
            if value is not MISSING:
                merged[item_key] = value
        order = merge_order(list(kb), list(ko), list(kt), set(merged))
        if order is None:
            self.conflict(where, "both sides reordered the items differently",
                          list(kb), list(ko), list(kt))
            order = list(merged)
        return [merged[k] for k in order]

    # ------------------------------------------------------------- the app
    def app(self, b: dict[str, Any], o: dict[str, Any], t: dict[str, Any]) -> dict[str, Any]:
        def without_roots(app: dict[str, Any]) -> dict[str, Any]:
            return {**app, "screens": [{k: v for k, v in s.items() if k != "root"}
                                       for s in app.get("screens", [])]}

        merged = self.value("", without_roots(b), without_roots(o), without_roots(t))
        screens = merged.get("screens", []) if isinstance(merged, dict) else []
        roots = _WidgetMerge(self, b, o, t, screens).run()
        for screen in screens:
            if screen["id"] in roots:
                screen["root"] = roots[screen["id"]]
        return merged


class _WidgetMerge:
    """Widgets of all screens merged by id: properties, parent, and order among siblings."""

    def __init__(self, merger: _Merger, b: dict[str, Any], o: dict[str, Any], t: dict[str, Any],
                 screens: list[dict[str, Any]]) -> None:
        self.m = merger
        self.sides = {"base": widget_index(b), "ours": widget_index(o), "theirs": widget_index(t)}
        self.kids = {"base": children_lists(b), "ours": children_lists(o),
                     "theirs": children_lists(t)}
        self.screen_names = {s["id"]: s.get("name", s["id"])
                             for d in (b, o, t) for s in d.get("screens", [])}
        self.screen_ids = {s["id"] for s in screens}

    def label(self, wid: str) -> str:
        entry = next(s[wid] for s in (self.sides["ours"], self.sides["theirs"], self.sides["base"])
                     if wid in s)
        return (f"widget `{entry.name}` ({wid}) on screen "
                f"`{self.screen_names.get(entry.screen_id, entry.screen_id)}`")

    def parent_label(self, key: ParentKey) -> str:
        kind, _, ident = key.partition(":")
        if kind == "screen":
            return f"screen `{self.screen_names.get(ident, ident)}`"
        return self.label(ident)

    def run(self) -> dict[str, dict[str, Any]]:
        base, ours, theirs = self.sides["base"], self.sides["ours"], self.sides["theirs"]
        merged: dict[str, tuple[dict[str, Any], ParentKey]] = {}
        for wid in _union(ours, theirs, base):
            entry = self.widget(wid, base.get(wid), ours.get(wid), theirs.get(wid))
            if entry is not None:
                merged[wid] = entry
        by_parent: dict[ParentKey, set[str]] = {}
        for wid, (_, parent) in merged.items():
            if not self._parent_ok(wid, parent, merged):
                continue
            by_parent.setdefault(parent, set()).add(wid)
        self._check_cycles(merged)
        order: dict[ParentKey, list[str]] = {}
        for parent, keep in by_parent.items():
            seq = merge_order(*(self.kids[s].get(parent, []) for s in ("base", "ours", "theirs")),
                              keep)
            if seq is None:
                self.m.conflict(f"children of {self.parent_label(parent)}",
                                "both sides reordered them differently")
                seq = sorted(keep)
            order[parent] = seq
        roots: dict[str, dict[str, Any]] = {}
        for sid in self.screen_ids:
            found = order.get(f"screen:{sid}", [])
            if len(found) != 1:
                if found:
                    self.m.conflict(f"screen `{self.screen_names.get(sid, sid)}`",
                                    "both sides replaced its root widget",
                                    o=found[0], t=found[-1])
                else:
                    self.m.conflict(f"screen `{self.screen_names.get(sid, sid)}`",
                                    "the merge leaves it without a root widget")
                continue
            if not self.m.conflicts:
                roots[sid] = self._build(found[0], merged, order, set())
        return roots

    def widget(self, wid: str, b: WidgetEntry | None, o: WidgetEntry | None, t: WidgetEntry | None
               ) -> tuple[dict[str, Any], ParentKey] | None:
        label = self.label(wid)
        if b is not None and (o is None or t is None):
            present, deleter, changer = (t, "ours", "theirs") if o is None else (o, "theirs", "ours")
            if present is None:
                return None
            changes = _changed_props(b, present)
            if not changes:
                return None
            self.m.conflict(label, f"{deleter} deleted it but {changer} changed "
                                   f"{', '.join(changes[:6])}")
            return None
        if o is None and t is None:
            return None
        if o is None or t is None:
            entry = o or t
            assert entry is not None
            return entry.props, entry.parent
        props = self.m.value(label, b.props if b else MISSING, o.props, t.props)
        parent = self._location(label, b, o, t)
        return props, parent

    def _location(self, label: str, b: WidgetEntry | None, o: WidgetEntry, t: WidgetEntry
                  ) -> ParentKey:
        bp = b.parent if b else None
        if o.parent == t.parent or t.parent == bp:
            return o.parent
        if o.parent == bp:
            return t.parent
        self.m.conflict(label, "moved to different places on both sides",
                        self.parent_label(bp) if bp else MISSING, self.parent_label(o.parent),
                        self.parent_label(t.parent))
        return o.parent

    def _parent_ok(self, wid: str, parent: ParentKey, merged: dict[str, Any]) -> bool:
        kind, _, ident = parent.partition(":")
        if kind == "screen":
            if ident in self.screen_ids:
                return True
            self.m.conflict(self.label(wid), f"its screen `{self.screen_names.get(ident, ident)}` "
                                             "was removed on the other side")
            return False
        if ident not in merged:
            self.m.conflict(self.label(wid), f"it was placed in {self.parent_label(parent)}, "
                                             "which the other side deleted")
            return False
        parent_kind = merged[ident][0].get("kind", "")
        if parent_kind not in CATALOG or not CATALOG.get(parent_kind).container:
            self.m.conflict(self.label(wid), f"its parent `{ident}` is no longer a container")
            return False
        return True

    def _check_cycles(self, merged: dict[str, tuple[dict[str, Any], ParentKey]]) -> None:
        for wid in merged:
            seen = {wid}
            parent = merged[wid][1]
            while parent.startswith("widget:"):
                pid = parent.split(":", 1)[1]
                if pid in seen:
                    self.m.conflict(self.label(wid), "the two sides moved containers into each other")
                    return
                seen.add(pid)
                if pid not in merged:
                    break
                parent = merged[pid][1]

    def _build(self, wid: str, merged: dict[str, Any], order: dict[ParentKey, list[str]],
               seen: set[str]) -> dict[str, Any]:
        seen.add(wid)
        props = dict(merged[wid][0])
        kind = props.get("kind", "")
        if kind in CATALOG and CATALOG.get(kind).container:
            props["children"] = [self._build(c, merged, order, seen)
                                 for c in order.get(f"widget:{wid}", []) if c not in seen]
        return props


def _changed_props(before: WidgetEntry, after: WidgetEntry) -> list[str]:
    fb, fa = flatten(before.props), flatten(after.props)
    changed = [k for k in _union(fb, fa) if fb.get(k, MISSING) != fa.get(k, MISSING)]
    if before.parent != after.parent:
        changed.append("its position (moved)")
    return changed


_NOUNS = {"screens": "screen", "data_sources": "data source", "entities": "entity",
          "fields": "field", "operations": "operation", "parameters": "parameter",
          "variables": "variable", "data": "query"}


def _sub(where: str, key: str) -> str:
    """``screen `home` (s1)`` + ``title`` → ``screen `home` (s1): title``; ``a`` + ``b`` → ``a.b``."""
    if not where:
        return key
    return f"{where}: {key}" if where.endswith(("`", ")")) else f"{where}.{key}"


def _item_label(where: str, item: Any, key: str, value: str) -> str:
    """``data_sources`` + item → ``data source `crm` (ds_crm)``."""
    list_name = where.rpartition(": ")[2].rsplit(".", 1)[-1]
    name = item.get("name") if isinstance(item, dict) else None
    text = f"{_NOUNS.get(list_name, list_name)} `{name or value}`"
    if key != "name" and name:
        text += f" ({value})"
    prefix = where[: len(where) - len(list_name)].rstrip(".: ")
    return f"{prefix}: {text}" if prefix else text


def _union(*maps: Any) -> list[Any]:
    seen: dict[Any, None] = {}
    for m in maps:
        seen.update(dict.fromkeys(m))
    return list(seen)


MergeFn = Callable[[App | None, App, App], MergeResult]
