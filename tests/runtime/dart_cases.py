"""The runtime behaviour table translated into a Dart test the Flutter export ships
(``test/runtime_cases_test.dart``): the expression, formatting and validation rows, whose
functions the Dart runtime exposes (``rt``, ``plain``, ``check``), the response-envelope rows
(``Repository.rowsFrom`` / ``recordFrom``) and every row of the request table (parameters,
result paths, paging, page links, protocol headers, CSRF, ETags: ``lib/runtime/request.dart``,
with parameter and paging specs printed as the exporter prints them) and every row of the outbox,
conflict and sync-status tables (``lib/runtime/sync.dart``, which ``lib/data/core.dart`` uses) and every row of the call
table (``lib/runtime/calls.dart``).
The wire-name rules are private to ``core.dart`` and are not translated. Written at development
time by ``./dev runtime``; no Dart SDK runs it here, its parse tree is checked with
tree-sitter-dart."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from exporters.escaping import dart_str
from exporters.flutter.requests import paging_code, param_code

from .cases import prepare, table

ROOT = Path(__file__).resolve().parents[2]
DART_TEST = ROOT / "exporters" / "flutter" / "templates" / "test" / "runtime_cases_test.dart.jinja"
#: Rows of the ``wire`` table the Dart runtime exposes publicly.
DART_CALLS = {"rowsFrom": "Repository.rowsFrom", "recordFrom": "Repository.recordFrom"}


def literal(value: Any) -> str:
    """A Dart literal for a JSON value (typed collections, so maps are ``Rec``s)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        assert math.isfinite(value)
        return repr(value)
    if isinstance(value, str):
        return dart_str(value)
    if isinstance(value, list):
        return "<Object?>[" + ", ".join(literal(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "<String, Object?>{" + ", ".join(f"{dart_str(k)}: {literal(v)}"
                                            for k, v in value.items()) + "}"


def _rule(r: dict[str, Any], code: str | None) -> str:
    message = literal(r.get("message") or "")
    kind = r["rule"]
    if kind == "required":
        return f"Rule.required({message})"
    if kind in ("min", "max"):
        return f"Rule.{kind}({literal(r['value'])}, {message})"
    if kind == "length":
        return f"Rule.length({literal(r.get('min') or 0)}, {literal(r.get('max'))}, {message})"
    if kind == "pattern":
        return f"Rule.pattern({literal(r['pattern'])}, {message})"
    return f"Rule.expression((s) => rt.truthy({code}), {message})"


def _strings(values: list[str]) -> str:
    return "<String>[" + ", ".join(dart_str(v) for v in values) + "]"


def _pairs(pairs: list[list[str]]) -> str:
    return "<List<String>>[" + ", ".join(_strings(p) for p in pairs) + "]"


def _paging(spec: dict[str, Any] | None) -> str:
    return "null" if spec is None else paging_code(spec)


def request_call(case: dict[str, Any]) -> str:
    """The Dart call of one request-table row (``lib/runtime/request.dart``), as JSON."""
    fn, args = case["fn"], case["args"]
    if fn == "paramParts":
        specs = "<ParamSpec>[" + ", ".join(param_code(p) for p in args[0]) + "]"
        rest = ", ".join(literal(a) for a in args[1:])
        return f"paramParts({specs}, {rest}).toJson()"
    if fn == "withQuery":
        return f"withQuery({literal(args[0])}, {_pairs(args[1])})"
    if fn in ("rowsAt", "recordAt"):
        return f"{fn}({literal(args[0])}, {_strings(args[1])})"
    if fn == "firstPage":
        return f"firstPage({_paging(args[0])})"
    if fn == "nextPage":
        rest = ", ".join(literal(a) for a in args[1:])
        return f"nextPage({_paging(args[0])}, {rest})?.toJson()"
    return f"{fn}(" + ", ".join(literal(a) for a in args) + ")"


def calls_call(case: dict[str, Any]) -> str:
    """The Dart call of one calls-table row (``lib/runtime/calls.dart``)."""
    fn, a = case["fn"], case["args"]
    if fn == "callParts":
        op = a[0]
        specs = "<ParamSpec>[" + ", ".join(param_code(p) for p in op.get("params", [])) + "]"
        rest = ", ".join(_rec(v) for v in a[1:5])
        return f"callParts(CallSpec({dart_str(op['method'])}, {specs}), {rest}, {literal(a[5])}).toJson()"
    if fn == "callResult":
        return f"callResult({literal(a[0])}, {_strings(a[1])})"
    return f"{fn}(" + ", ".join(literal(v) for v in a) + ")"


#: The tables of ``lib/runtime/sync.dart`` (imported as ``sync``).
SYNC_TABLES = ("outbox", "conflicts", "status")


def _rec(value: Any) -> str:
    return "null" if value is None else literal(value)


def _double(value: float | int) -> str:
    return repr(float(value))


def sync_call(case: dict[str, Any]) -> str:
    """The Dart call of one outbox/conflict/status row (``lib/runtime/sync.dart``)."""
    fn, a = case["fn"], case["args"]
    if fn == "overlay":
        rows = "<Rec>[" + ", ".join(literal(r) for r in a[0]) + "]"
        queued = "<sync.Queued>[" + ", ".join(
            f"sync.Queued({dart_str(e['op'])}, {dart_str(e['status'])}, {literal(e['record'])})"
            for e in a[1]) + "]"
        return f"sync.overlay({rows}, {queued}, {_strings(a[2])})"
    if fn == "keyOf":
        return f"sync.keyOf({_strings(a[0])}, {literal(a[1])})"
    if fn == "bodyFor":
        return (f"sync.bodyFor({dart_str(a[0])}, {dart_str(a[1])}, {_strings(a[2])}, "
                f"{literal(a[3])}, {_rec(a[4])})")
    if fn == "retryDelay":
        return f"sync.retryDelay({a[0]}, {_double(a[1])})"
    if fn == "heldBack":
        return "sync.heldBack(<sync.Ordered>[" + ", ".join(
            f"sync.Ordered.fromJson({literal(e)})" for e in a[0]) + "])"
    if fn == "syncState":
        return f"sync.syncState(sync.SyncFacts.fromJson({literal(a[0])}))"
    if fn == "conflictChoice":
        return (f"sync.conflictChoice({dart_str(a[0])}, {_strings(a[1])}, {_rec(a[2])}, "
                f"{literal(a[3])}, {_rec(a[4])}, {literal(a[5])}, {literal(a[6])})")
    if fn == "changedFields":
        return f"sync.changedFields({_strings(a[0])}, {literal(a[1])}, {literal(a[2])})"
    if fn == "withTempKey":
        return f"sync.withTempKey({_strings(a[0])}, {literal(a[1])}, {literal(a[2])})"
    if fn == "resolveKeys":
        return f"sync.resolveKeys({literal(a[0])}, {_strings(a[1])}, {literal(a[2])}).toJson()"
    return f"sync.{fn}(" + ", ".join(literal(v) for v in a) + ")"


def _name(text: str) -> str:
    return dart_str(text[:120])


def dart_test() -> str:
    lines = ["// Generated by Fieldcraft from its runtime behaviour table (tests/runtime/cases):",
             "// the cases every Fieldcraft runtime is held to. Run with `flutter test`.",
             "{% raw %}"]
    lines += ["import 'package:flutter_test/flutter_test.dart';", "",
              "import 'package:{% endraw %}{{ package_name | ident }}{% raw %}/data/core.dart';",
              "import 'package:{% endraw %}{{ package_name | ident }}{% raw %}/runtime/calls.dart';",
              "import 'package:{% endraw %}{{ package_name | ident }}{% raw %}/runtime/request.dart';",
              "import 'package:{% endraw %}{{ package_name | ident }}{% raw %}/runtime/rt.dart';",
              "import 'package:{% endraw %}{{ package_name | ident }}{% raw %}"
              "/runtime/screen_state.dart';",
              "import 'package:{% endraw %}{{ package_name | ident }}{% raw %}"
              "/runtime/sync.dart' as sync;", "",
              "/// Equal as JSON values; numbers within 1e-12 relative.",
              "bool same(Object? a, Object? b) {",
              "  if (a is num && b is num) {",
              "    return a == b || (a - b).abs() <= 1e-12 * a.abs().clamp(1, double.infinity);",
              "  }",
              "  if (a is List && b is List) {",
              "    if (a.length != b.length) return false;",
              "    for (var i = 0; i < a.length; i++) {",
              "      if (!same(a[i], b[i])) return false;",
              "    }",
              "    return true;",
              "  }",
              "  if (a is Map && b is Map) {",
              "    return a.length == b.length && a.keys.every((k) => b.containsKey(k) && "
              "same(a[k], b[k]));",
              "  }",
              "  return a == b;",
              "}", "",
              "void expectSame(Object? actual, Object? expected) =>",
              "    expect(same(actual, expected), isTrue, reason: '$actual != $expected');", "",
              "void main() {"]
    for name in ("expressions", "formatting"):
        doc, group = table(name), prepare(name, "dart")
        y, m, d = doc["now"][:10].split("-")
        h, mi, sec = doc["now"][11:].split(":")
        lines += [f"  group({dart_str(name)}, () {{",
                  f"    final Rec s = {literal(doc['data'])};",
                  "    setUp(() => rt.configure(strings: <String, String>{" + ", ".join(
                      f"{dart_str(k)}: {dart_str(v)}" for k, v in doc["strings"].items()) + "}, "
                  f"clock: () => DateTime({int(y)}, {int(m)}, {int(d)}, {int(h)}, {int(mi)}, "
                  f"{int(sec)})));"]
        for case, prepared in zip(doc["cases"], group["cases"]):
            lines.append(f"    test({_name(case['expr'])}, () => "
                         f"expectSame(plain({prepared['code']}), {literal(case['expect'])}));")
        lines.append("  });")
    doc, group = table("validation"), prepare("validation", "dart")
    lines += ["  group('validation (built-in English messages)', () {",
              f"    final Rec s = {literal(doc['scope'])};"]
    for i, (case, prepared) in enumerate(zip(doc["cases"], group["cases"])):
        rules = ", ".join(_rule(r, r.get("code")) for r in prepared["rules"])
        lines.append(f"    test('rule case {i + 1}', () => expectSame(check({literal(case['value'])}, "
                     f"s, <Rule>[{rules}]), {literal(case['expect'])}));")
    lines.append("  });")
    lines.append("  group('response envelopes', () {")
    for i, case in enumerate(c for c in table("wire")["cases"] if c["fn"] in DART_CALLS):
        args = ", ".join(literal(a) for a in case["args"])
        lines.append(f"    test('{case['fn']} case {i + 1}', () => "
                     f"expectSame({DART_CALLS[case['fn']]}({args}), {literal(case['expect'])}));")
    lines.append("  });")
    lines.append("  group('request rules', () {")
    for i, case in enumerate(table("request")["cases"]):
        lines.append(f"    test('{case['fn']} case {i + 1}', () => "
                     f"expectSame({request_call(case)}, {literal(case['expect'])}));")
    lines.append("  });")
    lines.append("  group('call rules', () {")
    for i, case in enumerate(table("calls")["cases"]):
        lines.append(f"    test('{case['fn']} case {i + 1}', () => "
                     f"expectSame({calls_call(case)}, {literal(case['expect'])}));")
    lines.append("  });")
    for name in SYNC_TABLES:
        lines.append(f"  group({dart_str(name + ' rules')}, () {{")
        for i, case in enumerate(table(name)["cases"]):
            lines.append(f"    test('{case['fn']} case {i + 1}', () => "
                         f"expectSame({sync_call(case)}, {literal(case['expect'])}));")
        lines.append("  });")
    lines += ["}", "{% endraw %}"]
    return "\n".join(lines) + "\n"


def translated_count() -> int:
    """How many table rows the Dart test holds."""
    return (sum(len(table(n)["cases"]) for n in ("expressions", "formatting", "validation"))
            + sum(1 for c in table("wire")["cases"] if c["fn"] in DART_CALLS)
            + len(table("request")["cases"]) + len(table("calls")["cases"])
            + sum(len(table(n)["cases"]) for n in SYNC_TABLES))
