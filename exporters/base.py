"""The exporter base class: support check, validation, template rendering, safe output.

A target subclasses ``Exporter``, sets its name, version, capabilities and template folder,
adds its escaping filters, and builds the template context in ``prepare``. ``export`` does the
rest the same way for every target.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar

import jinja2

from designer.model import App
from designer.model.problems import Problem

from . import escaping
from .identifiers import JS_RESERVED, IdentifierMap, sanitize
from .output import MARKER, OutputError, OutputTree, UnsafePathError
from .support import Capabilities, unsupported
from .template_sandbox import located
from .templating import (TemplateOverrideError, check_overrides, iter_renders, make_environment,
                         template_tree)

#: ``progress(done, total, message)``; called from the exporting thread.
ProgressCallback = Callable[[int, int, str], None]

_ASSET_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_. -]{0,99}(/[A-Za-z0-9_][A-Za-z0-9_. -]{0,99}){0,4}$")


#: Model errors an export survives: an unsafe asset name is refused (not copied) with a warning.
NON_FATAL_CODES = frozenset({"asset.name"})


class ExportFailed(Exception):
    """The export did not happen; ``problems`` says why (nothing was written)."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


@dataclass
class ExportOptions:
    """How to export: overrides, partial exports, where assets are and who hears progress."""

    templates: Path | None = None
    allow_partial: bool = False
    assets_dir: Path | None = None
    model_file: str = ""
    progress: ProgressCallback | None = None


@dataclass
class ExportResult:
    """What an export produced."""

    target: str
    out: Path
    files: list[str]
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class ExportContext:
    """State shared by one export: options, warnings, identifier maps and copied assets."""

    app: App
    options: ExportOptions
    warnings: list[Problem] = field(default_factory=list)
    assets: dict[str, Path] = field(default_factory=dict)
    idents: dict[str, IdentifierMap] = field(default_factory=dict)
    _ir: Any = field(default=None, repr=False)

    @property
    def ir(self) -> Any:
        """The app IR (``exporters.ir.App``) printers read, compiled once on first use."""
        if self._ir is None:
            from .ir import build_app
            self._ir = build_app(self.app)
        return self._ir

    def warn(self, message: str, path: tuple[str | int, ...] = (), code: str = "") -> None:
        """Record a warning shown after the export."""
        self.warnings.append(Problem(message, path, "warning", code, file=self.options.model_file))

    def ident(self, namespace: str, reserved: Iterable[str] = JS_RESERVED,
              case_insensitive: bool = False) -> IdentifierMap:
        """The identifier map of ``namespace`` (created on first use)."""
        if namespace not in self.idents:
            self.idents[namespace] = IdentifierMap(reserved, case_insensitive=case_insensitive)
        return self.idents[namespace]

    def asset(self, name: str, path: tuple[str | int, ...]) -> str | None:
        """Output path (``assets/…``) of the model asset ``name``, or None with a warning.

        Names are plain relative paths inside the assets folder; ``..``, absolute paths,
        symlinks and files resolving outside the folder are refused.
        """
        if not name:
            return None
        if not _ASSET_RE.match(name) or any(p in (".", "..") or p.endswith((" ", "."))
                                            for p in name.split("/")):
            self.warn(f"asset name {name!r} refused: use a plain file name inside the assets "
                      "folder", path, "asset-name")
            return None
        folder = self.options.assets_dir
        if folder is None:
            self.warn(f"asset {name!r} not exported: no assets folder", path, "asset-missing")
            return None
        source = folder.joinpath(*name.split("/"))
        try:
            if any(p.is_symlink() for p in [source, *source.parents][: name.count("/") + 1]):
                raise UnsafePathError("symbolic link")
            inside = source.resolve().is_relative_to(folder.resolve())
        except (OSError, UnsafePathError):
            inside = False
        if not inside:
            self.warn(f"asset {name!r} refused: symbolic links and paths outside the assets "
                      "folder are not exported", path, "asset-outside")
            return None
        if not source.is_file():
            self.warn(f"asset {name!r} not found in {folder}", path, "asset-missing")
            return None
        self.assets[f"assets/{name}"] = source
        return f"assets/{name}"


class Exporter:
    """Base of every target. Subclasses set the class attributes and implement ``prepare``."""

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    description: ClassVar[str] = ""
    version: ClassVar[str] = "0"
    capabilities: ClassVar[Capabilities]
    templates_dir: ClassVar[Path]

    # -- what subclasses provide ------------------------------------------------------------

    def filters(self) -> dict[str, Callable[..., Any]]:
        """Escaping filters available to templates; targets add their own (``dart_str``, …)."""
        return {"html_text": escaping.html_text, "html_attr": escaping.html_attr,
                "js_str": escaping.js_str, "json": escaping.json_value,
                "css_str": escaping.css_str, "css_color": escaping.css_color,
                "css_number": escaping.css_number, "url": escaping.safe_url,
                "url_component": escaping.url_component, "md_text": escaping.md_text,
                "md_code": escaping.md_code,
                "json_pretty": escaping.json_pretty, "ident": sanitize}

    def prepare(self, ctx: ExportContext, progress: Callable[[str], None]
                ) -> tuple[dict[str, Any], dict[str, list[tuple[str, Any]]]]:
        """The template context and per-item collections (``{"screen": [(stem, obj), …]}``).

        Call ``progress(message)`` once per screen (``work_units`` counts them)."""
        raise NotImplementedError

    def extra_files(self, ctx: ExportContext, tree: OutputTree) -> None:
        """Add generated binary files (icons, …) to the tree; assets are copied by ``export``."""

    def work_units(self, app: App) -> int:
        """How many ``progress`` calls ``prepare`` makes (for the progress bar)."""
        return len(app.screens)

    # -- the pipeline -----------------------------------------------------------------------

    def check(self, app: App, options: ExportOptions) -> list[Problem]:
        """Unsupported features (errors, or warnings with ``allow_partial``) and model errors."""
        from designer.model.validate import validate_app

        severity = "warning" if options.allow_partial else "error"
        found = unsupported(app, self.capabilities, self.name, options.model_file, severity,
                            props=True)
        for problem in validate_app(app, options.model_file):
            if problem.severity != "error":
                continue
            if problem.code in NON_FATAL_CODES:  # the exporter refuses the asset itself
                problem = replace(problem, severity="warning")
            found.append(problem)
        return found

    def export(self, app: App, out: Path | str, options: ExportOptions | None = None
               ) -> ExportResult:
        """Export ``app`` into ``out``; raises ExportFailed (nothing written) on any problem."""
        options = options or ExportOptions()
        out = Path(out)
        found = self.check(app, options)
        errors = [p for p in found if p.severity == "error"]
        if errors:
            raise ExportFailed(f"the model cannot be exported to {self.name}: "
                               f"{len(errors)} problem(s)", errors)
        ctx = ExportContext(app, options, warnings=[p for p in found if p.severity != "error"])
        builtin = template_tree(self.templates_dir)
        try:
            if options.templates is not None:
                check_overrides(options.templates, builtin)
        except (TemplateOverrideError, UnsafePathError) as exc:
            raise ExportFailed(str(exc)) from exc
        env = make_environment(self.templates_dir, options.templates, self.filters())

        total = self.work_units(app) + len(builtin) + 2
        done = 0

        def step(message: str) -> None:
            nonlocal done
            done += 1
            if options.progress is not None:
                options.progress(min(done, total), total, message)

        context, collections = self.prepare(ctx, step)
        tree = OutputTree()
        try:
            for tf in builtin:
                for _, path, extra in iter_renders([tf], collections):
                    if tf.rendered:
                        tree.add(path, _render(env, tf.rel, {**context, **extra},
                                               options.templates is not None))
                    else:
                        tree.add(path, _read_template_file(tf.rel, self.templates_dir,
                                                           options.templates))
                step(f"rendering {tf.out_pattern}")
            self.extra_files(ctx, tree)
            for rel, source in sorted(ctx.assets.items()):
                if rel not in tree:
                    tree.add(rel, source.read_bytes())
            step("writing files")
            tree.write(out)
        except jinja2.TemplateError as exc:
            raise ExportFailed(f"export failed in {located(exc)}") from exc
        except (UnsafePathError, OutputError, OSError) as exc:
            raise ExportFailed(f"export failed: {exc}") from exc
        step("done")
        return ExportResult(self.name, out, tree.paths(), ctx.warnings)

    def marker(self, app: App) -> dict[str, Any]:
        """Contents of the export marker file (deterministic: no dates)."""
        return {"target": self.name, "exporter_version": self.version, "model_id": app.id,
                "model_version": app.version, "marker": MARKER}


def _render(env: jinja2.Environment, name: str, context: dict[str, Any], user: bool) -> str:
    """Render one template; with user overrides any failure is a located template error."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateError:
        raise
    except Exception as exc:  # noqa: BLE001 - a user template can raise anything (1/0, recursion)
        if not user:
            raise
        error = jinja2.TemplateRuntimeError(f"{type(exc).__name__}: {exc}")
        raise error.with_traceback(exc.__traceback__) from None


def _read_template_file(rel: str, builtin: Path, user: Path | None) -> bytes:
    if user is not None and (user / rel).is_file():
        return (user / rel).read_bytes()
    return (builtin / rel).read_bytes()

