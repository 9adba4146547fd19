"""Build small OpenAPI documents inline for tests (``spec(paths, schemas)`` → a file)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from designer.importers import ImportResult, import_openapi


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def ok(schema: Any, code: str = "200", media: str = "application/json") -> dict[str, Any]:
    return {code: {"description": "ok", "content": {media: {"schema": schema}}}}


def obj(**props: Any) -> dict[str, Any]:
    return {"type": "object", "properties": props}


def arr(items: Any) -> dict[str, Any]:
    return {"type": "array", "items": items}


S = {"type": "string"}
I = {"type": "integer"}


def run(tmp: Path, paths: dict[str, Any], schemas: dict[str, Any], **top: Any) -> ImportResult:
    doc = {"openapi": "3.0.3", "info": {"title": "Test", "version": "1"},
           "servers": [{"url": "https://api.example.com"}], "paths": paths,
           "components": {"schemas": schemas}, **top}
    file = tmp / "spec.json"
    file.write_text(json.dumps(doc), encoding="utf-8")
    return import_openapi(file)


def ops(result: ImportResult, entity: str) -> dict[str, list[tuple[str, str]]]:
    """kind → [(method, path)] of an entity, default first."""
    found = result.source.entity(entity)
    assert found is not None, [e.name for e in result.source.entities]
    out: dict[str, list[tuple[str, str]]] = {}
    for o in sorted(found.operations, key=lambda o: not o.default):
        out.setdefault(o.kind, []).append((o.method, o.path))
    return out


def messages(result: ImportResult) -> str:
    return " | ".join(p.message for p in result.warnings)


def errors(result: ImportResult) -> list[str]:
    """Validate errors of the imported source inside an empty app (what cmd_import refuses)."""
    from designer.model.app import App
    from designer.model.base import new_id
    from designer.model.validate import validate_app

    app = App(id=new_id("app"), name="T", data_sources=[result.source])
    return [f"{p.path_text}: {p.message}" for p in validate_app(app, "")
            if p.severity == "error" and p.path[:1] == ("data_sources",)]
