"""`__proto__`, `constructor`, `toString`, `hashCode` …: one rule for every target — validate
refuses them (located), every Document edit that creates one refuses it, undo never does, and
importers map a back end's field of that name to another model name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pytest

from designer.cli import main
from designer.commands import (AddScreen, RemoveScreen, RemoveWidget, SetAppProperty,
                               SetProperty, SetScreenProperty, UndoStack)
from designer.importers.base import to_identifier
from designer.importers.tabular import import_json
from designer.model import App, Document, InvalidNameError, Screen, load
from designer.model.names import RESERVED_NAMES
from designer.model.validate import validate_app
from exporters import ExportFailed, get
from tests.conftest import EXAMPLE
from widgets import CATALOG

Edit = Callable[[dict[str, Any]], Any]


def _example() -> dict[str, Any]:
    return load(EXAMPLE).model_dump(mode="json", by_alias=True, exclude_defaults=True)


def _screen(d: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in d["screens"] if s["name"] == "visitCheckIn")


def _entity(d: dict[str, Any]) -> dict[str, Any]:
    return next(e for e in d["data_sources"][0]["entities"] if e["name"] == "Product")


def _list(d: dict[str, Any]) -> dict[str, Any]:
    screen = next(s for s in d["screens"] if s["name"] == "customers")
    return next(w for w in screen["root"]["children"] if w["kind"] == "list")


CASES: dict[str, tuple[Edit, str]] = {   # edit → the located path of the one problem
    "screen": (lambda d: d["screens"].append({"id": "s_x", "name": "__proto__", "root": {
        "kind": "column", "id": "w_x", "name": "xRoot"}}), "screens[4].name"),
    "widget": (lambda d: _screen(d)["root"].update(name="constructor"),
               "screens[2].root.name"),
    "parameter": (lambda d: _screen(d)["parameters"].append({"name": "valueOf",
                                                             "required": False}),
                  "screens[2].parameters[1].name"),
    "variable": (lambda d: _screen(d)["variables"].append({"name": "hasOwnProperty"}),
                 "screens[2].variables[1].name"),
    "query": (lambda d: _screen(d)["data"].append({"name": "toString", "source": "crm",
                                                   "entity": "Product"}),
              "screens[2].data[1].name"),
    "item alias": (lambda d: _list(d).update(item_alias="prototype"),
                   "screens[0].root.children[1].item_alias"),
    "source": (lambda d: d["data_sources"].append({"id": "ds_x", "name": "__defineGetter__"}),
               "data_sources[1].name"),
    "entity": (lambda d: _entity(d).update(name="isPrototypeOf"),
               "data_sources[0].entities[1].name"),
    "field": (lambda d: _entity(d)["fields"].append({"name": "hashCode"}),
              "data_sources[0].entities[1].fields[6].name"),
    "header": (lambda d: d["data_sources"][0].setdefault("headers", {}).update(
        {"__proto__": "x"}), "data_sources[0].headers.__proto__"),
    "locale": (lambda d: d["strings"].update({"__proto__": {}}), "strings.__proto__"),
    "string key": (lambda d: d["strings"]["en"].update({"constructor": "x"}),
                   "strings.en.constructor"),
}


def _app(edit: Edit) -> App:
    data = _example()
    edit(data)
    return App.model_validate(data)


@pytest.mark.parametrize("what", sorted(CASES))
def test_validate_refuses_reserved_names_located(what: str) -> None:
    edit, path = CASES[what]
    problems = [p for p in validate_app(_app(edit)) if p.code == "name.reserved"]
    assert [(p.path_text, p.severity) for p in problems] == [(path, "error")]
    assert "is reserved" in problems[0].message and "use another name" in problems[0].message


def test_cli_validate_prints_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    data = _example()
    CASES["string key"][0](data)
    f = tmp_path / "app.fieldcraft.json"
    f.write_text(json.dumps(data, indent=2), "utf-8")
    assert main(["validate", str(f)]) == 1
    out = capsys.readouterr()
    line = next(i for i, text in enumerate(f.read_text("utf-8").splitlines(), 1)
                if '"constructor"' in text)
    assert f"{f}:{line}: strings.en.constructor: string key `constructor` is reserved" \
        in out.out + out.err


@pytest.mark.parametrize("target", ["pwa", "react-native", "flutter"])
def test_every_exporter_refuses_the_same_names(tmp_path: Path, target: str) -> None:
    with pytest.raises(ExportFailed) as err:
        get(target).export(_app(CASES["screen"][0]), tmp_path / "out")
    assert [p.code for p in err.value.problems if p.code.startswith("name.")] == ["name.reserved"]


@pytest.fixture()
def stack() -> UndoStack:
    return UndoStack(Document(load(EXAMPLE)))


def test_edits_refuse_new_reserved_names(stack: UndoStack) -> None:
    before = stack.doc.app.model_dump()
    visit = stack.doc.app.screen("visitCheckIn")
    assert visit is not None
    attempts = [
        SetProperty(["w_visitNotes"], "name", "constructor"),
        SetProperty(["w_customerList"], "item_alias", "__proto__"),
        SetScreenProperty(visit.id, "name", "toString"),
        SetScreenProperty(visit.id, "variables",
                          [*visit.variables, {"name": "valueOf", "type": "string"}]),
        SetAppProperty("strings", {**stack.doc.app.strings, "en": {"hasOwnProperty": "x"}}),
        AddScreen(Screen.model_validate({"id": "s_n", "name": "fine", "root": {
            "kind": "column", "id": "w_n", "name": "noSuchMethod"}})),
    ]
    for command in attempts:
        with pytest.raises(InvalidNameError, match="is reserved"):
            stack.push(command)
    label = CATALOG.get("label").create("w_new", "__proto__", text="x")
    with pytest.raises(InvalidNameError, match="widget name `__proto__` is reserved"):
        stack.doc.insert_widget("w_visitRoot", 0, label)
    assert stack.doc.app.model_dump() == before


def test_undo_puts_back_a_reserved_name_from_a_file() -> None:
    """A file that already holds such a name can still be edited; undo is never refused."""
    stack = UndoStack(Document(_app(CASES["widget"][0])))
    screen = stack.doc.app.screen("visitCheckIn")
    assert screen is not None
    original = stack.doc.app.model_dump()
    stack.push(SetProperty([screen.root.id], "name", "visitBody"))
    stack.undo()
    assert stack.doc.app.model_dump() == original
    stack.push(RemoveWidget("w_visitNotes"))     # another edit on the same screen works
    stack.undo()
    stack.push(RemoveScreen(screen.id))
    stack.undo()
    assert stack.doc.app.model_dump() == original


def test_importers_map_reserved_back_end_names(tmp_path: Path) -> None:
    assert {to_identifier(n) for n in RESERVED_NAMES}.isdisjoint(RESERVED_NAMES)
    rows = tmp_path / "things.json"
    rows.write_text(json.dumps([{"id": "1", "constructor": "a", "toString": "b",
                                 "__proto__": "c", "hashCode": 4}]), "utf-8")
    entity = import_json(rows).source.entities[0]
    names = {f.wire_name or f.name: f.name for f in entity.fields}
    assert names == {"id": "id", "constructor": "constructor_", "toString": "toString_",
                     "__proto__": "proto", "hashCode": "hashCode_"}
