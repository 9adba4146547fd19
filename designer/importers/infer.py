"""Type inference for sample data (CSV cells and JSON values) and conversion of sample values.

Leading-zero codes (``00123``) stay text; booleans, integers, decimals (also ``1,5`` in files
that use ``;`` or tabs), ISO and day/month/year dates and date-times are recognised; a column
mixing date formats is still a date column and every value is normalised to ISO 8601.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .base import format_from_name, looks_image

TRUE = frozenset({"true", "yes", "y", "ja", "oui", "si", "wahr"})
FALSE = frozenset({"false", "no", "n", "nein", "non", "falsch"})
_INT = re.compile(r"^[+-]?(0|[1-9][0-9]{0,14})$")
_DEC = re.compile(r"^[+-]?([0-9]+\.[0-9]+|\.[0-9]+|[0-9]+\.)([eE][+-]?[0-9]+)?$")
_DEC_COMMA = re.compile(r"^[+-]?([0-9]+|[0-9]{1,3}(\.[0-9]{3})+),[0-9]+$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YMD_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_DMY_DOT = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
                     r"(Z|[+-]\d{2}:?\d{2})?$")
_DOT_DT = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})[ ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_URL = re.compile(r"^https?://\S+$", re.I)
_IMAGE_URL = re.compile(r"\.(png|jpe?g|gif|webp|svg)(\?\S*)?$", re.I)
ENUM_MAX_VALUES = 12
ENUM_MAX_LENGTH = 40


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


@dataclass
class ColumnGuess:
    """Collects what the values of one column look like."""

    name: str
    decimal_comma: bool = False
    count: int = 0
    empty: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    distinct: dict[str, None] = field(default_factory=dict)
    too_many_distinct: bool = False
    slash_first_max: int = 0
    slash_second_max: int = 0
    emails: int = 0
    urls: int = 0
    image_urls: int = 0
    longest: int = 0

    def add(self, value: Any) -> None:
        """Take one raw value (CSV text or a JSON scalar)."""
        self.count += 1
        kind = self._kind(value)
        self.kinds[kind] = self.kinds.get(kind, 0) + 1

    def _kind(self, value: Any) -> str:
        if value is None or (isinstance(value, str) and not value.strip()):
            self.empty += 1
            return "empty"
        if isinstance(value, bool):
            return "boolean"
        if isinstance(value, int):
            return "integer"
        if isinstance(value, float):
            return "decimal"
        if not isinstance(value, str):
            return "string"
        text = value.strip()
        self.longest = max(self.longest, len(text))
        if not self.too_many_distinct:
            self.distinct.setdefault(text, None)
            if len(self.distinct) > ENUM_MAX_VALUES:
                self.too_many_distinct = True
                self.distinct.clear()
        lower = text.lower()
        if lower in TRUE or lower in FALSE:
            return "boolean"
        if _INT.match(text):
            return "integer"
        if _DEC.match(text) or (self.decimal_comma and _DEC_COMMA.match(text)):
            return "decimal"
        m = _ISO_DATE.match(text) or _YMD_SLASH.match(text)
        if m and _date(int(m[1]), int(m[2]), int(m[3])):
            return "date"
        m = _DMY_DOT.match(text)
        if m and _date(int(m[3]), int(m[2]), int(m[1])):
            return "date"
        m = _SLASH.match(text)
        if m and 1 <= int(m[1]) <= 31 and 1 <= int(m[2]) <= 31:
            self.slash_first_max = max(self.slash_first_max, int(m[1]))
            self.slash_second_max = max(self.slash_second_max, int(m[2]))
            return "slashdate"
        if _ISO_DT.match(text) or _DOT_DT.match(text):
            return "datetime"
        if _EMAIL.match(text):
            self.emails += 1
        elif _URL.match(text):
            self.urls += 1
            if _IMAGE_URL.search(text):
                self.image_urls += 1
        return "string"

    @property
    def day_first(self) -> bool:
        """For d/m/y vs m/d/y columns: True unless only month-first fits."""
        return not (self.slash_second_max > 12 >= self.slash_first_max)

    @property
    def ambiguous_dates(self) -> bool:
        """Slash dates where both day/month orders fit."""
        return "slashdate" in self.kinds and self.slash_first_max <= 12 and \
            self.slash_second_max <= 12

    def result(self) -> tuple[str, str, list[str], bool]:
        """(type, format, enum values, required) for the column."""
        kinds = {k for k in self.kinds if k != "empty"}
        required = self.empty == 0 and self.count > 0
        if "slashdate" in kinds and self.slash_first_max > 12 and self.slash_second_max > 12:
            kinds = (kinds - {"slashdate"}) | {"string"}
        kinds = {"date" if k == "slashdate" else k for k in kinds}
        if not kinds:
            return "string", "", [], False
        if kinds == {"boolean"}:
            return "boolean", "", [], required
        if kinds == {"integer"}:
            return "integer", "", [], required
        if kinds <= {"integer", "decimal"}:
            return "decimal", "", [], required
        if kinds == {"date"}:
            return "date", "", [], required
        if kinds <= {"date", "datetime"}:
            return "datetime", "", [], required
        non_empty = self.count - self.empty
        if kinds == {"string"}:
            if self.emails == non_empty:
                return "string", "email", [], required
            if self.urls == non_empty:
                if self.image_urls == non_empty or looks_image(self.name):
                    return "image", "", [], required
                return "string", "uri", [], required
            if (not self.too_many_distinct and non_empty >= 8 and self.distinct
                    and len(self.distinct) * 2 <= non_empty
                    and self.longest <= ENUM_MAX_LENGTH and len(self.distinct) >= 2):
                return "enum", "", list(self.distinct), required
        return "string", format_from_name(self.name), [], required


def convert(value: Any, ftype: str, day_first: bool = True, decimal_comma: bool = False) -> Any:
    """A raw sample value as the model keeps it for a field of ``ftype`` (None when empty)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (dict, list)):
        return None
    text = value.strip() if isinstance(value, str) else value
    try:
        if ftype == "boolean":
            return text if isinstance(text, bool) else str(text).lower() in TRUE
        if ftype == "integer":
            return int(text)
        if ftype == "decimal":
            if isinstance(text, str) and decimal_comma and _DEC_COMMA.match(text):
                text = text.replace(".", "").replace(",", ".")
            return float(text)
        if ftype in ("date", "datetime") and isinstance(text, str):
            return _iso(text, ftype, day_first)
    except (ValueError, TypeError, OverflowError):
        return str(value)
    return text if isinstance(text, str) else str(text) if ftype in ("string", "enum", "image") \
        else text


def _iso(text: str, ftype: str, day_first: bool) -> str:
    m = _ISO_DT.match(text)
    if m:
        out = f"{m[1]}-{m[2]}-{m[3]}T{m[4]}:{m[5]}:{m[6] or '00'}"
        return out + (m[7] or "")
    m = _DOT_DT.match(text)
    if m:
        return f"{int(m[3]):04d}-{int(m[2]):02d}-{int(m[1]):02d}T{int(m[4]):02d}:{m[5]}:{m[6] or '00'}"
    day: dt.date | None = None
    if (m := _ISO_DATE.match(text) or _YMD_SLASH.match(text)):
        day = _date(int(m[1]), int(m[2]), int(m[3]))
    elif (m := _DMY_DOT.match(text)):
        day = _date(int(m[3]), int(m[2]), int(m[1]))
    elif (m := _SLASH.match(text)):
        a, b = int(m[1]), int(m[2])
        day = _date(int(m[3]), b, a) if day_first else _date(int(m[3]), a, b)
    if day is None:
        return text
    return day.isoformat() + ("T00:00:00" if ftype == "datetime" else "")
