"""The operations of an imported OData service: entity sets, singletons and contained
navigations become list/get/create/update/delete calls with the protocol's response shape
(v4 ``value`` + ``@odata.nextLink``, v2 ``d.results`` + ``d.__next``), restricted by SAP flags
and ``Capabilities`` restrictions wherever they are declared (inline or in external
``Annotations``); services' functions and actions are counted in a warning, not dropped silently.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Callable, Iterator

from designer.model.data import Entity, Operation
from designer.model.operations import HttpMethod, OperationKind, OperationParam, Paging, record_param

from .base import Warnings, snake_case
from .odata_annotations import Annotations, local, record_flag

SAP_NS = "http://www.sap.com/Protocols/SAPData"
#: Contained navigations nest (TripPin: People → Trips → PlanItems); deeper ones are not imported.
MAX_CONTAINMENT = 3
#: Names listed in a warning before "and N more".
MAX_NAMED = 8
_RESTRICTIONS = {"create": ("creatable", "InsertRestrictions", "Insertable"),
                 "update": ("updatable", "UpdateRestrictions", "Updatable"),
                 "delete": ("deletable", "DeleteRestrictions", "Deletable")}


def _children(element: ET.Element, name: str) -> Iterator[ET.Element]:
    return (c for c in element if local(c.tag) == name)


def named_list(names: list[str]) -> str:
    """``a, b, c`` — at most MAX_NAMED names, then how many more."""
    shown = ", ".join(f"`{n}`" for n in names[:MAX_NAMED])
    more = len(names) - MAX_NAMED
    return shown + (f" and {more} more" if more > 0 else "")


class OperationsMixin:
    """Operations of the entities of an ``_OData`` import (see odata.py)."""

    root: ET.Element
    version: str
    w: Warnings
    notes: Annotations
    names: dict[str, str]
    types: dict[str, ET.Element]
    key_types: dict[tuple[str, str], str]
    resolve: Callable[[str], str]
    line: Callable[[ET.Element], int | None]

    # ------------------------------------------------------------------ response shape
    def _list_op(self, path: str, params: list[OperationParam]) -> Operation:
        v4 = self.version == "4"
        return Operation(kind="list", method="GET", path=path, params=list(params),
                         result=["value"] if v4 else ["d", "results"],
                         paging=Paging(style="next_link",
                                       next=["@odata.nextLink"] if v4 else ["d", "__next"]))

    def _op(self, kind: OperationKind, method: HttpMethod, path: str,
            params: list[OperationParam], name: str = "", default: bool = False) -> Operation:
        result = [] if self.version == "4" or kind == "delete" else ["d"]
        return Operation(kind=kind, method=method, path=path, params=list(params),
                         result=result, name=name, default=default)

    # ------------------------------------------------------------------ containers
    def _entity_sets(self, entities: dict[str, Entity]) -> None:
        done: set[str] = set()
        self.set_types: dict[str, str] = {}     # entity set name → qualified entity type
        by_name = {e.name: e for e in entities.values()}
        for schema in (e for e in self.root.iter() if local(e.tag) == "Schema"):
            for container in _children(schema, "EntityContainer"):
                where = f"{schema.get('Namespace', '')}.{container.get('Name', '')}"
                for entity_set in _children(container, "EntitySet"):
                    self._entity_set(entities, entity_set, where, done)
                for singleton in _children(container, "Singleton"):
                    self._singleton(entities, singleton, where)
        for qualified in list(done):
            self._contained(entities[qualified], qualified, "", [], by_name, done, 1)
        self._calls(entities)  # type: ignore[attr-defined]  # odata_calls.CallsMixin

    def _entity_set(self, entities: dict[str, Entity], entity_set: ET.Element, container: str,
                    done: set[str]) -> None:
        qualified = self.resolve(entity_set.get("EntityType", ""))
        entity = entities.get(qualified)
        set_name = entity_set.get("Name", "")
        if entity is not None and set_name:
            self.set_types.setdefault(set_name, qualified)
        if entity is None or not set_name:
            self.w.add(f"entity set `{set_name}` has an unknown type "
                       f"`{entity_set.get('EntityType')}`", self.line(entity_set), "import.ref")
            return
        if qualified in done:
            return
        done.add(qualified)
        targets = [f"{container}/{set_name}", set_name]
        if self.notes.find("Core.OptimisticConcurrency", entity_set, targets) is not None:
            entity.concurrency = "etag"
        if self.notes.find("Common.DraftRoot", entity_set, targets) is not None:
            self.w.add(f"entity set `{set_name}` is draft-enabled (Common.DraftRoot): records "
                       "created or edited from the app stay drafts until the service's "
                       "activate action runs, which the exported apps do not call yet",
                       self.line(entity_set), "import.draft")
        allowed = {kind: self._allowed(entity_set, targets, kind) for kind in _RESTRICTIONS}
        path = "/" + re.sub(r"[^A-Za-z0-9_.-]", "", set_name)
        self._crud(entity, path, [], allowed)

    def _allowed(self, element: ET.Element, targets: list[str], kind: str) -> bool:
        flag, term, prop = _RESTRICTIONS[kind]
        if element.get(f"{{{SAP_NS}}}{flag}") == "false":
            return False
        found = self.notes.find(f"Capabilities.{term}", element, targets)
        return record_flag(found, prop) is not False

    def _crud(self, entity: Entity, path: str, parents: list[OperationParam],
              allowed: dict[str, bool], many: bool = True) -> None:
        """list/get/create/update/delete of ``entity`` at the collection ``path``."""
        if not many:                      # a single-valued containment: the path is the record
            entity.operations.append(self._op("get", "GET", path, parents))
            if allowed["update"]:
                entity.operations.append(self._op("update", "PATCH", path, parents))
            return
        entity.operations.append(self._list_op(path, parents))
        if entity.key:
            item = path + self._predicate(entity)
            keys = parents + [record_param(k) for k in entity.key]
            entity.operations.append(self._op("get", "GET", item, keys))
            if allowed["create"]:
                entity.operations.append(self._op("create", "POST", path, parents))
            if allowed["update"]:
                method = "PATCH" if self.version == "4" else "PUT"
                entity.operations.append(self._op("update", method, item, keys))
            if allowed["delete"]:
                entity.operations.append(self._op("delete", "DELETE", item, keys))
        elif allowed["create"]:
            entity.operations.append(self._op("create", "POST", path, parents))

    def _predicate(self, entity: Entity, placeholders: list[str] | None = None) -> str:
        """``(…)`` key predicate of ``entity``: each key as an OData literal of its Edm type
        around its placeholder (composite keys name the properties by wire name)."""
        holes = placeholders or list(entity.key)
        parts = [self._key_literal(entity.name, k, h) for k, h in zip(entity.key, holes)]
        if len(parts) == 1:
            return f"({parts[0]})"
        wires = [(f.wire if (f := entity.field(k)) else k) for k in entity.key]
        return "(" + ",".join(f"{w}={p}" for w, p in zip(wires, parts)) + ")"

    def _key_literal(self, entity: str, key: str, placeholder: str | None = None) -> str:
        """The key value's placeholder written as an OData literal of its Edm type."""
        edm = self.key_types.get((entity, key), "Edm.String").removeprefix("Edm.")
        v2 = {"String": "'{}'", "Guid": "guid'{}'", "DateTime": "datetime'{}'",
              "DateTimeOffset": "datetimeoffset'{}'", "Time": "time'{}'", "Decimal": "{}M",
              "Int64": "{}L", "Double": "{}d", "Single": "{}f"}
        v4 = {"String": "'{}'", "Duration": "duration'{}'"}
        return (v4 if self.version == "4" else v2).get(edm, "{}").format(
            "{" + (placeholder or key) + "}")

    # ------------------------------------------------------------------ singletons, containment
    def _singleton(self, entities: dict[str, Entity], singleton: ET.Element,
                   container: str) -> None:
        """A singleton (``/Me``) is a named get of its type; the default one when the type has
        no entity set."""
        entity = entities.get(self.resolve(singleton.get("Type", "")))
        name = singleton.get("Name", "")
        if entity is None or not name:
            return
        op_name = snake_case(name, "singleton")[:64]
        if entity.operation_named(op_name) is not None:
            return
        path = "/" + re.sub(r"[^A-Za-z0-9_.-]", "", name)
        entity.operations.append(self._op("get", "GET", path, [], name=op_name,
                                          default=entity.operation("get") is None))
        targets = [f"{container}/{name}", name]
        if entity.operation("update") is None and self._allowed(singleton, targets, "update"):
            entity.operations.append(self._op("update", "PATCH", path, [], name=op_name,
                                              default=True))

    def _contained(self, parent: Entity, qualified: str, prefix: str,
                   parents: list[OperationParam], by_name: dict[str, Entity],
                   done: set[str], depth: int) -> None:
        """Operations for the targets of ``ContainsTarget`` navigations of ``parent``: their
        paths go through the parent (``/People('{person_user_name}')/Trips``); the parent's
        key is a screen parameter of that name."""
        if self.version != "4" or not parent.key or depth > MAX_CONTAINMENT:
            return
        element = self.types.get(qualified)
        if element is None:
            return
        base = prefix or next((o.path for o in parent.operations if o.kind == "list"), "")
        if not base:
            return
        own = [f"{snake_case(parent.name, 'parent')}_{snake_case(k, 'key')}"[:64]
               for k in parent.key]
        params = parents + [OperationParam(name=p, location="path", required=True, value=p)
                            for p in own]
        item = base + self._predicate(parent, own)
        for nav in self._navigations(element):
            if nav.get("ContainsTarget") != "true":
                continue
            raw = nav.get("Type", "")
            many = raw.startswith("Collection(")
            target_q = self.resolve(raw[11:-1] if many else raw)
            target = by_name.get(self.names.get(target_q, ""))
            if target is None or target_q in done:
                continue
            done.add(target_q)
            path = f"{item}/{re.sub(r'[^A-Za-z0-9_.-]', '', nav.get('Name', ''))}"
            # reads only: a write is sent from the outbox, where no screen parameter is known
            self._crud(target, path, params, {k: False for k in _RESTRICTIONS}, many)
            self.w.add(f"`{target.name}` is contained in `{parent.name}`: it is read through "
                       f"{path} with the screen parameter{'s' if len(params) > 1 else ''} "
                       f"{named_list([p.name for p in params])}; its creates, updates and "
                       "deletes are not imported", self.line(nav), "import.contained")
            self._contained(target, target_q, path if not many else "", params, by_name,
                            done, depth + 1)

    def _navigations(self, element: ET.Element) -> Iterator[ET.Element]:
        chain, seen = [element], {id(element)}
        while chain[-1].get("BaseType"):
            base = self.types.get(self.resolve(chain[-1].get("BaseType", "")))
            if base is None or id(base) in seen:
                break
            seen.add(id(base))
            chain.append(base)
        for typ in chain:
            yield from _children(typ, "NavigationProperty")
