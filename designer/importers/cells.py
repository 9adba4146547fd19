"""Reading one spreadsheet cell as a number or a date, the way a spreadsheet user wrote it.

Numbers: plain (``12``, ``-3.5``), grouped (``32,370.00``, ``1.234,56``, ``1 234,5``,
``1,23,456`` Indian), money (``$32,370.00``, ``€1.234,56``, ``12,50 €``, ``100 kr``, accounting
zero `` $-   `` / ``-   €``; the symbol is kept), negatives in parentheses (``($1,200.00)``,
``$(1,200.00)``) or with a trailing minus, percents (``12,5 %``) and scientific
notation. Every cell is read twice, once with ``.`` and once with ``,`` as the decimal mark;
the column then keeps the reading that fits all its cells. Codes with leading zeros (``00123``)
and Excel's shortened numbers (``3.65275E+11``) are not numbers.

Dates: ISO (``2024-01-05``, ``2024/1/5``), day/month/year or month/day/year with ``/``, ``-``
or ``.`` and two- or four-digit years (``01-01-14``, ``22.07.21``, ``1/1/2014``), optionally
followed by a time (``10:30``, ``10:30:15 PM``); month names (``05-Jan-14``, ``Jan 5, 2024``,
``5. März 2024``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

_MONEY = (r"(?:US\$|A\$|C\$|R\$|NZ\$|HK\$|S\$|MX\$|[$€£¥₹₩₽₺₪฿₫₱₴₦₵₡₲₸₼₾¢]|"
          r"(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|RON|BGN|ISK|INR|CNY|"
          r"RMB|HKD|SGD|ZAR|BRL|MXN|RUB|TRY|KRW|ILS|THB|IDR|MYR|PHP|AED|SAR)\b|"
          r"(?:kr|zł|Kč|Ft|lei|Rs|Fr)\.?(?![A-Za-z]))")
_MONEY_HEAD = re.compile(rf"^({_MONEY})\s*")
_MONEY_TAIL = re.compile(rf"\s*({_MONEY})$")
_DASH_MONEY = re.compile(rf"^[-–—]\s*({_MONEY})$")
#: Grouping in the Indian numbering system: ``1,23,45,678`` (lakh and crore).
_INDIAN = re.compile(r"^[1-9][0-9]?(,[0-9]{2})+,[0-9]{3}$")
#: What Excel writes into a cell whose formula failed; the cell has no value.
EXCEL_ERRORS = frozenset({"#N/A", "#N/A N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!",
                          "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"})
_GROUP_CHARS = (",", ".", " ", "'", "\u00a0", "\u202f", "’")
_DIGITS = re.compile(r"^[0-9]+$")
_SCI = re.compile(r"^[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]{1,3}$")
#: How Excel shows a 12+ digit number in a General cell: six significant digits, ``E+11``.
_EXCEL_SHORTENED = re.compile(r"^[1-9]\.[0-9]{1,5}E\+(1[1-9]|2[0-9])$")
MAX_DIGITS = 15          # longer digit strings (card numbers, ids) are not exact as numbers


@dataclass(frozen=True)
class Reading:
    """A cell read as a number under one decimal mark."""

    value: float | int
    fraction: bool          # written with a fractional part (``6.0`` is a decimal, ``6`` not)


@dataclass(frozen=True)
class NumberCell:
    """What a numeric-looking cell is: its readings with ``.`` and ``,`` as decimal mark."""

    dot: Reading | None
    comma: Reading | None
    money: bool = False
    percent: bool = False
    currency: str = ""          # the symbol or code as written (``$``, ``€``, ``EUR``)


def _unwrap(text: str) -> tuple[str, bool, str, bool] | None:
    """(core digits, negative, currency, percent) with signs, symbols and parentheses removed."""
    t = text.strip().replace("\u00a0", " ").replace("\u202f", " ")
    negative = percent = False
    currency = ""
    if len(t) > 2 and t[0] == "(" and t[-1] == ")":
        negative, t = True, t[1:-1].strip()
    zero = _DASH_MONEY.match(t)               # "-   €": the accounting zero, symbol after
    if zero:
        return "0", False, zero.group(1), False
    if t.endswith("%"):
        percent, t = True, t[:-1].rstrip()
    for _ in range(2):                      # "-$5", "$-5", "$ -5", "- 5 €", "$(5.00)"
        if t[:1] in ("-", "+", "−"):
            if t[0] == "+" and " " in t:
                return None                 # "+49 221 1234": a phone number
            negative ^= t[0] != "+"
            t = t[1:].lstrip()
        if currency and not negative and len(t) > 2 and t[0] == "(" and t[-1] == ")":
            negative, t = True, t[1:-1].strip()
        m = _MONEY_HEAD.match(t) or _MONEY_TAIL.search(t)
        if m and not currency:
            currency = m.group(1)
            t = t[m.end():] if m.start() == 0 else t[:m.start()]
            if t.strip() in ("-", "–", "—"):        # accounting format shows zero as "-"
                return "0", False, currency, percent
    if t.endswith("-") and len(t) > 1 and not negative:     # SAP-style trailing minus
        negative, t = True, t[:-1].rstrip()
    if currency and percent:
        return None
    if not t or not t[0].isdigit() and t[0] not in ".,":
        return None
    return t, negative, currency, percent


def _integer_part(text: str, decimal: str) -> int | None:
    """Digits, optionally grouped in threes by one character other than ``decimal``."""
    if _DIGITS.match(text):
        if len(text) > 1 and text[0] == "0" or len(text) > MAX_DIGITS:
            return None                      # 00123 is a code; 16+ digits are not exact
        return int(text)
    group = next((c for c in _GROUP_CHARS if c in text), None)
    if group is None or group == decimal:
        return None
    if group == "," and _INDIAN.match(text):
        return int(text.replace(",", ""))
    parts = text.split(group)
    if not (1 <= len(parts[0]) <= 3 and parts[0][0] != "0" and _DIGITS.match(parts[0])):
        return None
    if any(len(p) != 3 or not _DIGITS.match(p) for p in parts[1:]):
        return None
    digits = "".join(parts)
    return int(digits) if len(digits) <= MAX_DIGITS else None


def _read(core: str, decimal: str) -> Reading | None:
    if _SCI.match(core):
        return Reading(float(core), True) if decimal == "." else None
    head, mark, frac = core.rpartition(decimal)
    if not mark:
        whole = _integer_part(core, decimal)
        return None if whole is None else Reading(whole, False)
    if not _DIGITS.match(frac):
        return None
    if head in ("", "0"):
        return Reading(float("0." + frac), True)
    whole = _integer_part(head, decimal)
    return None if whole is None else Reading(float(f"{whole}.{frac}"), True)


def excel_shortened(text: str) -> bool:
    """True for a number Excel cut to six digits in scientific notation (``3.65275E+11``)."""
    return bool(_EXCEL_SHORTENED.match(text.strip()))


_ANY_DIGIT = re.compile(r"[0-9]")
_PLAIN_INT = re.compile(r"^-?(0|[1-9][0-9]{0,14})$")


MAX_CELL = 64          # a longer cell is text: never parsed, never cached


def read_number(text: str) -> NumberCell | None:
    """The cell as a number under both decimal marks, or None if it is not a number."""
    return _read_number(text) if len(text) <= MAX_CELL else None


@functools.lru_cache(maxsize=4096)          # spreadsheet columns repeat their values a lot
def _read_number(text: str) -> NumberCell | None:
    if _PLAIN_INT.match(text):
        plain = Reading(int(text), False)
        return NumberCell(plain, plain)
    if not _ANY_DIGIT.search(text) and "-" not in text:
        return None
    if excel_shortened(text):
        return None
    parts = _unwrap(text)
    if parts is None:
        return None
    core, negative, currency, percent = parts
    readings = []
    for decimal in (".", ","):
        r = _read(core, decimal)
        if r is not None and negative:
            r = Reading(-r.value, r.fraction)
        readings.append(r)
    if readings[0] is None and readings[1] is None:
        return None
    return NumberCell(readings[0], readings[1], bool(currency), percent, currency)


# ------------------------------------------------------------------------------ dates
_TIME = r"(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([AaPp]\.?[Mm]\.?)?)?"
_YMD = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _TIME + "$")
_DMY = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})" + _TIME + "$")
_ISO_DT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
                     r"(Z|[+-]\d{2}:?\d{2})$")


_MONTHS = {m: i + 1 for i, names in enumerate((
    "jan january januar", "feb february februar", "mar march mär märz maerz", "apr april",
    "may mai", "jun june juni", "jul july juli", "aug august", "sep sept september",
    "oct october okt oktober", "nov november", "dec december dez dezember")) for m in names.split()}
_D_MON_Y = re.compile(r"^(\d{1,2})[-. ]+([A-Za-zä]{3,9})\.?[-. ,]+(\d{4}|\d{2})$")
_MON_D_Y = re.compile(r"^([A-Za-zä]{3,9})\.? (\d{1,2}),? (\d{4})$")


@dataclass(frozen=True)
class DateCell:
    """A date cell: year, the two other parts as written, separator and time (or None)."""

    year: int
    first: int
    second: int
    sep: str
    ymd: bool                       # year first: the order of the parts is known
    time: tuple[int, int, int] | None
    iso: str = ""                   # an ISO date-time with a zone, kept as written

    def day(self, day_first: bool) -> dt.date | None:
        """The date with day/month read in the given order (year-first cells ignore it)."""
        month, day = (self.first, self.second) if self.ymd or not day_first else \
            (self.second, self.first)
        try:
            return dt.date(self.year, month, day)
        except ValueError:
            return None

    def iso_text(self, day_first: bool, as_datetime: bool) -> str | None:
        """ISO 8601 text (``2014-01-01`` / ``2014-01-01T10:30:00``) or None if invalid."""
        if self.iso:
            return self.iso
        day = self.day(day_first)
        if day is None:
            return None
        if not as_datetime:
            return day.isoformat()
        h, m, s = self.time or (0, 0, 0)
        return f"{day.isoformat()}T{h:02d}:{m:02d}:{s:02d}"


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:              # Excel's rule: 00-29 → 2000s, 30-99 → 1900s
        y += 2000 if y < 30 else 1900
    return y


def _time(m: re.Match[str], at: int) -> tuple[int, int, int] | None | bool:
    if m[at] is None:
        return None
    h, mi, s = int(m[at]), int(m[at + 1]), int(m[at + 2] or 0)
    ampm = (m[at + 3] or "").lower().replace(".", "")
    if ampm:
        if not 1 <= h <= 12:
            return False
        h = h % 12 + (12 if ampm == "pm" else 0)
    if h > 23 or mi > 59 or s > 59:
        return False
    return h, mi, s


def read_date(text: str) -> DateCell | None:
    """The cell as a date (with or without a time), or None."""
    return _read_date(text) if len(text) <= MAX_CELL else None


@functools.lru_cache(maxsize=4096)
def _read_date(text: str) -> DateCell | None:
    t = text.strip()
    m = _ISO_DT.match(t)
    if m:
        return DateCell(int(m[1]), int(m[2]), int(m[3]), "-", True,
                        (int(m[4]), int(m[5]), int(m[6] or 0)),
                        f"{m[1]}-{m[2]}-{m[3]}T{m[4]}:{m[5]}:{m[6] or '00'}{m[7]}")
    m = _YMD.match(t)
    if m:
        time = _time(m, 5)
        if time is False:
            return None
        cell = DateCell(int(m[1]), int(m[3]), int(m[4]), m[2], True, time or None)
        return cell if cell.day(False) else None
    m = _D_MON_Y.match(t)           # 05-Jan-14, 5. März 2024
    if m and m[2].lower() in _MONTHS:
        cell = DateCell(_year(m[3]), _MONTHS[m[2].lower()], int(m[1]), "m", True, None)
        return cell if cell.day(False) else None
    m = _MON_D_Y.match(t)           # Jan 5, 2024
    if m and m[1].lower() in _MONTHS:
        cell = DateCell(int(m[3]), _MONTHS[m[1].lower()], int(m[2]), "m", True, None)
        return cell if cell.day(False) else None
    m = _DMY.match(t)
    if m:
        time = _time(m, 5)
        if time is False or not (1 <= int(m[1]) <= 31 and 1 <= int(m[3]) <= 31):
            return None
        return DateCell(_year(m[4]), int(m[1]), int(m[3]), m[2], False, time or None)
    return None
