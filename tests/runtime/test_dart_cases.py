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


def test_every_request_row_is_a_dart_test_of_request_dart(tmp_path: Path) -> None:
    """The request table (parameters, result paths, paging, page links, protocol headers,
    CSRF, ETags) is held against lib/runtime/request.dart row by row, each call one of the
    functions request.dart declares, with specs printed as the exporter prints them."""
    out = tmp_path / "flutter"
    export("flutter", example(), out)
    source = (out / "test" / "runtime_cases_test.dart").read_bytes()
    tree = parser().parse(source)
    group = next(n for n in _nodes(tree.root_node, "expression_statement")
                 if n.text.startswith(b"group('request rules'"))
    rows = table("request")["cases"]
    assert _calls(group, "test") == len(rows) == 54
    request = parser().parse((out / "lib" / "runtime" / "request.dart").read_bytes()).root_node
    assert not request.has_error
    declared = {n.child_by_field_name("name").text.decode()
                for n in _nodes(request, "function_signature")}
    for fn in {c["fn"] for c in rows}:
        assert fn in declared, fn
        assert _calls(group, fn) == sum(1 for c in rows if c["fn"] == fn), fn
    text = group.text.decode()
    assert "ParamSpec('header', 'X-Tenant-Id', required: true, config: 'tenant')" in text
    assert "PagingSpec('page', param: 'p', pageSize: 2, maxPages: 2)" in text


def _nodes(node, kind: str) -> list:  # noqa: ANN001 - a tree-sitter node
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        if n.type == kind:
            out.append(n)
        stack.extend(n.children)
    return out


def test_every_outbox_conflict_and_status_row_is_a_dart_test_of_sync_dart(tmp_path: Path) -> None:
    """The outbox, conflict and sync-status tables are held against lib/runtime/sync.dart row
    by row (each call one of the functions sync.dart declares), and the data layer uses those
    rules instead of its own copies."""
    from .dart_cases import SYNC_TABLES

    out = tmp_path / "flutter"
    export("flutter", example(), out)
    tree = parser().parse((out / "test" / "runtime_cases_test.dart").read_bytes())
    sync = parser().parse((out / "lib" / "runtime" / "sync.dart").read_bytes()).root_node
    assert not sync.has_error
    declared = {n.child_by_field_name("name").text.decode()
                for n in _nodes(sync, "function_signature")}
    for name in SYNC_TABLES:
        group = next(n for n in _nodes(tree.root_node, "expression_statement")
                     if n.text.startswith(f"group('{name} rules'".encode()))
        rows = table(name)["cases"]
        assert _calls(group, "test") == len(rows) > 0
        for fn in {c["fn"] for c in rows}:
            assert fn in declared, fn
            assert group.text.decode().count(f"sync.{fn}(") == sum(
                1 for c in rows if c["fn"] == fn), fn
    core = (out / "lib" / "data" / "core.dart").read_text("utf-8")
    for rule in ("sync.keyOf(", "sync.overlay(", "sync.conflictChoice(", "sync.retryable(",
                 "sync.retryDelay(", "sync.modifiedAt(", "sync.httpDate("):
        assert rule in core, rule
    assert "HttpDate" not in core and "pow(2" not in core
    # records created offline that others point at: a create gets a temporary key, a queued
    # change takes the server's keys and waits while one is missing, a body never carries one,
    # one() resolves a temporary key first
    assert core.count("sync.withTempKey(") == 1
    assert core.count("sync.resolveKeys(") >= 4
    assert core.count("sync.isTempKey(") >= 3
    assert "!sync.isTempKey(e.value) &&" in core
    assert "if (!_ready(entity, e)) continue;" in core
    assert "await _keyed(entity, e);" in core


def test_every_call_row_is_a_dart_test_of_calls_dart(tmp_path: Path) -> None:
    """The call table (action bodies, function literals, refused values, answers) is held
    against lib/runtime/calls.dart row by row."""
    out = tmp_path / "flutter"
    export("flutter", example(), out)
    tree = parser().parse((out / "test" / "runtime_cases_test.dart").read_bytes())
    group = next(n for n in _nodes(tree.root_node, "expression_statement")
                 if n.text.startswith(b"group('call rules'"))
    rows = table("calls")["cases"]
    assert _calls(group, "test") == len(rows) >= 30
    calls = parser().parse((out / "lib" / "runtime" / "calls.dart").read_bytes()).root_node
    assert not calls.has_error
    declared = {n.child_by_field_name("name").text.decode()
                for n in _nodes(calls, "function_signature")}
    for fn in {c["fn"] for c in rows}:
        assert fn in declared, fn
        assert group.text.decode().count(f"{fn}(") == sum(1 for c in rows if c["fn"] == fn), fn
    text = group.text.decode()
    assert "ParamSpec('body', 'reason', required: true, arg: 'reason', type: 'string')" in text
