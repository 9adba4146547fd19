"""Flutter target (preview): every generated .dart file parses without errors in
tree-sitter-dart, hostile model text leaves the parse trees unchanged and reads back literally,
a small model matches its golden tree, and packages/permissions follow what the model uses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from designer.model import App
from exporters import get, targets

from tests.exporters_rn.helpers import HOSTILE, example, export, hostile_app, tree_bytes

from .dart_parse import decode_single_quoted, parse, parse_tree

GOLDEN = Path(__file__).parent / "golden" / "tiny"


def tiny_app() -> App:
    return App.model_validate({
        "id": "app_tiny", "name": "Tiny $app", "default_locale": "en",
        "strings": {"en": {"hello": "Hello ${name}"}},
        "data_sources": [{"id": "ds_api", "name": "api", "base_url": "https://api.example.com",
                          "offline": {"mode": "offline_read_write"},
                          "entities": [{"name": "Note", "key": ["id"], "fields": [
                              {"name": "id", "read_only": True}, {"name": "text", "required": True},
                              {"name": "count", "type": "integer"}],
                              "operations": [{"kind": "list", "path": "/notes"},
                                             {"kind": "create", "method": "POST", "path": "/notes"}]}]}],
        "screens": [{"id": "s_notes", "name": "notes", "title": "Notes",
                     "variables": [{"name": "draft", "type": "record", "entity": "api.Note"}],
                     "data": [{"name": "notes", "source": "api", "entity": "Note", "sort": "text"}],
                     "root": {"kind": "column", "id": "w_root", "name": "root", "children": [
                         {"kind": "heading", "id": "w_h", "name": "title", "bindings": {"text": 't("hello")'}},
                         {"kind": "list", "id": "w_list", "name": "noteList", "bindings": {"items": "notes"},
                          "children": [{"kind": "label", "id": "w_l", "name": "noteText",
                                        "bindings": {"text": "item.text + \" ($\" + item.count + \")\""}}]},
                         {"kind": "text_input", "id": "w_t", "name": "noteInput", "label": "Note",
                          "bindings": {"value": "draft.text"},
                          "validation": [{"rule": "required", "message": "Write something"}]},
                         {"kind": "button", "id": "w_b", "name": "save", "text": "Save",
                          "actions": {"tap": [{"type": "submit_form", "source": "api", "entity": "Note",
                                               "record": "draft"},
                                              {"type": "show_message", "text": '"Saved $"'}]}}]}}],
    })


def test_example_parses_without_errors(tmp_path: Path) -> None:
    files = export("flutter", example(), tmp_path / "app")
    for expected in ("pubspec.yaml", "lib/main.dart", "lib/screens/customers_screen.dart",
                     "lib/data/crm.dart", "lib/models/crm.dart", "lib/l10n/strings.dart",
                     "lib/theme.dart", "lib/widgets/device/camera.dart", "README.md"):
        assert expected in files
    parsed = parse_tree(tmp_path / "app")
    assert len(parsed) >= 15
    assert {name: p.errors for name, p in parsed.items() if p.errors} == {}


def test_parser_reports_broken_dart() -> None:
    """The check is real: a broken string literal or a missing brace is an error."""
    assert parse(b"void main() { print('a'); }").errors == []
    assert parse(b"void main() { print('a); }").errors
    assert parse(b"class A { void f() { }").errors


def test_hostile_text_keeps_parse_trees_and_reads_back(tmp_path: Path) -> None:
    export("flutter", hostile_app(example()), tmp_path / "hostile")
    export("flutter", hostile_app(example(), ["plain text"]), tmp_path / "benign")
    bad, good = parse_tree(tmp_path / "hostile"), parse_tree(tmp_path / "benign")
    assert bad.keys() == good.keys()
    for name in good:
        assert bad[name].errors == [], (name, bad[name].errors[:3])
        assert bad[name].kinds == good[name].kinds, f"{name}: parse tree changed"
    values = {decode_single_quoted(s) for p in bad.values() for s in p.strings}
    for text in HOSTILE:
        assert any(v is not None and text in v for v in values), f"{text!r} not literal"
    for path in (tmp_path / "hostile").rglob("*.dart"):
        source = path.read_text(encoding="utf-8")
        assert "\u2028" not in source and "\u202e" not in source, path


def test_golden_tree(tmp_path: Path) -> None:
    out = tmp_path / "tiny"
    export("flutter", tiny_app(), out)
    actual = tree_bytes(out)
    if os.environ.get("FIELDCRAFT_UPDATE_GOLDEN"):
        import shutil
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, data in actual.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(data)
    expected = tree_bytes(GOLDEN)
    assert sorted(actual) == sorted(expected)
    changed = [rel for rel in expected if actual[rel] != expected[rel]]
    assert changed == [], f"differs from the golden tree (FIELDCRAFT_UPDATE_GOLDEN=1): {changed}"
    screen = (out / "lib/screens/notes_screen.dart").read_text()
    assert "' (\\$'" in screen and "'Saved \\$'" in screen


def test_deterministic(tmp_path: Path) -> None:
    export("flutter", example(), tmp_path / "a")
    export("flutter", example(), tmp_path / "b")
    assert tree_bytes(tmp_path / "a") == tree_bytes(tmp_path / "b")


def test_packages_follow_used_features(tmp_path: Path) -> None:
    export("flutter", example(), tmp_path / "full")
    full = (tmp_path / "full/pubspec.yaml").read_text()
    for package in ("image_picker", "mobile_scanner", "geolocator", "signature", "http",
                    "shared_preferences"):
        assert f"\n  {package}: \"" in full
    export("flutter", tiny_app(), tmp_path / "tiny")
    tiny = (tmp_path / "tiny/pubspec.yaml").read_text()
    for package in ("image_picker", "mobile_scanner", "geolocator", "signature"):
        assert package not in tiny
    assert not (tmp_path / "tiny/lib/widgets/device").exists()


def test_marked_preview_and_readme_says_not_compiled(tmp_path: Path) -> None:
    info = {t.name: t for t in targets()}["flutter"]
    assert "preview" in info.title.lower()
    export("flutter", example(), tmp_path / "app")
    readme = (tmp_path / "app/README.md").read_text()
    assert "not compiled here" in readme and "flutter analyze" in readme


@pytest.mark.parametrize("bad", ["kind", "entity"])
def test_bad_data_reference_fails_cleanly(tmp_path: Path, bad: str) -> None:
    from exporters import ExportFailed
    data = example().model_dump(mode="json", by_alias=True)
    if bad == "kind":
        data["data_sources"][0]["kind"] = "csv"
    else:
        data["screens"][0]["data"][0]["entity"] = "Nope"
    with pytest.raises(ExportFailed):
        get("flutter").export(App.model_validate(data), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_every_widget_and_action_parses(tmp_path: Path) -> None:
    from tests.exporters_rn.helpers import kitchen_sink

    export("flutter", kitchen_sink(), tmp_path / "app")
    parsed = parse_tree(tmp_path / "app")
    assert "lib/screens/kitchen_sink_screen.dart" in parsed
    assert {name: p.errors for name, p in parsed.items() if p.errors} == {}
