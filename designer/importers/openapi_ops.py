"""Paths of an OpenAPI contract → the entities' operations.

Each path × method is read as a *candidate*: the entity it serves (from the success
response, never an error schema; else the request body; else the path), its kind, the
parameters it needs and where each value comes from, where the rows are and how it pages.
Candidates are ranked per entity and kind — a path naming the entity's collection first,
PUT/PATCH before POST for updates — and the best is the default; the others are kept by their
``operationId``. A candidate the entity cannot fill (a write needing a value only a screen
knows), a sub-resource's call (``/issues/{n}/dependencies/{id}``) and "deleted items"
listings are not attached; each omission and ambiguous choice is a warning with counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from designer.model.data import Entity, Operation, OperationParam
from designer.model.operations import Paging

from .base import NameMap, singular, snake_case, to_identifier
from .odata_ops import named_list
from .openapi_params import Param, declared, usable_header
from .openapi_server import _safe_url, operation_server
from .openapi_shape import (Shape, Shapes, body_encoding, media_schema, paging_for,
                            response_headers, squash, success_response)

METHODS = ("get", "post", "put", "patch", "delete")
KINDS = ("list", "get", "create", "update", "delete")
#: Operations of one kind kept per entity (the rest are counted in a warning).
MAX_PER_KIND = 6
MAX_QUERY = 30
_DELETED = re.compile(r"(?i)^(deleted|trash|trashed|archived?|removed|recyclebin|bin)"
                      r"|deleted|trash")


@dataclass
class Candidate:
    entity: str
    kind: str
    method: str
    raw_path: str
    ptr: str
    op_id: str
    is_item: bool
    match: int
    params: list[Param]
    shape: Shape
    body: str = "json"
    server: str = ""
    singleton: bool = False
    order: int = 0
    from_path: bool = False
    extra: list[str] = field(default_factory=list)


def _match(segment: str, entity: str) -> int:
    """3: the segment names the entity's collection, 2: it is part of its name, 0: unrelated."""
    s, e = squash(singular(segment)), squash(entity)
    if not s:
        return 0
    if s == e or squash(segment) == e:
        return 3
    if (len(s) > 2 and s in e) or (len(e) > 2 and e in s):
        return 2
    return 0


class OpenApiOperations:
    """Builds operations for an ``_OpenApi`` import (see openapi.py)."""

    def __init__(self, imp: Any) -> None:
        self.imp, self.w = imp, imp.w
        self.shapes = Shapes(imp.deref, imp._merged, self._ref_entity, imp.nested.get)
        self.skipped: dict[str, list[str]] = {}
        self.headers: dict[str, int] = {}
        self.by_path: dict[str, str] = {}        # collection path → entity its calls serve
        self.deferred = False

    def _ref_entity(self, ref: str) -> str | None:
        key = self.imp.schema_key(ref)
        return self.imp.by_schema.get(key) if key is not None else None

    def _skip(self, why: str, what: str) -> None:
        self.skipped.setdefault(why, []).append(what)

    # ------------------------------------------------------------------ candidates
    def run(self) -> None:
        paths = self.imp.doc.get("paths")
        if not isinstance(paths, dict):
            if paths is not None:
                self.w.add("`paths` is not an object; no operations imported", "#/paths")
            self._webhooks()
            return
        found: list[Candidate] = []
        calls = []
        for raw_path, item in list(paths.items())[:20_000]:
            item_ptr = f"#/paths/{_esc(str(raw_path))}"
            item, item_ptr = self.imp.deref(item, item_ptr)
            if not isinstance(item, dict) or not isinstance(raw_path, str):
                continue
            calls += [(raw_path, m, item, item_ptr, item[m], f"{item_ptr}/{m}")
                      for m in METHODS if isinstance(item.get(m), dict)]
        # calls whose entity only the path tells (a 204 delete) come second: by then the
        # other calls on the same path or collection have said which entity it serves
        self.deferred = True
        later = []
        for call in calls:
            cand = self._candidate(*call)
            if cand is not None and cand.from_path:
                later.append(call)
            elif cand is not None:
                self._found(found, cand)
        self.deferred = False
        for call in later:
            cand = self._candidate(*call)
            if cand is not None:
                self._found(found, cand)
        self._attach(found)
        self._webhooks()
        self._report()

    def _found(self, found: list[Candidate], cand: Candidate) -> None:
        cand.order = len(found)
        found.append(cand)
        self.by_path.setdefault(_collection_path(cand.raw_path), cand.entity)

    def _candidate(self, raw_path: str, method: str, item: dict[str, Any], item_ptr: str,
                   op: dict[str, Any], ptr: str) -> Candidate | None:
        segments = [s for s in raw_path.split("/") if s]
        is_item = bool(segments) and "{" in segments[-1]
        statics = [s for s in segments if "{" not in s]
        collection = (statics[-1] if statics else "") if not is_item else next(
            (s for s in reversed(segments[:-1]) if "{" not in s), "")
        label = f"{method.upper()} {raw_path[:120]}"
        schema, sptr = success_response(op, ptr, self.imp.v2, self.imp.deref)
        shape = self.shapes.shape(schema, sptr, collection)
        params = declared(item, op, item_ptr, ptr, self.imp.deref, self.w)
        body_schema, bptr, body = self._request(op, ptr, params)
        body_shape = self.shapes.shape(body_schema, bptr, collection)
        entity = shape.entity or (body_shape.entity if not body_shape.is_list else None)
        from_path = entity is None
        if entity is None and self.deferred:
            return Candidate("", "", "", raw_path, ptr, "", is_item, 0, [], shape,
                             from_path=True)
        if entity is None:
            entity = self.by_path.get(_collection_path(raw_path)) or \
                self._entity_from_path(statics)
        if entity is None:
            return None
        singleton = False
        if method == "get":
            if is_item:
                kind = "get" if not shape.is_list else None
            elif shape.is_list or shape.entity is None:
                kind = "list"
            else:
                kind, singleton = "get", True
        elif method == "post":
            kind = "update" if is_item else "create"
        elif method in ("put", "patch"):
            kind = "update" if is_item or body_shape.entity == entity else None
        else:
            kind = "delete" if is_item else None
        if kind is None:
            self._skip("no list/get/create/update/delete call", label)
            return None
        match = _match(collection, entity)
        if not is_item and kind in ("list", "create") and match == 0 and \
                shape.entity is None and body_shape.entity is None:
            self._skip("actions (not a call on a collection or a record)", label)
            return None
        if match == 0 and self._sub_resource(segments, entity):
            self._skip("calls on a sub-resource of a record", label)
            return None
        if kind == "list" and _DELETED.search(collection or ""):
            self._skip("listings of deleted or archived items", label)
            return None
        if not is_item and kind in ("update",) and match == 0:
            return None
        server = self._server(op, item, ptr)
        return Candidate(entity, kind, method.upper(), raw_path, ptr, str(op.get(
            "operationId") or ""), is_item, match, params, shape, body, server, singleton,
            from_path=from_path)

    def _sub_resource(self, segments: list[str], entity: str) -> bool:
        """True when an earlier static segment, followed by a placeholder, names the entity:
        ``/issues/{n}/dependencies/{id}`` is about an issue's dependencies."""
        for i, seg in enumerate(segments[:-1]):
            if "{" not in seg and _match(seg, entity) >= 2 and "{" in segments[i + 1] and \
                    any("{" not in s for s in segments[i + 2:]):
                return True
        return False

    def _request(self, op: dict[str, Any], ptr: str, params: list[Param]
                 ) -> tuple[Any, str, str]:
        """(body schema, pointer, encoding)."""
        if self.imp.v2:
            body = next((p for p in params if p.location == "body"), None)
            form = [p for p in params if p.location == "formData"]
            consumes = op.get("consumes") or self.imp.doc.get("consumes") or []
            multipart = any("multipart" in str(c) for c in consumes) or any(
                p.type == "string" and self._v2_file(p) for p in form)
            if body is not None:
                raw, _ = self.imp.deref(self.imp._get(body.ptr), body.ptr)
                return (raw.get("schema") if isinstance(raw, dict) else None,
                        f"{body.ptr}/schema", "json")
            return None, ptr, ("multipart" if multipart else "form") if form else "json"
        raw, rptr = self.imp.deref(op.get("requestBody"), f"{ptr}/requestBody")
        if not isinstance(raw, dict):
            return None, ptr, "json"
        schema, sptr, _ = media_schema(raw.get("content"), f"{rptr}/content")
        encoding, media = body_encoding(raw.get("content"))
        if encoding == "binary":
            self.w.add(f"request body `{media[:80]}` is raw binary; the apps send files as "
                       "multipart/form-data, which this back end may not accept", rptr,
                       "import.body")
            encoding = "multipart"
        return schema, sptr, encoding

    def _v2_file(self, param: Param) -> bool:
        raw, _ = self.imp.deref(self.imp._get(param.ptr), param.ptr)
        return isinstance(raw, dict) and raw.get("type") == "file"

    def _server(self, op: dict[str, Any], item: dict[str, Any], ptr: str) -> str:
        """The operation's own server (operation-level before path-level), "" for the source's."""
        path_ptr = ptr.rsplit("/", 1)[0]
        for node, where in ((op, ptr), (item, path_ptr)):
            servers = node.get("servers")
            if isinstance(servers, list) and servers and isinstance(servers[0], dict) and \
                    isinstance(servers[0].get("url"), str):
                return operation_server(servers[0], getattr(self.imp, "base", ""), self.w,
                                        f"{where}/servers/0/url")
        return ""

    def _entity_from_path(self, statics: list[str]) -> str | None:
        if not statics:
            return None
        last = squash(singular(statics[-1]))
        return next((n for n in self.imp.entities if n.lower() == last), None)

    # ------------------------------------------------------------------ attach
    def _rank(self, c: Candidate) -> tuple[int, ...]:
        method = 0 if c.kind != "update" or c.method in ("PUT", "PATCH") else 1
        item_shape = 0 if c.kind in ("list", "create") or c.is_item else 1
        return (-c.match, int(c.singleton), method, item_shape, len(c.extra),
                c.raw_path.count("{"), len(c.raw_path))

    def _attach(self, found: list[Candidate]) -> None:
        required_headers: dict[str, int] = {}
        for c in found:
            for p in c.params:
                if p.location == "header" and p.required:
                    required_headers[p.name.lower()] = required_headers.get(p.name.lower(), 0) + 1
        self.required_headers = required_headers
        slots: dict[tuple[str, str], list[tuple[Candidate, Operation]]] = {}
        for c in found:
            entity = self.imp.entities[c.entity]
            op = self._operation(c, entity)
            if op is not None:
                slots.setdefault((c.entity, c.kind), []).append((c, op))
        for (name, kind), options in sorted(slots.items(), key=lambda kv: KINDS.index(kv[0][1])):
            entity = self.imp.entities[name]
            options.sort(key=lambda co: (self._rank(co[0]), co[0].order))
            if len(options) > 1 and self._rank(options[0][0])[:4] == \
                    self._rank(options[1][0])[:4] and not options[0][0].singleton:
                self.w.add(f"`{name}` has several {kind} calls that fit equally; "
                           f"{options[0][0].method} {options[0][0].raw_path[:120]} is the "
                           f"default (also {options[1][0].method} "
                           f"{options[1][0].raw_path[:120]})", options[0][0].ptr,
                           "import.ambiguous")
            for c, _ in options[MAX_PER_KIND:]:
                self._skip(f"further {kind} calls past {MAX_PER_KIND} per entity",
                           f"{c.method} {c.raw_path[:120]}")
            kept = options[:MAX_PER_KIND]
            names = NameMap(taken=[o.name for o in entity.operations if o.name],
                            fallback=kind)
            for i, (c, op) in enumerate(kept):
                if len(kept) > 1 or c.singleton:
                    wanted = c.op_id or f"{c.method.lower()}_{_path_name(c.raw_path, kind)}"
                    op.name = names(str(c.order), to_identifier(snake_case(wanted, kind),
                                                                kind)[:60])
                op.default = len(kept) > 1 and i == 0 and not c.singleton
                entity.operations.append(op)
            if kept and all(c.singleton for c, _ in kept) and len(kept) > 1:
                kept[0][1].default = True

    def _operation(self, c: Candidate, entity: Entity) -> Operation | None:
        """The operation of a candidate, or None when a value it needs has no source."""
        label = f"{c.method} {c.raw_path[:120]}"
        write = c.kind in ("create", "update", "delete")
        names = NameMap(fallback="param")
        holes = re.findall(r"\{([^{}]*)\}", c.raw_path)
        by_raw: dict[str, str] = {}
        params: list[OperationParam] = []
        for i, raw in enumerate(holes):
            if raw in by_raw:
                continue
            name = names(raw)
            by_raw[raw] = name
            is_key = c.is_item and i == len(holes) - 1
            fld = self._field_for(entity, name, raw, is_key) if c.kind != "list" else None
            if is_key and fld and not entity.key:
                entity.key = [fld]
            if fld:
                params.append(OperationParam(name=name, wire_name="", location="path",
                                             required=True, value=f"record.{fld}"))
            elif not write:
                params.append(OperationParam(name=name, location="path", required=True,
                                             value=name))
                c.extra.append(name)
            else:
                self._skip("writes needing a path value the record does not hold", label)
                return None
        path = re.sub(r"\{([^{}]*)\}", lambda m: "{" + by_raw[m.group(1)] + "}", c.raw_path)
        paging = Paging()
        if c.kind == "list":
            query = {p.name: p.name for p in c.params if p.location == "query"}
            paging = paging_for(c.shape, query, response_headers(self.imp._get(c.ptr) or {},
                                                                 c.ptr, self.imp.deref))
        paged = {paging.param, paging.size_param} - {""}
        count = 0
        for p in c.params:
            if p.location == "cookie":
                self._skip("cookie parameters (the apps send none)", f"{p.name[:60]} ({label})")
                continue
            if p.location not in ("query", "header") or p.name in paged:
                continue
            if p.location == "header" and not usable_header(p, self.w):
                continue
            count += 1
            if count > MAX_QUERY:
                self._skip(f"parameters past {MAX_QUERY} per call", f"{p.name[:60]} ({label})")
                continue
            name = names(snake_case(p.name, "param"))
            param = OperationParam(name=name, wire_name="" if name == p.name else p.name[:256],
                                   location=p.location, type=p.type, required=p.required)
            if p.required:
                fld = self._field_for(entity, name, p.name, False) if c.kind != "list" else None
                if p.location == "header":
                    param.config = to_identifier(snake_case(p.name, "header"))[:128]
                    self.headers[p.name] = self.headers.get(p.name, 0) + 1
                elif fld:
                    param.value = f"record.{fld}"
                elif not write:
                    param.value = name
                    c.extra.append(name)
                else:
                    self._skip("writes needing a query value the record does not hold", label)
                    return None
            params.append(param)
        op = Operation(kind=c.kind, method=c.method, path=path[:2048], params=params,
                       operation_id=c.op_id[:256], result=c.shape.result[:16],
                       paging=paging, server=c.server,
                       body=c.body if write and c.kind != "delete" else "json")
        if c.is_item and entity.key:
            key_param = by_raw.get(holes[-1]) if holes else None
            if key_param and entity.key[0] != key_param and op.param(entity.key[0]) is None \
                    and any(p.name == key_param and p.value == f"record.{entity.key[0]}"
                            for p in params):
                _rename_param(op, key_param, entity.key[0])
        return op

    def _field_for(self, entity: Entity, name: str, raw: str, is_key: bool) -> str | None:
        """The record field a placeholder stands for: by wire name, name, with the entity's
        name as prefix (``{issue_number}`` → ``number``, ``{pet_id}`` → ``id``)."""
        if is_key:
            found = self.imp._key_for(entity, name, raw)
            if found:
                return found
        fields = {f.name for f in entity.fields}
        for f in entity.fields:
            if f.wire == raw or f.name == name:
                return f.name
        squashed = squash(raw)
        ename = squash(entity.name)
        rest = squashed[len(ename):] if squashed.startswith(ename) and \
            len(squashed) > len(ename) else ""
        for f in entity.fields:
            if squash(f.name) in (squashed, rest) and (is_key or rest or
                                                      squash(f.name) == squashed):
                return f.name
        if is_key and (rest in ("id", "key", "uuid", "code", "no", "number") or
                       squashed.endswith("id")):
            return next((k for k in ("id", "Id", "ID", "uuid", "key", "code") if k in fields), None)
        return None

    # ------------------------------------------------------------------ reports
    def _webhooks(self) -> None:
        for key in ("webhooks", "x-webhooks"):
            hooks = self.imp.doc.get(key)
            if isinstance(hooks, dict) and hooks:
                self.w.add(f"{len(hooks)} webhook{'s' if len(hooks) > 1 else ''} not imported "
                           f"(the back end calls them; an app does not receive calls): "
                           f"{named_list([str(h)[:60] for h in hooks])}", f"#/{key}",
                           "import.unmapped")

    def _report(self) -> None:
        for why, what in self.skipped.items():
            self.w.add(f"not imported: {len(what)} {why}: {named_list(what)}", "#/paths",
                       "import.unmapped")
        for header, n in self.headers.items():
            self.w.add(f"required header `{header[:100]}` ({n} call{'s' if n > 1 else ''}) is "
                       f"sent from the configuration value "
                       f"`{to_identifier(snake_case(header, 'header'))[:128]}`; set it in the "
                       "app's configuration", "#/paths", "import.config")


def _collection_path(raw_path: str) -> str:
    """``/people/{id}.json`` → ``/people``: the collection an item path belongs to."""
    segments = [s for s in raw_path.split("/") if s]
    if segments and "{" in segments[-1]:
        segments = segments[:-1]
    return "/" + "/".join(re.sub(r"\.\w+$", "", s) for s in segments)


def _path_name(raw_path: str, kind: str) -> str:
    words = [s for s in raw_path.split("/") if s and "{" not in s]
    return "_".join(words[-2:]) or kind


def _rename_param(operation: Operation, old: str, new: str) -> None:
    """Name the key placeholder after the key field it is filled from."""
    for param in operation.params:
        if param.name == old:
            param.name = new
    operation.path = operation.path.replace("{" + old + "}", "{" + new + "}")


def _esc(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")
