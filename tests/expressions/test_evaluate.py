"""The preview interpreter against sample dicts; odd data gives None, never an exception."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from designer.expressions import FUNCTIONS, ExpressionError, check, evaluate, parse

from .sample import env, scope

TODAY = date(2024, 5, 1)
NOW = datetime(2024, 5, 1, 14, 30)
STRINGS = {"greeting": "Hello", "farewell": "Bye"}


def run(text: str, data: dict[str, Any] | None = None) -> Any:
    return evaluate(text, env() if data is None else data, STRINGS, TODAY, now=NOW)


@pytest.mark.parametrize(("text", "expected"), [
    ("customer.name", "Ada"),
    ('upper(customer.city) + " (" + customer.country + ")"', "LONDON (UK)"),
    ("order.total * 1.2 > 100 and not customer.blocked", True),
    ('if(len(orders) > 0, format_currency(sum(orders, "total"), "EUR"), "—")', "€120.50"),
    ('if(len(orders) > 5, 1, "—")', "—"),
    ('t("greeting")', "Hello"), ('t("missing")', "missing"),
    ("1 + 2 * 3", 7), ("(1 + 2) * 3", 9), ("7 / 2", 3.5), ("-7 % 3", 2), ("7 % -3", -2),
    ("10 / 4 * 2", 5.0), ("1.5 + 1", 2.5), ("-order.discount", -5),
    ('"n=" + 10 / 2', "n=5"), ('"x" + 1.25', "x1.25"), ('"ok: " + true', "ok: true"),
    ('"p" + customer.phone', "p"), ('customer.since + "!"', "2020-02-29!"),
    ("1 == 1.0", True), ("1 != 2", True), ("true == 1", False), ('"a" < "b"', True),
    ("null == null", True), ("customer.phone == null", True), ("customer.phone != null", False),
    ("null < 1", False), ("null >= null", False), ("2 >= 2", True), ("2 <= 1", False),
    ('customer.status == "active"', True),
    ("not null", True), ("null or true", True), ("null and true", False),
    ("customer.since < today()", True), ('today() == "2024-05-01"', True),
    ('order.placed_on < "2024-04-01"', True), ("now() > today()", True),
    ('sum(orders, "total")', 120.5), ('sum(orders, "discount")', 5), ("sum(counts)", 6),
    ('avg(orders, "quantity")', 1.5), ("count(orders)", 2), ("len(customer.name)", 3),
    ("len(orders)", 2), ("min(3, 2.5)", 2.5), ("max(order.total - 10, 0)", 90.0),
    ("round(2.5)", 3.0), ("round(-2.5)", -3.0), ("round(7)", 7), ("round(2.675, 2)", 2.68), ("round(1.25, 1)", 1.3),
    ('contains(customer.email, "@")', True), ('contains(customer.email, "#")', False),
    ('concat(customer.first_name, " ", customer.last_name)', "Ada Lovelace"),
    ('concat("a", null, 2.0, false)', "a2false"),
    ("coalesce(customer.phone, customer.email)", "ada@example.org"),
    ("coalesce(null, null)", None),
    ('mask("+44 20 7946 0958")', "••••••••••••0958"), ('mask("+44 20 7946", 2)', "•••••••••46"),
    ('mask("12")', "12"), ('mask("abc", 0)', "•••"), ('mask("😀ab😀", 1)', "•••😀"),
    ("mask(customer.phone)", None), ("mask(customer.email, 3)", "••••••••••••org"),
    ("upper(customer.name)", "ADA"), ("lower(customer.name)", "ada"), ('trim("  x ")', "x"),
    ("format_number(1234567.891, 2)", "1,234,567.89"), ("format_number(2.5)", "3"),
    ('format_currency(-1234.5, "USD")', "-$1,234.50"), ('format_currency(1234.5, "CHF")',
                                                         "1,234.50 CHF"),
    ('format_currency(1234.5, "JPY")', "¥1,235"), ("format_currency(-0.001)", "€0.00"),
    ("format_date(order.placed_on)", "5 Mar 2024"),
    ('format_date(order.placed_on, "long")', "Tuesday, 5 March 2024"),
    ('format_date(order.placed_on, "iso")', "2024-03-05"),
    ('format_date(now(), "short")', "1 May 2024 14:30"), ("today()", TODAY), ("now()", NOW),
])
def test_values(text: str, expected: Any) -> None:
    result = run(text)
    assert result == expected and type(result) is type(expected)


@pytest.mark.parametrize("text", [
    "1 / 0", "1 % 0", "1.5 / 0.0", "customer.missing.deeper", "order.customer.name.first",
    "customer.name * 2", "-customer.name", "upper(order.total)", "len(order.total)",
    'sum(customer, "total")', 'avg(orders, "note")', "count(customer)", "min(null, 1)",
    'format_date("not a date")', 'format_date(today(), "weird")', "round(1.5, -1)",
    "format_number(1, 99)", 'contains(null, "x")', "customer.phone + null",
    "1e300", "nobody", "nobody.at.all",
])
def test_odd_data_gives_none(text: str) -> None:
    try:
        parse(text)
    except ExpressionError:
        return
    assert run(text) is None


def test_overflow_gives_none() -> None:
    big = "9" * 200
    assert run(f"{big}.0 * {big}.0") is None
    assert run(f"{big} * {big}") == int(big) ** 2


def test_odd_sample_data_never_raises() -> None:
    weird: dict[str, Any] = {"customer": {"name": 5, "blocked": "yes", "orders": "nope",
                                          "since": "garbage", "status": ["x"]},
                             "order": ["not", "a", "dict"], "orders": {"total": 1},
                             "counts": [1, "2", None, True, 3.5]}
    for text in ["upper(customer.name)", "not customer.blocked", "count(customer.orders)",
                 "customer.since < today()", 'customer.status == "active"', "order.total + 1",
                 'sum(orders, "total")', "sum(counts)", "avg(counts)", "len(customer.status)",
                 'concat(customer.status, "x")', '"a" + customer.status',
                 "customer.since == today()", "format_date(customer.since)"]:
        run(text, weird)
    assert run("sum(counts)", weird) == 4.5
    assert run("not customer.blocked", weird) is True


def test_decimal_and_date_objects_in_data() -> None:
    data = {"order": {"total": Decimal("10.5"), "placed_on": date(2024, 1, 2)}}
    assert run("order.total * 2", data) == 21.0
    assert run('format_date(order.placed_on, "iso")', data) == "2024-01-02"
    assert run('order.placed_on == "2024-01-02"', data) is True
    assert run("order.placed_on < now()", data) is True


def test_defaults_for_today_and_now() -> None:
    assert evaluate("today()", {}) == date.today()
    assert evaluate("now()", {}, today=TODAY).date() == TODAY
    assert evaluate('t("greeting")', {}) == "greeting"


def test_static_problems_raise_expression_errors() -> None:
    with pytest.raises(ExpressionError):
        evaluate("nope(1)", {})
    with pytest.raises(ExpressionError):
        evaluate("upper()", {})
    with pytest.raises(ExpressionError):
        evaluate("1 +", {})


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_registry_example_checks_and_evaluates(name: str) -> None:
    example = FUNCTIONS[name].example
    assert example.startswith(name + "(")
    check(example, scope())
    run(example)
