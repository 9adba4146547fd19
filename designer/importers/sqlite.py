"""SQLite database → a data source: tables become entities, columns typed fields, foreign keys
references, and a bounded number of rows sample data.

The database is opened read-only (``mode=ro``); views are not queried (a hostile view could run
forever) and every query runs under a step budget, so a crafted file cannot hang the import.
A foreign-key column becomes a ``reference`` field whose sample values are the referenced keys.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from designer.model.base import new_id
from designer.model.data import DataField, DataSource, Entity
from designer.model.input_file import not_regular

from .base import (MAX_ENTITIES, MAX_FIELDS, MAX_SAMPLE_ROWS, ImportResult, NameMap, SpecError,
                   Warnings, format_from_name, humanize, looks_image, looks_pii, pascal_case,
                   singular, snake_case, to_identifier, wire_of)
from .infer import ColumnGuess, convert

_MAGIC = b"SQLite format 3\x00"
#: SQLite VM steps (in thousands, via the progress handler) a single import may take.
MAX_STEPS_K = 200_000


def _affinity(declared: str, column: str) -> tuple[str, str]:
    """(field type, format) for a declared column type, using SQLite's affinity rules + hints."""
    t = declared.upper()
    if re.search(r"BOOL", t):
        return "boolean", ""
    if re.search(r"DATETIME|TIMESTAMP", t):
        return "datetime", ""
    if re.search(r"DATE", t):
        return "date", ""
    if "INT" in t:
        return "integer", ""
    if re.search(r"CHAR|CLOB|TEXT|UUID|JSON", t):
        return "string", format_from_name(column)
    if "BLOB" in t or not t:
        return ("image", "") if looks_image(column) else ("", "")
    if re.search(r"REAL|FLOA|DOUB|NUM|DEC|MONEY", t):
        fmt = "currency" if re.search(r"(?i)price|amount|total|cost", column) or "MONEY" in t \
            else ""
        return "decimal", fmt
    return "", ""


def _q(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def import_sqlite(path: str | os.PathLike[str], name: str | None = None) -> ImportResult:
    """Import a SQLite database file; raise SpecError if it is not one or cannot be read."""
    file = str(path)
    head = _head(file)
    if not head.startswith(_MAGIC):
        raise SpecError(file, "not a SQLite 3 database (the file header does not match)")
    w = Warnings(file)
    uri = "file:" + quote(str(Path(file).resolve())) + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=2)
    except sqlite3.Error as exc:
        raise SpecError(file, f"cannot open the database: {exc}") from None
    steps = [0]

    def budget() -> int:
        steps[0] += 1
        return 1 if steps[0] > MAX_STEPS_K else 0

    conn.set_progress_handler(budget, 1000)
    try:
        return _import(conn, file, name, w)
    except sqlite3.DatabaseError as exc:
        message = str(exc)
        if "interrupted" in message:
            message = "reading the database took too long; refused"
        raise SpecError(file, f"cannot read the database: {message}") from None
    finally:
        conn.close()


def _head(file: str) -> bytes:
    why = not_regular(file)
    if why:
        raise SpecError(file, why)
    try:
        with open(file, "rb") as fh:
            return fh.read(len(_MAGIC))
    except IsADirectoryError:
        raise SpecError(file, "is a folder, not a file") from None
    except OSError as exc:
        raise SpecError(file, f"cannot read file: {exc.strerror or exc}") from None


def _import(conn: sqlite3.Connection, file: str, name: str | None, w: Warnings) -> ImportResult:
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    views = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='view' ORDER BY name LIMIT 101")]
    if views:
        shown = ", ".join(f"`{v}`" for v in views[:100]) + (", …" if len(views) > 100 else "")
        w.add(f"views are not imported (a view's query is never run): {shown}; import the "
              "tables they read", f"view {views[0]}", "import.view")
    if not tables:
        raise SpecError(file, "the database has no tables" +
                        (" (only views, which are not imported)" if views else ""))
    if len(tables) > MAX_ENTITIES:
        w.add(f"more than {MAX_ENTITIES} tables; the rest were skipped", f"table {tables[MAX_ENTITIES]}")
        tables = tables[:MAX_ENTITIES]
    entity_names = NameMap(fallback="Table")
    names = {t: entity_names(t, pascal_case(singular(t), "Table")) for t in tables}
    entities: dict[str, Entity] = {}
    column_names: dict[str, NameMap] = {}
    untyped: dict[str, list[str]] = {}
    for table in tables:
        where = f"table {table}"
        entity = Entity(name=names[table], label=humanize(singular(table)))
        cols = NameMap(fallback="column")
        column_names[table] = cols
        info = list(conn.execute(f"PRAGMA table_info({_q(table)})"))
        pk = sorted((r[5], r[1]) for r in info if r[5])
        for cid, col, declared, notnull, _default, _pk in info[:MAX_FIELDS]:
            fname = cols(col)
            if fname != col:
                w.add(f"column `{col}` is called `{fname}` in the model", where, "import.rename")
            ftype, fmt = _affinity(declared or "", col)
            if not ftype:
                untyped.setdefault(table, []).append(col)
                ftype = "string"
            entity.fields.append(DataField(name=fname, wire_name=wire_of(fname, col),
                                           label=humanize(col), type=ftype, format=fmt,
                                           required=bool(notnull) or bool(_pk),
                                           pii=looks_pii(col)))
        entity.key = [cols(c) for _, c in pk]
        entities[table] = entity
    for table in tables:
        fks: dict[int, list[tuple[str, str, str]]] = {}
        for row in conn.execute(f"PRAGMA foreign_key_list({_q(table)})"):
            fks.setdefault(row[0], []).append((row[2], row[3], row[4]))
        for parts in fks.values():
            target_table, column, _to = parts[0]
            if len(parts) > 1:
                w.add(f"composite foreign key to `{target_table}` is not mapped", f"table {table}",
                      "import.fk")
                continue
            target = next((t for t in tables if t.lower() == str(target_table).lower()), None)
            field = entities[table].field(column_names[table](column))
            if target is None or field is None:
                w.add(f"foreign key to unknown table `{target_table}`", f"table {table}",
                      "import.fk")
                continue
            field.type, field.format, field.entity = "reference", "", entities[target].name
    for table in tables:
        _samples(conn, table, entities[table], untyped.get(table, []), column_names[table], w)
    source = DataSource(id=new_id("ds"), name=to_identifier(name) if name else snake_case(
        os.path.basename(file).split(".")[0], "database")[:48], kind="sqlite",
                        entities=list(entities.values()), origin=os.path.basename(file))
    return ImportResult(source, w.items, file)


def _samples(conn: sqlite3.Connection, table: str, entity: Entity, untyped: list[str],
             cols: NameMap, w: Warnings) -> None:
    cursor = conn.execute(f"SELECT * FROM {_q(table)} LIMIT {MAX_SAMPLE_ROWS}")
    header = [d[0] for d in cursor.description or ()]
    rows = cursor.fetchall()
    by_name = {cols(h): i for i, h in enumerate(header)}
    for col in untyped:          # no declared type: infer from the values
        field = entity.field(cols(col))
        if field is None:
            continue
        guess = ColumnGuess(field.name)
        for row in rows:
            value = row[by_name[field.name]]
            guess.add(value if not isinstance(value, bytes) else None)
        field.type, field.format, field.enum_values, _ = guess.result()
    blobs = False
    for row in rows:
        sample: dict[str, Any] = {}
        for field in entity.fields:
            value = row[by_name[field.name]] if field.name in by_name else None
            if isinstance(value, bytes):
                blobs = True
                value = "" if field.type == "image" else None
            elif field.type == "boolean" and isinstance(value, int):
                value = bool(value)
            elif field.type in ("date", "datetime", "decimal", "integer") and isinstance(value, str):
                value = convert(value, field.type)
            sample[field.name] = value
        entity.sample_rows.append(sample)
    if blobs:
        w.add("binary (BLOB) values are not kept as sample data", f"table {table}", "import.blob")
