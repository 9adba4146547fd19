"""OData actions, functions and their imports → ``call`` operations of an entity.

- v4 bound actions/functions go on the entity they are bound to: ``POST <item path>/NS.Name``
  for an action (its parameters in the JSON body), ``GET <item path>/NS.Name(p=@p)`` for a
  function (its parameters as ``@p`` query aliases, written as OData literals by the apps);
  bound to a collection, on the entity set's path.
- v4 function/action imports go on the entity of their ``EntitySet`` (or of the entity type
  they return): ``/Name(…)``, parameters as above.
- v2 function imports (SAP Gateway) go on the entity of ``sap:action-for``, their
  ``EntitySet`` or their return type, with the HTTP method of ``m:HttpMethod``; parameters
  are query options (``SalesOrderID='…'``).
A parameter named after a field of the entity takes the record's value (``record.<field>``);
the others are given by the ``call_operation`` action that runs the call. What cannot be
mapped (no entity, a parameter of a structured type) is named in one warning with counts.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Callable, Iterator

from designer.model.data import Entity, Operation
from designer.model.operations import HttpMethod, OperationParam, ParamType

from .base import Warnings, to_identifier

M_NS = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"
SAP_NS = "http://www.sap.com/Protocols/SAPData"
#: EDM primitive type → field type (``Edm.`` dropped); call parameters take the scalar ones.
EDM_TYPES: dict[str, str] = {
    "String": "string", "Guid": "string", "TimeOfDay": "string", "Time": "string",
    "Duration": "string", "Int16": "integer", "Int32": "integer", "Int64": "integer",
    "Byte": "integer", "SByte": "integer", "Decimal": "decimal", "Double": "decimal",
    "Single": "decimal", "Boolean": "boolean", "Date": "date", "DateTime": "datetime",
    "DateTimeOffset": "datetime", "Stream": "image", "GeographyPoint": "geo",
    "GeometryPoint": "geo",
}
_PARAM_TYPES: dict[str, ParamType] = {
    edm: kind for edm, kind in EDM_TYPES.items() if kind not in ("image", "geo")}  # type: ignore[misc]
#: Most call operations kept per entity (a generated service can declare hundreds).
MAX_CALLS = 50


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> Iterator[ET.Element]:
    return (c for c in element if _local(c.tag) == name)


def _collection(type_name: str) -> tuple[str, bool]:
    """``Collection(X)`` → (X, True); ``X`` → (X, False)."""
    m = re.fullmatch(r"Collection\((.*)\)", type_name.strip())
    return (m.group(1), True) if m else (type_name.strip(), False)


class CallsMixin:
    """``call`` operations of an ``_OData`` import (see odata.py); needs ``set_types``
    (entity set name → qualified type) filled by the entity-set pass."""

    root: ET.Element
    version: str
    w: Warnings
    set_types: dict[str, str]
    resolve: Callable[[str], str]
    line: Callable[[ET.Element], int | None]

    def _calls(self, entities: dict[str, Entity]) -> None:
        """Add every mappable action, function and import; warn about the rest."""
        self._skipped: dict[str, list[str]] = {}
        declared: dict[str, ET.Element] = {}
        for schema in (e for e in self.root.iter() if _local(e.tag) == "Schema"):
            ns = schema.get("Namespace", "")
            for element in schema:
                kind, name = _local(element.tag), element.get("Name", "")
                if kind not in ("Action", "Function") or not name:
                    continue
                declared.setdefault(f"{ns}.{name}", element)
                if element.get("IsBound") == "true":
                    self._bound(element, f"{ns}.{name}", kind, entities)
        for element in self.root.iter():
            kind = _local(element.tag)
            if kind not in ("FunctionImport", "ActionImport") or not element.get("Name"):
                continue
            if self.version == "2":
                self._v2_import(element, entities)
            else:
                target = self.resolve(element.get("Function" if kind == "FunctionImport"
                                                  else "Action", ""))
                self._v4_import(element, declared.get(target), kind, entities)
        if self._skipped:
            from .odata_ops import named_list
            parts = [f"{len(names)} {what}{'s' if len(names) > 1 else ''} ({named_list(names)})"
                     for what, names in self._skipped.items()]
            self.w.add("not imported: " + "; ".join(parts), self.line(self.root),
                       "import.unmapped")

    def _skip(self, what: str, name: str) -> None:
        self._skipped.setdefault(what, []).append(name)

    # ------------------------------------------------------------------ v4
    def _bound(self, element: ET.Element, qualified: str, kind: str,
               entities: dict[str, Entity]) -> None:
        name = element.get("Name", "")
        params = list(_children(element, "Parameter"))
        what = f"bound {kind.lower()}"
        if not params:
            return self._skip(f"{what} without its binding parameter", name)
        bound, many = _collection(self.resolve(params[0].get("Type", "")))
        entity = entities.get(bound)
        base = entity and entity.operation("list" if many else "get")
        if entity is None or base is None:
            return self._skip(f"{what} on a type the apps do not read", name)
        about = None if many else entity
        self._add(entity, element, kind, base.path + "/" + qualified, list(base.params),
                  params[1:], about, f"{what} (a parameter of a structured type)")

    def _v4_import(self, element: ET.Element, target: ET.Element | None, kind: str,
                   entities: dict[str, Entity]) -> None:
        name = element.get("Name", "")
        what = "action import" if kind == "ActionImport" else "function import"
        if target is None:
            return self._skip(f"{what} of an undeclared {what.split()[0]}", name)
        entity = self._entity_of(element, target, entities)
        if entity is None:
            return self._skip(f"{what} that serves no entity set", name)
        self._add(entity, target, "Action" if kind == "ActionImport" else "Function",
                  "/" + name, [], list(_children(target, "Parameter")), None,
                  f"{what} (a parameter of a structured type)", op_id=name)

    # ------------------------------------------------------------------ v2
    def _v2_import(self, element: ET.Element, entities: dict[str, Entity]) -> None:
        name = element.get("Name", "")
        action_for = element.get(f"{{{SAP_NS}}}action-for", "")
        entity = entities.get(self.resolve(action_for)) if action_for else None
        entity = entity or self._entity_of(element, element, entities)
        if entity is None:
            return self._skip("function import that serves no entity set", name)
        method = (element.get(f"{{{M_NS}}}HttpMethod") or "GET").upper()
        if method not in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            method = "POST"
        self._add(entity, element, "Function", "/" + name, [],
                  [p for p in _children(element, "Parameter") if p.get("Mode", "In") != "Out"],
                  entity, "function import (a parameter of a structured type)",
                  method=method, op_id=name)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ shared
    def _entity_of(self, element: ET.Element, typed: ET.Element,
                   entities: dict[str, Entity]) -> Entity | None:
        """The entity of an import's ``EntitySet``, else of the entity type it returns."""
        entity_set = element.get("EntitySet", "").rsplit("/", 1)[-1]
        if entity_set in self.set_types:
            return entities.get(self.set_types[entity_set])
        returns = typed.get("ReturnType") or next(
            (r.get("Type", "") for r in _children(typed, "ReturnType")), "")
        qualified, _ = _collection(self.resolve(returns)) if returns else ("", False)
        return entities.get(qualified) if qualified in self.set_types.values() else None

    def _add(self, entity: Entity, element: ET.Element, kind: str, path: str,
             base_params: list[OperationParam], params: list[ET.Element],
             about: Entity | None, unsupported: str, method: HttpMethod | None = None,
             op_id: str = "") -> None:
        name = element.get("Name", "")
        if sum(o.kind == "call" for o in entity.operations) >= MAX_CALLS:
            return self._skip(f"call past {MAX_CALLS} per entity", name)
        taken = {p.name for p in base_params}
        declared: list[OperationParam] = []
        for p in params:
            param = self._param(p, about, kind, taken)
            if param is None:
                return self._skip(unsupported, name)
            taken.add(param.name)
            declared.append(param)
        if kind == "Function" and self.version == "4":
            path += "(" + ",".join(f"{p.wire_name[1:]}={p.wire_name}" for p in declared) + ")"
        method = method or ("POST" if kind == "Action" else "GET")
        op_name = self._call_name(entity, name)
        entity.operations.append(Operation(
            kind="call", name=op_name, operation_id=(op_id or name)[:256], method=method,
            path=path, params=[*base_params, *declared], result=self._call_result(element)))

    def _param(self, p: ET.Element, about: Entity | None, kind: str,
               taken: set[str]) -> OperationParam | None:
        wire = p.get("Name", "")
        ptype = _PARAM_TYPES.get(p.get("Type", "").removeprefix("Edm."))
        if not wire or ptype is None:
            return None
        name = to_identifier(wire, "param")
        while name in taken:
            name += "_2"
        field = next((f for f in about.fields if f.wire == wire or f.name == wire), None) \
            if about is not None else None
        if self.version == "4":
            location = "body" if kind == "Action" else "query"
            wire_name = wire if kind == "Action" else "@" + wire
            required = p.get("Nullable") == "false"
        else:
            location, wire_name, required = "query", wire, p.get("Nullable") != "true"
        return OperationParam(name=name, wire_name="" if wire_name == name else wire_name,
                              location=location, type=ptype, required=required,  # type: ignore[arg-type]
                              value=f"record.{field.name}" if field is not None else "")

    def _call_name(self, entity: Entity, name: str) -> str:
        base = to_identifier(name, "call")[:60]
        taken = {o.name for o in entity.operations}
        found, n = base, 2
        while found in taken:
            found, n = f"{base}_{n}", n + 1
        return found

    def _call_result(self, element: ET.Element) -> list[str]:
        returns = element.get("ReturnType") or next(
            (r.get("Type", "") for r in _children(element, "ReturnType")), "")
        inner, many = _collection(returns) if returns else ("", False)
        if self.version == "4":
            return ["value"] if returns and (many or inner.startswith("Edm.")) else []
        return ["d", "results"] if many else (["d"] if returns else [])


__all__ = ["CallsMixin"]
