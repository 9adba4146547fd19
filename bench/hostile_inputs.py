"""Generated hostile inputs: deep reference chains, deep nesting and long strings.

Shared by the hostile-input benchmark (``bench.hostile``) and ``tests/hostile/test_depth.py``.
Every function writes one file and returns its path; sizes are parameters so the smoke test
can run them tiny.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "assets" / "examples" / "field_sales.fieldcraft.json"


def openapi_chain(path: Path, n: int) -> Path:
    """An OpenAPI spec of ``n`` schemas, each referencing the next one (a reference and a list
    field); every property name is renamed on import (``next-link`` → ``next_link``), so each
    entity's records need wire renames, nested through the whole chain."""
    schemas: dict[str, Any] = {}
    for i in range(n):
        props: dict[str, Any] = {"id": {"type": "string"},
                                 "display-name": {"type": "string"}}
        if i + 1 < n:
            props["next-link"] = {"$ref": f"#/components/schemas/Node{i + 1}"}
            props["child-nodes"] = {"type": "array",
                                   "items": {"$ref": f"#/components/schemas/Node{i + 1}"}}
        schemas[f"Node{i}"] = {"type": "object", "required": ["id"], "properties": props}
    doc = {"openapi": "3.0.3", "info": {"title": "Chain", "version": "1"},
           "servers": [{"url": "https://api.example.com/v1"}],
           "paths": {"/nodes": {"get": {"responses": {"200": {"description": "ok", "content": {
               "application/json": {"schema": {"type": "array", "items": {
                   "$ref": "#/components/schemas/Node0"}}}}}}},
               "post": {"requestBody": {"content": {"application/json": {"schema": {
                   "$ref": "#/components/schemas/Node0"}}}},
                   "responses": {"201": {"description": "created"}}}}},
           "components": {"schemas": schemas}}
    path.write_text(json.dumps(doc), "utf-8")
    return path


def use_chain(model: Path, source: str = "chain", entity: str = "Node0") -> Path:
    """Add a screen listing ``source.entity`` records (from ``openapi_chain``) to ``model``."""
    data = json.loads(model.read_text("utf-8"))
    label = {"kind": "label", "id": "w_chainName", "name": "chainName", "text": "Name",
             "bindings": {"text": "item.display_name"}}
    data["screens"].append({
        "id": "s_chain", "name": "chain", "title": "Chain", "kind": "list_detail",
        "data": [{"name": "nodes", "source": source, "entity": entity}],
        "root": {"kind": "column", "id": "w_chainRoot", "name": "chainRoot", "children": [
            {"kind": "list", "id": "w_chainList", "name": "chainList",
             "bindings": {"items": "nodes"}, "children": [label]}]}})
    model.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    return model


def openapi_ref_hops(path: Path, n: int) -> Path:
    """An OpenAPI spec where ``Alias0`` → ``Alias1`` → … → ``Alias{n}`` ($ref hops) → an object."""
    schemas: dict[str, Any] = {f"Alias{i}": {"$ref": f"#/components/schemas/Alias{i + 1}"}
                               for i in range(n)}
    schemas[f"Alias{n}"] = {"type": "object", "properties": {"id": {"type": "string"}}}
    schemas["Holder"] = {"type": "object", "properties": {
        "id": {"type": "string"}, "target": {"$ref": "#/components/schemas/Alias0"}}}
    doc = {"openapi": "3.0.3", "info": {"title": "Hops", "version": "1"}, "paths": {},
           "components": {"schemas": schemas}}
    path.write_text(json.dumps(doc), "utf-8")
    return path


def openapi_inline_nesting(path: Path, n: int) -> Path:
    """An OpenAPI spec with one inline object schema nested ``n`` levels deep (text, no recursion)."""
    inner = '{"type": "object", "properties": {"id": {"type": "string"}}}'
    head = '{"type": "object", "properties": {"child": ' * n
    tail = "}}" * n
    text = ('{"openapi": "3.0.3", "info": {"title": "Nest", "version": "1"}, "paths": {}, '
            f'"components": {{"schemas": {{"Root": {head}{inner}{tail}}}}}}}')
    path.write_text(text, "utf-8")
    return path


def json_sample_nesting(path: Path, n: int) -> Path:
    """A JSON sample: a list of rows, each an object nested ``n`` levels deep."""
    row = '{"id": 1, "child": ' * n + '{"id": 2}' + "}" * n
    path.write_text(f"[{row}, {row}]", "utf-8")
    return path


def odata_chain(path: Path, n: int) -> Path:
    """An OData v4 $metadata where ComplexType ``T{i}`` has a property of type ``T{i+1}``."""
    types = []
    for i in range(n):
        nxt = f'<Property Name="Next" Type="Chain.T{i + 1}"/>' if i + 1 < n else ""
        types.append(f'<ComplexType Name="T{i}"><Property Name="Label" Type="Edm.String"/>'
                     f"{nxt}</ComplexType>")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">'
        '<edmx:DataServices><Schema Namespace="Chain" xmlns="http://docs.oasis-open.org/odata/ns/edm">'
        '<EntityType Name="Root"><Key><PropertyRef Name="Id"/></Key>'
        '<Property Name="Id" Type="Edm.Int32" Nullable="false"/>'
        '<Property Name="Head" Type="Chain.T0"/></EntityType>'
        + "".join(types) +
        '<EntityContainer Name="C"><EntitySet Name="Roots" EntityType="Chain.Root"/>'
        "</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>", "utf-8")
    return path


def _example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text("utf-8"))
    return data


def nested_widgets(path: Path, n: int) -> Path:
    """The example model whose first screen holds ``n`` columns nested in each other."""
    data = _example()
    root = data["screens"][0]["root"]
    leaf: dict[str, Any] = {"id": "w_deep_leaf", "kind": "label", "name": "deep_leaf",
                            "text": "deep"}
    # written as text: json.dumps would itself recurse once per level
    head = "".join(f'{{"id": "w_deep{i}", "kind": "column", "name": "deep{i}", "children": ['
                   for i in range(n))
    marker = "__DEEP_MARKER__"
    root["children"] = [marker] + list(root.get("children", []))
    text = json.dumps(data, ensure_ascii=False)
    path.write_text(text.replace(f'"{marker}"', head + json.dumps(leaf) + "]}" * n), "utf-8")
    return path


def long_sample_string(path: Path, chars: int) -> Path:
    """The example model with one sample value of ``chars`` characters."""
    data = _example()
    data["data_sources"][0]["entities"][0]["sample_rows"][0]["address"] = "x" * chars
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def long_widget_text(path: Path, chars: int) -> Path:
    """The example model whose first label's text has ``chars`` two-byte characters."""
    data = _example()
    todo = [data["screens"][0]["root"]]
    while todo:
        widget = todo.pop(0)
        if widget.get("kind") in ("label", "heading") and "text" in widget:
            widget["text"] = "é" * chars
            break
        todo.extend(widget.get("children", []))
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def chain_model(path: Path, n: int) -> Path:
    """The example plus what ``import --openapi`` makes of ``openapi_chain(n)`` (a source of
    ``n`` chained entities with wire renames and 8 sample rows each) and ``use_chain``'s screen,
    written directly: the same shape and size (52 MB for 10,000) without a minute of import."""
    data = _example()
    entities = []
    for i in range(n):
        last = i + 1 == n
        fields: list[dict[str, Any]] = [
            {"name": "id", "label": "Id", "required": True},
            {"name": "display_name", "wire_name": "display-name", "label": "Display name"}]
        if not last:
            fields += [{"name": "next_link", "wire_name": "next-link", "label": "Next link",
                        "type": "reference", "entity": f"Node{i + 1}"},
                       {"name": "child_nodes", "wire_name": "child-nodes", "label": "Child nodes",
                        "type": "list", "entity": f"Node{i + 1}"}]
        rows = []
        for r in range(1, 9):
            row: dict[str, Any] = {"display_name": f"Node{i} {r}", "id": f"N-{1000 + r}"}
            if not last:
                row["next_link"] = row["id"]
                row["child_nodes"] = [{"id": f"N-100{c}", "display_name": f"Node{i + 1} {c}",
                                       "next_link": f"N-100{c}", "child_nodes": []}
                                      for c in (1, 2)]
            rows.append(row)
        entities.append({"name": f"Node{i}", "label": f"Node{i}", "key": ["id"],
                         "fields": fields, "sample_rows": rows})
    data["data_sources"].append({"id": "ds_chain", "name": "chain", "kind": "rest",
                                 "base_url": "https://api.example.com/v1",
                                 "entities": entities, "origin": "chain.json"})
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return use_chain(path)
