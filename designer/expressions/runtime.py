"""Python reference runtime: the semantics every exporter's ``rt`` object must reproduce.

Operations never raise on odd data: anything that cannot be computed gives None (null).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

Number = int | float

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "INR": "₹", "CNY": "¥"}
ZERO_DECIMAL_CURRENCIES = frozenset({"JPY", "KRW", "VND", "CLP", "ISK"})
DATE_PATTERNS = ("short", "long", "iso")


@dataclass(frozen=True)
class EvalContext:
    """What functions may read besides their arguments."""

    today: date
    now: datetime
    strings: Mapping[str, str] = field(default_factory=dict)


# -- value helpers -----------------------------------------------------------------------------

def number(value: Any) -> Number | None:
    """``value`` as int/float, or None if it is not a number (booleans are not numbers)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    return None


def as_date(value: Any) -> date | None:
    """A date/datetime, or an ISO string parsed into one; None otherwise."""
    if isinstance(value, (date, datetime)):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


def text(value: Any) -> str | None:
    """How a value reads inside text: null is empty, 2.0 reads 2; lists and records give None."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (float, Decimal)):
        as_float = float(value)
        if math.isfinite(as_float) and as_float.is_integer() and abs(as_float) < 1e21:
            return str(int(as_float))
        return repr(as_float)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return None


# -- the operations compiled expressions call -------------------------------------------------

def get(root: Any, parts: Sequence[str]) -> Any:
    """Follow ``parts`` through nested mappings; null (or a non-record) anywhere gives null."""
    current = root
    for part in parts:
        if not isinstance(current, Mapping):
            return None
        current = current.get(part)
    return current


def truthy(value: Any) -> bool:
    """Only ``true`` is true; null and everything else is false."""
    return value is True


def add(a: Any, b: Any) -> Any:
    """Text concatenation if either side is text (null reads as empty), else numeric sum."""
    if isinstance(a, str) or isinstance(b, str):
        left, right = text(a), text(b)
        return None if left is None or right is None else left + right
    return _arith(a, b, lambda x, y: x + y)


def sub(a: Any, b: Any) -> Number | None:
    return _arith(a, b, lambda x, y: x - y)


def mul(a: Any, b: Any) -> Number | None:
    return _arith(a, b, lambda x, y: x * y)


def div(a: Any, b: Any) -> float | None:
    """True division; dividing by zero gives null."""
    return _arith(a, b, lambda x, y: None if y == 0 else x / y)


def mod(a: Any, b: Any) -> Number | None:
    """Floored remainder (sign of the divisor: -7 % 3 == 2); modulo zero gives null."""
    return _arith(a, b, lambda x, y: None if y == 0 else x % y)


def neg(a: Any) -> Number | None:
    x = number(a)
    return None if x is None else -x


def _arith(a: Any, b: Any, op: Any) -> Number | None:
    x, y = number(a), number(b)
    if x is None or y is None:
        return None
    try:
        result = op(x, y)
    except (ArithmeticError, ValueError):
        return None
    if isinstance(result, float) and not math.isfinite(result):
        return None
    return result


def compare(a: Any, b: Any) -> int | None:
    """-1/0/1 for two numbers, two texts or two dates (ISO text counts as a date); else None."""
    x, y = number(a), number(b)
    if x is None or y is None:
        x, y = (a, b) if isinstance(a, str) and isinstance(b, str) else (None, None)
    if x is None and (isinstance(a, (date, datetime)) or isinstance(b, (date, datetime))):
        x, y = _date_pair(as_date(a), as_date(b))
    if x is None or y is None:
        return None
    return (x > y) - (x < y)  # type: ignore[operator]


def _date_pair(a: date | None, b: date | None) -> tuple[Any, Any]:
    if a is None or b is None:
        return None, None
    if isinstance(a, datetime) != isinstance(b, datetime):
        a = a if isinstance(a, datetime) else datetime(a.year, a.month, a.day)
        b = b if isinstance(b, datetime) else datetime(b.year, b.month, b.day)
    if isinstance(a, datetime) and isinstance(b, datetime) and \
            (a.tzinfo is None) != (b.tzinfo is None):
        return None, None
    return a, b


def eq(a: Any, b: Any) -> bool:
    """Equality: null equals only null; numbers by value; dates against ISO text; never raises."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if (isinstance(a, (int, float, Decimal)) and isinstance(b, (int, float, Decimal))) or \
            isinstance(a, (date, datetime)) or isinstance(b, (date, datetime)):
        return compare(a, b) == 0
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 - odd user data must never break a preview
        return False


def ne(a: Any, b: Any) -> bool:
    return not eq(a, b)


def lt(a: Any, b: Any) -> bool:
    """Ordering comparisons are false when the values cannot be ordered (e.g. null)."""
    c = compare(a, b)
    return c is not None and c < 0


def le(a: Any, b: Any) -> bool:
    c = compare(a, b)
    return c is not None and c <= 0


def gt(a: Any, b: Any) -> bool:
    c = compare(a, b)
    return c is not None and c > 0


def ge(a: Any, b: Any) -> bool:
    c = compare(a, b)
    return c is not None and c >= 0


# -- formatting used by the functions ----------------------------------------------------------

def round_half_up(value: Number, decimals: int) -> Decimal:
    """``value`` rounded half away from zero to ``decimals`` places."""
    return Decimal(repr(value) if isinstance(value, float) else value).quantize(
        Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def grouped(value: Number, decimals: int) -> str | None:
    """``1234.5`` → ``1,234.50`` for decimals=2."""
    try:
        return f"{round_half_up(value, decimals):,.{decimals}f}"
    except (InvalidOperation, ValueError, OverflowError):
        return None


MASK_CHAR = "\u2022"


def mask(value: Any, visible: Any) -> str | None:
    """All but the last ``visible`` characters (code points) of text replaced by ``•``."""
    if not isinstance(value, str) or isinstance(visible, bool) or not isinstance(visible, int) \
            or visible < 0:
        return None
    hidden = max(len(value) - visible, 0)
    return MASK_CHAR * hidden + value[hidden:]


def format_date(value: Any, pattern: Any) -> str | None:
    """Format a date/datetime (or ISO text) as short ``5 Mar 2024``, long or iso."""
    d = as_date(value)
    if d is None or pattern not in DATE_PATTERNS:
        return None
    if pattern == "iso":
        return d.isoformat()
    clock = f" {d.hour:02d}:{d.minute:02d}" if isinstance(d, datetime) else ""
    if pattern == "short":
        return f"{d.day} {_MONTHS[d.month - 1][:3]} {d.year}{clock}"
    return f"{_WEEKDAYS[d.weekday()]}, {d.day} {_MONTHS[d.month - 1]} {d.year}{clock}"


def format_currency(value: Any, code: Any) -> str | None:
    """``1234.5, "EUR"`` → ``€1,234.50``; unknown codes read ``1,234.50 CHF``."""
    x = number(value)
    if x is None or not isinstance(code, str):
        return None
    digits = 0 if code in ZERO_DECIMAL_CURRENCIES else 2
    amount = grouped(abs(x), digits)
    if amount is None:
        return None
    sign = "-" if x < 0 and amount.strip("0.,") else ""
    symbol = CURRENCY_SYMBOLS.get(code)
    return f"{sign}{symbol}{amount}" if symbol else f"{sign}{amount} {code}"
