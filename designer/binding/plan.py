"""Drop plans: what dropping a field or an entity on a screen creates, as widgets + commands.

Nothing here changes the document. A ``DropPlan`` holds the new widgets and the screen changes
they need (a record variable or data query to bind to, as ``designer.commands``); the canvas
pushes ``plan.macro(parent_id, index)`` as ONE undo step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from designer.commands import AddWidget, Command, Macro, SetScreenProperty
from designer.expressions import ListType, RecordType, check
from designer.model.app import App, DataQuery, Screen, Variable
from designer.model.data import DataSource, Entity
from designer.model.document import Document
from designer.model.errors import UnknownReferenceError
from designer.model.scope import TypeFactory, widget_scopes
from widgets import ContainerBase, WidgetBase

from .factory import camel, input_for, list_for

Mode = Literal["list", "form", "auto"]


@dataclass
class DropPlan:
    """New widgets (in order) and the screen changes they rely on.

    ``root`` is the expression root the widgets bind to (e.g. ``customer``, ``item``,
    ``customers``); ``screen_changes`` are commands (e.g. adding a variable or data query) that
    must run before the widgets are added.
    """

    widgets: list[WidgetBase]
    screen_changes: list[Command] = field(default_factory=list)
    root: str = ""
    description: str = ""

    @property
    def widget(self) -> WidgetBase:
        """The first (for a field drop: the only) widget."""
        return self.widgets[0]

    def commands(self, parent_id: str, index: int) -> list[Command]:
        """Screen changes, then one AddWidget per widget at ``index``, ``index + 1``, …"""
        adds = [AddWidget(parent_id, index + i, w) for i, w in enumerate(self.widgets)]
        return [*self.screen_changes, *adds]

    def macro(self, parent_id: str, index: int) -> Macro:
        """Everything as one undoable step."""
        return Macro(self.description or "Add bound widgets", self.commands(parent_id, index))


def _app(doc: Document | App) -> App:
    return doc.app if isinstance(doc, Document) else doc


def _resolve(app: App, source: str, entity: str) -> tuple[DataSource, Entity]:
    src = app.source(source)
    if src is None:
        raise UnknownReferenceError(f"no data source named `{source}`")
    ent = src.entity(entity)
    if ent is None:
        raise UnknownReferenceError(f"`{source}` has no entity `{entity}`")
    return src, ent


def _roots_taken(screen: Screen) -> set[str]:
    return {p.name for p in screen.parameters} | {v.name for v in screen.variables} | \
        {q.name for q in screen.data}


def _free_root(base: str, screen: Screen, app: App) -> str:
    taken = _roots_taken(screen) | {"item", "row", "value"}
    if base not in taken:
        return base
    n = 2
    while f"{base}{n}" in taken:
        n += 1
    return f"{base}{n}"


def record_root(app: App, screen: Screen, source: DataSource, entity: Entity,
                parent_id: str | None = None, item_alias_path: str | None = None,
                prefer: Literal["variable", "query", "any"] = "any"
                ) -> tuple[str, list[Command]]:
    """The expression naming ONE record of ``entity`` where a widget is dropped, and the screen
    changes needed to have one.

    Order: ``item_alias_path`` if given; the innermost enclosing list whose items are that
    entity (from ``parent_id``); a record variable; a single-record data query; a record
    parameter; otherwise a new record variable named after the entity.
    """
    if item_alias_path:
        return item_alias_path, []
    ref = f"{source.name}.{entity.name}"
    if parent_id is not None:
        alias = _enclosing_item(app, screen, parent_id, entity.name)
        if alias:
            return alias, []
    variables = [v.name for v in screen.variables if v.type == "record" and v.entity == ref]
    queries = [q.name for q in screen.data if q.mode == "one" and q.source == source.name
               and q.entity == entity.name]
    params = [p.name for p in screen.parameters if p.type == "record" and p.entity == ref]
    order = (variables, queries, params) if prefer != "query" else (queries, variables, params)
    for found in order:
        if found:
            return found[0], []
    name = _free_root(camel(entity.name), screen, app)
    new_vars = [*screen.variables, Variable(name=name, type="record", entity=ref)]
    return name, [SetScreenProperty(screen.id, "variables", new_vars)]


def collection_root(app: App, screen: Screen, source: DataSource, entity: Entity
                    ) -> tuple[str, list[Command]]:
    """A data query (mode many) of ``entity`` on the screen; added if there is none."""
    for query in screen.data:
        if query.mode == "many" and query.source == source.name and query.entity == entity.name:
            return query.name, []
    plural = camel(entity.name)
    plural = plural[:-1] + "ies" if plural.endswith("y") and plural[-2:-1] not in "aeiou" else \
        plural + ("es" if plural.endswith(("s", "x", "ch", "sh")) else "s")
    name = _free_root(plural, screen, app)
    new_data = [*screen.data, DataQuery(name=name, source=source.name, entity=entity.name)]
    return name, [SetScreenProperty(screen.id, "data", new_data)]


def _enclosing_item(app: App, screen: Screen, parent_id: str, entity_name: str) -> str | None:
    """The item alias of the innermost list around ``parent_id`` whose items are ``entity``."""
    chain: list[WidgetBase] = []

    def find(widget: WidgetBase, trail: list[WidgetBase]) -> bool:
        trail = trail + [widget]
        if widget.id == parent_id:
            chain.extend(trail)
            return True
        return isinstance(widget, ContainerBase) and any(find(c, trail) for c in widget.children)

    if not find(screen.root, []):
        return None
    scopes = widget_scopes(app, screen, TypeFactory(app))
    for widget in reversed(chain):
        if widget.kind != "list":
            continue
        try:
            items = check(widget.bindings.get("items", ""), scopes[widget.id])
        except (ValueError, KeyError):
            continue
        if isinstance(items, ListType) and isinstance(items.item, RecordType) and \
                items.item.name == entity_name:
            return getattr(widget, "item_alias", "item")
    return None


def widget_for_field(doc: Document | App, screen: Screen, source: str, entity: str,
                     field: str | None, item_alias_path: str | None = None, *,
                     parent_id: str | None = None, taken: set[str] | None = None) -> DropPlan:
    """The bound widget for dropping ``source.entity.field`` on ``screen``.

    Kinds: string → text input (e-mail/phone/multi-line by format and name), number → number
    input, enum → dropdown with the values, date/datetime → date input, boolean → switch,
    image → image, geo → map, reference → label showing the target's name, list → list with an
    item template. The binding root comes from ``record_root`` (a new record variable is added
    to the screen when there is nothing to bind to; see ``DropPlan.screen_changes``).
    ``field=None`` means the whole entity: see ``widgets_for_entity`` (mode ``auto``).
    ``taken`` (widget names already used on the screen) is computed when not given and updated.
    """
    app = _app(doc)
    if field is None:
        return widgets_for_entity(doc, screen, source, entity, "auto", parent_id=parent_id,
                                  taken=taken)
    src, ent = _resolve(app, source, entity)
    fld = ent.field(field)
    if fld is None:
        raise UnknownReferenceError(f"`{entity}` has no field `{field}`")
    names = taken if taken is not None else {w.name for w, _ in screen.walk()}
    root, changes = record_root(app, screen, src, ent, parent_id, item_alias_path)
    editing = _is_editable(screen, root) or bool(changes)
    widget = input_for(fld, f"{root}.{fld.name}", names, editing, src)
    return DropPlan([widget], changes, root, f"Add {fld.label or fld.name}")


def _is_editable(screen: Screen, root: str) -> bool:
    return any(v.name == root.split(".")[0] for v in screen.variables)


def widgets_for_entity(doc: Document | App, screen: Screen, source: str, entity: str,
                       mode: Mode = "auto", *, parent_id: str | None = None,
                       taken: set[str] | None = None) -> DropPlan:
    """Widgets for dropping a whole entity: a searchable list or an edit form with all fields.

    ``list``: a list bound to a data query of the entity (added if missing) whose item shows the
    record's name, a second line and a value; if the app has a detail screen for the entity
    (see ``find_detail_screen``) tapping an item opens it with the item's key.
    ``form``: a column with one input per field (labels from the source) bound to a record root
    (``record_root``), plus a Save button (submit_form create/update) when the source offers it.
    ``auto``: ``form`` on form screens, inside a list of the entity, or when the screen already
    holds one record of it; ``list`` otherwise.
    """
    app = _app(doc)
    src, ent = _resolve(app, source, entity)
    names = taken if taken is not None else {w.name for w, _ in screen.walk()}
    if mode == "auto":
        ref = f"{src.name}.{ent.name}"
        has_record = any(v.entity == ref and v.type == "record" for v in screen.variables) or \
            any(q.mode == "one" and q.source == src.name and q.entity == ent.name
                for q in screen.data) or \
            (parent_id is not None and _enclosing_item(app, screen, parent_id, ent.name))
        mode = "form" if screen.kind == "form" or has_record else "list"
    if mode == "list":
        items, changes = collection_root(app, screen, src, ent)
        widget = list_for(ent, items, names, camel(ent.name))
        detail = find_detail_screen(app, src, ent)
        if detail is not None:
            from .detail import navigate_action
            widget.actions = {"item_tap": [navigate_action(detail, ent, "item")]}
        return DropPlan([widget], changes, items, f"Add {ent.label or ent.name} list")
    root, changes = record_root(app, screen, src, ent, parent_id)
    editing = _is_editable(screen, root) or bool(changes)
    from .detail import build_form
    form = build_form(src, ent, root, names, editing)
    if parent_id is not None and _unpadded(app, screen, parent_id):
        form.padding = form.padding.model_copy(update={"top": 16, "right": 16, "bottom": 16,  # type: ignore[attr-defined]
                                                       "left": 16})
    return DropPlan([form], changes, root, f"Add {ent.label or ent.name} form")


def _unpadded(app: App, screen: Screen, parent_id: str) -> bool:
    """True if the drop target has no inner padding (a bare scroll or column)."""
    for widget, _ in screen.walk():
        if widget.id == parent_id and isinstance(widget, ContainerBase):
            p = widget.padding
            return (p.top, p.right, p.bottom, p.left) == (0, 0, 0, 0)
    return False


def find_detail_screen(app: App, source: DataSource, entity: Entity) -> Screen | None:
    """A screen that loads one ``entity`` by a parameter (``mode=one`` query keyed by it)."""
    for screen in app.screens:
        params = {p.name for p in screen.parameters}
        for query in screen.data:
            if query.mode == "one" and query.source == source.name and \
                    query.entity == entity.name and query.key in params:
                return screen
    return None
