"""Type inference for sample data (CSV cells and JSON values) and conversion of sample values.

A column is typed the way a spreadsheet user reads it: money (``$32,370.00``, ``(€1.234,56)``)
is a decimal with the ``currency`` format, the decimal mark (``.`` or ``,``) is the one that
fits every cell of the column (the file's delimiter decides a tie), short dates (``01-01-14``,
``22.07.21``, ``1/1/2014``) are dates with the day/month order the column's values allow.
Codes stay text: leading zeros (``00123``), postal codes and phone numbers, long numbers named
like codes (``Order Number``), and Excel's shortened numbers (``3.65275E+11``). Enums are
proposed for short repeated labels, never for ids, codes or comma-separated lists.
Excel's error values (``#N/A``, ``#DIV/0!``) and "no value" cells (``n/a``, ``-``) are empty
cells of a typed column. Dates both day/month orders fit follow the file's other date columns,
then the import's locale hint, else day/month/year. A cell that keeps a column text is named.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .base import format_from_name, looks_image
from .cells import EXCEL_ERRORS, DateCell, excel_shortened, read_date, read_number

TRUE = frozenset({"true", "yes", "y", "ja", "oui", "si", "wahr"})
FALSE = frozenset({"false", "no", "n", "nein", "non", "falsch"})
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_URL = re.compile(r"^https?://\S+$", re.I)
_IMAGE_URL = re.compile(r"\.(png|jpe?g|gif|webp|svg)(\?\S*)?$", re.I)
_LEADING_ZERO = re.compile(r"^[+-]?0[0-9]+$")
_OPAQUE_ID = re.compile(r"^(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9_.:-]{6,}$")
#: Cells that say "no value" in a column that otherwise holds numbers, dates or yes/no.
MISSING = frozenset({"n/a", "na", "n.a.", "null", "none", "nan", "-", "--", "–", "—", "?", "k.a.",
                     "k. a."})
#: The ISO code ``format_currency`` needs for a money symbol (``$`` is taken as US dollars).
CURRENCY_CODES = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
                  "₩": "KRW", "₽": "RUB", "₺": "TRY", "₪": "ILS", "฿": "THB", "A$": "AUD",
                  "C$": "CAD", "R$": "BRL", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "MX$": "MXN",
                  "₫": "VND", "₱": "PHP", "₴": "UAH", "₦": "NGN", "zł": "PLN", "Kč": "CZK",
                  "Ft": "HUF", "lei": "RON", "Fr": "CHF", "Fr.": "CHF", "Rs": "INR"}
_KINDS_SAID = {"number": "a number", "integer": "a number", "decimal": "a number",
               "date": "a date", "datetime": "a date", "boolean": "yes/no"}
_DATE_NAME = re.compile(r"(^| )(date|datum|fecha|data|day|dob)( |$)|datum$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)        # day 1 is 1900-01-01 (Excel's 1900 leap bug)
ENUM_MAX_VALUES = 12
ENUM_MAX_LENGTH = 40
#: Names of columns whose digits are a code, never an amount (kept as text whatever the digits).
_CODE_NAME = re.compile(r"(zip|postal|postcode|postleitzahl|^plz|plz$|phone|telefon|mobile|"
                        r"^fax|fax$|iban|^bic|ean$|gtin|upc$|isbn|barcode|^mpn|mpn$|hausnummer|housenumber|"
                        r"streetnumber)")
#: Names ending like an identifier or reference number (text when the values are long).
_NUMBER_NAME = re.compile(r"(number|nummer|nr|code|serial)$")
_ID_TOKEN = re.compile(r"(^|[^a-z0-9])(id|no|key|ref|uuid|guid|sku)$")
_ID_NAMES = frozenset({"id", "key", "uuid", "guid", "code", "sku", "handle", "slug"})
_MONEY_NAME = re.compile(r"(price|amount|revenue|profit|salary|budget|income|turnover|preis|"
                         r"betrag|kosten|umsatz|gehalt|(^| )(cost|fee)s?( |$))")


def _words(name: str) -> str:
    """``CustomerID`` / ``customer_id`` / ``Customer Id`` → ``customer id``."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name)
    spaced = re.sub(r"_+[cC]$", "", spaced)          # Salesforce custom-field suffix
    return re.sub(r"[^a-z0-9]+", " ", spaced.lower()).strip()


def id_like(name: str) -> bool:
    """True if a column name says it identifies a record (``id``, ``CustomerID``, ``sku``)."""
    words = _words(name)
    return words.replace(" ", "") in _ID_NAMES or bool(_ID_TOKEN.search(words))


def key_like(name: str) -> bool:
    """True if a column name could name a record's key: id-like, or a code or number that is not
    a postal code or phone (``ProductCode``, ``Order Number``, ``Artikelnr``)."""
    if id_like(name):
        return True
    return not code_like(name) and bool(_NUMBER_NAME.search(_words(name).replace(" ", "")))


def code_like(name: str) -> bool:
    """True if a column name says its digits are a code (postal code, phone, barcode)."""
    return bool(_CODE_NAME.search(_words(name).replace(" ", "")))


@dataclass
class ColumnGuess:
    """Collects what the values of one column look like.

    ``decimal_comma``: the file's convention when a column fits both marks (``;``/tab files).
    ``text_strings``: JSON strings stay text unless they are dates (the wire type is string).
    """

    name: str
    decimal_comma: bool = False
    text_strings: bool = False
    prefer_day_first: bool = True      # for dates where both orders fit (file vote / locale)
    count: int = 0
    empty: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    distinct: dict[str, None] = field(default_factory=dict)
    too_many_distinct: bool = False
    dot_fails: int = 0
    comma_fails: int = 0
    dot_fraction: int = 0
    comma_fraction: int = 0
    money: int = 0
    percent: int = 0
    longest_digits: int = 0
    shortened: list[str] = field(default_factory=list)
    day_first_fails: int = 0
    month_first_fails: int = 0
    dmy_seps: set[str] = field(default_factory=set)
    emails: int = 0
    urls: int = 0
    image_urls: int = 0
    longest: int = 0
    seen: set[str] | None = None
    repeated: bool = False
    missing: int = 0
    first_at: dict[str, tuple[str, str]] = field(default_factory=dict)   # kind → (where, text)
    currencies: dict[str, int] = field(default_factory=dict)
    leading_zeros: int = 0
    serial_range: tuple[int, int] | None = None      # whole plain numbers seen (min, max)
    not_serial: bool = False
    _where: str = ""

    def __post_init__(self) -> None:
        if self.seen is None and key_like(self.name):
            self.seen = set()            # key candidate: uniqueness over every scanned row

    def add(self, value: Any, where: str = "") -> None:
        """Take one raw value (CSV text or a JSON scalar) found at ``where`` (``row 7``)."""
        self.count += 1
        self._where = where
        kind = self._kind(value)
        if kind not in self.kinds:
            self.first_at[kind] = (where, str(value).strip()[:40])
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        if self.seen is not None and kind != "empty" and not self.repeated:
            text = str(value).strip()
            self.repeated = text in self.seen
            self.seen.add(text)

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
        if not self.text_strings:
            lower = text.lower()
            if text in EXCEL_ERRORS or lower in MISSING:
                self.missing += 1
                return "missing"
            if lower in TRUE or lower in FALSE:
                return "boolean"
            number = read_number(text)
            if number is not None:
                self._count_number(text, number)
                return "number"
            if excel_shortened(text):
                if len(self.shortened) < 3:
                    self.shortened.append(text)
                return "shortened"
            if _LEADING_ZERO.match(text):
                self.leading_zeros += 1
                self.first_at.setdefault("code", (self._where, text[:40]))
        elif excel_shortened(text):          # a JSON string an Excel sheet shortened
            if len(self.shortened) < 3:
                self.shortened.append(text)
            self.first_at.setdefault("shortened", (self._where, text[:40]))
        date = read_date(text)
        if date is not None:
            return self._count_date(date)
        if _EMAIL.match(text):
            self.emails += 1
        elif _URL.match(text):
            self.urls += 1
            if _IMAGE_URL.search(text):
                self.image_urls += 1
        return "string"

    def _count_number(self, text: str, number: Any) -> None:
        if number.dot is None:
            self.first_at.setdefault("dot_fails", (self._where, text[:40]))
        if number.comma is None:
            self.first_at.setdefault("comma_fails", (self._where, text[:40]))
        plain = number.dot is not None and not number.dot.fraction and not number.money and \
            not number.percent and isinstance(number.dot.value, int)
        if plain and not self.not_serial:
            v = int(number.dot.value)
            lo, hi = self.serial_range or (v, v)
            self.serial_range = (min(lo, v), max(hi, v))
        else:
            self.not_serial = True
        self.dot_fails += number.dot is None
        self.comma_fails += number.comma is None
        self.dot_fraction += bool(number.dot and number.dot.fraction)
        self.comma_fraction += bool(number.comma and number.comma.fraction)
        self.money += number.money
        if number.currency and (number.currency in self.currencies or len(self.currencies) < 8):
            self.currencies[number.currency] = self.currencies.get(number.currency, 0) + 1
        self.percent += number.percent
        self.longest_digits = max(self.longest_digits, sum(c.isdigit() for c in text))

    def _count_date(self, date: DateCell) -> str:
        if not date.ymd:
            self.dmy_seps.add(date.sep)
            self.day_first_fails += date.day(True) is None
            self.month_first_fails += date.day(False) is None
            if date.day(True) is None:
                self.first_at.setdefault("day_first_fails", (self._where, str(date.first)))
            if date.day(False) is None:
                self.first_at.setdefault("month_first_fails", (self._where, str(date.first)))
        return "datetime" if date.time is not None else "date"

    # ------------------------------------------------------------------ conclusions
    @property
    def comma_decimal(self) -> bool:
        """The column's decimal mark is ``,`` (else ``.``)."""
        if self.dot_fails and not self.comma_fails:
            return True
        if self.comma_fails and not self.dot_fails:
            return False
        return self.decimal_comma

    @property
    def day_first(self) -> bool:
        """The order every value fits; ``prefer_day_first`` when both (or neither) do."""
        if self.day_first_fails and not self.month_first_fails:
            return False
        if self.month_first_fails and not self.day_first_fails:
            return True
        return self.prefer_day_first

    @property
    def date_order_vote(self) -> int:
        """+1 if only day/month/year fits this column's dates, -1 if only month/day/year."""
        if self.month_first_fails and not self.day_first_fails:
            return 1
        return -1 if self.day_first_fails and not self.month_first_fails else 0

    @property
    def ambiguous_dates(self) -> bool:
        """Dates written with ``/`` or ``-`` where both day/month orders fit (``.`` is d.m.y)."""
        dmy = self.kinds.get("date", 0) + self.kinds.get("datetime", 0)
        return bool(dmy and self.dmy_seps - {"."} and not self.day_first_fails
                    and not self.month_first_fails)

    @property
    def unique(self) -> bool:
        """Every scanned row has a value and no value repeats (only for id-like names)."""
        return self.seen is not None and not self.repeated and self.empty == 0 and \
            self.count > 0 and not self.shortened and not self.missing

    @property
    def decimal_mark_vote(self) -> int:
        """+1 if only ``,`` fits this column's numbers, -1 if only ``.`` does, else 0."""
        if not self.kinds.get("number"):
            return 0
        if self.dot_fails and not self.comma_fails:
            return 1
        return -1 if self.comma_fails and not self.dot_fails else 0

    def notes(self, ftype: str = "") -> list[tuple[str, str]]:
        """Why the column was typed as it was, when a spreadsheet user would not guess it:
        each note names the first row (or JSON pointer) that decided, and is located there
        (``""``: the column as a whole)."""
        out = []
        if self.shortened:
            out.append((f"holds numbers Excel shortened to scientific notation "
                       f"({', '.join(self.shortened)}); their last digits are lost, so the column "
                       "is kept as text (format the column as Text in Excel and export again)",
                        self.first_at.get("shortened", ("", ""))[0]))
        typed = [k for k in self.kinds if k in _KINDS_SAID]
        quiet = code_like(self.name) or self.text_strings
        if ftype == "date" and self.serial_dates:
            where, text = self.first_at["number"]
            number = read_number(text)
            serial = int(number.dot.value) if number and number.dot else 0
            day = _EXCEL_EPOCH + dt.timedelta(days=serial)
            out.append((f"holds Excel day numbers (`{text}` at {where or 'a cell'} is "
                        f"{day.isoformat()}); read as dates", where))
        if ftype == "string" and self.leading_zeros and not quiet:
            where, text = self.first_at["code"]
            out.append((f"holds codes with leading zeros (first: `{text}` at {where or 'a cell'});"
                        " kept as text so the zeros stay", where))
        elif ftype == "string" and self.dot_fails and self.comma_fails and \
                self.kinds.keys() - {"empty", "missing"} == {"number"}:
            a, b = sorted((self.first_at["dot_fails"], self.first_at["comma_fails"]),
                          key=_row_order)
            out.append((f"is kept as text: its numbers use both `.` and `,` as the decimal mark "
                        f"(`{a[1]}` at {a[0] or 'a cell'}, `{b[1]}` at {b[0] or 'a cell'})", b[0]))
        elif ftype == "string" and self.day_first_fails and self.month_first_fails and \
                self.kinds.keys() - {"empty", "missing"} <= {"date", "datetime"}:
            a, b = sorted((self.first_at["day_first_fails"], self.first_at["month_first_fails"]),
                          key=_row_order)
            out.append((f"is kept as text: no day/month order fits every date (see {a[0]} and "
                        f"{b[0]})", b[0]))
        elif ftype == "string" and self.text_strings and typed and "string" in self.kinds:
            said = _KINDS_SAID[max(typed, key=lambda k: self.kinds[k])]
            many = sum(self.kinds[k] for k in typed if _KINDS_SAID[k] == said)
            where, text = self.first_at["string"]
            if said == "a number" and many >= self.kinds["string"]:
                out.append((f"is kept as text: {where or 'a value'} is the string `{text}` where "
                            f"{many:,} other value{'s are numbers' if many != 1 else ' is a number'}",
                            where))
        elif ftype in ("string", "enum") and typed and not self.shortened and not quiet:
            main = max(typed, key=lambda k: self.kinds[k])
            said = _KINDS_SAID[main]
            odd = [k for k in self.kinds if k not in ("empty", "missing") and
                   _KINDS_SAID.get(k) != said]
            many = sum(self.kinds[k] for k in typed if _KINDS_SAID[k] == said)
            if odd and many >= sum(self.kinds[k] for k in odd):
                where, text = min((self.first_at[k] for k in odd), key=_row_order)
                out.append((f"is kept as text: {where or 'a cell'} holds `{text}`, which is not "
                            f"{said} like {many:,} other cell{'s' * (many != 1)} of the column",
                            where))
        if self.missing and ftype not in ("string", "enum", "image", ""):
            where, text = self.first_at["missing"]
            out.append((f"has {self.missing:,} cell{'s' * (self.missing != 1)} with no value "
                        f"(first: `{text}` at {where or 'a cell'}); they are imported as empty",
                        where))
        if ftype == "decimal" and len(self.currencies) > 1:
            out.append(("holds amounts in more than one currency (" +
                        ", ".join(f"`{c}`" for c in self.currencies) + "); the field keeps "
                        "the numbers only, so split the column per currency", ""))
        return out

    @property
    def currency(self) -> str:
        """The one currency symbol or code the column's money is written in (else ``""``)."""
        return next(iter(self.currencies)) if len(self.currencies) == 1 else ""

    def _numeric(self, kinds: set[str]) -> tuple[str, str] | None:
        if not kinds or not kinds <= {"number", "integer", "decimal"}:
            return None
        money_name = bool(_MONEY_NAME.search(_words(self.name)))
        if "number" not in kinds:           # JSON / SQLite numbers: the wire type decides
            if money_name:
                return "decimal", "currency"
            return ("integer" if kinds == {"integer"} else "decimal"), ""
        if self.dot_fails and self.comma_fails:
            return None                     # `1,234.5` next to `1.234,5`: not one convention
        fraction = self.comma_fraction if self.comma_decimal else self.dot_fraction
        if self.money:
            return ("decimal", "currency") if not self.percent else None
        if self.percent:
            return ("decimal", "percent") if self.percent == self.kinds["number"] else None
        numbered = bool(_NUMBER_NAME.search(_words(self.name).replace(" ", "")))
        if code_like(self.name) or numbered and not fraction and self.longest_digits >= 4:
            return None                     # postal codes, phone and order numbers: text
        if money_name:
            return "decimal", "currency"
        return ("decimal" if fraction or "decimal" in kinds else "integer"), ""

    def result(self) -> tuple[str, str, list[str], bool]:
        """(type, format, enum values, required) for the column."""
        kinds = {k for k in self.kinds if k not in ("empty", "missing")}
        required = self.empty == 0 and self.missing == 0 and self.count > 0
        if not kinds and self.missing:
            kinds = {"string"}
        if not kinds:
            return "string", "", [], False
        if kinds == {"boolean"}:
            return "boolean", "", [], required
        if self.serial_dates:
            return "date", "", [], required
        numeric = self._numeric(kinds)
        if numeric:
            return numeric[0], numeric[1], [], required
        if kinds <= {"date", "datetime"} and (not self.day_first_fails
                                              or not self.month_first_fails):
            return ("date" if kinds == {"date"} else "datetime"), "", [], required
        required = self.empty == 0 and self.count > 0     # text keeps "n/a" as written
        if "shortened" in kinds or kinds & {"number", "integer", "decimal"}:
            return "string", format_from_name(self.name), [], required
        non_empty = self.count - self.empty
        if kinds == {"string"}:
            if self.emails == non_empty:
                return "string", "email", [], required
            if self.urls == non_empty:
                if self.image_urls == non_empty or looks_image(self.name):
                    return "image", "", [], required
                return "string", "uri", [], required
            if self._enum_fits(non_empty):
                return "enum", "", list(self.distinct), required
        return "string", format_from_name(self.name), [], required

    def _enum_fits(self, non_empty: int) -> bool:
        values = list(self.distinct)
        if self.too_many_distinct or non_empty < 8 or not 2 <= len(values) <= ENUM_MAX_VALUES:
            return False
        if len(values) * 2 > non_empty or self.longest > ENUM_MAX_LENGTH:
            return False
        if id_like(self.name) or code_like(self.name) or _words(self.name).endswith("code"):
            return False                    # ids and codes are never a closed list of choices
        if all(_OPAQUE_ID.match(v) for v in values) or \
                not any(c.isalpha() for v in values for c in v):
            return False                    # record ids and codes (CD656092, 830150301360)
        known = set(values)
        for v in values:                    # "A, B" next to "A": a multi-value list
            parts = [p.strip() for p in re.split(r"[,;|]", v)]
            if len(parts) > 1 and any(p in known for p in parts if p):
                return False
        return True

    @property
    def serial_dates(self) -> bool:
        """Whole numbers 20000–80000 (1954–2119) in a column named as a date: Excel's day
        numbers, written out by a sheet whose date column was formatted as General."""
        kinds = self.kinds.keys() - {"empty", "missing"}
        return kinds == {"number"} and not self.not_serial and self.serial_range is not None \
            and 20000 <= self.serial_range[0] and self.serial_range[1] <= 80000 and \
            bool(_DATE_NAME.search(_words(self.name)))

    def convert(self, value: Any, ftype: str) -> Any:
        """A raw value of this column as the model keeps it for a field of ``ftype``."""
        if ftype == "date" and self.serial_dates and isinstance(value, str):
            number = read_number(value.strip())
            if number is not None and number.dot is not None:
                return (_EXCEL_EPOCH + dt.timedelta(days=int(number.dot.value))).isoformat()
        return convert(value, ftype, self.day_first, self.comma_decimal)


#: Locales that write month/day/year (every other one writes day/month/year or year first).
_MONTH_FIRST_LOCALES = frozenset({"en-us", "us", "en-ph", "es-us", "en-as", "en-gu", "en-pr",
                                  "en-um", "en-vi", "en-fm", "en-mh"})


def currency_note(columns: list[tuple[str, str]]) -> str:
    """One note for the money columns (label, symbol) of a file: the model keeps amounts as
    decimals with the ``currency`` format, so the currency goes to ``format_currency``."""
    by_symbol: dict[str, list[str]] = {}
    for label, symbol in columns:
        by_symbol.setdefault(symbol, []).append(label)
    parts = []
    for symbol, labels in by_symbol.items():
        code = CURRENCY_CODES.get(symbol, symbol if symbol.isupper() else "")
        shown = ", ".join(f"`{lb}`" for lb in labels[:8]) + \
            (f" and {len(labels) - 8} more" if len(labels) > 8 else "")
        parts.append(f"{shown} in `{symbol}`" +
                     (f" (show with format_currency(…, \"{code}\"))" if code else ""))
    return "money columns: " + "; ".join(parts)


def date_order(guesses: list[ColumnGuess], locale: str | None = None) -> str:
    """Set the day/month order of every column whose dates fit both, and say why: the other date
    columns of the file decide, then the ``locale`` hint (``en-US``: month first, ``de-DE``:
    day first), else day/month/year (the order of most of the world, and of ISO's parts)."""
    votes = sum(g.date_order_vote for g in guesses)
    hint = (locale or "").strip().replace("_", "-").lower()
    if votes:
        prefer, why = votes > 0, "as in the file's other date columns"
    elif hint:
        prefer, why = hint not in _MONTH_FIRST_LOCALES, f"the locale `{locale}`"
    else:
        prefer, why = True, "the default; no cell has a day above 12"
    for guess in guesses:
        guess.prefer_day_first = prefer
    return why


def _row_order(at: tuple[str, str]) -> tuple[int, str]:
    digits = re.findall(r"[0-9]+", at[0])
    return (int(digits[-1]) if digits else 0), at[0]


def convert(value: Any, ftype: str, day_first: bool = True, decimal_comma: bool = False) -> Any:
    """A raw sample value as the model keeps it for a field of ``ftype`` (None when empty)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (dict, list)):
        return None
    text = value.strip() if isinstance(value, str) else value
    if isinstance(text, str) and ftype in ("integer", "decimal", "boolean", "date", "datetime"):
        if text in EXCEL_ERRORS or text.lower() in MISSING:
            return None
        if ftype == "boolean":
            return text.lower() in TRUE
        if ftype in ("integer", "decimal"):
            number = read_number(text)
            reading = number and (number.comma if decimal_comma else number.dot)
            if not reading:
                return text
            if ftype == "integer":
                return int(reading.value)
            return float(reading.value)
        date = read_date(text)
        iso = date.iso_text(day_first, ftype == "datetime") if date else None
        return iso or text
    if ftype == "decimal" and isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    if ftype in ("string", "enum", "image") and not isinstance(text, str):
        return str(text)
    return text
