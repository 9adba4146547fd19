"""CSV and JSON sample files → a data source whose entities carry the rows as sample data.

CSV: encoding (UTF-8 with/without BOM, UTF-16 BOM, Windows-1252 detected), delimiter (``,``
``;`` tab ``|``) sniffed, quoted newlines kept, blank/duplicate header names fixed, types
inferred from up to ``MAX_SCANNED_ROWS`` rows. JSON: an array of objects, an object holding
arrays of objects (one entity each), a single object, or JSON Lines; nested objects become
referenced entities and arrays of objects lists.
"""

from __future__ import annotations

import csv
import io
import os
from collections import Counter
from typing import Any

import orjson

from designer.model.base import new_id
from designer.model.data import DataField, DataSource, Entity

from .base import (MAX_ENTITIES, MAX_FIELDS, MAX_SAMPLE_ROWS, MAX_SCANNED_ROWS, ImportResult,
                   NameMap, SpecError, Warnings, clean_label, decode_text, humanize, looks_pii,
                   pascal_case, read_input, singular, snake_case, to_identifier, wire_of)
from .infer import ColumnGuess, currency_note, date_order, id_like, key_like
from .payloads import PAGE_WRAPPERS, record_type, unwrap_odata
from .structured import check_expanded_size

DELIMITERS = (",", ";", "\t", "|")
_MAX_JSON_DEPTH = 6


def _names_from_file(file: str, name: str | None) -> tuple[str, str]:
    stem = os.path.basename(file).split(".")[0] or "data"
    source = to_identifier(name) if name else snake_case(stem, "data")[:48]
    return source, pascal_case(singular(stem), "Record")


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first rows into the most consistent number of columns."""
    sample = text[:65536]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter))[:50]
        except csv.Error:
            continue
        if len(sample) == 65536 and len(rows) > 1:
            rows = rows[:-1]
        widths = [len(r) for r in rows if r]
        if not widths:
            continue
        width, hits = Counter(widths).most_common(1)[0]
        score = (hits, width) if width > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def import_csv(path: str | os.PathLike[str], name: str | None = None,
               locale: str | None = None, max_rows: int = MAX_SAMPLE_ROWS) -> ImportResult:
    """Import a CSV file as one entity with its first ``max_rows`` rows as sample data.
    ``locale`` (``en-US``, ``de-DE``) decides the day/month order of dates no cell of the file
    decides."""
    file = str(path)
    w = Warnings(file)
    text = decode_text(read_input(file), file, w)
    if not text.strip():
        raise SpecError(file, "the file is empty", 1)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise SpecError(file, f"cannot read the header row: {exc}", "row 1") from None
    names = NameMap(fallback="column")
    columns: list[tuple[str, str, str]] = []     # (model name, label, header as written)
    headers_seen: set[str] = set()
    for i, raw in enumerate(header[:MAX_FIELDS]):
        label = clean_label(raw.strip()) or f"Column {i + 1}"
        proposed = to_identifier(raw.strip(), "column") if raw.strip() else f"column_{i + 1}"
        fname = names(f"{i}:{raw}", proposed)
        wire = ""
        if not raw.strip():
            w.add(f"column {i + 1} has no header; called `{fname}`", "row 1", "import.header")
        elif raw.strip() in headers_seen:
            w.add(f"header `{raw.strip()[:80]}` appears more than once; column {i + 1} is called "
                  f"`{fname}`", "row 1", "import.header")
        else:   # a repeated header cannot name a second column: only the first keeps it
            wire = wire_of(fname, raw.strip())
            if fname != to_identifier(raw.strip(), "column"):
                w.add(f"header `{raw.strip()[:80]}` is called `{fname}` in the model (another "
                      "column has the same name)", "row 1", "import.header")
        headers_seen.add(raw.strip())
        columns.append((fname, label, wire))
    if len(header) > MAX_FIELDS:
        w.add(f"more than {MAX_FIELDS} columns; the rest were skipped", "row 1")
    decimal_comma = delimiter != ","
    guesses = [ColumnGuess(c[0], decimal_comma=decimal_comma) for c in columns]
    kept: list[list[str]] = []
    row_no = 1
    try:
        for row in reader:
            row_no += 1
            if not row or all(not c.strip() for c in row):
                continue
            if row_no - 1 > MAX_SCANNED_ROWS:
                w.add(f"only the first {MAX_SCANNED_ROWS:,} rows were scanned", f"row {row_no}",
                      "import.limit")
                break
            if len(row) > len(columns) and any(c.strip() for c in row[len(columns):]):
                w.add(f"row has {len(row)} cells but the header has {len(columns)}; extra cells "
                      "ignored", f"row {row_no}", "import.row")
            where = f"row {row_no}"
            for guess, cell in zip(guesses, row + [""] * (len(columns) - len(row))):
                guess.add(cell, where)
            if len(kept) < max_rows:
                kept.append(row)
    except csv.Error as exc:
        raise SpecError(file, f"invalid CSV: {exc}", f"row {row_no + 1}") from None
    if not kept:
        w.add("the file has a header but no data rows", "row 1", "import.empty")
    entity_name = _names_from_file(file, name)[1]
    votes = sum(g.decimal_mark_vote for g in guesses)
    if votes:                  # columns that fit one mark only decide for the ambiguous ones
        for guess in guesses:
            guess.decimal_comma = votes > 0
    why_order = date_order(guesses, locale)
    entity = Entity(name=entity_name, label=humanize(entity_name))
    for (fname, label, wire), guess in zip(columns, guesses):
        ftype, fmt, values, required = guess.result()
        _type_notes(w, guess, label, ftype, "row 2", why_order)
        entity.fields.append(DataField(name=fname, wire_name=wire, label=label, type=ftype,
                                       format=fmt, enum_values=values, required=required,
                                       pii=looks_pii(fname)))
    money = [(label, g.currency) for (_, label, _), g, f in zip(columns, guesses, entity.fields)
             if f.format == "currency" and g.currency]
    if money:
        w.add(currency_note(money), "row 2", "import.currency")
    for row in kept:
        cells = row + [""] * (len(columns) - len(row))
        entity.sample_rows.append({f.name: guess.convert(cell, f.type)
                                   for f, cell, guess in zip(entity.fields, cells, guesses)})
    _guess_key(entity, {f.name: g.unique for f, g in zip(entity.fields, guesses)
                        if g.seen is not None})
    source_name = _names_from_file(file, name)[0]
    source = DataSource(id=new_id("ds"), name=source_name, kind="csv", entities=[entity],
                        origin=os.path.basename(file))
    return ImportResult(source, w.items, file)


def _type_notes(w: Warnings, guess: ColumnGuess, label: str, ftype: str, where: str,
                why_order: str = "") -> None:
    """Warnings a spreadsheet user needs to check the inferred type of one column."""
    if guess.ambiguous_dates and ftype in ("date", "datetime"):
        order = "day/month/year" if guess.prefer_day_first else "month/day/year"
        w.add(f"dates in column `{label}` fit both day/month and month/day order; every value "
              f"was read as {order} ({why_order or 'the default'}; import with another locale "
              "if that is wrong)", where, "import.date")
    if guess.kinds.keys() <= {"empty"}:
        w.add(f"column `{label}` is empty in every row; typed as text", where, "import.empty")
    for note, at in guess.notes(ftype):
        w.add(f"column `{label}` {note}", at or where, "import.type")


def _guess_key(entity: Entity, unique: dict[str, bool] | None = None) -> None:
    """Use an id-like column (``id``, ``<entity>_id``, ``sku``, ``ReferenceId``…) as the key if
    it has a value in every row and no value repeats (over every scanned row when ``unique``
    says so, else over the sample rows). Exact names win over ``…_id`` ones."""
    lowered = entity.name.lower()
    exact = ("id", "key", "code", "uuid", "guid", lowered + "id", lowered + "no", lowered + "code",
             "sku", "number", "handle", "slug")
    candidates = [f for f in entity.fields if f.type not in ("reference", "list", "boolean")]
    ranked = [f for f in candidates if f.name.lower().replace("_", "") in exact] + \
        [f for f in candidates if id_like(f.name)] + \
        [f for f in candidates if key_like(f.name) and not id_like(f.name)]
    for field in ranked:
        if unique is not None and field.name in unique:
            if not unique[field.name]:
                continue
        values = [r.get(field.name) for r in entity.sample_rows]
        if values and None not in values and len(set(map(str, values))) == len(values):
            entity.key = [field.name]
            field.required = True
            if field.type == "enum":
                field.type, field.enum_values = "string", []
            return


# ---------------------------------------------------------------------------- JSON
def import_json(path: str | os.PathLike[str], name: str | None = None,
                locale: str | None = None, max_rows: int = MAX_SAMPLE_ROWS) -> ImportResult:
    """Import a JSON (or JSON Lines) sample file; one entity per array of records, keeping up
    to ``max_rows`` of each as sample rows (``locale`` as for :func:`import_csv`)."""
    file = str(path)
    w = Warnings(file)
    text = decode_text(read_input(file), file, w)
    if not text.strip():
        raise SpecError(file, "the file is empty", 1)
    data = _parse_json(text, file)
    check_expanded_size(data, file)
    source_name, default_entity = _names_from_file(file, name)
    data, root = unwrap_odata(data)
    tables: list[tuple[str, list[Any], str]] = []
    if isinstance(data, list):
        tables.append((default_entity, data, root))
    elif isinstance(data, dict):
        arrays = [(k, v) for k, v in data.items()
                  if isinstance(v, list) and v and all(isinstance(x, dict) for x in v[:100])]
        if arrays:
            for key, rows in arrays:
                # a lone page wrapper ({"value": […]}, {"data": […]}) is not the record's name
                wrapper = len(arrays) == 1 and str(key).lower() in PAGE_WRAPPERS
                tables.append((default_entity if wrapper else
                               pascal_case(singular(str(key)), default_entity), rows,
                               f"{root}/{str(key).replace('~', '~0').replace('/', '~1')}"))
        else:
            tables.append((default_entity, [data], root))
    else:
        raise SpecError(file, "expected an array of objects (records) or an object holding such "
                              "arrays", "#")
    builder = _JsonEntities(w, locale, max_rows)
    for entity_name, rows, pointer in tables[:MAX_ENTITIES]:
        records = [r for r in rows if isinstance(r, dict)]
        if len(records) < len(rows):
            w.add(f"{len(rows) - len(records)} array items are not objects and were skipped",
                  pointer, "import.row")
        if not records:
            raise SpecError(file, "the array holds no objects (records)", pointer)
        named, records = record_type(records)
        if named:
            w.add(f"records carry their type `{named[:80]}` in `attributes` (Salesforce); the "
                  "entity is named after it and `attributes` is not imported as a field",
                  pointer, "import.metadata")
        builder.entity(pascal_case(named, entity_name) if named else entity_name, records,
                       pointer, 0)
    source = DataSource(id=new_id("ds"), name=source_name, kind="json",
                        entities=list(builder.entities.values()), origin=os.path.basename(file))
    return ImportResult(source, w.items, file)


def _parse_json(text: str, file: str) -> Any:
    try:
        return orjson.loads(text.encode("utf-8", "surrogatepass"))
    except orjson.JSONDecodeError as exc:
        first_error = exc
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) > 1 and lines[0].lstrip().startswith("{"):
        records = []
        for i, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append(orjson.loads(line))
            except orjson.JSONDecodeError as exc:
                raise SpecError(file, f"not valid JSON Lines: {getattr(exc, 'msg', exc)}",
                                f"{i}:{getattr(exc, 'colno', 1)}") from None
            if len(records) > MAX_SCANNED_ROWS:
                break
        return records
    line, col = getattr(first_error, "lineno", None), getattr(first_error, "colno", None)
    raise SpecError(file, f"not valid JSON: {getattr(first_error, 'msg', first_error)}",
                    f"{line}:{col}" if line else "") from None


class _JsonEntities:
    """Builds entities from lists of JSON records (nested objects → referenced entities)."""

    def __init__(self, w: Warnings, locale: str | None = None,
                 max_rows: int = MAX_SAMPLE_ROWS) -> None:
        self.w = w
        self.locale = locale
        self.max_rows = max_rows
        self.entities: dict[str, Entity] = {}
        self.entity_names = NameMap(fallback="Record")
        self.converters: dict[str, list[tuple[str, str, Any]]] = {}

    def entity(self, proposed: str, records: list[dict[str, Any]], pointer: str, depth: int) -> str:
        name = self.entity_names(pointer, proposed)
        entity = Entity(name=name, label=humanize(name))
        self.entities[name] = entity
        if len(records) > MAX_SCANNED_ROWS:
            self.w.add(f"only the first {MAX_SCANNED_ROWS:,} records were scanned", pointer,
                       "import.limit")
            records = records[:MAX_SCANNED_ROWS]
        keys: dict[str, None] = {}
        for record in records:
            for key in record:
                if len(keys) < MAX_FIELDS:
                    keys.setdefault(str(key), None)
        names = NameMap(fallback="field")
        converters: list[tuple[str, str, Any]] = []
        unique: dict[str, bool] = {}
        scalars: list[tuple[ColumnGuess, str, str, str]] = []
        for key in keys:
            fname = names(key)
            values = [r.get(key) for r in records]
            sub_ptr = f"{pointer}/*/{key.replace('~', '~0').replace('/', '~1')}"
            objects = [v for v in values if isinstance(v, dict)]
            lists = [v for v in values if isinstance(v, list)]
            if (objects or lists) and depth >= _MAX_JSON_DEPTH:
                self.w.add("nesting too deep; mapped to text", sub_ptr, "import.depth")
                field = DataField(name=fname, label=humanize(key))
                converters.append((key, "skip", None))
            elif objects:
                target = self.entity(pascal_case(name + "_" + key), objects, sub_ptr, depth + 1)
                field = DataField(name=fname, label=humanize(key), type="reference", entity=target)
                converters.append((key, "nested", target))
            elif lists and all(isinstance(x, dict) for lst in lists for x in lst) and \
                    any(lists):
                items = [x for lst in lists for x in lst]
                target = self.entity(pascal_case(name + "_" + singular(key)), items, sub_ptr,
                                     depth + 1)
                field = DataField(name=fname, label=humanize(key), type="list", entity=target)
                converters.append((key, "nested_list", target))
            else:
                if lists:
                    self.w.add(f"`{key}` holds lists of plain values; mapped to text", sub_ptr,
                               "import.array")
                guess = ColumnGuess(fname, text_strings=True)
                for i, v in enumerate(values):
                    guess.add(", ".join(map(str, v)) if isinstance(v, list) else v,
                              f"{pointer}/{i}/{key.replace('~', '~0').replace('/', '~1')}")
                ftype, fmt, enum, required = guess.result()
                scalars.append((guess, key, ftype, sub_ptr))
                field = DataField(name=fname, label=humanize(key), type=ftype, format=fmt,
                                  enum_values=enum, required=required, pii=looks_pii(fname))
                converters.append((key, "scalar", guess))
                if guess.seen is not None:
                    unique[fname] = guess.unique
            if fname != key:
                self.w.add(f"field `{key}` is called `{fname}` in the model", sub_ptr,
                           "import.rename")
            field.wire_name = wire_of(fname, key)
            entity.fields.append(field)
        why_order = date_order([g for g, *_ in scalars], self.locale)
        for guess, key, ftype, sub_ptr in scalars:
            _type_notes(self.w, guess, key, ftype, sub_ptr, why_order)
        self.converters[name] = converters
        for record in records[:self.max_rows]:
            entity.sample_rows.append(self._row(entity, record, converters))
        _guess_key(entity, unique)
        return name

    def _row(self, entity: Entity, record: dict[str, Any], converters: list[tuple[str, str, Any]]
             ) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for field, (key, how, extra) in zip(entity.fields, converters):
            value = record.get(key)
            if how == "nested":
                target = self.entities[extra]
                row[field.name] = self._row(target, value, self.converters[extra]) \
                    if isinstance(value, dict) else None
            elif how == "nested_list":
                target = self.entities[extra]
                row[field.name] = [self._row(target, v, self.converters[extra])
                                   for v in (value or [])[:MAX_SAMPLE_ROWS] if isinstance(v, dict)]
            elif how == "skip":
                row[field.name] = None
            else:
                if isinstance(value, list):
                    value = ", ".join(map(str, value))
                row[field.name] = extra.convert(value, field.type)
        return row
