"""The preview server: an exported PWA, its mock back end, live reload and the admin endpoints.

Every URL lives under ``prefix`` (``/`` on localhost, ``/<random token>/`` with ``--lan``); any
other path is 404, so a neighbour on the Wi-Fi can't browse the preview. ``config.json`` is
generated per request: each source's base URL is this server's ``api/<source>`` and no
credential is ever in it. ``__fieldcraft/`` holds the admin endpoints (state, switches, a
server-side change), the live-reload Server-Sent Events stream and its script, which is injected
into ``index.html`` only here. Qt-free.
"""

from __future__ import annotations

import json
import mimetypes
import re
import secrets
import shutil
import socket
import ssl
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from designer.model import App, load
from designer.model.errors import ModelError, ModelFileError

from .mock import MockBackend, Refused

TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html",
         ".json": "application/json", ".webmanifest": "application/manifest+json",
         ".svg": "image/svg+xml", ".png": "image/png"}
HOST_HEADER = re.compile(r"^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$")
RELOAD_JS = (Path(__file__).parent / "reload.js").read_bytes()


class ServeError(Exception):
    """A preview that cannot start (one line for the user)."""


def lan_address() -> str:
    """This machine's first non-loopback IPv4 address (for the QR code), else 127.0.0.1."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    found = [str(i[4][0]) for i in infos if not str(i[4][0]).startswith("127.")]
    return found[0] if found else "127.0.0.1"


def is_loopback(host: str) -> bool:
    """True for an address only this machine reaches (127.x, ::1, localhost)."""
    import ipaddress

    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def self_signed(folder: Path, names: list[str]) -> tuple[Path, Path]:
    """A self-signed certificate and key for ``names`` (``cryptography``), written to ``folder``."""
    try:
        import ipaddress
        from datetime import datetime, timedelta, timezone

        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:
        raise ServeError("--tls needs the `cryptography` package (pip install cryptography)") from None
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Fieldcraft preview")])
    alt: list[x509.GeneralName] = [x509.DNSName("localhost")]
    for n in names:
        try:
            alt.append(x509.IPAddress(ipaddress.ip_address(n)))
        except ValueError:
            alt.append(x509.DNSName(n))
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "preview.crt", folder / "preview.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def for_preview(app: App) -> App:
    """``app`` as the preview serves it: an operation on its own server (OpenAPI ``servers``)
    is served by the mock at its source's address like the others, so the previewed app never
    calls a real back end."""
    if not any(op.server for s in app.data_sources for e in s.entities for op in e.operations):
        return app
    app = app.model_copy(deep=True)
    for source in app.data_sources:
        for entity in source.entities:
            for op in entity.operations:
                op.server = ""
    return app


class PreviewServer:
    """Export ``model`` to a temporary folder and serve it with its mock back end."""

    def __init__(self, model: Path | str, host: str = "127.0.0.1", port: int = 0,
                 lan: bool = False, tls: bool = False, target: str = "pwa") -> None:
        if target != "pwa":
            raise ServeError(f"serve supports the pwa target only, not {target!r}")
        self.model = Path(model)
        # any address but loopback is reachable by others: a token then, as with --lan
        self.lan = lan or not is_loopback(host)
        self.host = "0.0.0.0" if lan and is_loopback(host) else host
        self.token = secrets.token_urlsafe(16) if self.lan else ""
        self.prefix = f"/{self.token}/" if self.token else "/"
        self.tmp = Path(tempfile.mkdtemp(prefix="fieldcraft-serve-"))
        self.generation = 0
        self.changed = threading.Condition()
        self.devices: dict[int, dict[str, Any]] = {}
        self.devices_lock = threading.Lock()
        self.problem = ""
        self.stopping = threading.Event()
        app = self._load()
        self.root = self._export(app)
        self.mock = MockBackend(app)
        self.stamp = self._stamp()
        try:
            self.httpd = ThreadingHTTPServer((self.host, port), _handler(self))
        except OSError as exc:
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise ServeError(f"cannot listen on {self.host}:{port}: {exc.strerror}") from None
        self.httpd.daemon_threads = True
        self.scheme = "http"
        if tls:
            cert, key = self_signed(self.tmp, [lan_address(), "127.0.0.1"])
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(cert, key)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
            self.scheme = "https"
        self.port = self.httpd.server_address[1]
        self.threads = [threading.Thread(target=self.httpd.serve_forever, daemon=True),
                        threading.Thread(target=self._watch, daemon=True)]

    # -- addresses ----------------------------------------------------------------------
    @property
    def url(self) -> str:
        """The address to open on this machine."""
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") or is_loopback(self.host) \
            else _bracketed(self.host)
        return f"{self.scheme}://{host}:{self.port}{self.prefix}"

    @property
    def lan_url(self) -> str:
        """The address a phone on the same network opens (the QR code's)."""
        if not self.lan:
            host = "127.0.0.1"
        else:
            host = lan_address() if self.host in ("0.0.0.0", "") else _bracketed(self.host)
        return f"{self.scheme}://{host}:{self.port}{self.prefix}"

    # -- life cycle ---------------------------------------------------------------------
    def start(self) -> "PreviewServer":
        for t in self.threads:
            t.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        with self.changed:
            self.changed.notify_all()
        self.httpd.shutdown()
        self.httpd.server_close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> "PreviewServer":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # -- export and live reload ----------------------------------------------------------
    def _load(self) -> App:
        try:
            return for_preview(load(self.model))
        except (ModelFileError, ModelError, OSError) as exc:
            text = str(exc)
            raise ServeError(text if text.startswith(str(self.model)) else f"{self.model}: {text}"
                             ) from None

    def _export(self, app: App, generation: int = 0) -> Path:
        from exporters import ExportFailed, ExportOptions, get

        out = self.tmp / f"build{generation}"
        try:
            get("pwa").export(app, out, ExportOptions(assets_dir=self.model.resolve().parent / "assets",
                                                      model_file=str(self.model)))
        except ExportFailed as exc:
            first = exc.problems[0].format() if exc.problems else ""
            raise ServeError(f"{self.model}: {exc}{': ' + first if first else ''}") from None
        return out

    def _stamp(self) -> tuple[float, int]:
        try:
            st = self.model.stat()
            return st.st_mtime, st.st_size
        except OSError:
            return 0.0, -1

    def _watch(self) -> None:
        while not self.stopping.wait(0.3):
            stamp = self._stamp()
            if stamp == self.stamp or stamp[1] <= 0:
                continue
            self.stamp = stamp
            self.reload()

    def reload(self) -> bool:
        """Re-export the model file and tell connected pages to reload; False if it failed."""
        old = self.root
        try:
            app = self._load()
            root = self._export(app, self.generation + 1)
        except ServeError as exc:
            self.problem = str(exc)
            print(f"not reloaded: {exc}", file=sys.stderr, flush=True)
            return False
        self.problem = ""
        self.mock.load(app)
        self.root = root
        self.generation += 1
        shutil.rmtree(old, ignore_errors=True)
        print(f"reloaded {self.model}", flush=True)
        with self.changed:
            self.changed.notify_all()
        return True

    # -- what the handler serves ------------------------------------------------------------
    def config(self, host: str) -> bytes:
        """config.json for a page reached through ``host``: every source points at the mock."""
        from exporters.pwa import PwaExporter

        if not HOST_HEADER.match(host or ""):
            host = f"127.0.0.1:{self.port}"
        config = PwaExporter.default_config(self.mock.app)
        for name, source in config["sources"].items():
            source["base_url"] = f"{self.scheme}://{host}{self.prefix}api/{name}"
            source["auth"] = {"scheme": "none"}  # the mock needs no credential; none is served
            for key in source.get("params", {}):  # run-time values the app needs (a tenant …)
                source["params"][key] = f"preview-{key}"
        return json.dumps(config, indent=2).encode()

    def index(self) -> bytes:
        html = (self.root / "index.html").read_text("utf-8")
        tag = '<script src="__fieldcraft/reload.js"></script>\n'
        return html.replace("</head>", tag + "</head>", 1).encode()

    def state(self) -> dict[str, Any]:
        """What the designer's preview dialog shows."""
        state = self.mock.state()
        state.update(url=self.url, lan_url=self.lan_url, generation=self.generation,
                     problem=self.problem)
        with self.devices_lock:
            state["devices"] = list(self.devices.values())
        return state


def _handler(server: PreviewServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, status: int, payload: bytes, ctype: str = "application/json",
                  extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            self.wfile.write(payload)

        def _json(self, status: int, payload: Any, extra: dict[str, str] | None = None) -> None:
            self._send(status, b"" if payload is None else json.dumps(payload).encode(),
                       extra=extra)

        def _raw(self) -> bytes:
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                raise Refused(400, "bad Content-Length") from None
            if length < 0:
                raise Refused(400, "bad Content-Length")
            return self.rfile.read(min(length, 10_000_000)) if length else b""

        def _body(self) -> Any:
            raw = self._raw()
            if not raw:
                return None
            try:
                return json.loads(raw)
            except ValueError:
                raise Refused(400, "the request body is not JSON") from None

        def _object(self) -> dict[str, Any]:
            body = self._body()
            if not isinstance(body, dict):
                raise Refused(400, "the request body must be a JSON object")
            return body

        def _route(self, method: str) -> None:
            parts = urlsplit(self.path)
            path = parts.path  # placeholders are decoded once, by the mock
            if not path.startswith(server.prefix) and path + "/" != server.prefix:
                self._send(404, b"not found", "text/plain")
                return
            rel = path[len(server.prefix):]
            try:
                if rel.startswith("api/"):
                    self._api(method, "/" + rel, parts.query)
                elif rel.startswith("__fieldcraft/"):
                    self._admin(method, rel[len("__fieldcraft/"):])
                elif method != "GET":
                    self._json(405, {"error": "method not allowed"})
                else:
                    self._static(unquote(rel))
            except Refused as exc:
                self._json(exc.status, {"error": str(exc)})
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _api(self, method: str, path: str, query: str) -> None:
            answer = server.mock.handle(method, path, query, self.headers, self._raw())
            if answer is None:  # simulated offline: no answer at all
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self._json(*answer)

        def _admin(self, method: str, name: str) -> None:
            if name == "reload.js" and method == "GET":
                self._send(200, RELOAD_JS, "text/javascript")
            elif name == "events" and method == "GET":
                self._events()
            elif name == "state" and method == "GET":
                self._json(200, server.state())
            elif name == "switches" and method == "POST":
                self._json(200, server.mock.set_switches(**self._object()))
            elif name == "server-change" and method == "POST":
                body = self._object()
                self._json(200, server.mock.server_change(str(body.get("entity", "")),
                                                          body.get("key"), body.get("changes")))
            else:
                self._json(404, {"error": "no such endpoint"})

        def _events(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            me = id(self)
            with server.devices_lock:
                server.devices[me] = {"address": self.client_address[0],
                                      "agent": str(self.headers.get("User-Agent", ""))[:200],
                                      "since": time.strftime("%H:%M:%S")}
            seen = server.generation
            try:
                self.wfile.write(b"event: hello\ndata: {}\n\n")
                self.wfile.flush()
                while not server.stopping.is_set():
                    with server.changed:
                        server.changed.wait(10)
                    if server.generation != seen:
                        seen = server.generation
                        self.wfile.write(f"event: reload\ndata: {seen}\n\n".encode())
                    else:
                        self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
            except (OSError, ValueError):
                pass
            finally:
                with server.devices_lock:
                    server.devices.pop(me, None)
                self.close_connection = True

        def _static(self, rel: str) -> None:
            if rel in ("", "index.html"):
                self._send(200, server.index(), "text/html; charset=utf-8")
                return
            if rel == "config.json":
                self._send(200, server.config(str(self.headers.get("Host", ""))))
                return
            root = server.root.resolve()
            target = (root / rel).resolve()
            if not target.is_relative_to(root) or not target.is_file():
                self._send(404, b"not found", "text/plain")
                return
            ctype = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] \
                or "application/octet-stream"
            self._send(200, target.read_bytes(), ctype)

        def do_GET(self) -> None:  # noqa: N802
            self._route("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._route("POST")

        def do_PUT(self) -> None:  # noqa: N802
            self._route("PUT")

        def do_PATCH(self) -> None:  # noqa: N802
            self._route("PATCH")

        def do_DELETE(self) -> None:  # noqa: N802
            self._route("DELETE")

    return Handler
