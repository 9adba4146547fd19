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
        return rng.random() < (0.2 if re.search(r"block|delet|archiv|disabl|lock", name) else 0.6)
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
        target = source.entity(field.entity) if source is not None and field.entity else None
        if kind == "reference":
            return key_value(target, i % 8) if target is not None else f"R-{1001 + i}"
        if target is None or depth >= 1:
            return []
        return sample_rows(target, source, 2, depth + 1)
    if name in ("name", "display_name", "displayname", "title") and entity_name:
        name = f"{entity_name.lower()}_{name}"
    return _string(field, name, i, rng, person, city, entity_name)


def _integer(name: str, i: int, rng: random.Random) -> int:
    if re.search(r"year", name):
        return 2020 + i % 7
    if re.search(r"age$|^age", name):
        return 22 + rng.randrange(45)
    if re.search(r"qty|quantity|count|stock|units|pieces|number_of|^num", name):
        return rng.randrange(1, 60)
    if re.search(r"percent|pct|rate|score|rating", name):
        return rng.randrange(0, 101) if "rating" not in name else rng.randrange(1, 6)
    return rng.randrange(1, 500)


def _decimal(name: str, fmt: str, rng: random.Random, city: tuple[str, str, float, float]
             ) -> float:
    if re.search(r"^lat|latitude", name):
        return round(city[2] + rng.uniform(-0.02, 0.02), 5)
    if re.search(r"^lon|^lng|longitude", name):
        return round(city[3] + rng.uniform(-0.02, 0.02), 5)
    if fmt == "percent" or re.search(r"percent|pct|rate|discount", name):
        return round(rng.uniform(0, 25), 1)
    if re.search(r"limit|revenue|budget|balance", name):
        return float(rng.randrange(5, 100) * 1000)
    if fmt == "currency" or re.search(r"price|amount|total|cost|fee|value|sum", name):
        return round(rng.uniform(5, 500), 2)
    if re.search(r"weight|kg", name):
        return round(rng.uniform(0.2, 25), 2)
    return round(rng.uniform(1, 100), 2)


def _day_offset(name: str, i: int, rng: random.Random) -> int:
    if re.search(r"due|until|expir|end|deliver|next|plan", name):
        return 7 + i * 3 + rng.randrange(5)
    if re.search(r"birth|dob", name):
        return -(365 * (25 + i * 3) + rng.randrange(300))
    return -(i * 4 + rng.randrange(4))


def _string(field: DataField, name: str, i: int, rng: random.Random, person: tuple[str, str],
            city: tuple[str, str, float, float], entity_name: str = "") -> str:
    first, last = person
    fmt = field.format
    if re.search(r"(guid|uuid)$", name):
        return "%08x-%04x-4%03x-a%03x-%012x" % (rng.getrandbits(32), rng.getrandbits(16),
                                                rng.getrandbits(12), rng.getrandbits(12),
                                                rng.getrandbits(48))
    if re.search(r"(Id|ID|_id|_key|Key|_code|Code|No|_no|Number)$", field.name) and \
            not re.search(r"currency|country|lang|locale|zip|postal|colou?r|phone|mobile", name):
        stem = re.sub(r"(Id|ID|_id|_key|Key|_code|Code|No|_no|Number)$", "", field.name)
        prefix = "".join(ch for ch in stem if ch.isupper())[:2] or stem[:2].upper() or "X"
        return f"{prefix}-{1001 + i}"
    if fmt == "email" or re.search(r"e_?mail", name):
        return f"{first.lower()}.{last.lower()}@example.com"
    if fmt == "phone" or re.search(r"phone|mobile|fax|^tel|_tel", name):
        return f"+1 555 01{(i * 13) % 100:02d}"
    if fmt == "uri" or re.search(r"url|website|homepage|link", name):
        return f"https://www.example.com/{_slug(field.name)}/{i + 1}"
    checks: tuple[tuple[str, Any], ...] = (
        (r"first_?name|given", first), (r"last_?name|surname|family", last),
        (r"contact|person|owner|^rep|full_?name|user|author|assignee|employee|driver|"
         r"member|staff|agent", f"{first} {last}"),
        (r"company|customer|account|client|organi[sz]ation|business|shop|store|partner",
         COMPANIES[i % len(COMPANIES)]),
        (r"product|article|item", PRODUCTS[i % len(PRODUCTS)]),
        (r"city|town|place", city[0]), (r"country", city[1]),
        (r"street|address|addr", f"{10 + i * 7} {STREETS[i % len(STREETS)]}, {city[0]}"),
        (r"zip|postal|postcode|plz", f"{(6020 + i * 137) % 100000:05d}"),
        (r"currency", "EUR"), (r"lang|locale", "en"), (r"colou?r", "#1565c0"),
        (r"sku|code|number|no$|_nr", f"{(i + 1) * 123:06d}"),
        (r"status|state|stage", ("open", "in progress", "done")[i % 3]),
        (r"categor|type|kind|group|segment", ("Standard", "Premium", "Basic")[i % 3]),
    )
    for pattern, value in checks:
        if re.search(pattern, name):
            return value
    if re.search(r"note|comment|descr|remark|text|body|message|summary", name):
        words = [WORDS[rng.randrange(len(WORDS))] for _ in range(4 + rng.randrange(4))]
        return " ".join(words).capitalize() + "."
    if re.search(r"title|subject|headline|name|label", name):
        return f"{entity_name or WORDS[rng.randrange(len(WORDS))].capitalize()} {i + 1}"
    return f"{field.label or field.name} {i + 1}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "item"


def fill_missing_samples(source: DataSource, count: int = 8) -> None:
    """Give every entity of ``source`` without sample rows generated ones (in place)."""
    for entity in source.entities:
        if not entity.sample_rows:
            entity.sample_rows = sample_rows(entity, source, count)
