"""The Dart runtime is held to the behaviour table as far as it can be without a Dart SDK: the
Flutter export ships the table's rows as a Dart test (``test/runtime_cases_test.dart``), kept
in step with the table, and its parse tree is checked with tree-sitter-dart."""

from __future__ import annotations

from pathlib import Path

from designer.expressions import compile_expr

from tests.exporters_flutter.dart_parse import parse, parser
from tests.exporters_rn.helpers import example, export

from .cases import table
from .dart_cases import DART_TEST, dart_test, translated_count


def test_committed_dart_test_is_generated_from_the_current_table() -> None:
    assert DART_TEST.read_text("utf-8") == dart_test(), "run ./dev runtime and commit"


def _calls(node, name: str) -> int:  # noqa: ANN001 - a tree-sitter node
    count, stack = 0, [node]
    while stack:
        n = stack.pop()
        if n.type == "identifier" and n.text == name.encode() and n.next_sibling is not None \
                and n.next_sibling.type == "selector":
            count += 1
        stack.extend(n.children)
    return count


def test_flutter_export_ships_the_table_as_a_dart_test_that_parses(tmp_path: Path) -> None:
    out = tmp_path / "flutter"
    export("flutter", example(), out)
    source = (out / "test" / "runtime_cases_test.dart").read_bytes()
    assert parse(source).errors == []
    tree = parser().parse(source)
    assert _calls(tree.root_node, "test") == translated_count() >= 150
    text = source.decode("utf-8")
    assert "{%" not in text and "{{" not in text
    assert "import 'package:" in text and "/runtime/rt.dart';" in text
    for case in table("expressions")["cases"] + table("formatting")["cases"]:
        assert f"plain({compile_expr(case['expr'], 'dart')})" in text, case["expr"]
