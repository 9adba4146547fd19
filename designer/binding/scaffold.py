"""Scaffold an entity: a list screen, a detail screen and edit/new form screens, wired together.

The same plans the designer uses when an entity is dropped (``widgets_for_entity``,
``screen_for_entity_detail``, ``build_form``), applied to a document one undoable step each:
the list's item tap opens the detail with the record's key, the detail's Edit button opens the
edit form (which saves with the entity's update and goes back), the list's New button opens a
form for a new record (create). Forms and buttons appear only for what the source offers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from designer.commands import AddScreen, AddWidget, UndoStack, set_actions
from designer.model.actions import GoBack, Navigate, SubmitForm
from designer.model.app import DataQuery, Parameter, Screen, Variable
from designer.model.opcheck import screen_names
from designer.model.base import new_id, unique_name
from designer.model.data import DataSource, Entity
from widgets import CATALOG, ContainerBase, WidgetBase

from .detail import _key_field, build_form, navigate_action, screen_for_entity_detail
from .factory import camel
from .plan import _resolve, widgets_for_entity

_PAD = {"top": 16, "right": 16, "bottom": 16, "left": 16}


@dataclass
class Scaffold:
    """The screens a scaffold added, by role (``list``, ``detail``, ``edit``, ``new``)."""

    screens: dict[str, str] = field(default_factory=dict)


def _free(base: str, taken: set[str]) -> str:
    """``base`` if no screen is called so, else ``base1``, ``base2``, …"""
    return base if base not in taken else unique_name(base, taken)


def _can(source: DataSource, entity: Entity, kind: str) -> bool:
    return source.can(entity, kind)


def _page(name: str, title: str, taken: set[str], kind: str = "normal",
          **extra: object) -> tuple[Screen, ContainerBase]:
    """An empty screen: a scroll holding a padded column (returned to fill)."""
    scroll = CATALOG.get("scroll").create(new_id("w"), unique_name(name + "Scroll", taken))
    body = CATALOG.get("column").create(new_id("w"), unique_name(name + "Body", taken),
                                        padding=_PAD, gap=12)
    taken.update({scroll.name, body.name})
    scroll.children.append(body)  # type: ignore[attr-defined]
    screen = Screen(id=new_id("s"), name=name, title=title[:200], kind=kind,  # type: ignore[arg-type]
                    root=scroll, **extra)  # type: ignore[arg-type]
    return screen, body  # type: ignore[return-value]


def _button(base: str, taken: set[str], text: str, icon: str, actions: list[object],
            variant: str = "primary") -> WidgetBase:
    name = unique_name(base, taken)
    taken.add(name)
    return CATALOG.get("button").create(new_id("w"), name, text=text, icon=icon,
                                        variant=variant, actions={"tap": actions})


def scaffold_entity(stack: UndoStack, source: str, entity: str) -> Scaffold:
    """Add list → detail → edit (and new) screens for ``source.entity`` to ``stack``'s
    document, one undo step per screen. UnknownReferenceError/InvalidValueError (no key) if
    the entity cannot be scaffolded; nothing is added then."""
    doc = stack.doc
    src, ent = _resolve(doc.app, source, entity)
    names = {s.name for s in doc.app.screens}
    stem = camel(ent.name)
    title = ent.label or ent.name
    out = Scaffold()
    key = _key_field(ent)                       # refuses an entity without a key up front

    # a contained entity is read through its parent: the parent's key comes from the screen
    # (a parameter of the list and the detail, passed along when navigating)
    reads = [op for op in (ent.operation("list"), ent.operation("get")) if op is not None]
    needed = list(dict.fromkeys(n for op in reads for n in screen_names(op)))
    passed = [Parameter(name=n, type="string") for n in needed]
    list_name = _free(stem + "List", names)
    names.add(list_name)
    taken: set[str] = set()
    screen, body = _page(list_name, title, taken, parameters=list(passed))
    stack.push(AddScreen(screen))
    out.screens["list"] = list_name
    screen = doc.app.screen(list_name)
    assert screen is not None
    plan = widgets_for_entity(doc, screen, src.name, ent.name, "list", taken=taken)
    stack.push(plan.macro(body.id, 0))
    list_widget = plan.widget

    detail = screen_for_entity_detail(doc, src.name, ent.name, list_widget.id,
                                      _free(stem + "Detail", names))
    if needed:
        own = {q.name for q in detail.screen.parameters}
        detail.screen = detail.screen.model_copy(update={"parameters": [
            *detail.screen.parameters, *(p for p in passed if p.name not in own)]})
        detail.commands[0] = AddScreen(detail.screen)
    stack.push(detail.macro())
    if needed:
        tap = navigate_action(detail.screen, ent, getattr(list_widget, "item_alias", "item"))
        tap.params = {**tap.params, **{n: n for n in needed}}
        stack.push(set_actions(doc, list_widget.id, "item_tap", [tap]))
    names.add(detail.screen.name)
    out.screens["detail"] = detail.screen.name
    param = detail.parameter
    record = detail.screen.data[0].name
    detail_body = detail.screen.root.children[0]  # type: ignore[attr-defined]
    detail_taken = {w.name for w, _ in detail.screen.walk()}

    if _can(src, ent, "update"):
        edit_name = _free(stem + "Edit", names)
        names.add(edit_name)
        etaken: set[str] = set()
        edit, ebody = _page(edit_name, f"Edit {title}", etaken, "form",
                            parameters=[detail.screen.parameters[0]],
                            data=[DataQuery(name=record, source=src.name, entity=ent.name,
                                            mode="one", key=param)])
        form = build_form(src, ent, record, etaken, editing=False)
        _then_back(form)
        ebody.children.append(form)
        stack.push(AddScreen(edit))
        out.screens["edit"] = edit_name
        delete = next((i for i, c in enumerate(detail_body.children)
                       if c.kind == "button" and c.name.startswith("delete")),
                      len(detail_body.children))       # Edit before the destructive Delete
        stack.push(AddWidget(detail_body.id, delete, _button(
            "edit" + ent.name, detail_taken, "Edit", "edit",
            [Navigate(screen=edit_name, params={param: f"{record}.{key}"})], "secondary")))

    if _can(src, ent, "create"):
        new_name = _free("new" + ent.name[:1].upper() + camel(ent.name)[1:], names)
        names.add(new_name)
        ntaken: set[str] = set()
        draft = unique_name("draft", {param})
        new, nbody = _page(new_name, f"New {title}", ntaken, "form",
                           variables=[Variable(name=draft, type="record",
                                               entity=f"{src.name}.{ent.name}")])
        form = build_form(src, ent, draft, ntaken, editing=True)
        _then_back(form)
        nbody.children.append(form)
        stack.push(AddScreen(new))
        out.screens["new"] = new_name
        list_taken = {w.name for w, _ in doc.app.screen(list_name).walk()}  # type: ignore[union-attr]
        stack.push(AddWidget(body.id, 0, _button("new" + ent.name, list_taken, f"New {title}"[:80],
                                                  "add", [Navigate(screen=new_name)])))
    return out


def _then_back(form: WidgetBase) -> None:
    """After a successful save the form screen goes back to where it was opened from."""
    for child in form.children:  # type: ignore[attr-defined]
        actions = child.actions.get("tap") if child.kind == "button" else None
        if actions and isinstance(actions[0], SubmitForm):
            child.actions = {**child.actions, "tap": [*actions, GoBack()]}


__all__ = ["Scaffold", "scaffold_entity"]
