"""Property tests: parse fails only with ExpressionError in bounds; unparse round-trips."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from designer.expressions import (BOOLEAN, DECIMAL, FUNCTIONS, INTEGER, NULL, STRING, Binary,
                                  Call, ExpressionError, Literal, Node, Path, Unary, check,
                                  compile_expr, evaluate, parse, unparse)
from designer.expressions.lexer import KEYWORDS

from .sample import env, scope

EXPRESSION_ALPHABET = st.sampled_from(list("()+-*/%<>=!.,\"'\\ \t\nabntux_019&|") +
                                      ["and", "or", "not", "null", "true", "upper", "if", "u00e9",
                                       "customer", "order.total", "\u2028", "é"])
expression_like = st.lists(EXPRESSION_ALPHABET, max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=200), expression_like)


def assert_error_in_bounds(text: str) -> Node | None:
    try:
        return parse(text)
    except ExpressionError as err:
        assert 0 <= err.start <= err.end <= len(text), (text, err.start, err.end)
        assert err.message and str(err)
        return None


@given(any_text)
@settings(max_examples=600)
def test_parse_raises_only_expression_error_in_bounds(text: str) -> None:
    assert_error_in_bounds(text)


@given(any_text)
@settings(max_examples=300)
def test_parsed_text_reprints_stably(text: str) -> None:
    node = assert_error_in_bounds(text)
    if node is not None:
        printed = unparse(node)
        assert parse(printed) == node
        assert unparse(parse(printed)) == printed


@given(st.integers(0, 3990), st.sampled_from(["(", "-", "not ", "f(", "1+", "x.y*(-"]))
@settings(max_examples=60)
def test_deep_input_never_recurses_out(size: int, unit: str) -> None:
    text = (unit * size)[:4000]
    assert_error_in_bounds(text + "1")


identifiers = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True).filter(
    lambda s: s not in KEYWORDS)
literals = st.one_of(
    st.text(max_size=12).map(lambda s: Literal(s, STRING)),
    st.integers(0, 10**20).map(lambda i: Literal(i, INTEGER)),
    st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False,
                allow_infinity=False).map(lambda d: Literal(d, DECIMAL)),
    st.booleans().map(lambda b: Literal(b, BOOLEAN)),
    st.just(Literal(None, NULL)),
)
leaves = st.one_of(literals, st.lists(identifiers, min_size=1, max_size=3).map(
    lambda parts: Path(tuple(parts))))
BINARY_OPS = ["+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "and", "or"]


def extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.one_of(
        st.builds(Unary, st.sampled_from(["-", "not"]), children),
        st.builds(Binary, st.sampled_from(BINARY_OPS), children, children),
        st.builds(Call, identifiers, st.lists(children, max_size=3).map(tuple)),
    )


trees = st.recursive(leaves, extend, max_leaves=25)


@given(trees)
@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
def test_generated_trees_round_trip(tree: Node) -> None:
    text = unparse(tree)
    assume(len(text) <= 4000)
    reparsed = parse(text)
    assert reparsed == tree
    assert unparse(reparsed) == text
    assert 0 == reparsed.start and reparsed.end == len(text)


SCOPE_PATHS = ["customer.name", "customer.blocked", "customer.status", "customer.since",
               "customer.phone", "order.total", "order.discount", "order.placed_on", "orders",
               "counts", "order.customer.orders", "customer.orders"]
typed_leaves = st.one_of(literals, st.sampled_from(SCOPE_PATHS).map(
    lambda p: Path(tuple(p.split(".")))), st.just(Literal("total", STRING)))


def typed_extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.one_of(
        st.builds(Unary, st.sampled_from(["-", "not"]), children),
        st.builds(Binary, st.sampled_from(BINARY_OPS), children, children),
        st.builds(Call, st.sampled_from(sorted(FUNCTIONS)),
                  st.lists(children, max_size=3).map(tuple)),
    )


typed_trees = st.recursive(typed_leaves, typed_extend, max_leaves=12)
WEIRD_ENV = {"customer": {"name": 5, "blocked": "yes", "status": None, "since": "x",
                          "orders": [None, {"total": "1"}, {"total": 2}]},
             "order": {"total": float("inf"), "discount": True, "placed_on": 3},
             "orders": "nope", "counts": [1, None, "2"]}


@given(typed_trees)
@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
def test_well_typed_trees_evaluate_and_compile_without_raising(tree: Node) -> None:
    try:
        check(tree, scope())
    except ExpressionError:
        return
    evaluate(tree, env())
    evaluate(tree, WEIRD_ENV)
    evaluate(tree, {})
    for dialect in ("js", "ts", "dart"):
        assert compile_expr(tree, dialect)


@given(expression_like)
@settings(max_examples=300)
def test_check_of_arbitrary_text_raises_only_expression_error(text: str) -> None:
    try:
        check(text, scope())
    except ExpressionError as err:
        assert 0 <= err.start <= err.end <= len(text)


def test_decimal_literal_round_trip_keeps_scale() -> None:
    tree = Literal(Decimal("2.500"), DECIMAL)
    assert unparse(tree) == "2.500" and str(parse(unparse(tree)).value) == "2.500"  # type: ignore[attr-defined]
