"""Entity forms and detail screens: a list item tap passes the item's key to a detail screen
that loads the record (a ``customerId``-style parameter and a ``mode=one`` data query)."""

from __future__ import annotations

from dataclasses import dataclass, field

from designer.commands import AddScreen, Command, Macro, set_actions
from designer.model.actions import DeleteRecord, GoBack, Navigate, ShowMessage, SubmitForm
from designer.model.app import App, DataQuery, Parameter, Screen
from designer.model.base import new_id, unique_name
from designer.model.data import DataSource, Entity
from designer.model.document import Document
from designer.model.errors import InvalidValueError
from widgets import CATALOG, WidgetBase

from .factory import camel, display_field, display_for, input_for, label_of, string_literal, text_expr

_PAD = {"top": 16, "right": 16, "bottom": 16, "left": 16}


def key_parameter_name(entity: Entity) -> str:
    """``Customer`` keyed by ``id`` → ``customerId``; ``Product`` by ``sku`` → ``productSku``."""
    key = entity.key[0] if entity.key else "id"
    stem = camel(entity.name)
    if key.lower().startswith(stem.lower()):
        return camel(key)
    tail = camel(key)
    return stem + tail[:1].upper() + tail[1:]


def _key_field(entity: Entity) -> str:
    if entity.key:
        return entity.key[0]
    if entity.field("id") is not None:
        return "id"
    raise InvalidValueError(f"`{entity.name}` has no key field, so a detail screen cannot load "
                            "one record; set the entity's key first")


def navigate_action(detail: Screen, entity: Entity, alias: str) -> Navigate:
    """Open ``detail`` passing ``<alias>.<key>`` to the parameter its query is keyed by."""
    key = _key_field(entity)
    param = next((q.key for q in detail.data if q.entity == entity.name and q.mode == "one"),
                 detail.parameters[0].name if detail.parameters else key_parameter_name(entity))
    return Navigate(screen=detail.name, params={param: f"{alias}.{key}"})


def _make(kind: str, base: str, taken: set[str], **overrides: object) -> WidgetBase:
    name = unique_name(base, taken)
    taken.add(name)
    return CATALOG.get(kind).create(new_id("w"), name, **overrides)


def build_form(source: DataSource, entity: Entity, root: str, taken: set[str],
               editing: bool) -> WidgetBase:
    """A column with an input per field bound to ``root.<field>`` and, when the source supports
    it, a Save button submitting the record (create for a draft variable, update otherwise)."""
    form = _make("column", camel(entity.name) + "Form", taken, gap=12)
    children: list[WidgetBase] = form.children  # type: ignore[attr-defined]
    for fld in entity.fields:
        if editing and fld.read_only:
            continue                     # server-computed: nothing to enter in a new record
        if fld.type == "list":
            continue                     # nested collections get their own list, not a form row
        if not editing and not fld.read_only and (fld.create_only or fld.name in entity.key):
            fld = fld.model_copy(update={"read_only": True})   # an update never changes them
        children.append(input_for(fld, f"{root}.{fld.name}", taken, editing, source))
    operation = "create" if editing else "update"
    can_submit = source.can(entity, operation)
    if can_submit:
        children.append(_make(
            "button", "save" + entity.name, taken, text="Save", icon="save",
            actions={"tap": [SubmitForm(source=source.name, entity=entity.name,
                                        operation=operation, record=root),
                             ShowMessage(text=string_literal(f"{entity.label or entity.name} saved"),
                                         level="success")]}))
    return form


@dataclass
class DetailPlan:
    """A new detail screen and the commands that add it (and wire the list's item tap)."""

    screen: Screen
    parameter: str
    commands: list[Command] = field(default_factory=list)

    def macro(self) -> Macro:
        """Everything as one undoable step."""
        return Macro(f"Add detail screen {self.screen.name}", self.commands)


def screen_for_entity_detail(doc: Document | App, source: str, entity: str,
                             list_widget_id: str | None = None, name: str | None = None
                             ) -> DetailPlan:
    """A detail screen for one record of ``source.entity``.

    The screen gets a parameter named after the key (``customerId``), a ``mode=one`` data query
    keyed by it, a heading with the record's name, a read-only row per field (lists, images and
    maps as such) and a Delete button when the source can delete. With ``list_widget_id`` the
    plan also sets that list's ``item_tap`` to navigate here with the tapped item's key.
    """
    app = doc.app if isinstance(doc, Document) else doc
    src = app.source(source)
    ent = src.entity(entity) if src is not None else None
    if src is None or ent is None:
        from designer.model.errors import UnknownReferenceError
        raise UnknownReferenceError(f"no entity `{entity}` in data source `{source}`")
    key = _key_field(ent)
    key_type = ent.field(key).type if ent.field(key) is not None else "string"  # type: ignore[union-attr]
    param = key_parameter_name(ent)
    record = camel(ent.name)
    if record == param:
        record += "Record"
    screen_names = {s.name for s in app.screens}
    base = camel(ent.name) + "Detail"
    screen_name = name or (base if base not in screen_names else unique_name(base, screen_names))
    taken: set[str] = set()
    scroll = _make("scroll", screen_name + "Scroll", taken)
    body = _make("column", screen_name + "Body", taken, padding=_PAD, gap=12)
    scroll.children.append(body)  # type: ignore[attr-defined]
    children: list[WidgetBase] = body.children  # type: ignore[attr-defined]
    title = display_field(ent)
    if title is not None:
        children.append(_make("heading", camel(title.name) + "Heading", taken, level=2,
                              text=label_of(title),
                              bindings={"text": text_expr(title, f"{record}.{title.name}")}))
    for fld in ent.fields:
        if fld is title:
            continue
        children.append(display_for(fld, f"{record}.{fld.name}", taken, src))
    if src.can(ent, "delete"):
        children.append(_make("button", "delete" + ent.name, taken, text="Delete",
                              variant="danger", icon="delete",
                              actions={"tap": [DeleteRecord(source=src.name, entity=ent.name,
                                                            key=param), GoBack()]}))
    screen = Screen(
        id=new_id("s"), name=screen_name, title=ent.label or ent.name,
        parameters=[Parameter(name=param, type=key_type if key_type in (
            "string", "integer", "decimal") else "string")],
        data=[DataQuery(name=record, source=src.name, entity=ent.name, mode="one", key=param)],
        root=scroll)
    commands: list[Command] = [AddScreen(screen)]
    if list_widget_id is not None:
        document = doc if isinstance(doc, Document) else Document(app)
        lst = document.widget(list_widget_id)
        if lst.kind != "list":
            raise InvalidValueError(f"`{lst.name}` is a {lst.kind}, not a list")
        alias = getattr(lst, "item_alias", "item")
        commands.append(set_actions(document, list_widget_id, "item_tap",
                                    [navigate_action(screen, ent, alias)]))
    return DetailPlan(screen, param, commands)

