"""Type checking: result types, errors with spans and suggestions, recursion, paths()."""

from __future__ import annotations

import pytest

from designer.expressions import (ANY, BOOLEAN, DATE, DATETIME, DECIMAL, INTEGER, NULL, STRING,
                                  DictScope, EnumType, ExpressionError, ListType, RecordType,
                                  check, parse, paths)
from designer.expressions.types import is_assignable, unify

from .sample import CUSTOMER, ORDER, scope


@pytest.mark.parametrize(("text", "expected"), [
    ("customer.name", STRING),
    ("order.customer.orders", ListType(ORDER)),
    ("order.customer.orders", ListType(ORDER)),
    ('upper(customer.city) + " (" + customer.country + ")"', STRING),
    ("order.total * 1.2 > 100 and not customer.blocked", BOOLEAN),
    ('if(len(orders) > 0, format_currency(sum(orders, "total"), "EUR"), "—")', STRING),
    ('t("greeting")', STRING),
    ("1 + 2", INTEGER), ("1 + 2.5", DECIMAL), ("order.discount * 2", INTEGER),
    ("7 / 2", DECIMAL), ("7 % 2", INTEGER), ("-order.discount", INTEGER), ("-1.5", DECIMAL),
    ('"n=" + 3', STRING), ('customer.status + "!"', STRING), ('"on " + today()', STRING),
    ("null", NULL), ("null + 1", INTEGER), ("-null", INTEGER),
    ("customer.status", EnumType(("active", "inactive"))),
    ('customer.status == "active"', BOOLEAN), ("customer.since < today()", BOOLEAN),
    ("order.updated_at >= customer.since", BOOLEAN), ('today() == "2024-05-01"', BOOLEAN),
    ('order.updated_at < "2024-05-01T10:00"', BOOLEAN), ("customer.blocked == false", BOOLEAN),
    ("customer.phone == null", BOOLEAN), ("order.customer == customer", BOOLEAN),
    ('sum(orders, "discount")', INTEGER), ('sum(orders, "total")', DECIMAL),
    ("sum(counts)", INTEGER), ('avg(orders, "discount")', DECIMAL), ("count(orders)", INTEGER),
    ("min(1, 2)", INTEGER), ("max(order.total, 0)", DECIMAL), ("round(order.total, 2)", DECIMAL),
    ("round(order.discount)", INTEGER), ("coalesce(customer.phone, customer.email)", STRING),
    ('coalesce(null, customer.status, "x")', STRING), ("if(true, 1, 2.5)", DECIMAL),
    ("if(true, null, customer.name)", STRING), ('contains(customer.email, "@")', BOOLEAN),
    ("today()", DATE), ("now()", DATETIME), ("len(customer.name)", INTEGER),
    ('concat(customer.name, " ", order.total, today())', STRING),
    ('format_date(order.placed_on, "iso")', STRING), ("format_number(order.total, 2)", STRING),
    ("anything.goes.here + 1", ANY), ("anything * 2", DECIMAL), ("upper(anything)", STRING),
])
def test_types(text: str, expected: object) -> None:
    assert check(text, scope(anything=ANY)) == expected


def test_accepts_a_parsed_node() -> None:
    assert check(parse("customer.name"), scope()) == STRING


CASES = [
    # text, message, start, end, suggestion
    ("custmer.name", "unknown name `custmer`", 0, 12, "customer.name"),
    ("1 + custmer.name", "unknown name `custmer`", 4, 16, "customer.name"),
    ("customer.nmae", "Customer has no field `nmae`", 0, 13, "customer.name"),
    ("order.custmer.name", "Order has no field `custmer`", 0, 18, "order.customer.name"),
    ("order.customer.orderz", "Customer has no field `orderz`", 0, 21, "order.customer.orders"),
    ("zzz", "unknown name `zzz`", 0, 3, None),
    ("today", "unknown name `today`", 0, 5, "today()"),
    ("customer.orders.total", "`customer.orders` is a list<Order>; a list has no fields (use "
     "count, sum or avg)", 0, 21, 'sum(customer.orders, "total")'),
    ("customer.orders.note", "`customer.orders` is a list<Order>; a list has no fields (use "
     "count, sum or avg)", 0, 20, None),
    ("customer.name.first", "`customer.name` is a string and has no fields", 0, 19, None),
    ("order.updated_at.day", "`order.updated_at` is a datetime and has no fields", 0, 20, None),
    ("uper(customer.name)", "unknown function `uper`", 0, 4, "upper"),
    ("1 + formt_date(today())", "unknown function `formt_date`", 4, 14, "format_date"),
    ("zzqqx()", "unknown function `zzqqx`", 0, 5, None),
    ("upper()", "`upper` takes 1 argument, got 0", 0, 7, None),
    ("upper(a, b)", "`upper` takes 1 argument, got 2", 0, 11, None),
    ("format_currency()", "`format_currency` takes 1 to 2 arguments, got 0", 0, 17, None),
    ("concat()", "`concat` takes at least 1 argument, got 0", 0, 8, None),
    ("today(1)", "`today` takes 0 arguments, got 1", 0, 8, None),
    ("upper(order.total)", "`upper` expects string for `text`, got decimal", 6, 17, None),
    ("len(order.total)", "`len` expects string or list for `value`, got decimal", 4, 15, None),
    ("round(1.5, 1.5)", "`round` expects integer for `decimals`, got decimal", 11, 14, None),
    ("concat(1, orders)", "`concat` expects string or number or boolean or date for `values`, "
     "got list<Order>", 10, 16, None),
    ("concat(customer.photo)", "`concat` expects string or number or boolean or date for "
     "`values`, got image", 7, 21, None),
    ('order.placed_on < "soon"', '"soon" is not a date like "2024-03-05"', 18, 24, None),
    ('"2024-13-01" == today()', '"2024-13-01" is not a date like "2024-03-05"', 0, 12, None),
    ("customer.name - 1", "cannot subtract string and integer with `-`", 0, 17, None),
    ("orders + 1", "cannot add list<Order> and integer with `+`", 0, 10, None),
    ("true * 2", "cannot multiply boolean and integer with `*`", 0, 8, None),
    ('"a" + orders', "cannot join a list<Order> to text", 0, 12, None),
    ('customer.photo + "x"', "cannot join an image to text", 0, 20, None),
    ("-customer.name", "cannot negate a string", 0, 14, None),
    ("not customer.name", "`not` needs true/false, got string", 4, 17, None),
    ("customer.blocked and 1", "`and` needs true/false, got integer", 21, 22, None),
    ("customer.name or true", "`or` needs true/false, got string", 0, 13, None),
    ("if(customer.name, 1, 2)", "`if` expects boolean for `condition`, got string", 3, 16, None),
    ("if(true, 1, customer.name)", "the results of `if` must have the same type: integer and "
     "string", 12, 25, None),
    ("coalesce(1, 2, customer.name)", "the values of `coalesce` must have the same type: "
     "integer and string", 15, 28, None),
    ("customer.name < 3", "cannot compare string with integer using `<`", 0, 17, None),
    ("customer.blocked < true", "cannot compare boolean with boolean using `<`", 0, 23, None),
    ("customer == order", "cannot compare Customer with Order using `==`", 0, 17, None),
    ("orders == orders", "cannot compare list<Order> with list<Order> using `==`", 0, 16, None),
    ('customer.status == "activ"', '"activ" is not one of enum("active", "inactive")', 19, 26,
     '"active"'),
    ('"inactiv" != customer.status', '"inactiv" is not one of enum("active", "inactive")', 0, 9,
     '"inactive"'),
    ('customer.status == "zzz"', '"zzz" is not one of enum("active", "inactive")', 19, 24, None),
    ('t("greting")', "unknown text key `greting`", 2, 11, '"greeting"'),
    ('t("nope")', "unknown text key `nope`", 2, 8, None),
    ("t(customer.name)", '`t` needs a quoted text key, like t("greeting")', 2, 15, None),
    ('sum(orders, "totl")', "Order has no field `totl`", 12, 18, '"total"'),
    ('sum(orders, "note")', "`sum` needs a number field; `note` is string", 12, 18, None),
    ("sum(orders, customer.name)", 'the field name must be quoted text, like "total"', 12, 25,
     None),
    ("sum(orders)", '`sum` needs a field name for a list<Order>, e.g. sum(items, "total")', 0, 11,
     None),
    ('avg(counts, "x")', "items of a list<integer> have no fields", 12, 15, None),
    ("count(customer)", "`count` expects list for `list`, got Customer", 6, 14, None),
    ('format_date(today(), "shrt")', 'the pattern must be "short", "long" or "iso"', 21, 27,
     '"short"'),
    ('format_currency(1, "eur")', 'a currency code is 3 capital letters, like "EUR"', 19, 24,
     None),
]


@pytest.mark.parametrize(("text", "message", "start", "end", "suggestion"), CASES)
def test_errors(text: str, message: str, start: int, end: int, suggestion: str | None) -> None:
    with pytest.raises(ExpressionError) as info:
        check(text, scope())
    err = info.value
    assert (err.message, err.start, err.end, err.suggestion) == (message, start, end, suggestion)
    if suggestion is not None and "sum(" not in suggestion and "()" not in suggestion:
        fixed = text[:start] + suggestion + text[end:]
        check(fixed, scope())  # the quick fix type-checks


def test_error_str_has_did_you_mean() -> None:
    with pytest.raises(ExpressionError) as info:
        check("customer.nmae", scope())
    assert str(info.value) == "Customer has no field `nmae` at 0; did you mean `customer.name`?"


def test_suggestion_is_case_insensitive() -> None:
    with pytest.raises(ExpressionError) as info:
        check("Customer.Name", scope())
    assert info.value.suggestion == "customer.Name"


def test_recursive_records_resolve_lazily() -> None:
    node = RecordType("Node", lambda: {"parent": node, "children": ListType(node),
                                       "label": STRING})
    deep = "n" + ".parent" * 50 + ".label"
    assert check(deep, DictScope({"n": node})) == STRING
    assert check("count(n.parent.children)", DictScope({"n": node})) == INTEGER
    assert ListType(node).describe() == "list<Node>"
    assert node == RecordType("Node", dict) and hash(node) == hash(RecordType("Node", dict))


def test_mutually_recursive_sample_types() -> None:
    text = "order.customer.orders"
    assert check(text, scope()) == ListType(ORDER)
    assert CUSTOMER.field("orders") == ListType(ORDER)
    assert ORDER.field("customer") is CUSTOMER


def test_type_helpers() -> None:
    status = EnumType(("a", "b"))
    assert is_assignable(INTEGER, DECIMAL) and not is_assignable(DECIMAL, INTEGER)
    assert is_assignable(status, STRING) and is_assignable(NULL, CUSTOMER)
    assert is_assignable(EnumType(("a",)), status) and not is_assignable(status, EnumType(("a",)))
    assert is_assignable(ListType(INTEGER), ListType(DECIMAL))
    assert unify(status, EnumType(("c",))) == EnumType(("a", "b", "c"))
    assert unify(ListType(INTEGER), ListType(DECIMAL)) == ListType(DECIMAL)
    assert unify(STRING, INTEGER) is None and unify(NULL, DATE) == DATE
    assert status.describe() == 'enum("a", "b")'
    assert EnumType(tuple("abcdefg")).describe().endswith(", …)")


def test_paths() -> None:
    node = parse('if(customer.blocked, t("x"), concat(customer.name, order.customer.city)) '
                 '+ sum(orders, "total") + sum(order.customer.orders, "total") + count(orders)')
    assert paths(node) == {
        ("customer", "blocked"), ("customer", "name"), ("order", "customer", "city"),
        ("orders",), ("orders", "total"), ("order", "customer", "orders"),
        ("order", "customer", "orders", "total"),
    }
    assert paths(parse("1 + 2")) == set()
