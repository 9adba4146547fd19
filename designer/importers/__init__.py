"""Importers: back-end contracts and sample files → data sources (Qt-free).

Each importer is ``import_xxx(path, name=None) -> ImportResult`` and raises ``SpecError``
(file, message, location) on bad or hostile input; none of them touches a model. Use
``import_file(kind, path, name)`` to dispatch on a kind and get the result secret-scrubbed, and
``designer.importers.reimport`` to update an existing source and report what broke.
"""

from __future__ import annotations

import os
from typing import Any, Callable

from designer.model.data import DataSource
from designer.model.secrets_scan import find_secret, scan, strings

from .base import (MAX_INPUT_BYTES, MAX_SAMPLE_ROWS, MAX_SCANNED_ROWS, ImportResult, SpecError,
                   Warnings)
from .odata import import_odata
from .openapi import import_openapi
from .sqlite import import_sqlite
from .tabular import import_csv, import_json

Importer = Callable[..., ImportResult]
IMPORTERS: dict[str, Importer] = {
    "openapi": import_openapi, "odata": import_odata, "csv": import_csv, "json": import_json,
    "sqlite": import_sqlite,
}


def import_file(kind: str, path: str | os.PathLike[str], name: str | None = None,
                locale: str | None = None) -> ImportResult:
    """Run the importer for ``kind`` and scrub anything that looks like a secret from the result.
    ``locale`` (CSV/JSON only) decides the day/month order of dates the file leaves open."""
    if kind not in IMPORTERS:
        raise SpecError(str(path), f"unknown import kind `{kind}`; use one of "
                                   f"{', '.join(IMPORTERS)}")
    try:
        result = IMPORTERS[kind](path, name, locale=locale) if locale and \
            kind in ("csv", "json") else IMPORTERS[kind](path, name)
    except RecursionError:
        raise SpecError(str(path), "the input is nested too deeply") from None
    except MemoryError:
        raise SpecError(str(path), "the input is too large to import") from None
    scrub_secrets(result)
    return result


def scrub_secrets(result: ImportResult) -> None:
    """Blank every value of the imported source that looks like a literal credential (in place).

    Models only *name* credentials; an API key in a sample CSV or a token in a contract's text
    would otherwise make the saved model fail validation.
    """
    source = result.source
    dumped = source.model_dump(mode="json")
    # rows we generated ourselves (contracts have no data) are known clean: skip scanning them
    generated = source.kind in ("rest", "odata")
    scanned = _without_rows(dumped) if generated else dumped
    if not any(find_secret(text) for text in strings(scanned)):
        return                               # fast path: each distinct string checked once
    hits = list(scan(scanned))
    w = Warnings(result.file)
    for path, kind in hits:
        _blank(dumped, path)
        where = "/".join(str(p) for p in path)
        w.add(f"a value looking like a secret ({kind}) was left out of the model", f"source:{where}",
              "import.secret")
    try:
        result.source = DataSource.model_validate(dumped)
    except ValueError:
        raise SpecError(result.file, "the input holds names that look like secrets; refused") \
            from None
    result.warnings.extend(w.items)


def _without_rows(dumped: dict[str, Any]) -> dict[str, Any]:
    return {**dumped, "entities": [{k: v for k, v in e.items() if k != "sample_rows"}
                                   for e in dumped.get("entities", [])]}


def _blank(data: Any, path: tuple[str | int, ...]) -> None:
    node = data
    for part in path[:-1]:
        node = node[part]
    last = path[-1]
    if isinstance(node, dict) and isinstance(last, str) and find_secret(last):
        node.pop(last, None)                 # the key itself looked like a secret
    elif isinstance(node, (dict, list)):
        node[last] = None if "sample_rows" in path else ""


__all__ = ["IMPORTERS", "MAX_INPUT_BYTES", "MAX_SAMPLE_ROWS", "MAX_SCANNED_ROWS", "ImportResult",
           "SpecError", "import_csv", "import_file", "import_json", "import_odata",
           "import_openapi", "import_sqlite", "scrub_secrets"]
