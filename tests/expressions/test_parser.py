"""Parsing: every construct, precedence, spans and the canonical printer."""

from __future__ import annotations

from decimal import Decimal

import pytest

from designer.expressions import (BOOLEAN, DECIMAL, INTEGER, NULL, STRING, Binary, Call, Literal,
                                  Path, Unary, parse, unparse)


def lit(value: object) -> Literal:
    types = {bool: BOOLEAN, int: INTEGER, str: STRING, Decimal: DECIMAL, type(None): NULL}
    return Literal(value, types[type(value)])


def p(*parts: str) -> Path:
    return Path(parts)


@pytest.mark.parametrize(("text", "value"), [
    ('"hello"', "hello"), ("'hi'", "hi"), ('""', ""),
    (r'"a\"b"', 'a"b'), (r"'a\'b'", "a'b"), (r'"a\\b"', "a\\b"), (r'"a\nb"', "a\nb"),
    (r'"a\tb"', "a\tb"), (r'"\u00e9\u00C9"', "éÉ"), (r'"\ud83d\ude00"', "😀"),
    ('"it\'s"', "it's"), ("'say \"hi\"'", 'say "hi"'), ('"—€"', "—€"),
    ("42", 42), ("007", 7), ("3.75", Decimal("3.75")), ("1.50", Decimal("1.50")),
    ("true", True), ("false", False), ("null", None),
])
def test_literals(text: str, value: object) -> None:
    node = parse(text)
    assert node == lit(value)
    assert (node.start, node.end) == (0, len(text))


def test_decimal_keeps_its_digits() -> None:
    node = parse("1.50")
    assert isinstance(node, Literal) and str(node.value) == "1.50" and node.type == DECIMAL


def test_paths_and_spans() -> None:
    node = parse("  customer . address.city ")
    assert node == p("customer", "address", "city")
    assert (node.start, node.end) == (2, 25)
    assert parse("_a1.B_2") == p("_a1", "B_2")


def test_calls() -> None:
    assert parse("today()") == Call("today", ())
    node = parse('format_currency(order.total, "EUR")')
    assert node == Call("format_currency", (p("order", "total"), lit("EUR")))
    assert (node.start, node.end) == (0, 35)
    assert parse("if(a, b, c)") == Call("if", (p("a"), p("b"), p("c")))


def test_unary() -> None:
    assert parse("-x") == Unary("-", p("x"))
    assert parse("not x") == Unary("not", p("x"))
    assert parse("- -2") == Unary("-", Unary("-", lit(2)))
    assert parse("not not x") == Unary("not", Unary("not", p("x")))
    assert parse("-2") == Unary("-", lit(2))  # no constant folding


@pytest.mark.parametrize("op", ["+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=",
                                "and", "or"])
def test_every_binary_operator(op: str) -> None:
    node = parse(f"a {op} b")
    assert node == Binary(op, p("a"), p("b"))
    assert (node.start, node.end) == (0, 4 + len(op))


@pytest.mark.parametrize(("text", "expected"), [
    ("a + b * c", "a + (b * c)"),
    ("a * b + c", "(a * b) + c"),
    ("a - b - c", "(a - b) - c"),
    ("a / b * c", "(a / b) * c"),
    ("a % b * c", "(a % b) * c"),
    ("-a * b", "(-a) * b"),
    ("a * -b", "a * (-b)"),
    ("a + b > c * d", "(a + b) > (c * d)"),
    ("a == b and c != d", "(a == b) and (c != d)"),
    ("a or b and c", "a or (b and c)"),
    ("a and b or c", "(a and b) or c"),
    ("not a and b", "(not a) and b"),
    ("not a == b", "not (a == b)"),
    ("not a or b", "(not a) or b"),
    ("a * (b + c)", "a * (b + c)"),
    ("order.total * 1.2 > 100 and not customer.blocked",
     "((order.total * 1.2) > 100) and (not customer.blocked)"),
])
def test_precedence(text: str, expected: str) -> None:
    assert parse(text) == parse(expected)


def test_precedence_shape() -> None:
    assert parse("1 + 2 * 3") == Binary("+", lit(1), Binary("*", lit(2), lit(3)))
    assert parse("1 - 2 - 3") == Binary("-", Binary("-", lit(1), lit(2)), lit(3))


def test_parenthesised_operand_span_includes_parens() -> None:
    node = parse("(a + b) * c")
    assert isinstance(node, Binary) and (node.start, node.end) == (0, 11)
    assert (node.left.start, node.left.end) == (1, 6)


def test_spec_examples_parse() -> None:
    node = parse('if(len(orders) > 0, format_currency(sum(orders, "total"), "EUR"), "—")')
    assert isinstance(node, Call) and node.name == "if" and len(node.args) == 3
    assert parse('t("greeting")') == Call("t", (lit("greeting"),))
    concat = parse('upper(customer.city) + " (" + customer.country + ")"')
    assert isinstance(concat, Binary) and concat.right == lit(")")


def test_whitespace_is_free() -> None:
    assert parse("\t a\n+\r\nb ") == parse("a+b")


def test_keywords_are_reserved_but_if_is_a_function() -> None:
    assert parse("if(true, 1, 2)") == Call("if", (lit(True), lit(1), lit(2)))
    assert parse("android and ornament") == Binary("and", p("android"), p("ornament"))
    assert parse("nothing") == p("nothing")


@pytest.mark.parametrize(("text", "canonical"), [
    ("a+b*c", "a + b * c"),
    ("(a+b)*c", "(a + b) * c"),
    ("a-(b-c)", "a - (b - c)"),
    ("(a == b) == c", "(a == b) == c"),
    ("1 + (not x)", "1 + (not x)"),
    ("not (a and b)", "not (a and b)"),
    ("-(a * b)", "-(a * b)"),
    ("- -2", "--2"),
    ("f( a ,b )", "f(a, b)"),
    ("'it\\'s'", '"it\'s"'),
    ('"tab\there"', '"tab\\there"'),
    ('"\\u0001"', '"\\u0001"'),
    ("2.50", "2.50"),
])
def test_unparse_is_canonical(text: str, canonical: str) -> None:
    assert unparse(parse(text)) == canonical
    assert parse(canonical) == parse(text)


def test_unparse_constructed_decimal() -> None:
    assert unparse(Literal(Decimal("1E+2"), DECIMAL)) == "100.0"
    assert parse(unparse(Literal(Decimal("1E+2"), DECIMAL))) == Literal(Decimal(100), DECIMAL)
