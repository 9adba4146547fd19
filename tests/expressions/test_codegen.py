"""compile_expr for every node type and dialect, and the string escapers (checked with node)."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from designer.expressions import (DART_RUNTIME_FUNCTIONS, DECIMAL, FUNCTIONS, RUNTIME_FUNCTIONS,
                                  Call, ExpressionError, Literal, compile_expr,
                                  dart_string_literal, js_string_literal, parse, runtime_functions,
                                  walk)

HOSTILE = [
    "", "plain", 'say "hi"', "it's", "back\\slash", "`tick` ${x} $x $ {y}", "</script><b>",
    "</SCRIPT>", "<!-- comment -->", "*/ /* */", "line\nbreak\r\n", "\t\x00\x1b\x7f\x85",
    "\u2028\u2029", "\u202a\u202b\u202c\u202d\u202e", "\u2066\u2067\u2068\u2069",
    "\u200e\u200f\u061c\ufeff", "e\u0301 ß 😀 中文", "\ud800 lone \udfff", "\\u0041", "'\"\\'\"",
    "${'`'}", "$", "\\", "\u2028<!--</script>", "end\\",
]
NODE = shutil.which("node")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u2028\u2029\u200e\u200f\u061c\ufeff]")


def node_eval(source: str) -> object:
    assert NODE, "node is required for these tests"
    out = subprocess.run([NODE, "-e", f"process.stdout.write(JSON.stringify({source}))"],
                         capture_output=True, text=True, timeout=60, encoding="utf-8")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_js_literals_evaluate_back_exactly_in_node() -> None:
    rng = random.Random(20240501)
    alphabet = list("ab\"'\\`$ {}</>!-*\n\r\t\x00\x1f\x7f\u2028\u2029\u202e\u2066\ud800é") + ["😀"]
    samples = HOSTILE + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
                         for _ in range(400)]
    source = "[" + ",".join(js_string_literal(s) for s in samples) + "]"
    assert node_eval(source) == samples


def test_js_literal_is_safe_text() -> None:
    for s in HOSTILE:
        lit = js_string_literal(s)
        assert lit.startswith('"') and lit.endswith('"')
        assert "</" not in lit.lower() and "<!--" not in lit
        assert not BIDI.search(lit) and not re.search("[\x00-\x1f\x7f-\x9f]", lit)
        assert not re.search("[\ud800-\udfff]", lit)
        lit.encode("utf-8")  # no lone surrogates left


def test_js_literal_exact_forms() -> None:
    assert js_string_literal('a"b\\c') == '"a\\"b\\\\c"'
    assert js_string_literal("</script>") == '"<\\/script>"'
    assert js_string_literal("<!--") == '"\\u003c!--"'
    assert js_string_literal("\n\r\t\u2028\u202e") == '"\\n\\r\\u0009\\u2028\\u202e"'
    assert js_string_literal("`${x}` */") == '"`${x}` */"'


def dart_decode(lit: str) -> str:
    """Decode the subset of Dart single-quoted literal syntax our escaper emits."""
    assert lit[0] == lit[-1] == "'"
    body, out, i = lit[1:-1], [], 0
    simple = {"\\": "\\", "'": "'", "$": "$", "n": "\n", "r": "\r"}
    while i < len(body):
        ch = body[i]
        assert ch not in "'$\n\r", f"unescaped {ch!r} in {lit!r}"
        if ch != "\\":
            out.append(ch)
            i += 1
        elif body[i + 1] in simple:
            out.append(simple[body[i + 1]])
            i += 2
        else:
            match = re.match(r"\\u\{([0-9A-F]{4,6})\}", body[i:])
            assert match, f"bad escape in {lit!r}"
            out.append(chr(int(match.group(1), 16)))
            i += match.end()
    return "".join(out)


def test_dart_literals() -> None:
    assert dart_string_literal("it's $x ${y}") == "'it\\'s \\$x \\${y}'"
    assert dart_string_literal("a\\b\n\u202e") == "'a\\\\b\\n\\u{202E}'"
    assert dart_string_literal("\x00") == "'\\u{0000}'"
    for s in HOSTILE:
        lit = dart_string_literal(s)
        assert dart_decode(lit) == s
        assert not BIDI.search(lit) and not re.search("[\x00-\x1f\x7f-\x9f\ud800-\udfff]", lit)


@given(st.text())
def test_escapers_round_trip_any_text(s: str) -> None:
    assert dart_decode(dart_string_literal(s)) == s
    assert json.loads(js_string_literal(s).replace("\\/", "/")) == s


@pytest.mark.parametrize(("text", "js", "dart"), [
    ('"hi"', '"hi"', "'hi'"), ("42", "42", "42"), ("1.50", "1.50", "1.50"),
    ("true", "true", "true"), ("false", "false", "false"), ("null", "null", "null"),
    ("customer.name", 'rt.get(s, ["customer", "name"])', "rt.get(s, ['customer', 'name'])"),
    ("x", 'rt.get(s, ["x"])', "rt.get(s, ['x'])"),
    ("-x", 'rt.neg(rt.get(s, ["x"]))', "rt.neg(rt.get(s, ['x']))"),
    ("not x", '!rt.truthy(rt.get(s, ["x"]))', "!rt.truthy(rt.get(s, ['x']))"),
    ("1 + 2", "rt.add(1, 2)", "rt.add(1, 2)"), ("1 - 2", "rt.sub(1, 2)", "rt.sub(1, 2)"),
    ("1 * 2", "rt.mul(1, 2)", "rt.mul(1, 2)"), ("1 / 2", "rt.div(1, 2)", "rt.div(1, 2)"),
    ("1 % 2", "rt.mod(1, 2)", "rt.mod(1, 2)"), ("1 == 2", "rt.eq(1, 2)", "rt.eq(1, 2)"),
    ("1 != 2", "rt.ne(1, 2)", "rt.ne(1, 2)"), ("1 < 2", "rt.lt(1, 2)", "rt.lt(1, 2)"),
    ("1 <= 2", "rt.le(1, 2)", "rt.le(1, 2)"), ("1 > 2", "rt.gt(1, 2)", "rt.gt(1, 2)"),
    ("1 >= 2", "rt.ge(1, 2)", "rt.ge(1, 2)"),
    ("a and b", '(rt.truthy(rt.get(s, ["a"])) && rt.truthy(rt.get(s, ["b"])))',
     "(rt.truthy(rt.get(s, ['a'])) && rt.truthy(rt.get(s, ['b'])))"),
    ("a or b", '(rt.truthy(rt.get(s, ["a"])) || rt.truthy(rt.get(s, ["b"])))',
     "(rt.truthy(rt.get(s, ['a'])) || rt.truthy(rt.get(s, ['b'])))"),
    ("upper(x)", 'rt.fn_upper(rt.get(s, ["x"]))', "rt.fnUpper(rt.get(s, ['x']))"),
    ("format_currency(1)", 'rt.fn_format_currency(1, "EUR")', "rt.fnFormatCurrency(1, 'EUR')"),
    ("format_date(today())", 'rt.fn_format_date(rt.fn_today(), "short")',
     "rt.fnFormatDate(rt.fnToday(), 'short')"),
    ("round(1.5)", "rt.fn_round(1.5, 0)", "rt.fnRound(1.5, 0)"),
    ("sum(xs)", 'rt.fn_sum(rt.get(s, ["xs"]), null)', "rt.fnSum(rt.get(s, ['xs']), null)"),
    ('concat("a", 1)', 'rt.fn_concat(["a", 1])', "rt.fnConcat(['a', 1])"),
    ("coalesce(a)", 'rt.fn_coalesce([rt.get(s, ["a"])])', "rt.fnCoalesce([rt.get(s, ['a'])])"),
    ("if(a, 1, 2)", 'rt.fn_if(rt.get(s, ["a"]), 1, 2)', "rt.fnIf(rt.get(s, ['a']), 1, 2)"),
    ('t("greeting")', 'rt.fn_t("greeting")', "rt.fnT('greeting')"),
    ('"$x" + "</script>"', 'rt.add("$x", "<\\/script>")', "rt.add('\\$x', '</script>')"),
])
def test_every_node_type(text: str, js: str, dart: str) -> None:
    assert compile_expr(parse(text), "js") == js
    assert compile_expr(parse(text), "ts") == js
    assert compile_expr(parse(text), "dart") == dart


def test_path_root_and_precedence_free_output() -> None:
    assert compile_expr("a.b", "js", path_root="state") == 'rt.get(state, ["a", "b"])'
    assert compile_expr("(1 + 2) * -3", "js") == "rt.mul(rt.add(1, 2), rt.neg(3))"
    assert compile_expr(Literal(Decimal("1E+2"), DECIMAL), "dart") == "100.0"


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        compile_expr("a", "python")
    with pytest.raises(ValueError):
        compile_expr("a", "js", path_root="s); alert(1")
    with pytest.raises(ExpressionError):
        compile_expr("nope(1)", "js")
    with pytest.raises(ExpressionError):
        compile_expr(Call("upper", ()), "dart")


def test_runtime_function_lists_cover_compiled_output() -> None:
    assert RUNTIME_FUNCTIONS == runtime_functions("js") == runtime_functions("ts")
    assert DART_RUNTIME_FUNCTIONS == runtime_functions("dart")
    assert len(set(RUNTIME_FUNCTIONS)) == len(RUNTIME_FUNCTIONS) == 14 + len(FUNCTIONS)
    everything = " + ".join(f.example for f in FUNCTIONS.values())
    everything += " + (-1 - 2 * 3 / 4 % 5) + (a == b and a != b or a < b and a <= b or a > b"
    everything += " and not a >= b)"
    for dialect, members in (("js", RUNTIME_FUNCTIONS), ("dart", DART_RUNTIME_FUNCTIONS)):
        used = set(re.findall(r"rt\.(\w+)\(", compile_expr(everything, dialect)))
        assert used == set(members)


def test_compiled_js_is_valid_syntax() -> None:
    tree = parse(" + ".join(f.example for f in FUNCTIONS.values()) + ' + "</script>\u2028"')
    assert all(n for n in walk(tree))
    code = compile_expr(tree, "js")
    assert node_eval(f"typeof new Function('rt', 's', {json.dumps('return ' + code)})") == \
        "function"
