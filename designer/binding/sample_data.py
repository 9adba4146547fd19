"""Deterministic, realistic sample rows for entities (canvas preview, ``render --sample-data``).

Rows are generated from field types, formats and name heuristics (e-mail, phone, city, price …),
seeded by the entity name, so the same entity always gets the same rows. Keys are generated
the same way for an entity's own rows and for references to it, so foreign keys line up.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import zlib
from functools import lru_cache
from typing import Any

from designer.model.data import DataField, DataSource, Entity

FIRST = ("Julia", "Lukas", "Sofia", "Noah", "Emma", "Elias", "Mia", "Jonas", "Lena", "Felix",
         "Anna", "David", "Sara", "Paul", "Laura", "Ben")
LAST = ("Berger", "Huber", "Novak", "Rossi", "Meyer", "Fischer", "Keller", "Lang", "Wagner",
        "Moreau", "Silva", "Nielsen", "Kowalski", "Brandt", "Costa", "Weber")
COMPANIES = ("Alpine Outdoor GmbH", "Nordlicht Foods AG", "Blue Harbor Ltd", "Cedar & Stone Inc",
             "Rivera Farms", "Sunrise Pharmacy", "Metro Hardware", "Green Valley Co-op",
             "Summit Sports", "Bakery Bellavista", "Lakeside Clinic", "Urban Bikes")
CITIES = (("Innsbruck", "AT", 47.2654, 11.3928), ("Munich", "DE", 48.1374, 11.5755),
          ("Zurich", "CH", 47.3769, 8.5417), ("Vienna", "AT", 48.2082, 16.3738),
          ("Milan", "IT", 45.4642, 9.19), ("Lyon", "FR", 45.764, 4.8357),
          ("Graz", "AT", 47.0707, 15.4395), ("Salzburg", "AT", 47.8095, 13.055))
STREETS = ("Main Street", "Station Road", "Market Square", "Lake View", "Mill Lane",
           "Church Street", "Park Avenue", "Bridge Road")
PRODUCTS = ("Trail Backpack 30L", "Thermo Bottle 0.75L", "Rain Jacket", "Hiking Boots",
            "Camping Stove", "Headlamp 300lm", "Sleeping Bag", "Trekking Poles")
WORDS = ("quick", "follow-up", "order", "visit", "delivery", "sample", "service", "review",
         "shelf", "display", "promotion", "stock", "meeting", "feedback")
BASE_DATE = dt.date(2026, 1, 5)


def _rng(entity: Entity) -> random.Random:
    return random.Random(zlib.crc32(entity.name.encode("utf-8")))


def key_value(entity: Entity, index: int) -> Any:
    """The key of the ``index``-th sample row of ``entity`` (also used by references to it)."""
    key_field = entity.field(entity.key[0]) if entity.key else entity.field("id")
    if key_field is not None and key_field.type == "integer":
        return 1001 + index
    prefix = "".join(ch for ch in entity.name if ch.isupper())[:2] or entity.name[:1].upper() or "X"
    return f"{prefix}-{1001 + index}"


def sample_rows(entity: Entity, source: DataSource | None = None, count: int = 8,
                depth: int = 0) -> list[dict[str, Any]]:
    """``count`` realistic rows for ``entity`` (nested lists get two rows each, one level deep)."""
    rng = _rng(entity)
    keys = set(entity.key) or ({"id"} if entity.field("id") else set())
    rows = []
    for i in range(count):
        person = (FIRST[(i * 7 + 3) % len(FIRST)], LAST[(i * 5 + 1) % len(LAST)])
        city = CITIES[(i * 3) % len(CITIES)]
        row: dict[str, Any] = {}
        for field in entity.fields:
            if entity.key and field.name == entity.key[0] or not entity.key and field.name in keys:
                row[field.name] = key_value(entity, i)
            elif field.name in keys:
                row[field.name] = (i % 3 + 1) * 10 if field.type == "integer" else \
                    f"{(i % 3 + 1) * 10:06d}"
            else:
                row[field.name] = field_value(field, i, rng, person, city, source, depth,
                                              entity.name)
        rows.append(row)
    return rows


def field_value(field: DataField, i: int, rng: random.Random, person: tuple[str, str],
                city: tuple[str, str, float, float], source: DataSource | None = None,
                depth: int = 0, entity_name: str = "") -> Any:
    """One realistic value for ``field`` in row ``i``."""
    name = field.name.lower()
    kind = field.type
    if kind == "boolean":
        return rng.random() < (0.2 if _has(r"block|delet|archiv|disabl|lock", name) else 0.6)
    if kind == "integer":
        return _integer(name, i, rng)
    if kind == "decimal":
        return _decimal(name, field.format, rng, city)
    if kind == "date":
        return (BASE_DATE + dt.timedelta(days=_day_offset(name, i, rng))).isoformat()
    if kind == "datetime":
        day = BASE_DATE + dt.timedelta(days=_day_offset(name, i, rng))
        return f"{day.isoformat()}T{8 + rng.randrange(10):02d}:{rng.randrange(4) * 15:02d}:00"
    if kind == "enum":
        values = field.enum_values or ["A"]
        return values[(i + rng.randrange(2)) % len(values)]
    if kind == "image":
        return ""
    if kind == "geo":
        return f"{city[2] + rng.uniform(-0.02, 0.02):.4f},{city[3] + rng.uniform(-0.02, 0.02):.4f}"
    if kind in ("reference", "list"):
        target = _lookup(source, field.entity) if source is not None and field.entity else None
        if kind == "reference":
            return key_value(target, i % 8) if target is not None else f"R-{1001 + i}"
        if target is None or depth >= 1:
            return []
        return [dict(r) for r in _nested_rows(source, target)]  # type: ignore[arg-type]
    if name in ("name", "display_name", "displayname", "title") and entity_name:
        name = f"{entity_name.lower()}_{name}"
    return _string(field, name, i, rng, person, city, entity_name)


@lru_cache(maxsize=16384)
def _has(pattern: str, name: str) -> bool:
    return re.search(pattern, name) is not None


def _integer(name: str, i: int, rng: random.Random) -> int:
    if _has(r"year", name):
        return 2020 + i % 7
    if _has(r"age$|^age", name):
        return 22 + rng.randrange(45)
    if _has(r"qty|quantity|count|stock|units|pieces|number_of|^num", name):
        return rng.randrange(1, 60)
    if _has(r"percent|pct|rate|score|rating", name):
        return rng.randrange(0, 101) if "rating" not in name else rng.randrange(1, 6)
    return rng.randrange(1, 500)


def _decimal(name: str, fmt: str, rng: random.Random, city: tuple[str, str, float, float]
             ) -> float:
    if _has(r"^lat|latitude", name):
        return round(city[2] + rng.uniform(-0.02, 0.02), 5)
    if _has(r"^lon|^lng|longitude", name):
        return round(city[3] + rng.uniform(-0.02, 0.02), 5)
    if fmt == "percent" or _has(r"percent|pct|rate|discount", name):
        return round(rng.uniform(0, 25), 1)
    if _has(r"limit|revenue|budget|balance", name):
        return float(rng.randrange(5, 100) * 1000)
    if fmt == "currency" or _has(r"price|amount|total|cost|fee|value|sum", name):
        return round(rng.uniform(5, 500), 2)
    if _has(r"weight|kg", name):
        return round(rng.uniform(0.2, 25), 2)
    return round(rng.uniform(1, 100), 2)


def _day_offset(name: str, i: int, rng: random.Random) -> int:
    if _has(r"due|until|expir|end|deliver|next|plan", name):
        return 7 + i * 3 + rng.randrange(5)
    if _has(r"birth|dob", name):
        return -(365 * (25 + i * 3) + rng.randrange(300))
    return -(i * 4 + rng.randrange(4))


_STRING_RULES: tuple[tuple[str, str], ...] = (
    ("first", r"first_?name|given"), ("last", r"last_?name|surname|family"),
    ("person", r"contact|person|owner|^rep|full_?name|user|author|assignee|employee|driver|"
               r"member|staff|agent"),
    ("company", r"company|customer|account|client|organi[sz]ation|business|shop|store|partner"),
    ("product", r"product|article|item"), ("city", r"city|town|place"), ("country", r"country"),
    ("street", r"street|address|addr"), ("zip", r"zip|postal|postcode|plz"),
    ("currency", r"currency"), ("lang", r"lang|locale"), ("color", r"colou?r"),
    ("code", r"sku|code|number|no$|_nr"), ("status", r"status|state|stage"),
    ("category", r"categor|type|kind|group|segment"),
    ("text", r"note|comment|descr|remark|text|body|message|summary"),
    ("title", r"title|subject|headline|name|label"),
)


@lru_cache(maxsize=8192)
def _string_rule(name: str, raw: str, fmt: str) -> str:
    """Which kind of text a field holds, from its (lower-cased) name, raw name and format."""
    if re.search(r"(guid|uuid)$", name):
        return "uuid"
    if re.search(r"(Id|ID|_id|_key|Key|_code|Code|No|_no|Number)$", raw) and \
            not re.search(r"currency|country|lang|locale|zip|postal|colou?r|phone|mobile", name):
        return "id"
    if fmt == "email" or re.search(r"e_?mail", name):
        return "email"
    if fmt == "phone" or re.search(r"phone|mobile|fax|^tel|_tel", name):
        return "phone"
    if fmt == "uri" or re.search(r"url|website|homepage|link", name):
        return "url"
    return next((rule for rule, pattern in _STRING_RULES if re.search(pattern, name)), "")


def _string(field: DataField, name: str, i: int, rng: random.Random, person: tuple[str, str],
            city: tuple[str, str, float, float], entity_name: str = "") -> str:
    first, last = person
    rule = _string_rule(name, field.name, field.format)
    if rule == "uuid":
        return "%08x-%04x-4%03x-a%03x-%012x" % (rng.getrandbits(32), rng.getrandbits(16),
                                                rng.getrandbits(12), rng.getrandbits(12),
                                                rng.getrandbits(48))
    if rule == "id":
        stem = re.sub(r"(Id|ID|_id|_key|Key|_code|Code|No|_no|Number)$", "", field.name)
        prefix = "".join(ch for ch in stem if ch.isupper())[:2] or stem[:2].upper() or "X"
        return f"{prefix}-{1001 + i}"
    if rule == "text":
        words = [WORDS[rng.randrange(len(WORDS))] for _ in range(4 + rng.randrange(4))]
        return " ".join(words).capitalize() + "."
    if rule == "title":
        return f"{entity_name or WORDS[rng.randrange(len(WORDS))].capitalize()} {i + 1}"
    fixed = _FIXED.get(rule)
    return fixed(i, first, last, city, field) if fixed is not None else \
        f"{field.label or field.name} {i + 1}"


_FIXED: dict[str, Any] = {
    "email": lambda i, f, l, c, d: f"{f.lower()}.{l.lower()}@example.com",
    "phone": lambda i, f, l, c, d: f"+1 555 01{(i * 13) % 100:02d}",
    "url": lambda i, f, l, c, d: f"https://www.example.com/{_slug(d.name)}/{i + 1}",
    "first": lambda i, f, l, c, d: f, "last": lambda i, f, l, c, d: l,
    "person": lambda i, f, l, c, d: f"{f} {l}",
    "company": lambda i, f, l, c, d: COMPANIES[i % len(COMPANIES)],
    "product": lambda i, f, l, c, d: PRODUCTS[i % len(PRODUCTS)],
    "city": lambda i, f, l, c, d: c[0], "country": lambda i, f, l, c, d: c[1],
    "street": lambda i, f, l, c, d: f"{10 + i * 7} {STREETS[i % len(STREETS)]}, {c[0]}",
    "zip": lambda i, f, l, c, d: f"{(6020 + i * 137) % 100000:05d}",
    "currency": lambda i, f, l, c, d: "EUR", "lang": lambda i, f, l, c, d: "en",
    "color": lambda i, f, l, c, d: "#1565c0",
    "code": lambda i, f, l, c, d: f"{(i + 1) * 123:06d}",
    "status": lambda i, f, l, c, d: ("open", "in progress", "done")[i % 3],
    "category": lambda i, f, l, c, d: ("Standard", "Premium", "Basic")[i % 3],
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "item"


_INDEX: dict[int, tuple[DataSource, dict[str, Entity], dict[str, list[dict[str, Any]]]]] = {}


def _lookup(source: DataSource, name: str) -> Entity | None:
    cached = _INDEX.get(id(source))
    if cached is None or cached[0] is not source:
        cached = (source, {e.name: e for e in source.entities}, {})
        _INDEX.clear()
        _INDEX[id(source)] = cached
    return cached[1].get(name)


def _nested_rows(source: DataSource, target: Entity) -> list[dict[str, Any]]:
    _lookup(source, target.name)
    cache = _INDEX[id(source)][2]
    if target.name not in cache:
        cache[target.name] = sample_rows(target, source, 2, 1)
    return cache[target.name]


def fill_missing_samples(source: DataSource, count: int = 8) -> None:
    """Give every entity of ``source`` without sample rows generated ones (in place)."""
    _INDEX.clear()
    try:
        for entity in source.entities:
            if not entity.sample_rows:
                entity.sample_rows = sample_rows(entity, source, count)
    finally:
        _INDEX.clear()
