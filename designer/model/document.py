"""The editable document: an App plus an id index, invariant-checked edits and change events.

Every change to a document goes through these methods; each checks its invariants first and
raises a typed ``ModelError`` before touching anything, then notifies subscribers.

Structural invariants (unique ids and names, allowed children, valid values) hold for every
edit. Expressions, references and literal secrets in the *changed* value are checked as the
``check`` argument says (see ``designer.model.guard``): ``"new"`` (the default) refuses them,
``"copy"`` (pasted widgets) keeps references that only fail where they land and returns them,
``"restore"`` (undo/redo) checks none of them, so putting back what was there never fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from pydantic import ValidationError

from widgets import CATALOG, ContainerBase, Rect, WidgetBase

from .actions import screen_fields
from .app import App, Screen
from .base import IDENT_RE, MAX_WIDGET_DEPTH
from .data import DataSource
from .errors import (DuplicateIdError, DuplicateNameError, InvalidChildError, InvalidNameError,
                     InvalidValueError, ModelError, UnknownReferenceError)
from .guard import (EXPR_PROPS, Check, WidgetEdit, refuse_reserved, refuse_secrets,
                    refuse_source_secrets, screen_edit)
from .names import item_names, screen_names, source_names, string_names, widget_names
from .problems import Problem

_FIXED_WIDGET_FIELDS = frozenset({"id", "kind", "children"})
_FIXED_SCREEN_FIELDS = frozenset({"id", "root"})


@dataclass(frozen=True)
class Change:
    """What changed: ``kind`` is e.g. ``widget_inserted``; ``ids`` are the affected objects."""

    kind: str
    ids: tuple[str, ...] = ()
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Entry:
    widget: WidgetBase
    parent: ContainerBase | None
    screen: Screen


Listener = Callable[[Change], None]
#: A place naming a screen: ``("start",)``, ``("on_load", screen_id, index)`` or
#: ``("widget", widget_id, event, index)``.
ScreenRef = tuple[str | int, ...]


class Document:
    """An App being edited. Read ``app`` freely; change it only through the methods."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._listeners: list[Listener] = []
        self._index: dict[str, _Entry] = {}
        #: Widget names per screen id, built on demand for ``check_insert``; dropped by every
        #: change but an insert, which adds its names (undoing a 1,000-widget delete is then
        #: linear instead of walking the screen once per widget).
        self._names: dict[str, set[str]] = {}
        self._reindex()

    # ----------------------------------------------------------------- events
    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(change)`` after every change."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Stop notifying ``listener``."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _emit(self, kind: str, *ids: str, **detail: Any) -> None:
        if kind != "widget_inserted":
            self._names.clear()
        change = Change(kind, ids, detail)
        for listener in list(self._listeners):
            listener(change)

    def replace_app(self, app: App) -> None:
        """Swap in a whole new app (open/revert); subscribers get a ``reset``."""
        self.app = app
        self._reindex()
        self._emit("reset")

    # ----------------------------------------------------------------- lookup
    def _reindex(self) -> None:
        self._index = {}
        for screen in self.app.screens:
            self._index_screen(screen)

    def _index_screen(self, screen: Screen) -> None:
        for widget, parent in screen.walk():
            self._index[widget.id] = _Entry(widget, parent, screen)

    def __contains__(self, widget_id: object) -> bool:
        return widget_id in self._index

    def widget(self, widget_id: str) -> WidgetBase:
        """The widget with that id (UnknownReferenceError if none)."""
        return self._entry(widget_id).widget

    def _entry(self, widget_id: str) -> _Entry:
        try:
            return self._index[widget_id]
        except KeyError:
            raise UnknownReferenceError(f"no widget with id {widget_id!r}") from None

    def parent_of(self, widget_id: str) -> ContainerBase | None:
        """The container holding the widget (None for a screen root)."""
        return self._entry(widget_id).parent

    def screen_of(self, widget_id: str) -> Screen:
        """The screen the widget is on."""
        return self._entry(widget_id).screen

    def index_in_parent(self, widget_id: str) -> int:
        """Position of the widget among its siblings (0 for a root)."""
        parent = self.parent_of(widget_id)
        if parent is None:
            return 0
        return next(i for i, c in enumerate(parent.children) if c.id == widget_id)

    def screen_by_id(self, screen_id: str) -> Screen:
        """The screen with that id (UnknownReferenceError if none)."""
        for screen in self.app.screens:
            if screen.id == screen_id:
                return screen
        raise UnknownReferenceError(f"no screen with id {screen_id!r}")

    def screen_index(self, screen_id: str) -> int:
        """Position of the screen in the app."""
        return self.app.screens.index(self.screen_by_id(screen_id))

    def widget_count(self) -> int:
        """Number of widgets in all screens."""
        return len(self._index)

    def all_ids(self) -> set[str]:
        """Every widget, screen and data source id in use."""
        ids = set(self._index)
        ids.update(s.id for s in self.app.screens)
        ids.update(d.id for d in self.app.data_sources)
        return ids

    def names_in_screen(self, screen: Screen) -> set[str]:
        """Widget names used on ``screen`` (a new set the caller may change)."""
        return set(self._screen_names(screen))

    def _screen_names(self, screen: Screen) -> set[str]:
        names = self._names.get(screen.id)
        if names is None:
            names = self._names[screen.id] = {w.name for w, _ in screen.walk()}
        return names

    def is_ancestor(self, ancestor_id: str, widget_id: str) -> bool:
        """True if ``ancestor_id`` contains ``widget_id`` (or is it)."""
        current: WidgetBase | None = self.widget(widget_id)
        while current is not None:
            if current.id == ancestor_id:
                return True
            current = self._index[current.id].parent
        return False

    def outermost(self, ids: Iterable[str]) -> list[str]:
        """The given widgets that are not screen roots and not inside another of them (in the
        given order, duplicates and unknown ids dropped): what a multi-widget edit acts on."""
        chosen = [i for i in dict.fromkeys(ids) if i in self._index
                  and self._index[i].parent is not None]
        chosen_set = set(chosen)

        def inside_another(wid: str) -> bool:
            parent = self._index[wid].parent
            while parent is not None:
                if parent.id in chosen_set:
                    return True
                parent = self._index[parent.id].parent
            return False

        return [i for i in chosen if not inside_another(i)]

    def ancestors(self, widget_id: str) -> list[WidgetBase]:
        """The containers around a widget, screen root first, its parent last."""
        chain: list[WidgetBase] = []
        parent = self._entry(widget_id).parent
        while parent is not None:
            chain.append(parent)
            parent = self._index[parent.id].parent
        chain.reverse()
        return chain

    # ------------------------------------------------------------- widgets
    def check_insert(self, parent_id: str, index: int, widget: WidgetBase) -> ContainerBase:
        """Raise the error ``insert_widget`` would raise; return the parent container."""
        parent = self.widget(parent_id)
        if not isinstance(parent, ContainerBase):
            raise InvalidChildError(f"{parent.kind} `{parent.name}` is not a container",
                                    path=parent.name)
        if not 0 <= index <= len(parent.children):
            raise InvalidValueError(f"index {index} is outside 0..{len(parent.children)}")
        self._check_depth(parent_id, widget)
        subtree = list(_walk(widget))
        for w, p in subtree:
            container = p if p is not None else parent
            if not CATALOG.allows_child(container.kind, w.kind):
                raise InvalidChildError(f"a {container.kind} cannot hold a {w.kind}",
                                        path=container.name)
        other_ids = {s.id for s in self.app.screens} | {d.id for d in self.app.data_sources}
        screen = self.screen_of(parent_id)
        taken_names = self._screen_names(screen)
        seen_ids: set[str] = set()
        seen_names: set[str] = set()
        for w, _ in subtree:
            if w.id in self._index or w.id in other_ids or w.id in seen_ids:
                raise DuplicateIdError(f"id {w.id!r} is already used", path=w.name)
            if w.name in taken_names or w.name in seen_names:
                raise DuplicateNameError(f"screen `{screen.name}` already has a widget named "
                                         f"`{w.name}`", path=w.name)
            seen_ids.add(w.id)
            seen_names.add(w.name)
        return parent

    def _check_depth(self, parent_id: str, widget: WidgetBase) -> None:
        """Refuse a subtree that would nest widgets deeper than MAX_WIDGET_DEPTH under the parent."""
        level = len(self.ancestors(parent_id)) + 1 + _height(widget)
        if level > MAX_WIDGET_DEPTH:
            raise InvalidChildError(f"widgets would be nested {level} levels deep; the limit is "
                                    f"{MAX_WIDGET_DEPTH}", path=widget.name)

    def insert_widget(self, parent_id: str, index: int, widget: WidgetBase, *,
                      check: Check = "new") -> list[Problem]:
        """Insert ``widget`` (and its subtree) as child ``index`` of container ``parent_id``.

        The subtree's expressions are checked in the scope they land in: ``"new"`` refuses any
        that does not resolve or type-check (BindingError) and any literal secret
        (SecretInModelError); ``"copy"`` (paste, duplicate) keeps references that only fail
        here and returns them as problems (paths inside ``widget``); ``"restore"`` (undoing
        a delete) puts the subtree back unchecked.
        """
        parent = self.check_insert(parent_id, index, widget)
        kept: list[Problem] = []
        if check != "restore":
            refuse_reserved(widget_names(widget))
            refuse_secrets(widget, widget.name)
            edit = WidgetEdit(self.app, self.screen_of(parent_id),
                              self.ancestors(parent_id) + [parent], check)
            edit.subtree(widget)
            kept = edit.kept
        if parent.kind == "free" and widget.layout.frame is None:
            widget.layout.frame = Rect()
        parent.children.insert(index, widget)
        screen = self.screen_of(parent_id)
        names = self._names.get(screen.id)
        for w, p in _walk(widget):
            self._index[w.id] = _Entry(w, p if p is not None else parent, screen)
            if names is not None:
                names.add(w.name)
        self._emit("widget_inserted", widget.id, parent=parent_id, index=index)
        return kept

    def remove_widget(self, widget_id: str) -> tuple[str, int, WidgetBase]:
        """Remove a widget and its subtree; return ``(parent_id, index, widget)`` for undo."""
        entry = self._entry(widget_id)
        if entry.parent is None:
            raise InvalidChildError(f"`{entry.widget.name}` is the root of screen "
                                    f"`{entry.screen.name}` and cannot be removed")
        index = self.index_in_parent(widget_id)
        parent = entry.parent
        del parent.children[index]
        for w, _ in _walk(entry.widget):
            self._index.pop(w.id, None)
        self._emit("widget_removed", widget_id, parent=parent.id, index=index)
        return parent.id, index, entry.widget

    def move_widget(self, widget_id: str, new_parent_id: str, index: int) -> tuple[str, int]:
        """Move a widget to ``new_parent_id`` at ``index`` (index counted after removal).

        Returns the old ``(parent_id, index)``. Like a cut and paste, a move keeps the subtree's
        expressions as they are: one that no longer resolves where it lands (a list item alias
        moved out of its list) is left for validation to report.
        """
        entry = self._entry(widget_id)
        if entry.parent is None:
            raise InvalidChildError("a screen root cannot be moved")
        if self.is_ancestor(widget_id, new_parent_id):
            raise InvalidChildError(f"cannot move `{entry.widget.name}` into itself")
        target = self.widget(new_parent_id)
        if not isinstance(target, ContainerBase):
            raise InvalidChildError(f"{target.kind} `{target.name}` is not a container")
        if not CATALOG.allows_child(target.kind, entry.widget.kind):
            raise InvalidChildError(f"a {target.kind} cannot hold a {entry.widget.kind}")
        self._check_depth(new_parent_id, entry.widget)
        old_parent, old_index = entry.parent, self.index_in_parent(widget_id)
        limit = len(target.children) - (1 if target is old_parent else 0)
        if not 0 <= index <= limit:
            raise InvalidValueError(f"index {index} is outside 0..{limit}")
        target_screen = self._entry(new_parent_id).screen
        if target_screen is not entry.screen:
            names = self.names_in_screen(target_screen)
            clash = next((w.name for w, _ in _walk(entry.widget) if w.name in names), None)
            if clash:
                raise DuplicateNameError(f"screen `{target_screen.name}` already has a widget "
                                         f"named `{clash}`")
        del old_parent.children[old_index]
        target.children.insert(index, entry.widget)
        if target.kind == "free" and entry.widget.layout.frame is None:
            entry.widget.layout.frame = Rect()
        entry.parent = target
        for w, _ in _walk(entry.widget):
            self._index[w.id].screen = target_screen
        self._emit("widget_moved", widget_id, old_parent=old_parent.id, old_index=old_index,
                   parent=new_parent_id, index=index)
        return old_parent.id, old_index

    def check_set_prop(self, widget_id: str, name: str, value: Any, *,
                       check: Check = "new") -> Any:
        """Raise the error ``set_prop`` would raise; return the value as it would be stored.

        Editors call this while the user types, so what they push is never refused.
        """
        entry = self._entry(widget_id)
        widget = entry.widget
        if name in _FIXED_WIDGET_FIELDS or name not in type(widget).model_fields:
            raise InvalidValueError(f"{widget.kind} has no settable property `{name}`",
                                    path=widget.name)
        if name == "item_alias" and value != getattr(widget, name) and check != "restore":
            refuse_reserved([((), str(value), "item alias")])
        if name == "name" and value != widget.name:
            _check_ident(value, "widget name", check)
            if value in self.names_in_screen(entry.screen):
                raise DuplicateNameError(f"screen `{entry.screen.name}` already has a widget "
                                         f"named `{value}`", path=widget.name)
        if name == "bindings":
            bad = [k for k in value if k not in type(widget).BINDABLE]
            if bad:
                raise InvalidValueError(f"{widget.kind} cannot bind `{bad[0]}`; bindable: "
                                        f"{', '.join(type(widget).BINDABLE) or 'nothing'}")
        if name not in EXPR_PROPS:
            if check != "restore":
                refuse_secrets(value, f"{widget.name}.{name}", getattr(widget, name))
            return value
        trial = widget.model_copy()
        _assign(trial, name, value)
        new = getattr(trial, name)
        if check != "restore":
            old = getattr(widget, name)
            refuse_secrets(new, f"{widget.name}.{name}", old)
            WidgetEdit(self.app, entry.screen, self.ancestors(widget_id), check).prop(
                widget, name, new, old)
        return new

    def set_prop(self, widget_id: str, name: str, value: Any, *, check: Check = "new") -> Any:
        """Set one property (validated against its type); return the old value.

        With ``check="new"`` a binding, visible-when, action or rule expression that is new in
        ``value`` must resolve and type-check in the widget's scope (a list's ``items`` must be
        a collection) and no new string may hold a literal secret; entries that are unchanged
        are not re-checked, so a broken binding loaded from a file never blocks editing the
        others. ``check="restore"`` (undo) skips those checks.
        """
        value = self.check_set_prop(widget_id, name, value, check=check)
        widget = self._index[widget_id].widget
        old = getattr(widget, name)
        _assign(widget, name, value)
        self._emit("widget_changed", widget_id, prop=name)
        return old

    # ------------------------------------------------------------- screens
    def add_screen(self, screen: Screen, index: int | None = None, *,
                   check: Check = "new") -> None:
        """Add a screen (unique name and ids checked first; ``"new"``: no reserved name).

        Its expressions are not checked: a screen is added empty, or put back by undo.
        """
        _check_ident(screen.name, check=check)
        if check != "restore":
            refuse_reserved(screen_names(screen))
        if self.app.screen(screen.name) is not None:
            raise DuplicateNameError(f"a screen named `{screen.name}` already exists")
        taken = self.all_ids()
        names: set[str] = set()
        for w, p in screen.walk():
            if w.id in taken:
                raise DuplicateIdError(f"id {w.id!r} is already used", path=w.name)
            if w.name in names:
                raise DuplicateNameError(f"widget name `{w.name}` is used twice")
            if p is not None and not CATALOG.allows_child(p.kind, w.kind):
                raise InvalidChildError(f"a {p.kind} cannot hold a {w.kind}")
            taken.add(w.id)
            names.add(w.name)
        if screen.id in taken:
            raise DuplicateIdError(f"id {screen.id!r} is already used")
        if not isinstance(screen.root, ContainerBase):
            raise InvalidChildError("a screen's root must be a container")
        index = len(self.app.screens) if index is None else index
        if not 0 <= index <= len(self.app.screens):
            raise InvalidValueError(f"index {index} is outside 0..{len(self.app.screens)}")
        self.app.screens.insert(index, screen)
        self._index_screen(screen)
        self._emit("screen_added", screen.id, index=index)

    def remove_screen(self, screen_id: str) -> tuple[int, Screen]:
        """Remove a screen; return ``(index, screen)`` for undo.

        Removing the start screen makes the first remaining screen the start screen (the caller
        restores ``start_screen`` on undo); navigations to the removed screen stay and are
        reported by validation.
        """
        screen = self.screen_by_id(screen_id)
        index = self.app.screens.index(screen)
        del self.app.screens[index]
        for w, _ in screen.walk():
            self._index.pop(w.id, None)
        self._emit("screen_removed", screen_id, index=index)
        if self.app.start_screen == screen.name:
            self.app.start_screen = self.app.screens[0].name if self.app.screens else None
            self._emit("app_changed", prop="start_screen")
        return index, screen

    def move_screen(self, screen_id: str, index: int) -> int:
        """Reorder a screen; return its old index."""
        screen = self.screen_by_id(screen_id)
        old = self.app.screens.index(screen)
        if not 0 <= index < len(self.app.screens):
            raise InvalidValueError(f"index {index} is outside 0..{len(self.app.screens) - 1}")
        del self.app.screens[old]
        self.app.screens.insert(index, screen)
        self._emit("screen_moved", screen_id, old_index=old, index=index)
        return old

    def set_screen_prop(self, screen_id: str, name: str, value: Any, *,
                        check: Check = "new") -> Any:
        """Set a screen property (name, title, kind, parameters, ...); return the old value.

        A rename carries the start screen and every navigation to the screen along. With
        ``check="new"`` new on-load action expressions and query filters/keys must check, new
        queries and record parameters/variables must name a source and entity of the app, and
        no new string may hold a literal secret (``"restore"``, for undo, skips these).
        """
        screen = self.screen_by_id(screen_id)
        if name in _FIXED_SCREEN_FIELDS or name not in Screen.model_fields:
            raise InvalidValueError(f"screens have no settable property `{name}`")
        if name == "name" and value != screen.name:
            _check_ident(value, "screen name", check)
            if self.app.screen(value) is not None:
                raise DuplicateNameError(f"a screen named `{value}` already exists")
        old = getattr(screen, name)
        if check != "restore":
            trial = screen.model_copy()
            _assign(trial, name, value)
            value = getattr(trial, name)
            if name in ("parameters", "variables", "data"):
                refuse_reserved(item_names(name, value), keep=(i.name for i in old))
            refuse_secrets(value, f"screen `{screen.name}`.{name}", old)
            screen_edit(self.app, trial, name, value, old)
        _assign(screen, name, value)
        self._emit("screen_changed", screen_id, prop=name)
        if name == "name" and old != value:
            self.point_screen_refs(self.screen_refs(old), value)
        return old

    def screen_refs(self, name: str) -> list[ScreenRef]:
        """Where the model names screen ``name``: the start screen and every action field
        naming a screen (``actions.SCREEN_FIELDS``: navigate, a form's ``then_navigate``)."""
        refs: list[ScreenRef] = [("start",)] if self.app.start_screen == name else []
        for screen in self.app.screens:
            refs.extend(("on_load", screen.id, i, f) for i, action in enumerate(screen.on_load)
                        for f in screen_fields(action, name))
            for widget, _ in screen.walk():
                for event, actions in widget.actions.items():
                    refs.extend(("widget", widget.id, event, i, f)
                                for i, action in enumerate(actions)
                                for f in screen_fields(action, name))
        return refs

    def point_screen_refs(self, refs: Iterable[ScreenRef], name: str) -> None:
        """Make the references ``refs`` (from ``screen_refs``) name screen ``name``.

        A screen rename calls this so navigations and the start screen follow the screen.
        """
        for ref in refs:
            if ref[0] == "start":
                self.app.start_screen = name
                self._emit("app_changed", prop="start_screen")
            elif ref[0] == "on_load":
                action = self.screen_by_id(str(ref[1])).on_load[int(ref[2])]
                setattr(action, str(ref[3]), name)
                self._emit("screen_changed", str(ref[1]), prop="on_load")
            else:
                action = self.widget(str(ref[1])).actions[str(ref[2])][int(ref[3])]
                setattr(action, str(ref[4]), name)
                self._emit("widget_changed", str(ref[1]), prop="actions")

    # -------------------------------------------------------- app and data
    def set_app_prop(self, name: str, value: Any, *, check: Check = "new") -> Any:
        """Set an app-level property (name, theme, strings, start_screen, ...).

        ``check="new"`` refuses a new string holding a literal secret; ``"restore"`` (undo)
        also puts back a start screen that no longer exists.
        """
        if name in ("screens", "data_sources", "schema_version", "$schema", "schema_", "id") \
                or name not in App.model_fields:
            raise InvalidValueError(f"the app has no settable property `{name}`")
        old = getattr(self.app, name)
        if check != "restore":
            if name == "start_screen" and value is not None and self.app.screen(value) is None:
                raise UnknownReferenceError(f"no screen named `{value}`")
            refuse_secrets(value, f"app.{name}", old)
            if name == "strings" and isinstance(value, dict):
                refuse_reserved(string_names(value), keep=[n for _p, n, _w in string_names(old)])
        _assign(self.app, name, value)
        self._emit("app_changed", prop=name)
        return old

    def add_data_source(self, source: DataSource, index: int | None = None, *,
                        check: Check = "new") -> None:
        """Add a data source (unique name and id).

        ``check="new"`` refuses a literal credential anywhere in it (a key in the credential
        *name*, an Authorization header, a token in a URL or sample row): SecretInModelError.
        """
        if self.app.source(source.name) is not None:
            raise DuplicateNameError(f"a data source named `{source.name}` already exists")
        if source.id in self.all_ids():
            raise DuplicateIdError(f"id {source.id!r} is already used")
        _check_source(source)
        if check != "restore":
            refuse_reserved(source_names(source))
            refuse_source_secrets(source)
        index = len(self.app.data_sources) if index is None else index
        self.app.data_sources.insert(index, source)
        self._emit("sources_changed", source.id)

    def remove_data_source(self, name: str) -> tuple[int, DataSource]:
        """Remove a data source; return ``(index, source)``."""
        source = self.app.source(name)
        if source is None:
            raise UnknownReferenceError(f"no data source named `{name}`")
        index = self.app.data_sources.index(source)
        del self.app.data_sources[index]
        self._emit("sources_changed", source.id)
        return index, source

    def replace_data_source(self, name: str, source: DataSource, *,
                            check: Check = "new") -> DataSource:
        """Replace the source called ``name`` (re-import); return the old one.

        ``check="new"`` refuses literal credentials the old source did not hold. Bindings that
        read fields the new source lacks are left for validation to report (the import lists
        them): a re-import must not be blocked by the screens that use it.
        """
        old = self.app.source(name)
        if old is None:
            raise UnknownReferenceError(f"no data source named `{name}`")
        if source.name != name and self.app.source(source.name) is not None:
            raise DuplicateNameError(f"a data source named `{source.name}` already exists")
        _check_source(source)
        if check != "restore":
            refuse_reserved(source_names(source), keep=[n for _p, n, _w in source_names(old)])
            refuse_source_secrets(source, old)
        self.app.data_sources[self.app.data_sources.index(old)] = source
        self._emit("sources_changed", source.id)
        return old


def _walk(widget: WidgetBase) -> Iterator[tuple[WidgetBase, ContainerBase | None]]:
    stack: list[tuple[WidgetBase, ContainerBase | None]] = [(widget, None)]
    while stack:
        w, p = stack.pop()
        yield w, p
        if isinstance(w, ContainerBase):
            stack.extend((c, w) for c in reversed(w.children))


def _height(widget: WidgetBase) -> int:
    """Levels in the subtree of ``widget`` (1 for a leaf), without recursion."""
    deepest = 0
    stack = [(widget, 1)]
    while stack:
        w, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(w, ContainerBase):
            stack.extend((c, level + 1) for c in w.children)
    return deepest


def _check_ident(name: Any, what: str = "name", check: Check = "new") -> None:
    if not isinstance(name, str) or not IDENT_RE.match(name) or len(name) > 64:
        raise InvalidNameError(f"`{name}` is not a valid name: start with a letter or _, then "
                               "letters, digits or _")
    if check != "restore":
        refuse_reserved([((), name, what)])


def _check_source(source: DataSource) -> None:
    names: set[str] = set()
    for entity in source.entities:
        if entity.name in names:
            raise DuplicateNameError(f"entity `{entity.name}` appears twice in `{source.name}`")
        names.add(entity.name)
        fields = [f.name for f in entity.fields]
        dup = next((n for n in fields if fields.count(n) > 1), None)
        if dup:
            raise DuplicateNameError(f"field `{dup}` appears twice in `{entity.name}`")


def _assign(obj: Any, name: str, value: Any) -> None:
    try:
        type(obj).__pydantic_validator__.validate_assignment(obj, name, value)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        raise InvalidValueError(f"invalid value for `{name}`: {err['msg']}", path=name) from None


__all__ = ["Change", "Document", "ModelError"]
