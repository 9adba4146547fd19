"""The PWA target: a static, installable, offline-first Progressive Web App (no build step)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..base import ExportContext, Exporter
from ..escaping import EscapingError
from ..identifiers import JS_RESERVED
from ..ir import ACTION_TYPES, App
from ..output import MARKER, OutputTree
from ..bundled import BUNDLED_KINDS, bundled_file
from ..capabilities import ignored_props
from ..support import Capabilities
from ..templating import iter_renders, template_tree
from .compile import Code, app_description, compile_screen, to_js, widget_total
from .icons import app_icons

TEMPLATES = Path(__file__).resolve().parent / "templates"
WIDGET_DIR = TEMPLATES / "app" / "widgets"


def _widget_kinds() -> frozenset[str]:
    """Kinds with a renderer module: adding ``app/widgets/<kind>.js`` adds support."""
    return frozenset(p.stem for p in WIDGET_DIR.glob("*.js") if not p.stem.startswith("_"))


def js_code(value: Any) -> str:
    """Compiled JS produced by the exporter itself (refuses plain strings)."""
    if not isinstance(value, Code):
        raise EscapingError("js_code only accepts code compiled by the exporter")
    return str(value)


class PwaExporter(Exporter):
    """Static files: ``index.html``, ES modules, theme CSS, manifest, icons, service worker."""

    name = "pwa"
    title = "Progressive Web App"
    description = ("Static offline-first web app: installable, service-worker cached, "
                   "IndexedDB data cache and outbox; no build step.")
    version = "1.0.0"
    templates_dir = TEMPLATES
    capabilities = Capabilities(
        widgets=_widget_kinds(),
        actions=frozenset(ACTION_TYPES),
        source_kinds=frozenset({"rest", "odata", "csv", "json", "local"}),
        auth_schemes=frozenset({"none", "basic", "bearer", "api_key", "oauth2", "user"}),
        sign_in=frozenset({"none", "oidc"}),
        conflict_policies=frozenset({"server_wins", "client_wins", "last_write_wins",
                                     "ask_user"}),
        offline_modes=frozenset({"online_only", "cached_read", "offline_read_write"}),
        body_encodings=frozenset({"json", "form", "multipart"}),
        notes={"source_kinds": "csv and json sources are bundled in the app (data/*.json, "
                               "precached): read-only, or written on the device only when "
                               "their offline mode is offline_read_write; sqlite sources need "
                               "a server-side adapter for the PWA"},
        ignored_props=ignored_props('pwa'),
    )

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {**super().filters(), "js_code": js_code}

    def prepare(self, ctx: ExportContext, progress: Callable[[str], None]
                ) -> tuple[dict[str, Any], dict[str, list[tuple[str, Any]]]]:
        app = ctx.ir
        files = ctx.ident("screen-files", JS_RESERVED, case_insensitive=True)
        names = ctx.ident("screen-modules", JS_RESERVED)
        names.reserve("screens", "app", "rt")
        known = {s.name for s in app.screens}
        screens = []
        for screen in app.screens:
            stem = files(("screen", screen.id), screen.name)
            module = compile_screen(ctx, screen, lambda n: n if n in known else None)
            screens.append((stem, {"name": screen.name, "stem": stem,
                                   "ident": names(("screen", screen.id), "screen_" + screen.name),
                                   "module": Code(module)}))
            progress(f"compiled screen {screen.name}")
        logo = ctx.asset(app.theme.logo, ("theme", "logo")) if app.theme.logo else None
        description = app_description(app)
        description["logo"] = logo
        self._data = self._bundled_files(ctx, description)
        description_js = to_js(description)
        collections = {"screen": screens}
        icons = app_icons(app.theme.primary)
        planned = [path for _, path, _ in iter_renders(template_tree(self.templates_dir),
                                                       collections)]
        shell = sorted({*planned, *icons, *ctx.assets, *self._data} - {"README.md", MARKER})
        digest = hashlib.sha256(self.version.encode())
        for part in (description_js, *(str(item["module"]) for _, item in screens), *shell):
            digest.update(part.encode("utf-8", "surrogatepass"))
        for data in self._data.values():  # new rows must reach installed apps too
            digest.update(data)
        user = ctx.options.templates
        for tf in template_tree(self.templates_dir):  # runtime changes must reach installed apps
            source = user / tf.rel if user is not None and (user / tf.rel).is_file() else \
                self.templates_dir / tf.rel
            digest.update(source.read_bytes())
        version = digest.hexdigest()[:16]
        context = {
            "app": app, "theme": app.theme, "logo": logo,
            "app_module": Code(description_js),
            "screens": [item for _, item in screens],
            "widget_kinds": sorted(self.capabilities.widgets),
            "shell_files": shell, "cache_version": f"fc-{app.id}-{version}",
            "icons": sorted(icons),
            "config": self.default_config(app),
            "marker": self.marker(app),
            "exporter": {"name": self.name, "version": self.version},
            "stats": {"screens": len(app.screens), "widgets": widget_total(app)},
        }
        self._icons = icons
        return context, collections

    def extra_files(self, ctx: ExportContext, tree: OutputTree) -> None:
        for path, data in sorted({**self._icons, **self._data}.items()):
            tree.add(path, data)

    @staticmethod
    def _bundled_files(ctx: ExportContext, description: dict[str, Any]) -> dict[str, bytes]:
        """``data/<source>.json`` for each CSV/JSON source (its rows by entity), named in the
        app description so the data layer reads it; precached by the service worker."""
        files = ctx.ident("data-files", (), case_insensitive=True)
        out: dict[str, bytes] = {}
        for index, source in enumerate(ctx.ir.data_sources):
            if source.kind not in BUNDLED_KINDS:
                continue
            path = f"data/{files(('source', source.id), source.name)}.json"
            out[path] = bundled_file(ctx, index)
            description["sources"][index]["bundled"] = path
        return out

    @staticmethod
    def default_config(app: App) -> dict[str, Any]:
        """``config.json`` as exported: endpoints from the model, credentials left empty."""
        sources = {}
        for source in app.data_sources:
            auth: dict[str, Any] = {"scheme": source.auth.scheme}
            if source.auth.scheme in ("bearer", "oauth2"):
                auth["token"] = ""
            elif source.auth.scheme == "basic":
                auth.update(username="", password="")
            elif source.auth.scheme == "api_key":
                auth["key"] = ""
            if source.auth.credential:
                auth["credential_name"] = source.auth.credential
            sources[source.name] = {"base_url": source.base_url, "headers": {}, "auth": auth}
            if names := sorted({p.config for e in source.entities for o in e.operations
                                for p in o.params if p.config}):
                sources[source.name]["params"] = {name: "" for name in names}
        return {"locale": "", "sources": sources,
                "sync": {"interval_seconds": 30, "request_timeout_seconds": 15}}
