"""Importer performance on generated big inputs; prints a table (not a timed test).

Usage: ``python -m bench.bench_import``. Measures an OpenAPI spec with 600 schemas × 25
properties and 1,200 paths (YAML and JSON), an OData $metadata with 600 entity types, a CSV
with 200,000 rows, a SQLite database with 150 tables, and the re-import impact analysis on a
model with 10,000 widgets.
"""

from __future__ import annotations

import csv
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import orjson
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import make_app  # noqa: E402
from designer.importers import import_file  # noqa: E402
from designer.importers.reimport import broken_references, diff_sources  # noqa: E402

TYPES = ({"type": "string"}, {"type": "integer"}, {"type": "number"}, {"type": "boolean"},
         {"type": "string", "format": "date-time"}, {"type": "string", "enum": ["a", "b", "c"]})


def openapi(n: int, props: int) -> dict:
    schemas = {}
    paths = {}
    for i in range(n):
        properties = {"id": {"type": "string"}}
        for p in range(props):
            properties[f"field{p}"] = TYPES[p % len(TYPES)]
        properties["parent"] = {"$ref": f"#/components/schemas/Thing{(i + 1) % n}"}
        properties["children"] = {"type": "array",
                                  "items": {"$ref": f"#/components/schemas/Thing{(i + 7) % n}"}}
        schemas[f"Thing{i}"] = {"type": "object", "required": ["id"], "properties": properties}
        ref = {"$ref": f"#/components/schemas/Thing{i}"}
        ok = {"description": "ok", "content": {"application/json": {"schema": ref}}}
        paths[f"/things{i}"] = {"get": {"responses": {"200": {"description": "ok", "content": {
            "application/json": {"schema": {"type": "array", "items": ref}}}}}},
                                "post": {"requestBody": {"content": {"application/json": {
                                    "schema": ref}}}, "responses": {"201": ok}}}
        paths[f"/things{i}/{{id}}"] = {"get": {"responses": {"200": ok}},
                                       "delete": {"responses": {"204": {"description": "x"}}}}
    return {"openapi": "3.0.3", "info": {"title": "Big"}, "servers": [{"url": "https://x.example"}],
            "paths": paths, "components": {"schemas": schemas}}


def odata(n: int) -> str:
    types = []
    sets = []
    for i in range(n):
        props = "".join(f'<Property Name="P{p}" Type="Edm.{("String", "Int32", "Decimal", "DateTime")[p % 4]}" '
                        f'sap:label="Prop {p}"/>' for p in range(20))
        types.append(f'<EntityType Name="T{i}"><Key><PropertyRef Name="ID"/></Key>'
                     f'<Property Name="ID" Type="Edm.String" Nullable="false"/>{props}</EntityType>')
        sets.append(f'<EntitySet Name="T{i}Set" EntityType="NS.T{i}"/>')
    return ('<?xml version="1.0"?><edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/'
            'ado/2007/06/edmx" xmlns:sap="http://www.sap.com/Protocols/SAPData"><edmx:DataServices>'
            '<Schema Namespace="NS" xmlns="http://schemas.microsoft.com/ado/2008/09/edm">'
            + "".join(types) + '<EntityContainer Name="C">' + "".join(sets) +
            "</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>")


def timed(label: str, fn) -> object:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    took = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label:<48} {took * 1000:9.0f} ms   max RSS {rss:7.0f} MB")
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        spec = openapi(600, 25)
        (folder / "big.json").write_bytes(orjson.dumps(spec))
        (folder / "big.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
        (folder / "metadata.xml").write_text(odata(600))
        with open(folder / "rows.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh, delimiter=";")
            writer.writerow(["id", "code", "name", "amount", "day", "active", "status"])
            for i in range(200_000):
                writer.writerow([i, f"{i:06d}", f"Name {i}", f"{i % 1000},{i % 100:02d}",
                                 f"{i % 28 + 1:02d}.{i % 12 + 1:02d}.2024", ("ja", "nein")[i % 2],
                                 ("open", "done", "late")[i % 3]])
        conn = sqlite3.connect(folder / "db.sqlite")
        for t in range(150):
            conn.execute(f"CREATE TABLE t{t} (id INTEGER PRIMARY KEY, name TEXT, amount REAL, "
                         f"ref INTEGER REFERENCES t{(t + 1) % 150}(id))")
            conn.executemany(f"INSERT INTO t{t} (name, amount, ref) VALUES (?, ?, ?)",
                             [(f"n{i}", i * 1.5, i) for i in range(300)])
        conn.commit()
        conn.close()
        for kind, name in (("openapi", "big.json"), ("openapi", "big.yaml"),
                           ("odata", "metadata.xml"), ("csv", "rows.csv"), ("sqlite", "db.sqlite")):
            size = (folder / name).stat().st_size / 1e6
            result = timed(f"{kind:<8} {name} ({size:.1f} MB)",
                           lambda k=kind, n=name: import_file(k, folder / n))
            print(f"{'':<10}→ {result.summary()}")  # type: ignore[attr-defined]
    app = make_app(100, 100)
    old = app.data_sources[0]
    new = old.model_copy(deep=True)
    new.entities = [e for e in new.entities if e.name != "Order"]
    new.entity("Customer").fields = [f for f in new.entity("Customer").fields if f.name != "city"]
    report = diff_sources(old, new)
    broken = timed("re-import impact on 10,000 widgets",
                   lambda: broken_references(app, old, report))
    print(f"{'':<10}→ {len(broken)} affected references")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
