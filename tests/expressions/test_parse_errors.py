"""Every syntax error, with its exact span and suggestion; size limits never recurse."""

from __future__ import annotations

import pytest

from designer.expressions import MAX_DEPTH, MAX_LENGTH, ExpressionError, parse

CASES = [
    # text, message, start, end, suggestion
    ("", "expression is empty", 0, 0, None),
    ("   ", "expression is empty", 0, 3, None),
    ("(a + b))", "unexpected ')'", 7, 8, None),
    ("customer.name)", "unexpected ')'", 13, 14, None),
    ("a b", "unexpected name 'b'", 2, 3, None),
    ("1 2", "unexpected number 2", 2, 3, None),
    ('a "x"', 'unexpected text "x"', 2, 5, None),
    ("a +", "expected a value after '+'", 3, 3, None),
    ("not", "expected a value after 'not'", 3, 3, None),
    ("a and", "expected a value after 'and'", 5, 5, None),
    ("f(1,", "expected a value after ','", 4, 4, None),
    ("f(1,)", "unexpected ')'", 4, 5, None),
    ("f(,1)", "unexpected ','", 2, 3, None),
    ("f(1 2)", "unexpected number 2; expected ',' or ')'", 4, 5, None),
    ("upper(x", "unclosed '('", 5, 6, None),
    ("(1 + 2", "unclosed '('", 0, 1, None),
    ("(1 + 2 3)", "unexpected number 3; expected ')'", 7, 8, None),
    ("* 2", "unexpected '*'", 0, 1, None),
    ("+2", "unexpected '+'", 0, 1, None),
    ("()", "unexpected ')'", 1, 2, None),
    ("a < b < c", "comparisons cannot be chained; combine them with `and`", 6, 7, None),
    ("a == b != c", "comparisons cannot be chained; combine them with `and`", 7, 9, None),
    ("a.", "expected a field name after '.', found end of expression", 1, 2, None),
    ("a..b", "expected a field name after '.', found '.'", 2, 3, None),
    ("a.1", "expected a field name after '.', found number 1", 2, 3, None),
    ("a.not", "expected a field name after '.', found 'not'", 2, 5, None),
    ("a.b(1)", "`a.b` is not a function; only function names can be called", 0, 4, None),
    ("x = 1", "unexpected character '='", 2, 3, "=="),
    ("!x", "unexpected character '!'", 0, 1, "not"),
    ("a && b", "unexpected character '&&'", 2, 4, "and"),
    ("a || b", "unexpected character '||'", 2, 4, "or"),
    ("a & b", "unexpected character '&'", 2, 3, "and"),
    ("\u201chi\u201d", "unexpected character '\u201c'", 0, 1, '"'),
    ("a # b", "unexpected character '#'", 2, 3, None),
    ("a[0]", "unexpected character '['", 1, 2, None),
    ("x ? 1 : 2", "unexpected character '?'", 2, 3, None),
    ('"abc', "unterminated text", 0, 4, '"abc"'),
    ("x + 'ab", "unterminated text", 4, 7, "'ab'"),
    ('"ab\\', "unterminated text", 0, 4, None),
    ('"a\\qb"', "unknown escape '\\q'", 2, 4, "\\\\q"),
    ('"\\u12"', "'\\u' needs exactly 4 hex digits", 1, 5, None),
    ('"\\uZZZZ"', "'\\u' needs exactly 4 hex digits", 1, 3, None),
    (".5", "a number must start with a digit", 0, 2, "0.5"),
    ("1 + .25", "a number must start with a digit", 4, 7, "0.25"),
    ("1.", "expected a digit after '.'", 0, 2, "1.0"),
    ("1..2", "expected a digit after '.'", 0, 2, "1.0"),
    ("12abc", "invalid number '12abc'", 0, 5, None),
    ("1.5x", "invalid number '1.5x'", 0, 4, None),
    ("1.total", "a number has no fields", 0, 2, None),
    ("1.5.2", "a number has no fields", 0, 4, None),
]


@pytest.mark.parametrize(("text", "message", "start", "end", "suggestion"), CASES)
def test_error_position(text: str, message: str, start: int, end: int,
                        suggestion: str | None) -> None:
    with pytest.raises(ExpressionError) as info:
        parse(text)
    err = info.value
    assert (err.message, err.start, err.end, err.suggestion) == (message, start, end, suggestion)


def test_str_includes_position_and_suggestion() -> None:
    with pytest.raises(ExpressionError) as info:
        parse("(1 + 2) * 3)")
    assert str(info.value) == "unexpected ')' at 11"
    with pytest.raises(ExpressionError) as info:
        parse("a = b")
    assert str(info.value) == "unexpected character '=' at 2; did you mean `==`?"


def test_is_a_value_error_and_pickles() -> None:
    import pickle
    err = ExpressionError("boom", 1, 2, "fix")
    assert isinstance(err, ValueError)
    again = pickle.loads(pickle.dumps(err))
    assert (again.message, again.start, again.end, again.suggestion) == ("boom", 1, 2, "fix")


def test_length_limit() -> None:
    ok = "a" * MAX_LENGTH
    assert parse(ok)
    with pytest.raises(ExpressionError) as info:
        parse(ok + " ")
    assert (info.value.start, info.value.end) == (MAX_LENGTH, MAX_LENGTH + 1)
    assert "too long" in info.value.message


@pytest.mark.parametrize("build", [
    lambda n: "(" * n + "x" + ")" * n,
    lambda n: "-" * n + "1",
    lambda n: "not " * n + "x",
    lambda n: "f(" * n + ")" * n,
    lambda n: "1" + "+1" * n,
    lambda n: "1" + " or 1" * n,
    lambda n: "a * (" * n + "b" + ")" * n,
])
def test_depth_limit_boundary(build) -> None:  # type: ignore[no-untyped-def]
    parse(build(MAX_DEPTH - 1))
    with pytest.raises(ExpressionError) as info:
        parse(build(MAX_DEPTH + 1))
    assert "nested too deeply" in info.value.message


@pytest.mark.parametrize("text", ["(" * 3999, "-" * 3999 + "1", "not " * 999 + "x",
                                  "1" + "+1" * 1999, "f(" * 1999, "1" + "*-1" * 1333])
def test_pathological_input_is_an_expression_error(text: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert 0 <= info.value.start <= info.value.end <= len(text)
