"""A stateful mock back end generated from a model, for previews (``fieldcraft serve``).

Every entity's operations answer under ``/api/<source>/…`` from its sample rows: list (at the
operation's result path and by its paging style, see ``protocol.page``), get by the path's
placeholders (the key or any field they name), and create/update/delete kept in memory for the
session. It refuses what real servers refuse: missing required fields, wrong types, missing
required query/header parameters, a body in another encoding than the operation declares, a
model field name where the back end has a wire name, OData annotations sent back, OData requests
with the other version's protocol headers (or none), SAP writes without the CSRF token, and
changes to an ETag-checked OData record without a current If-Match. Switches simulate offline,
latency, a server-side change and an error response. Qt-free.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any
from urllib.parse import parse_qs, unquote

from designer.model import App
from designer.model.data import DataField, DataSource, Entity
from designer.model.operations import Operation
from designer.serve.protocol import (Refused, check_if_match, check_params, decode_body, etag,
                                     nest, odata_version, page)
from designer.serve.request_view import kept, request_headers

LOG_SIZE = 500


def now_iso() -> str:
    """The current UTC time, ms precision (what the mock stamps into ``updated_at``)."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class Route:
    """One operation of an entity as a path pattern under ``/api/<source>``."""

    source: DataSource
    entity: Entity
    op: Operation
    pattern: re.Pattern[str]
    params: list[str]
    query: list[str]

    @property
    def kind(self) -> str:
        return self.op.kind

    @property
    def method(self) -> str:
        return self.op.method

    @property
    def odata(self) -> bool:
        return self.source.kind == "odata"


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


def _from_text(f: DataField | None, value: Any) -> Any:
    """A form/multipart text value as ``f``'s type (left as it is when it does not read)."""
    if f is None or not isinstance(value, str):
        return value
    try:
        if f.type == "integer":
            return int(value)
        if f.type == "decimal":
            return float(value)
    except ValueError:
        return value
    if f.type == "boolean" and value in ("true", "false"):
        return value == "true"
    return value


class MockBackend:
    """In-memory state of the preview's back end; every method is thread-safe."""

    def __init__(self, app: App) -> None:
        self.lock = threading.RLock()
        self.switches = Switches()
        self.log: list[dict[str, Any]] = []
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.counter = 0
        self.csrf: dict[str, str] = {}  # source name -> the CSRF token it gave out
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
                        self.routes.append(self._route(source, entity, op))
            self.rows = rows

    @staticmethod
    def _route(source: DataSource, entity: Entity, op: Operation) -> Route:
        path, _, query = op.path.partition("?")
        params = re.findall(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", path)
        regex = re.sub(r"\\\{([A-Za-z_][A-Za-z0-9_]*)\\\}", r"([^/]+)", re.escape(path))
        required = [k for k, _, _ in (p.partition("=") for p in query.split("&")) if k
                    and not k.startswith("$")]
        return Route(source, entity, op, re.compile(f"^/api/{re.escape(source.name)}{regex}$"),
                     params, required)

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
    def handle(self, method: str, path: str, query: str, headers: Any, raw: bytes = b""
               ) -> tuple[int, Any, dict[str, str]] | None:
        """Answer one API request: (status, JSON payload, response headers), or None for
        "no connection"."""
        entry = {"at": now_iso(), "method": method, "path": path, "query": query,
                 "headers": request_headers(headers), "body": None, "status": 0}
        with self.lock:
            self.log.append(entry)
            del self.log[:-LOG_SIZE]
            switches = Switches(**self.switches.as_dict())
        if switches.offline:
            entry["status"] = "offline"
            return None
        if switches.latency_ms:
            time.sleep(switches.latency_ms / 1000)
        extra: dict[str, str] = {}
        try:
            encoding, body = decode_body(str(headers.get("Content-Type") or ""), raw)
            entry["body"] = kept(body)
            status, payload, extra = self._answer(method, path, query, headers, body,
                                                  encoding if raw else None)
        except Refused as exc:
            odata = any(r.odata and r.pattern.match(path) for r in self.routes) or any(
                s.kind == "odata" and path.rstrip("/") == f"/api/{s.name}"
                for s in self.app.data_sources)
            status, extra = exc.status, exc.headers
            payload = {"error": {"code": str(exc.status), "message": str(exc)}} if odata \
                else {"error": str(exc)}
        entry["status"], entry["response"] = status, kept(payload)
        return status, payload, extra

    def _service_root(self, path: str, headers: Any) -> tuple[int, Any, dict[str, str]] | None:
        """``GET api/<source>/``: the service document; ``x-csrf-token: Fetch`` gets the
        session's CSRF token (SAP Gateway)."""
        source = next((s for s in self.app.data_sources if path.rstrip("/") == f"/api/{s.name}"),
                      None)
        if source is None:
            return None
        extra = {}
        if source.csrf and str(headers.get("x-csrf-token") or "").lower() == "fetch":
            with self.lock:
                self.csrf.setdefault(source.name, secrets.token_urlsafe(12))
                extra["x-csrf-token"] = self.csrf[source.name]
        sets = sorted(e.name for e in source.entities)
        if source.kind != "odata":
            return 200, {"resources": sets}, extra
        version = odata_version(source.odata_version, headers)
        return 200, ({"d": {"EntitySets": sets}} if version == "2" else
                     {"value": [{"name": n, "url": n} for n in sets]}), extra

    def _answer(self, method: str, path: str, query: str, headers: Any, body: Any,
                encoding: str | None) -> tuple[int, Any, dict[str, str]]:
        matched = [(r, m) for r in self.routes if (m := r.pattern.match(path))]
        if not matched and method == "GET" and (root := self._service_root(path, headers)):
            return root
        if not matched:
            raise Refused(404, f"no resource at {path}")
        found = next(((r, m) for r, m in matched if r.method == method), None)
        if found is None:
            raise Refused(405, f"{method} is not allowed on {path}")
        route, m = found
        version = odata_version(route.source.odata_version, headers) if route.odata else ""
        args = parse_qs(query, keep_blank_values=True)
        missing = [p for p in route.query if not args.get(p, [""])[0]]
        if missing:
            raise Refused(400, f"missing required parameter {missing[0]!r}")
        check_params(route.op, {k: v[0] for k, v in args.items()}, headers)
        if encoding is not None and encoding != route.op.body:
            raise Refused(415, f"this operation takes a {route.op.body} body, not {encoding}")
        if route.source.csrf and method not in ("GET", "HEAD"):
            token = self.csrf.get(route.source.name)
            if not token or headers.get("x-csrf-token") != token:
                raise Refused(403, "CSRF token validation failed", {"x-csrf-token": "Required"})
        values = [unquote(v) for v in m.groups()]
        if route.odata:
            values = [v.replace("''", "'") for v in values]
        with self.lock:
            if self.switches.error_count:
                self.switches.error_count -= 1
                raise Refused(self.switches.error_status or 500, "simulated server error")
            record = self._from_wire(route, body, encoding or "json") \
                if method in ("POST", "PUT", "PATCH") else None
            selected = dict(zip(route.params, values))
            if route.odata and route.entity.concurrency == "etag" and route.kind in (
                    "update", "delete"):
                check_if_match(self._select(route, selected), headers)
            status, result = self._apply(route, selected, record)
            if route.kind == "list":
                rows = [self._wire(route.entity, r, version, route.source.name) for r in result]
                payload, extra = page(route.op, rows, version, path, query, route.entity.name)
                return status, payload, extra
            return status, self._envelope(route, version, result), {}

    def _from_wire(self, route: Route, body: Any, encoding: str = "json") -> dict[str, Any]:
        """Check a write's payload; return it under model names. Form and multipart values
        are text on the wire: they are read as their field's type first."""
        if not isinstance(body, dict):
            raise Refused(400, "the request body must be a JSON object")
        if encoding != "json":
            body = {k: _from_text(next((f for f in route.entity.fields if f.wire == k), None), v)
                    for k, v in body.items()}
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
        if version == "2":
            out["__metadata"] = {"uri": f"/api/{source}/{entity.name}", "type": f"Mock.{entity.name}",
                                 "etag": etag(rec)}
        elif version == "4":
            out["@odata.etag"] = etag(rec)
        return out

    def _envelope(self, route: Route, version: str, result: Any) -> Any:
        """A record's answer: at the operation's result path, else OData v2's ``{"d": …}``."""
        if result is None:
            return None
        record = self._wire(route.entity, result, version, route.source.name)
        if route.op.result and route.kind == "get":
            return nest(route.op.result, record)
        return {"d": record} if version == "2" else record
