"""A stateful mock back end generated from a model, for previews (``fieldcraft serve``).

Every entity's operations answer under ``/api/<source>/…`` from its sample rows: list (the model
declares no paging or envelope today, so REST lists are plain arrays), get by the path's
placeholders (the key or any field they name), and create/update/delete kept in memory for the
session. It refuses what real servers refuse: missing required fields, wrong types, missing
required parameters, a model field name where the back end has a wire name, OData annotations
sent back, and OData requests without their protocol headers (``OData-Version`` for v4 answers,
``DataServiceVersion`` for v2). Switches simulate offline, latency, a server-side change and an
error response. Qt-free.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any
from urllib.parse import parse_qs, unquote

from designer.model import App
from designer.model.data import DataField, Entity
from designer.serve.request_view import kept, request_headers

LOG_SIZE = 500


def now_iso() -> str:
    """The current UTC time, ms precision (what the mock stamps into ``updated_at``)."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class Route:
    """One operation of an entity as a path pattern under ``/api/<source>``."""

    source: str
    entity: Entity
    kind: str
    method: str
    pattern: re.Pattern[str]
    params: list[str]
    query: list[str]
    odata: bool


@dataclass
class Switches:
    """What the preview simulates."""

    offline: bool = False
    latency_ms: int = 0
    error_status: int = 0
    error_count: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"offline": self.offline, "latency_ms": self.latency_ms,
                "error_status": self.error_status, "error_count": self.error_count}


class Refused(Exception):
    """A request the mock refuses as a real server would: ``status`` and a message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _type_error(f: DataField, value: Any) -> str | None:
    """Why ``value`` is not a valid ``f`` on the wire, or None."""
    if value is None:
        return f"{f.wire!r} is required" if f.required else None
    t = f.type
    ok = {"string": isinstance(value, str), "image": isinstance(value, str),
          "integer": isinstance(value, int) and not isinstance(value, bool),
          "decimal": isinstance(value, (int, float)) and not isinstance(value, bool),
          "boolean": isinstance(value, bool), "list": isinstance(value, list),
          "geo": isinstance(value, (str, dict)),
          "reference": isinstance(value, (str, int, dict)) and not isinstance(value, bool)}
    if t == "enum":
        if not isinstance(value, str) or (f.enum_values and value not in f.enum_values):
            return f"{f.wire!r} must be one of {', '.join(f.enum_values)}"
        return None
    if t in ("date", "datetime"):
        try:
            (date.fromisoformat if t == "date" else datetime.fromisoformat)(
                str(value).replace("Z", "+00:00"))
            return None if isinstance(value, str) else f"{f.wire!r} must be a {t} string"
        except ValueError:
            return f"{f.wire!r} must be an ISO {t}"
    if not ok.get(t, True):
        return f"{f.wire!r} must be {'an' if t[0] in 'aeiou' else 'a'} {t}"
    return None


class MockBackend:
    """In-memory state of the preview's back end; every method is thread-safe."""

    def __init__(self, app: App) -> None:
        self.lock = threading.RLock()
        self.switches = Switches()
        self.log: list[dict[str, Any]] = []
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.counter = 0
        self.load(app)

    def load(self, app: App) -> None:
        """(Re)build routes from ``app``; rows of entities that still exist are kept."""
        with self.lock:
            self.app = app
            self.routes: list[Route] = []
            self.entities: dict[str, Entity] = {}
            rows: dict[str, list[dict[str, Any]]] = {}
            for source in app.data_sources:
                for entity in source.entities:
                    self.entities[entity.name] = entity
                    rows[entity.name] = self.rows.get(entity.name) or [
                        dict(r, updated_at="2026-01-01T00:00:00.000Z") for r in entity.sample_rows]
                    for op in entity.operations:
                        self.routes.append(self._route(source.name, source.kind, entity, op))
            self.rows = rows

    @staticmethod
    def _route(source: str, kind: str, entity: Entity, op: Any) -> Route:
        path, _, query = op.path.partition("?")
        params = re.findall(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", path)
        regex = re.sub(r"\\\{([A-Za-z_][A-Za-z0-9_]*)\\\}", r"([^/]+)", re.escape(path))
        required = [k for k, _, _ in (p.partition("=") for p in query.split("&")) if k
                    and not k.startswith("$")]
        required += [p.wire for p in op.params
                     if p.location == "query" and p.required and p.wire not in required]
        return Route(source, entity, op.kind, op.method,
                     re.compile(f"^/api/{re.escape(source)}{regex}$"), params, required,
                     kind == "odata")

    # -- switches and inspection --------------------------------------------------------
    def set_switches(self, **changes: Any) -> dict[str, Any]:
        """Change switches (``offline``, ``latency_ms``, ``error_status``, ``error_count``)."""
        with self.lock:
            for k, v in changes.items():
                if k == "offline":
                    self.switches.offline = bool(v)
                elif k in ("latency_ms", "error_status", "error_count"):
                    if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= 60000:
                        raise Refused(400, f"{k} must be a whole number from 0 to 60000")
                    if k == "error_status" and v and not 400 <= v <= 599:
                        raise Refused(400, "error_status must be an HTTP error status (400-599)")
                    setattr(self.switches, k, v)
                else:
                    raise Refused(400, f"unknown switch {k!r}")
            return self.switches.as_dict()

    def server_change(self, entity: str, key: str | None = None,
                      changes: dict[str, Any] | None = None) -> dict[str, Any]:
        """Change a record on the server side, as another user would (for conflict policies):
        the given fields, or the first text field gets " (changed on server)"."""
        with self.lock:
            if entity not in self.entities:
                raise Refused(404, f"no entity {entity!r}")
            rows = self.rows[entity]
            row = self._find(self.entities[entity], key) if key else (rows[0] if rows else None)
            if row is None:
                raise Refused(404, f"no {entity} {key!r}")
            if not changes:
                text = next((f.name for f in self.entities[entity].fields if f.type == "string"
                             and f.name not in self.entities[entity].key), None)
                changes = {text: f"{row.get(text) or ''} (changed on server)"} if text else {}
            row.update(changes, updated_at=now_iso())
            return dict(row)

    def state(self) -> dict[str, Any]:
        """Rows per entity (model names), switches and the request log."""
        with self.lock:
            return {"rows": {k: [dict(r) for r in v] for k, v in self.rows.items()},
                    "switches": self.switches.as_dict(), "log": list(self.log)}

    def _find(self, entity: Entity, key: str | None) -> dict[str, Any] | None:
        name = entity.key[0] if entity.key else None
        return next((r for r in self.rows[entity.name] if name and str(r.get(name)) == key), None)

    # -- requests -----------------------------------------------------------------------
    def handle(self, method: str, path: str, query: str, headers: Any, body: Any
               ) -> tuple[int, Any] | None:
        """Answer one API request: (status, JSON payload) or None for "no connection"."""
        entry = {"at": now_iso(), "method": method, "path": path, "query": query,
                 "headers": request_headers(headers), "body": kept(body), "status": 0}
        with self.lock:
            self.log.append(entry)
            del self.log[:-LOG_SIZE]
            switches = Switches(**self.switches.as_dict())
        if switches.offline:
            entry["status"] = "offline"
            return None
        if switches.latency_ms:
            time.sleep(switches.latency_ms / 1000)
        try:
            status, payload = self._answer(method, path, query, headers, body)
        except Refused as exc:
            odata = any(r.odata and r.pattern.match(path) for r in self.routes)
            status = exc.status
            payload = {"error": {"code": str(exc.status), "message": str(exc)}} if odata \
                else {"error": str(exc)}
        entry["status"], entry["response"] = status, kept(payload)
        return status, payload

    def _answer(self, method: str, path: str, query: str, headers: Any, body: Any
                ) -> tuple[int, Any]:
        matched = [(r, m) for r in self.routes if (m := r.pattern.match(path))]
        if not matched:
            raise Refused(404, f"no resource at {path}")
        found = next(((r, m) for r, m in matched if r.method == method), None)
        if found is None:
            raise Refused(405, f"{method} is not allowed on {path}")
        route, m = found
        version = self._odata_version(route, headers)
        args = parse_qs(query, keep_blank_values=True)
        missing = [p for p in route.query if not args.get(p, [""])[0]]
        if missing:
            raise Refused(400, f"missing required parameter {missing[0]!r}")
        values = [unquote(v) for v in m.groups()]
        if route.odata:
            values = [v.replace("''", "'") for v in values]
        with self.lock:
            if self.switches.error_count:
                self.switches.error_count -= 1
                raise Refused(self.switches.error_status or 500, "simulated server error")
            record = self._from_wire(route, body) if method in ("POST", "PUT", "PATCH") else None
            status, result = self._apply(route, dict(zip(route.params, values)), record)
            return status, self._envelope(route, version, result)

    @staticmethod
    def _odata_version(route: Route, headers: Any) -> str:
        if not route.odata:
            return ""
        if str(headers.get("OData-Version") or "").startswith("4"):
            return "4"
        if headers.get("DataServiceVersion") or headers.get("MaxDataServiceVersion"):
            return "2"
        raise Refused(400, "missing OData protocol header (OData-Version: 4.0, or "
                           "DataServiceVersion for an OData v2 service)")

    def _from_wire(self, route: Route, body: Any) -> dict[str, Any]:
        """Check a write's payload; return it under model names."""
        if not isinstance(body, dict):
            raise Refused(400, "the request body must be a JSON object")
        entity = route.entity
        by_wire = {f.wire: f for f in entity.fields}
        out: dict[str, Any] = {}
        for k, v in body.items():
            if k == "__metadata" or "@" in k:
                raise Refused(400, f"annotation {k!r} sent back to the server")
            f = by_wire.get(k)
            if f is None:
                if entity.field(k) is not None:  # a model name where the back end has another
                    raise Refused(400, f"unknown field {k!r}")
                out[k] = v
                continue
            problem = _type_error(f, v)
            if problem:
                raise Refused(400, problem)
            out[f.name] = v
        if route.kind == "create" or route.method == "PUT":
            for f in entity.fields:
                if f.required and f.name not in entity.key and out.get(f.name) is None:
                    raise Refused(400, f"{f.wire!r} is required")
        return out

    def _select(self, route: Route, values: dict[str, str]) -> dict[str, Any] | None:
        entity = route.entity
        rows = self.rows[entity.name]
        for i, (name, value) in enumerate(values.items()):
            f = entity.field(name) or next((x for x in entity.fields if x.wire == name), None)
            if f is None and i == len(values) - 1 and entity.key:
                f = entity.field(entity.key[0])
            if f is not None:
                rows = [r for r in rows if str(r.get(f.name)) == value]
        return rows[0] if rows and values else None

    def _apply(self, route: Route, values: dict[str, str], body: dict[str, Any] | None
               ) -> tuple[int, Any]:
        entity = route.entity
        rows = self.rows[entity.name]
        if route.kind == "list":
            return 200, rows
        row = self._select(route, values)
        if route.kind == "create":
            self.counter += 1
            record = dict(body or {})
            if entity.key and not record.get(entity.key[0]):
                record[entity.key[0]] = f"N-{self.counter}"
            record["updated_at"] = now_iso()
            rows.append(record)
            return 201, record
        if row is None:
            raise Refused(404, f"no {entity.name} at this address")
        if route.kind == "get":
            return 200, row
        if route.kind == "update":
            if route.method == "PUT":
                keep = {k: row[k] for k in entity.key if k in row}
                row.clear()
                row.update(keep)
            row.update({k: v for k, v in (body or {}).items() if k != "updated_at"},
                       updated_at=now_iso())
            return 200, row
        rows.remove(row)
        return 204, None

    def _wire(self, entity: Entity, rec: dict[str, Any], version: str, source: str
              ) -> dict[str, Any]:
        names = {f.name: f.wire for f in entity.fields}
        out = {names.get(k, k): v for k, v in rec.items()}
        etag = f"W/\"{rec.get('updated_at', '')}\""
        if version == "2":
            out["__metadata"] = {"uri": f"/api/{source}/{entity.name}", "type": f"Mock.{entity.name}",
                                 "etag": etag}
        elif version == "4":
            out["@odata.etag"] = etag
        return out

    def _envelope(self, route: Route, version: str, result: Any) -> Any:
        if result is None:
            return None
        wire = (lambda r: self._wire(route.entity, r, version, route.source))
        if isinstance(result, list):
            rows = [wire(r) for r in result]
            if version == "4":
                return {"@odata.context": f"$metadata#{route.entity.name}", "value": rows}
            return {"d": {"results": rows}} if version == "2" else rows
        return {"d": wire(result)} if version == "2" else wire(result)
