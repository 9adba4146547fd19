"""Swagger 2.0 server fields of the wrong type are read as far as they go, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from designer.importers.openapi import import_openapi


@pytest.mark.parametrize("schemes", [7, "https", {"a": 1}, [], None])
def test_schemes_that_are_not_a_list_fall_back_to_https(tmp_path: Path, schemes: object) -> None:
    spec = {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "host": "api.example.com",
            "basePath": "/v1", "schemes": schemes, "paths": {}}
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec), "utf-8")
    result = import_openapi(path)
    assert result.source.base_url == "https://api.example.com/v1"
