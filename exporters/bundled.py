"""Bundled data: the rows a CSV or JSON source ships inside the exported app.

A spreadsheet price list or a product catalogue has no back end: the app carries its rows and
reads them offline. The rows come from the source's ``origin`` file next to the model file (all
of them, up to :data:`MAX_BUNDLED_ROWS`, typed by the importer and laid onto the model's fields
by their wire names), else from the entity's sample rows, with a warning saying so. The origin
must be in the model's folder or below it: an absolute path, ``..`` or a link out of the folder
is refused, since the model file is not trusted (a CI export must not ship other files).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from designer.importers.base import SpecError
from designer.model.data import BUNDLED_KINDS

if TYPE_CHECKING:
    from .base import ExportContext

__all__ = ["BUNDLED_KINDS", "MAX_BUNDLED_ROWS", "bundled_file", "bundled_rows", "origin_path"]

#: At most this many rows of one entity are bundled.
MAX_BUNDLED_ROWS = 200_000
_IMPORTERS = {"csv": "import_csv", "json": "import_json"}


def origin_path(model_file: str, origin: str) -> Path | None:
    """The origin file (a relative POSIX path, as ``fieldcraft import`` records it) inside the
    model's folder, or None when it is absolute, climbs out with ``..``, resolves out of the
    folder through a link, or does not exist."""
    if not model_file or not origin or "\\" in origin or "\0" in origin or origin.startswith("/") \
            or any(part in ("", ".", "..") for part in origin.split("/")):
        return None
    folder = Path(model_file).resolve().parent
    try:
        real = (folder / origin).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return real if real.is_relative_to(folder) and real.is_file() else None


def _laid_onto(entity: Any, imported: Any) -> list[dict[str, Any]]:
    """The imported entity's rows with the model entity's field names (matched by wire name)."""
    by_wire = {f.wire: f.name for f in imported.fields}
    names = [(f.name, by_wire.get(f.wire)) for f in entity.fields]
    return [{mine: row.get(theirs) for mine, theirs in names if theirs is not None}
            for row in imported.sample_rows]


def bundled_rows(ctx: ExportContext, index: int) -> dict[str, list[dict[str, Any]]]:
    """Entity name → rows the app ships for source ``index`` of the model (a CSV/JSON source)."""
    from designer import importers

    source = ctx.app.data_sources[index]
    path = ("data_sources", index, "origin")
    file = origin_path(ctx.options.model_file, source.origin)
    imported: dict[str, Any] = {}
    if file is not None:
        try:
            result = getattr(importers, _IMPORTERS[source.kind])(file, max_rows=MAX_BUNDLED_ROWS)
            imported = {e.name: e for e in result.source.entities}
        except (SpecError, OSError) as exc:
            ctx.warn(f"{source.origin!r} could not be read ({exc}); the app ships the sample "
                     "rows of its entities instead", path, "bundled-data")
    elif source.origin:
        ctx.warn(f"{source.origin!r} is not a file in the model's folder; the app ships the "
                 f"sample rows of source {source.name!r} instead of the whole file (keep the file "
                 "in the model's folder or below it)", path, "bundled-data")
    if len(imported) == 1 and len(source.entities) == 1:  # one table: renamed in the model
        imported = {source.entities[0].name: next(iter(imported.values()))}
    rows: dict[str, list[dict[str, Any]]] = {}
    for entity in source.entities:
        if entity.name in imported:
            rows[entity.name] = _laid_onto(entity, imported[entity.name])
        else:
            rows[entity.name] = [dict(r) for r in entity.sample_rows]
    return rows


def bundled_file(ctx: ExportContext, index: int) -> bytes:
    """The file the apps ship for source ``index``: its rows by entity, as stable JSON bytes."""
    return json.dumps(bundled_rows(ctx, index), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"), default=str).encode("utf-8")
