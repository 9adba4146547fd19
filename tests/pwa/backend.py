"""A mock REST back end implementing a model's data source, plus a static server for an export.

Routes come from the entities' operations (``/customers/{id}`` …) under ``/api``; rows start as
the entities' sample rows. Every change stamps ``updated_at`` (ms precision). Writes honour
``Idempotency-Key``. Everything the app sends is recorded in ``requests`` for assertions.

Rows are kept under model names; on the wire the back end speaks its own field names
(``DataField.wire_name``, e.g. ``first-name``): responses are renamed on the way out, and a
payload using a model name where the back end has another name is refused with 400. Records
nested in list/reference fields are renamed through their own entity. OData sources answer in v2
envelopes (``{"d": {"results": [...]}}``, ``{"d": {...}}``) with ``__metadata`` (uri, type,
etag) on every record, nested ones too, and refuse payloads that send annotations back.
"""

from __future__ import annotations

import base64
import json
import mimetypes
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from designer.model import App
from designer.serve.protocol import merge, nest

#: Content types of the body encodings an operation may declare.
ENCODINGS = {"application/json": "json", "application/x-www-form-urlencoded": "form",
             "multipart/form-data": "multipart"}


def decode_body(ctype: str, raw: bytes) -> tuple[str, Any, list[dict[str, Any]]]:
    """(encoding, payload, files) of a request body by its Content-Type. Multipart text parts
    become fields, file parts data URIs (as the app held them) and entries of ``files``
    (field, filename, type, size); a malformed body raises ValueError."""
    from email.parser import BytesParser
    from email.policy import HTTP

    kind = ctype.split(";", 1)[0].strip().lower()
    encoding = ENCODINGS.get(kind, kind or "none")
    if not raw:
        return encoding, None, []
    if encoding == "json":
        return encoding, json.loads(raw), []
    if encoding == "form":
        return encoding, dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True,
                                        strict_parsing=True)), []
    if encoding != "multipart":
        raise ValueError(f"unsupported Content-Type {ctype!r}")
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {ctype}\r\n\r\n".encode("latin-1") + raw)
    if not message.is_multipart() or message.defects:
        raise ValueError("malformed multipart body")
    fields: dict[str, Any] = {}
    files: list[dict[str, Any]] = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name:
            raise ValueError("a multipart part without a name")
        data = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is None:
            value: Any = data.decode("utf-8")
        else:
            kind = part.get_content_type()
            files.append({"field": name, "filename": filename, "type": kind, "size": len(data)})
            value = f"data:{kind};base64,{base64.b64encode(data).decode()}"
        if name in fields:  # a repeated name (several photos): a list
            old = fields[name]
            fields[name] = [*old, value] if isinstance(old, list) else [old, value]
        else:
            fields[name] = value
    return encoding, fields, files

TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html",
         ".json": "application/json", ".webmanifest": "application/manifest+json",
         ".svg": "image/svg+xml", ".png": "image/png", ".md": "text/markdown"}


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class Route:
    source: str
    entity: str
    kind: str
    method: str
    pattern: re.Pattern[str]
    params: list[str]
    odata: bool = False
    op: Any = None  # the model's Operation: declared parameters, result path, paging


@dataclass
class Backend:
    """State of the mock back end (thread-safe through ``lock``)."""

    app: App
    root: Path
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    keys: dict[str, list[str]] = field(default_factory=dict)
    routes: list[Route] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    # Idempotency-Key -> (the request it came with, the answer): a replay gets the answer, the
    # key sent with another request is refused with 422 (draft-ietf-httpapi-idempotency-key)
    idempotent: dict[str, tuple[str, tuple[int, Any]]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    counter: int = 0
    fail_writes: int = 0
    drop: bool = False  # unreachable: every API request's connection is closed unanswered
    drop_delay: float = 0.0  # seconds a dropped request hangs before its connection closes
    # writes to these paths whose answer is lost: applied (and remembered for their
    # Idempotency-Key), then the connection is closed unanswered, once per path
    lose_answer: set[str] = field(default_factory=set)
    # a business rule of the server: (entity, method, body) -> (status, payload) to refuse a
    # write with, or None to take it (a refused write changes nothing)
    refuse: Callable[[str, str, Any], tuple[int, Any] | None] | None = None
    # SAP Gateway's CSRF protection: the token a `x-csrf-token: Fetch` GET gets; writes without
    # it are refused with 403 and `x-csrf-token: Required` (None: a new token on the next fetch)
    csrf_token: str | None = None
    csrf_issued: int = 0
    csrf_expires: bool = False  # the next token given out has expired before it is used
    wire: dict[str, dict[str, str]] = field(default_factory=dict)  # entity -> model -> wire
    nested: dict[str, dict[str, str]] = field(default_factory=dict)  # entity -> field -> item
    refs: dict[str, dict[str, str]] = field(default_factory=dict)  # entity -> reference -> target
    calls: list[dict[str, Any]] = field(default_factory=list)  # call operations taken
    answers: dict[str, Callable[[dict[str, Any]], Any]] = field(default_factory=dict)
    # signed-in users (tests/pwa/oidc.py): headers -> (subject, None) or (None, refusal); each
    # user sees and changes only the rows `owners` gives them (entity -> key -> subject, "*":
    # everyone's), and owns what they create
    authorize: Callable[[Any], tuple[str | None, tuple[int, Any] | None]] | None = None
    owners: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for source in self.app.data_sources:
            for entity in source.entities:
                self.rows[entity.name] = [dict(r, updated_at="2026-01-01T00:00:00.000Z")
                                          for r in entity.sample_rows]
                self.keys[entity.name] = list(entity.key)
                self.wire[entity.name] = {f.name: f.wire for f in entity.fields}
                self.nested[entity.name] = {f.name: f.entity for f in entity.fields
                                            if f.type in ("list", "reference") and f.entity}
                self.refs[entity.name] = {f.name: f.entity for f in entity.fields
                                          if f.type == "reference" and f.entity}
                for op in entity.operations:
                    route = op.path.partition("?")[0]  # query options are checked by tests
                    params = re.findall(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", route)
                    regex = re.sub(r"\\\{([A-Za-z_][A-Za-z0-9_]*)\\\}", r"([^/]+)", re.escape(route))
                    self.routes.append(Route(source.name, entity.name, op.kind, op.method,
                                             re.compile(f"^/api{regex}$"), params,
                                             source.kind == "odata", op))

    # -- helpers used by tests ------------------------------------------------------------
    def find(self, entity: str, key: str) -> dict[str, Any] | None:
        keys = self.keys[entity]
        return next((r for r in self.rows[entity] if str(r.get(keys[0])) == key), None)

    def server_edit(self, entity: str, key: str, **changes: Any) -> None:
        """Change a record on the server side (as another user would)."""
        with self.lock:
            row = self.find(entity, key)
            assert row is not None
            row.update(changes, updated_at=now_iso())

    def writes(self, method: str | None = None) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["method"] != "GET" and r["path"].startswith("/api") and not r.get("dropped")
                and (method is None or r["method"] == method)]

    # -- the wire format -------------------------------------------------------------------
    def to_wire(self, entity: str, rec: Any, odata: bool = False) -> Any:
        """``rec`` under wire names (nested records too); OData records carry ``__metadata``."""
        if isinstance(rec, list):
            return [self.to_wire(entity, r, odata) for r in rec]
        if not isinstance(rec, dict):
            return rec
        names, nested = self.wire[entity], self.nested[entity]
        out = {names.get(k, k): self.to_wire(nested[k], v, odata) if k in nested else v
               for k, v in rec.items()}
        if odata:
            out["__metadata"] = {"uri": f"/api/{entity}", "type": f"Mock.{entity}",
                                 "etag": etag(rec)}
        return out

    def from_wire(self, entity: str, body: Any) -> tuple[Any, str | None]:
        """The payload under model names, or an error naming a key the back end does not use
        (a model name where the back end has another, or an OData annotation sent back)."""
        if isinstance(body, list):
            items = [self.from_wire(entity, r) for r in body]
            error = next((e for _, e in items if e), None)
            return [r for r, _ in items], error
        if not isinstance(body, dict):
            return body, None
        names, nested = self.wire[entity], self.nested[entity]
        model = {w: m for m, w in names.items()}
        wrong = [k for k in body if (k in names and names[k] != k and k not in model)
                 or k == "__metadata" or "@" in k]
        if wrong:
            return None, f"unknown field {wrong[0]!r}"
        out = {}
        for k, v in body.items():
            name = model.get(k, k)
            if name in nested:
                v, error = self.from_wire(nested[name], v)
                if error:
                    return None, error
            out[name] = v
        return out, None

    def dangling(self, entity: str, body: Any) -> str | None:
        """Referential integrity: a reference field naming a record the server does not have
        (a device's temporary key sent before its record was created) is refused."""
        for name, target in self.refs.get(entity, {}).items():
            value = body.get(name) if isinstance(body, dict) else None
            if isinstance(value, dict) and self.keys.get(target):
                value = value.get(self.keys[target][0])
            if value in (None, "") or target not in self.rows:
                continue
            if self.find(target, str(value)) is None:
                return f"{name}: there is no {target} {value!r}"
        return None

    def respond(self, route: Route, status: int, payload: Any) -> tuple[int, Any]:
        if status >= 300 or payload is None:
            return status, payload
        if isinstance(payload, list):
            rows = [self.to_wire(route.entity, r, route.odata) for r in payload]
            return status, {"d": {"results": rows}} if route.odata else rows
        record = self.to_wire(route.entity, payload, route.odata)
        return status, {"d": record} if route.odata else record

    # -- request handling ------------------------------------------------------------------
    def handle(self, method: str, path: str, body: Any, headers: Any,
               request: dict[str, Any] | None = None, query: str = "",
               encoding: str | None = None) -> tuple[int, Any]:
        for route in self.routes:
            m = route.pattern.match(path)
            if m and route.kind == "call":  # refused by method, parameters and literals
                from .backend_calls import answer_call
                return self.protocol(route, method, headers, request, path) or \
                    answer_call(self, route, method, path, body, query)
            if not m or route.method != method:
                continue
            if refused := self.protocol(route, method, headers, request, path):
                return refused
            subject = None
            if self.authorize is not None:
                subject, refused = self.authorize(headers)
                if request is not None:
                    request["subject"] = subject
                if refused:
                    return refused
            args = dict(parse_qsl(query, keep_blank_values=True))
            if refused := missing_params(route.op, args, headers):
                return 400, {"error": {"message": refused}}
            wanted = route.op.body if route.op is not None else "json"
            if encoding is not None and encoding != wanted:
                # a server takes only the media type its operation declares
                return 415, {"error": {"message": f"this operation takes a {wanted} body, "
                                                  f"not {encoding}"}}
            values = dict(zip(route.params, (unquote(v) for v in m.groups())))
            body, error = self.from_wire(route.entity, body)
            if error:
                return 400, {"error": error}
            if request is not None:
                request["body"] = body
            key = headers.get("Idempotency-Key")
            with self.lock:
                fingerprint = json.dumps([method, path, body], sort_keys=True, default=str)
                if key and key in self.idempotent:
                    seen, answer = self.idempotent[key]
                    if seen != fingerprint:
                        return 422, {"error": {"message": "Idempotency-Key reused for "
                                                          "another request"}}
                    return answer
                if method != "GET" and self.fail_writes:
                    self.fail_writes -= 1
                    return 503, {"error": "try later"}
                if method != "GET" and (dangling := self.dangling(route.entity, body)):
                    return 422, {"error": {"message": dangling}}
                if method != "GET" and self.refuse is not None:
                    refused = self.refuse(route.entity, method, body)
                    if refused is not None:
                        return refused   # not remembered: a corrected retry has a new body
                status, payload = self._apply(route, values, body, subject)
                if route.kind == "list" and route.op is not None and status == 200:
                    return self.page(route, payload, args, path)
                result = self.respond(route, status, payload)
                if key and method != "GET":
                    self.idempotent[key] = (fingerprint, result)
                return result
        return 404, {"error": "no route"}

    def source(self, name: str) -> Any:
        return next(s for s in self.app.data_sources if s.name == name)

    def protocol(self, route: Route, method: str, headers: Any,
                 request: dict[str, Any] | None, path: str) -> tuple[int, Any] | None:
        """What an OData v2 / SAP Gateway service refuses: v4 version headers, no
        DataServiceVersion, a write without the CSRF token it issued, and a change to an
        ETag-checked record without If-Match (428) or with a stale one (412)."""
        source = self.source(route.source)
        if source.kind == "odata" and source.odata_version == "2.0":
            if headers.get("OData-Version") or headers.get("DataServiceVersion") != "2.0":
                return 400, {"error": {"message": {"value": "this is an OData V2 service: send "
                                                            "DataServiceVersion 2.0"}}}
        entity = source.entity(route.entity)
        if entity.concurrency == "etag" and route.kind in ("update", "delete") and route.params:
            m = route.pattern.match(path)
            row = self.find(route.entity, unquote(m.group(1))) if m else None
            sent = headers.get("If-Match")
            if not sent:
                return 428, {"error": {"message": "If-Match required"}}
            if row is not None and sent != etag(row):
                return 412, {"error": {"message": "the record was changed by someone else"}}
        if source.csrf and method not in ("GET", "HEAD"):
            if not self.csrf_token or headers.get("x-csrf-token") != self.csrf_token:
                if request is not None:
                    request["reply"] = {"x-csrf-token": "Required"}
                return 403, {"error": {"message": {"value": "CSRF token validation failed"}}}
        return None

    def service_root(self, headers: Any, request: dict[str, Any]) -> tuple[int, Any]:
        """The service document; with `x-csrf-token: Fetch`, the session's CSRF token."""
        if (headers.get("x-csrf-token") or "").lower() == "fetch":
            with self.lock:
                if not self.csrf_token:
                    self.csrf_issued += 1
                    self.csrf_token = f"token-{self.csrf_issued}"
                request["reply"] = {"x-csrf-token": self.csrf_token}
                if self.csrf_expires:  # the session behind it ends: a new token is needed
                    self.csrf_expires, self.csrf_token = False, None
        return 200, {"d": {"EntitySets": sorted(self.rows)}}

    def page(self, route: Route, rows: list[dict[str, Any]], args: dict[str, str],
             path: str) -> tuple[int, Any]:
        """One page of a list as the operation declares it: rows at its result path, the next
        page by its style (a cursor, a next link, offset or page number)."""
        op, wire = route.op, [self.to_wire(route.entity, r, route.odata) for r in rows]
        paging = op.paging
        if paging.style == "none":
            return self.respond(route, 200, rows) if not op.result else (200, nest(op.result, wire))
        size = int(args.get(paging.size_param) or paging.page_size)
        if paging.style in ("cursor", "next_link", "link_header"):
            start = int((args.get(paging.param or "$skiptoken") or "c0")[1:])
        elif paging.style == "offset":
            start = int(args.get(paging.param) or 0)
        else:
            start = (int(args.get(paging.param) or paging.first_page) - paging.first_page) * size
        chunk, rest = wire[start:start + size], start + size < len(wire)
        body = nest(op.result or ["value"], chunk)
        if paging.style == "cursor":
            body = merge(body, nest(paging.next, f"c{start + size}" if rest else None))
        elif paging.style == "next_link" and rest:
            token = f"{paging.param or '$skiptoken'}=c{start + size}"
            body = merge(body, nest(paging.next or ["@odata.nextLink"], f"{path[4:]}?{token}"))
        return 200, body

    def _apply(self, route: Route, values: dict[str, str], body: Any,
               subject: str | None = None) -> tuple[int, Any]:
        rows = self.rows[route.entity]
        keys = self.keys[route.entity]
        row = self.find(route.entity, values[route.params[0]]) if route.params else None
        if self.authorize is not None:  # another user's rows do not exist for this one
            owner = self.owners.setdefault(route.entity, {})
            def mine(r: dict[str, Any]) -> bool:
                return owner.get(str(r.get(keys[0]))) in (subject, "*")
            if row is not None and not mine(row):
                row = None
            rows = [r for r in rows if mine(r)]
        if route.kind == "list":
            return 200, rows
        if route.kind == "get":
            return (200, row) if row else (404, {"error": "not found"})
        if route.kind == "create":
            self.counter += 1
            record = dict(body or {})
            if keys and not record.get(keys[0]):
                record[keys[0]] = f"N-{self.counter}"
            record["updated_at"] = now_iso()
            self.rows[route.entity].append(record)
            if self.authorize is not None and subject is not None:
                self.owners.setdefault(route.entity, {})[str(record.get(keys[0]))] = subject
            return 201, record
        if route.kind == "update":
            if row is None:
                return 404, {"error": "not found"}
            row.update({k: v for k, v in (body or {}).items() if k != "updated_at"},
                       updated_at=now_iso())
            return 200, row
        if route.kind == "delete":
            if row is None:
                return 404, {"error": "not found"}
            self.rows[route.entity].remove(row)
            return 204, None
        return 405, {"error": "unsupported"}


def etag(rec: dict[str, Any]) -> str:
    """The mock's version tag of a record (it changes with every server-side write)."""
    return f'W/"{rec.get("updated_at", "")}"'


def missing_params(op: Any, args: dict[str, str], headers: Any) -> str | None:
    """What a real server says when a required query or header parameter is missing."""
    for p in (op.params if op is not None else []):
        sent = args.get(p.wire) if p.location == "query" else (
            headers.get(p.wire) if p.location == "header" else "x")
        if p.required and not sent:
            return f"missing required {p.location} parameter {p.wire}"
    return None




def make_handler(backend: Backend) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, status: int, payload: bytes, ctype: str,
                  extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(payload)

        def _api(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            if backend.drop:
                time.sleep(backend.drop_delay)
                backend.requests.append({"method": method, "path": urlsplit(self.path).path,
                                         "body": None, "raw": None, "query": "", "key": None,
                                         "auth": None, "dropped": True})
                self.close_connection = True
                return
            path, query = urlsplit(self.path).path, unquote(urlsplit(self.path).query)
            try:
                encoding, body, files = decode_body(self.headers.get("Content-Type") or "", raw)
            except (ValueError, UnicodeDecodeError) as exc:
                backend.requests.append({"method": method, "path": path, "status": 400,
                                         "body": None, "query": query, "error": str(exc)})
                data = json.dumps({"error": {"message": str(exc)}}).encode()
                self._send(400, data, "application/json")
                return
            request = {"method": method, "path": path, "body": body, "raw": body, "query": query,
                       "key": self.headers.get("Idempotency-Key"), "encoding": encoding,
                       "files": files, "auth": self.headers.get("Authorization")}
            if method == "GET" and path in ("/api", "/api/"):
                status, payload = backend.service_root(self.headers, request)
            else:
                status, payload = backend.handle(method, path, body, self.headers, request,
                                                 urlsplit(self.path).query,
                                                 encoding if raw else None)
            request.update(status=status, tenant=self.headers.get("X-Tenant-Id"),
                           headers={k.lower(): v for k, v in self.headers.items()})
            backend.requests.append(request)  # `body`: the payload under model names
            if method != "GET" and path in backend.lose_answer:
                backend.lose_answer.discard(path)
                request["answer_lost"] = True
                self.close_connection = True
                return
            data = b"" if payload is None else json.dumps(payload).encode()
            self._send(status, data, "application/json", request.get("reply"))

        def _static(self) -> None:
            path = unquote(urlsplit(self.path).path)
            backend.requests.append({"method": "GET", "path": path, "body": None, "key": None,
                                 "auth": None, "query": ""})
            rel = path.lstrip("/") or "index.html"
            target = (backend.root / rel).resolve()
            if not target.is_relative_to(backend.root.resolve()) or not target.is_file():
                self._send(404, b"not found", "text/plain")
                return
            ctype = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            self._send(200, target.read_bytes(), ctype)

        def do_GET(self) -> None:  # noqa: N802
            if self.path.startswith("/api/"):
                self._api("GET")
            else:
                self._static()

        def do_POST(self) -> None:  # noqa: N802
            self._api("POST")

        def do_PUT(self) -> None:  # noqa: N802
            self._api("PUT")

        def do_PATCH(self) -> None:  # noqa: N802
            self._api("PATCH")

        def do_DELETE(self) -> None:  # noqa: N802
            self._api("DELETE")

    return Handler


class Server:
    """Serve ``root`` and the mock API on 127.0.0.1 (random port) in a background thread."""

    def __init__(self, app: App, root: Path) -> None:
        self.backend = Backend(app, root)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(self.backend))
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "Server":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def point_config_at(out: Path, api_url: str, token: str = "test-token") -> None:
    """Edit the exported config.json as a deployer would: endpoint and credential."""
    config = json.loads((out / "config.json").read_text("utf-8"))
    for source in config["sources"].values():
        source["base_url"] = api_url
        if "token" in source["auth"]:
            source["auth"]["token"] = token
        for name in source.get("params", {}):
            source["params"][name] = f"test-{name}"  # what a deployer fills in (a tenant id)
    (out / "config.json").write_text(json.dumps(config, indent=2), "utf-8")
