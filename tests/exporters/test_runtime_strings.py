"""The generated apps' own texts are one key set with the same English defaults in every target:
the keys each target's runtime and templates use, and the string tables each export ships, are
read back from the targets themselves and compared (so they cannot drift apart again)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from designer.model import App
from exporters import get, names
from exporters.strings import ALL, RUNTIME_STRINGS, defaults
from tests.exporters_flutter.dart_parse import decode_single_quoted

ROOT = Path(__file__).resolve().parents[2] / "exporters"
TARGET_DIRS = {"pwa": "pwa", "react-native": "react_native", "flutter": "flutter"}
#: A key as a whole string literal in JS/TS/Dart/Python source.
_KEY = re.compile(r"""(?<![\w.])["'](fc\.[a-z_]+)["']""")
_TS_ENTRY = re.compile(r'^\s*("(?:[^"\\]|\\.)*"): ("(?:[^"\\]|\\.)*"),$')
_TS_LOCALE = re.compile(r'^  ("(?:[^"\\]|\\.)*"): \{$')
_DART_ENTRY = re.compile(r"^\s*('(?:[^'\\]|\\.)*'): ('(?:[^'\\]|\\.)*'),$")
_DART_LOCALE = re.compile(r"^  ('(?:[^'\\]|\\.)*'): \{$")


def used_keys(target: str) -> set[str]:
    """Every built-in key the target's templates and generator code mention (React Native ships
    the shared TypeScript runtime's sources too)."""
    folders = [ROOT / TARGET_DIRS[target], *([ROOT / "runtime_ts" / "src"] if target == "react-native" else [])]
    return {m.group(1) for folder in folders for path in sorted(folder.rglob("*")) if path.is_file()
            and path.suffix in {".js", ".ts", ".tsx", ".dart", ".jinja", ".py"}
            for m in _KEY.finditer(path.read_text(encoding="utf-8"))}


def _tables_from_lines(text: str, locale_re: re.Pattern[str], entry_re: re.Pattern[str],
                       decode: object) -> dict[str, dict[str, str]]:
    tables: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in text.splitlines():
        if m := locale_re.match(line):
            current = tables.setdefault(decode(m.group(1)), {})  # type: ignore[operator]
        elif (m := entry_re.match(line)) and current is not None:
            current[decode(m.group(1))] = decode(m.group(2))  # type: ignore[operator]
    return tables


def shipped_tables(target: str, out: Path) -> dict[str, dict[str, str]]:
    """The string tables (every locale) an export of the target ships, read from its output."""
    if target == "pwa":
        line = next(x for x in (out / "app/model/app.js").read_text("utf-8").splitlines()
                    if x.startswith("export default "))
        return json.loads(line.removeprefix("export default ").removesuffix(";"))["strings"]
    if target == "react-native":
        return _tables_from_lines((out / "src/strings.ts").read_text("utf-8"),
                                  _TS_LOCALE, _TS_ENTRY, json.loads)
    return _tables_from_lines((out / "lib/l10n/strings.dart").read_text("utf-8"),
                              _DART_LOCALE, _DART_ENTRY, decode_single_quoted)


def app_with_french() -> App:
    return App.model_validate({
        "id": "app_fr", "name": "Fr", "default_locale": "en",
        "strings": {"en": {"hello": "Hello"},
                    "fr": {"hello": "Bonjour", "fc.use_location": "Utiliser ma position"}},
        "screens": [{"id": "s_a", "name": "start", "root": {
            "kind": "column", "id": "w_root", "name": "root",
            "children": [{"kind": "heading", "id": "w_h", "name": "title",
                          "bindings": {"text": 't("hello")'}}]}}]})


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, dict[str, str]]]:
    out = {}
    for target in names():
        folder = tmp_path_factory.mktemp(target)
        get(target).export(app_with_french(), folder / "app")
        out[target] = shipped_tables(target, folder / "app")
    return out


def test_every_target_ships_the_same_keys_with_the_same_english(exported: dict) -> None:
    assert set(exported) == set(TARGET_DIRS)
    english = {t: {k: v for k, v in tables["en"].items() if k.startswith("fc.")}
               for t, tables in exported.items()}
    assert english["pwa"] == english["react-native"] == english["flutter"] == defaults()
    # a model's translation of one key reaches every target; untranslated keys stay English
    for tables in exported.values():
        assert tables["fr"]["fc.use_location"] == "Utiliser ma position"
        assert tables["fr"]["hello"] == "Bonjour" and tables["fr"]["fc.offline"] == "Offline"


@pytest.mark.parametrize("target", sorted(TARGET_DIRS))
def test_each_target_uses_exactly_its_declared_keys(target: str) -> None:
    """No target uses a key outside the shared table (it would show as ``fc.…``), and the
    keys it uses are exactly those declared for it (a shared text is used by every target)."""
    used = used_keys(target)
    assert used - set(RUNTIME_STRINGS) == set(), "keys missing from exporters/strings.py"
    declared = {k for k, t in RUNTIME_STRINGS.items() if target in t.targets}
    assert used == declared, {"used, not declared": used - declared,
                              "declared, not used": declared - used}


def test_shared_keys_are_used_by_all_three_and_none_is_dead() -> None:
    used = {t: used_keys(t) for t in TARGET_DIRS}
    shared = {k for k, t in RUNTIME_STRINGS.items() if t.targets == ALL}
    assert shared <= used["pwa"] & used["react-native"] & used["flutter"]
    assert set(RUNTIME_STRINGS) == used["pwa"] | used["react-native"] | used["flutter"]
    # the texts asked for by name in the parity issue are shared
    assert {"fc.use_location", "fc.scan", "fc.barcode_type_title", "fc.barcode_code",
            "fc.offline", "fc.pending", "fc.failed", "fc.keep_mine", "fc.use_server",
            "fc.required", "fc.min", "fc.max", "fc.length", "fc.min_length", "fc.pattern",
            "fc.invalid", "fc.fix_errors", "fc.load_failed"} <= shared
    assert "fc.use_my_location" not in set().union(*used.values())


def test_placeholders_of_a_text_are_filled_by_every_target_using_it() -> None:
    """A text with ``{count}`` etc. is formatted (t with values / format), not concatenated."""
    for key, text in RUNTIME_STRINGS.items():
        for target in text.targets:
            names_in_text = set(re.findall(r"\{(\w+)\}", text.text))
            if not names_in_text:
                continue
            folder = ROOT / TARGET_DIRS[target]
            sources = "\n".join(p.read_text("utf-8") for p in sorted(folder.rglob("*"))
                                if p.is_file() and p.suffix in {".js", ".tsx", ".ts", ".dart",
                                                                ".jinja"})
            for m in (m for m in _KEY.finditer(sources) if m.group(1) == key):
                after = sources[m.end():m.end() + 160]
                filled = [n for n in names_in_text
                          if re.search(rf"(?<![\w.])['\"]?{n}['\"]?\s*[:,}}]", after)]
                assert sorted(filled) == sorted(names_in_text), (target, key, after)


def test_docs_list_every_key_with_its_english_text() -> None:
    doc = (ROOT.parent / "docs" / "targets.md").read_text("utf-8")
    for key, text in RUNTIME_STRINGS.items():
        assert f"| `{key}` | {text.text} |" in doc, key
