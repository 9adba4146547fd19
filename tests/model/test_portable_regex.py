"""Pattern rules: the checker agrees with the JavaScript engine the exported apps compile with.

React Native compiles ``new RegExp(p, "u")``, Flutter ``RegExp(p, unicode: true)`` (same
grammar) and the PWA ``new RegExp(p, "u")``; node runs the same V8 engine here.
"""

from __future__ import annotations

import json
import shutil
import subprocess

from hypothesis import given, settings
from hypothesis import strategies as st

from designer.model.portable_regex import pattern_error

NODE = shutil.which("node")
PIECES = list("ab()[]{}|^$.*+?\\-,0129:=!<>PpkuxcdwsbBLn_/") + [
    "{2}", "{1,3}", "(?<n>", "\\k<n>", "\\p{L}", "\\u{1F600}", "(?:", "(?=", "(?<=", "\\u0041",
    "\\x4", "\\x41", "[^", "\\1", "😀"]
KNOWN = {
    "(ab": ("unclosed group: add `)`", 0),
    "a(b": ("unclosed group: add `)`", 1),
    "ab[cd": ("unclosed character class: add `]`", 2),
    "(?P<name>a)": ("`(?P<name>…)` is Python-only", 0),
    "x(?i)y": ("inline flags such as `(?i)` do not work", 1),
    "\\Aab": ("`\\A` is Python-only syntax; use `^`", 0),
    "a{2,1}": ("numbers out of order", 1),
    "[z-a]": ("range out of order", 1),
    "ab\\-": ("`\\-` is not a valid escape", 2),
    "a{": ("incomplete quantifier", 1),
    "[\\w-a]": ("cannot end a range", 1),
    "x**": ("nothing to repeat", 2),
    "a)": ("unmatched `)`", 1),
    "(a)\\2": ("back-reference `\\2` but the pattern has 1 group", 3),
    "\\p{Foo}": ("unknown Unicode property `Foo`", 0),
    "(?<n>a)(?<n>b)": ("duplicate group name `n`", 7),
}


def compiles_in_node(patterns: list[str]) -> list[bool]:
    assert NODE, "node is required for this test (./dev installs it)"
    js = ("const ps = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
          "console.log(JSON.stringify(ps.map(p => { try { new RegExp(p, 'u'); return true; }"
          " catch (e) { return false; } })))")
    out = subprocess.run([NODE, "-e", js], input=json.dumps(patterns), capture_output=True,
                         text=True, check=True, timeout=60)
    return json.loads(out.stdout)


def test_known_errors_name_the_problem_and_its_position() -> None:
    for pattern, (message, position) in KNOWN.items():
        error = pattern_error(pattern)
        assert error is not None, pattern
        assert message in error.message and error.position == position, (pattern, error)
    assert not any(compiles_in_node(list(KNOWN)))   # and JavaScript refuses them all


def test_valid_portable_patterns_pass() -> None:
    good = ["^[0-9]{5}$", "^[A-Z]{2}\\d{2}[A-Z0-9]{1,30}$", "(?<year>\\d{4})-\\k<year>",
            "\\p{L}+", "\\p{Script=Latin}", "[\\p{L}\\-' ]+", "(?<=€)\\d+", "\\u{1F600}",
            "a{2,}?", "[^]", "\\/", "[\\b]", "\\cJ", "", "😀|ä"]
    assert [pattern_error(p) for p in good] == [None] * len(good)
    assert all(compiles_in_node(good))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join),
                min_size=50, max_size=50))
def test_checker_agrees_with_javascript(patterns: list[str]) -> None:
    verdicts = compiles_in_node(patterns)
    for pattern, compiles in zip(patterns, verdicts):
        error = pattern_error(pattern)
        assert compiles == (error is None), (pattern, error)
        if error is not None:
            assert 0 <= error.position < max(len(pattern), 1)
