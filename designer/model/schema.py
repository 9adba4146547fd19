"""The published JSON Schema of the model file."""

from __future__ import annotations

from typing import Any

from .app import SCHEMA_URL, App


def json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of ``*.fieldcraft.json`` files."""
    schema = App.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_URL,
            "title": "Fieldcraft app model", **schema}
