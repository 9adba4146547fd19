"""Completion at the cursor: roots, functions, record fields and text keys."""

from __future__ import annotations

import pytest

from designer.expressions import complete

from .sample import scope


def at_end(text: str) -> list[str]:
    return complete(text, len(text), scope())


def test_roots_and_functions() -> None:
    assert at_end("c") == ["coalesce", "concat", "contains", "count", "counts", "customer"]
    assert at_end("ord") == ["order", "orders"]
    assert at_end("1 + up") == ["upper"]
    assert "today" in at_end("to") and "t" in at_end("t")


def test_empty_prefix_lists_everything() -> None:
    found = at_end("")
    assert {"customer", "order", "orders", "counts", "upper", "t", "if"} <= set(found)
    assert len(found) == len(set(found))


def test_fields_of_a_record() -> None:
    assert at_end("customer.") == sorted(["name", "first_name", "last_name", "city", "country",
                                          "email", "phone", "blocked", "photo", "location",
                                          "status", "orders", "since"], key=str.lower)
    assert at_end("customer.c") == ["city", "country"]
    assert at_end("upper(order.customer.na") == ["name"]
    assert at_end("order.customer.orders.") == []  # a list has no fields
    assert at_end("customer.name.") == []
    assert at_end("nobody.") == []


def test_case_insensitive_with_exact_case_first() -> None:
    assert at_end("CU") == ["customer"]
    assert at_end("customer.CI") == ["city"]


def test_cursor_in_the_middle_uses_text_before_it() -> None:
    text = "upper(customer.na) + order.to"
    assert complete(text, text.index(")"), scope()) == ["name"]
    assert complete(text, 3, scope()) == ["upper"]
    assert complete(text, len(text), scope()) == ["total"]


@pytest.mark.parametrize("text", ['"customer.', "'abc", "12.", "1.5", "x.1", "a..", '"x" + "cu'])
def test_nothing_inside_strings_or_numbers(text: str) -> None:
    assert at_end(text) == []


def test_text_keys_inside_t() -> None:
    assert at_end('t("') == ["farewell", "greeting"]
    assert at_end("t( 'gr") == ["greeting"]
    assert at_end('upper(t("f') == ["farewell"]
    assert at_end('concat("x", "g') == []
    assert at_end('at("g') == []


def test_cursor_is_clamped() -> None:
    assert complete("cust", 99, scope()) == ["customer"]
    assert complete("cust", -5, scope()) == at_end("")
