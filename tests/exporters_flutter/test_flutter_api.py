"""The generated Flutter code calls only what exists: every class and function call in the
example's and the kitchen sink's exports is checked against the project's own declarations and
the reviewed Flutter/package/Dart signature table (api_signatures.json), since no Dart SDK can
be installed here. The check itself is shown to fail on each kind of error it claims to catch."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.exporters_rn.helpers import example, export, kitchen_sink

from .dart_api import check_project, table


@pytest.mark.parametrize("name", ["example", "kitchen_sink"])
def test_generated_calls_match_the_signatures(tmp_path: Path, name: str) -> None:
    app = example() if name == "example" else kitchen_sink()
    export("flutter", app, tmp_path / "app")
    assert check_project(tmp_path / "app") == []


def _project(tmp_path: Path, source: str) -> Path:
    lib = tmp_path / "p" / "lib"
    lib.mkdir(parents=True)
    (lib / "main.dart").write_text("import 'package:flutter/material.dart';\n" + source, "utf-8")
    return tmp_path / "p"


_FRAME = """
class Frame extends StatelessWidget {
  const Frame({super.key, required this.label, this.error, this.helpText = ''});
  final String label;
  final String? error;
  final String helpText;
  @override
  Widget build(BuildContext context) => Text(label);
}
"""


@pytest.mark.parametrize(("snippet", "expected"), [
    # the two compile errors the Flutter export had
    ("class F extends StatelessWidget {\n  const F({super.key, this.helpText});\n"
     "  final String helpText;\n  @override\n  Widget build(BuildContext c) => Text(helpText);\n}",
     "optional parameter 'helpText' of non-nullable type String has no default value"),
    ("ThemeData t() => ThemeData(cardTheme: CardTheme(color: Color(0xFF000000)));",
     "ThemeData(cardTheme: CardTheme(...)) but CardTheme is not a CardThemeData?"),
    # Flutter API misuse
    ("Widget w() => Text('a', colour: null);", "Text has no parameter 'colour'"),
    ("Widget w() => Padding(child: Text('a'));", "Padding misses required parameter 'padding'"),
    ("Widget w() => Text();", "Text takes 1..1 positional arguments, 0 given"),
    ("Widget w() => Slider(value: null, onChanged: null);",
     "Slider(value: null) but double is not nullable"),
    ("Widget w() => SizedBox(width: 'wide');", "SizedBox(width: a String) but the type is double?"),
    ("Widget w() => Fancy(x: 1);", "Fancy(...) is neither declared in lib/ nor in"),
    ("import 'package:http/http.dart' as http;\nvoid f() => http.Request('GET');",
     "Request takes 2..2 positional arguments, 1 given"),
    # the project's own classes, checked against their declarations
    (_FRAME + "Widget w() => Frame(label: 'a', hint: 'b');", "Frame has no parameter 'hint'"),
    (_FRAME + "Widget w() => Frame(error: 'e');", "Frame misses required parameter 'label'"),
    (_FRAME + "Widget w() => Frame(label: null);", "Frame(label: null) but String is not nullable"),
    (_FRAME + "Widget w() => Frame(label: 'a', helpText: null);",
     "Frame(helpText: null) but String is not nullable"),
])
def test_the_check_catches(tmp_path: Path, snippet: str, expected: str) -> None:
    problems = check_project(_project(tmp_path, snippet))
    assert any(expected in p for p in problems), problems


def test_a_correct_snippet_passes(tmp_path: Path) -> None:
    source = _FRAME + ("Widget w() => Padding(padding: const EdgeInsets.all(8), child: Column("
                       "spacing: 4, children: [Frame(label: 'a', error: null), const Text('b')]));\n"
                       "ThemeData t() => ThemeData(cardTheme: CardThemeData(margin: EdgeInsets.zero));")
    assert check_project(_project(tmp_path, source)) == []


def test_pubspec_pins_the_sdk_range_the_table_describes(tmp_path: Path) -> None:
    """The signatures were reviewed for one SDK range; the export requires exactly that one."""
    export("flutter", example(), tmp_path / "app")
    pubspec = (tmp_path / "app/pubspec.yaml").read_text()
    env = pubspec.split("\nenvironment:\n", 1)[1].split("\n\n", 1)[0]
    assert f'  sdk: "{table()["sdk"]["dart"]}"' in env.splitlines()
    assert f'  flutter: "{table()["sdk"]["flutter"]}"' in env.splitlines()


def test_table_entries_are_well_formed() -> None:
    """Every parameter is 'Type' or 'required Type'; every callable says its positional arity."""
    for group in ("flutter", "packages", "dart"):
        for cls, entry in table()[group].items():
            if cls.startswith("_"):
                continue
            assert isinstance(entry.get("is", []), list), cls
            for member, spec in entry.get("calls", {}).items():
                pos = spec["positional"]
                assert isinstance(pos, int) or (len(pos) == 2 and pos[0] <= pos[1]), (cls, member)
                for name, ptype in spec["named"].items():
                    assert ptype and ptype.strip() == ptype and "  " not in ptype, (cls, name)


def test_calls_through_a_prefix_of_the_projects_own_files_are_checked(tmp_path: Path) -> None:
    """``import '../runtime/sync.dart' as sync;`` in lib/ and ``package:<app>/...`` in test/:
    functions reached through such a prefix are held to their declarations, arity included."""
    root = tmp_path / "p"
    (root / "lib" / "runtime").mkdir(parents=True)
    (root / "test").mkdir()
    (root / "pubspec.yaml").write_text("name: demo_app\n", "utf-8")
    (root / "lib" / "runtime" / "sync.dart").write_text(
        "String? keyOf(List<String> keys, Object? rec) => null;\n", "utf-8")
    (root / "lib" / "main.dart").write_text(
        "import 'runtime/sync.dart' as sync;\nString? k() => sync.keyOf(['id']);\n", "utf-8")
    (root / "test" / "t_test.dart").write_text(
        "import 'package:demo_app/runtime/sync.dart' as sync;\n"
        "void main() => sync.keyOf(['id'], null, 3);\n", "utf-8")
    assert check_project(root) == [
        "lib/main.dart:2: keyOf takes 2..2 positional arguments, 1 given",
        "test/t_test.dart:2: keyOf takes 2..2 positional arguments, 3 given"]
