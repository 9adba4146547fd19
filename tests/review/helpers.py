"""Small inline model builders for review tests."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Callable

from designer.model import App, dumps

SCHEMA = "https://fieldcraft.dev/schema/v4/app.schema.json"
_KEY = {"name": "id", "required": True, "value": "record.id"}


def base_app() -> dict[str, Any]:
    """A tiny app that passes every lint rule with the default policy."""
    return {
        "$schema": SCHEMA, "schema_version": 4, "id": "app1", "name": "Test app",
        "start_screen": "home",
        "data_sources": [{
            "id": "ds1", "name": "crm", "kind": "rest", "base_url": "https://api.example.com/v1",
            "auth": {"scheme": "bearer", "credential": "crm_token"},
            "offline": {"mode": "online_only"},
            "entities": [{
                "name": "Customer", "key": ["id"],
                "fields": [{"name": "id"}, {"name": "name"}],
                "operations": [{"kind": "list", "path": "/customers"},
                               {"kind": "get", "path": "/customers/{id}", "params": [dict(_KEY)]},
                               {"kind": "delete", "method": "DELETE", "path": "/customers/{id}",
                                "params": [dict(_KEY)]}],
            }],
        }],
        "screens": [{
            "id": "s1", "name": "home", "title": "Home",
            "data": [{"name": "customers", "source": "crm", "entity": "Customer"}],
            "root": {"kind": "column", "id": "w_root", "name": "root", "children": [
                {"kind": "heading", "id": "w_title", "name": "title", "text": "Customers"},
                {"kind": "list", "id": "w_list", "name": "customerList",
                 "bindings": {"items": "customers"}, "children": [
                     {"kind": "label", "id": "w_name", "name": "customerName",
                      "bindings": {"text": "item.name"}}]},
            ]},
        }],
    }


def build(edit: Callable[[dict[str, Any]], Any] | None = None) -> App:
    """``base_app()`` changed by ``edit`` (which mutates the dict in place)."""
    data = copy.deepcopy(base_app())
    if edit is not None:
        edit(data)
    return App.model_validate(data)


def with_phone(data: dict[str, Any]) -> None:
    """Give ``Customer`` a personal field ``phone`` (marked pii): the base app holds no personal
    data, so it passes FC307/FC308 (personal data without sign-in / device lock)."""
    data["data_sources"][0]["entities"][0]["fields"].append({"name": "phone", "pii": True})


def root_children(data: dict[str, Any]) -> list[dict[str, Any]]:
    return data["screens"][0]["root"]["children"]


def add_widget(data: dict[str, Any], widget: dict[str, Any]) -> None:
    root_children(data).append(widget)


def write(path: Path, app: App | dict[str, Any]) -> Path:
    """Save canonically (an App) or as given (a dict)."""
    if isinstance(app, App):
        path.write_bytes(dumps(app))
    else:
        path.write_text(json.dumps(app, indent=2), "utf-8")
    return path
