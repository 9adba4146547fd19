"""Three-way merge on readable fixtures, from the CLI and as a real git merge driver."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from designer.cli import main
from designer.model import dumps, load, loads
from designer.review.merge import merge_apps, merge_order
from tests.conftest import EXAMPLE

from .helpers import add_widget, build, root_children, write
from .test_diff import _git, git_repo


def _label(wid: str, name: str, text: str = "x") -> dict[str, Any]:
    return {"kind": "label", "id": wid, "name": name, "text": text}


def test_independent_edits_merge_cleanly() -> None:
    base = build()
    ours = build(lambda d: (root_children(d)[0].update(text="Our title"),
                            d["data_sources"][0]["entities"][0]["fields"].append({"name": "city"})))
    theirs = build(lambda d: (root_children(d)[0].update(style={"font_size": 30}),
                              d["data_sources"][0].update(base_url="https://api2.example.com"),
                              add_widget(d, _label("w_t", "theirs"))))
    result = merge_apps(base, ours, theirs)
    assert result.clean, result.report()
    app = result.app
    assert app is not None
    title = app.screens[0].root.children[0]  # type: ignore[attr-defined]
    assert (title.text, title.style.font_size) == ("Our title", 30)
    assert app.data_sources[0].base_url == "https://api2.example.com"
    assert [f.name for f in app.data_sources[0].entities[0].fields][-1] == "city"
    assert [w.id for w in app.screens[0].root.children][-1] == "w_t"  # type: ignore[attr-defined]
    assert result.content == dumps(loads(result.content))          # canonical and valid


def test_both_insert_at_the_same_place() -> None:
    base = build()
    ours = build(lambda d: root_children(d).insert(1, _label("w_o", "ours")))
    theirs = build(lambda d: root_children(d).insert(1, _label("w_t", "theirs")))
    result = merge_apps(base, ours, theirs)
    assert result.clean
    assert [w.id for w in result.app.screens[0].root.children] == [  # type: ignore[union-attr]
        "w_title", "w_o", "w_t", "w_list"]


def test_same_property_both_ways_is_a_conflict_with_all_three_values() -> None:
    base = build()
    ours = build(lambda d: root_children(d)[0].update(text="Clients"))
    theirs = build(lambda d: root_children(d)[0].update(text="Kunden"))
    result = merge_apps(base, ours, theirs)
    assert not result.clean and result.content == b""
    assert result.report() == (
        "1 merge conflict:\n"
        "1. widget `title` (w_title) on screen `home`: text: changed differently on both sides\n"
        '    base:   "Customers"\n    ours:   "Clients"\n    theirs: "Kunden"\n')


def test_same_change_on_both_sides_is_not_a_conflict() -> None:
    edit = lambda d: root_children(d)[0].update(text="Clients")  # noqa: E731
    result = merge_apps(build(), build(edit), build(edit))
    assert result.clean and result.app.screens[0].root.children[0].text == "Clients"  # type: ignore[union-attr]


def test_edit_against_delete_is_a_conflict() -> None:
    base = build()
    ours = build(lambda d: root_children(d).pop(0))
    theirs = build(lambda d: root_children(d)[0].update(text="Renamed"))
    result = merge_apps(base, ours, theirs)
    assert [c.text() for c in result.conflicts] == [
        "widget `title` (w_title) on screen `home`: ours deleted it but theirs changed text"]
    swapped = merge_apps(base, theirs, ours)
    assert [c.text() for c in swapped.conflicts] == [
        "widget `title` (w_title) on screen `home`: theirs deleted it but ours changed text"]


def test_adding_into_a_container_the_other_side_deleted() -> None:
    base = build()
    ours = build(lambda d: root_children(d).pop(1))                        # delete the list
    theirs = build(lambda d: root_children(d)[1]["children"].append(_label("w_x", "extra")))
    result = merge_apps(base, ours, theirs)
    assert not result.clean
    assert "which the other side deleted" in result.report()


def test_delete_on_one_side_unchanged_on_the_other() -> None:
    result = merge_apps(build(), build(lambda d: root_children(d).pop(0)), build())
    assert result.clean and [w.id for w in result.app.screens[0].root.children] == ["w_list"]  # type: ignore[union-attr]


def test_merge_that_would_break_names_is_a_conflict() -> None:
    base = build()
    ours = build(lambda d: add_widget(d, _label("w_o", "notes")))
    theirs = build(lambda d: add_widget(d, _label("w_t", "notes")))
    result = merge_apps(base, ours, theirs)
    assert not result.clean
    assert "widget name `notes` is already used" in result.report()


def test_data_source_field_changed_both_ways() -> None:
    base = build()
    ours = build(lambda d: d["data_sources"][0]["entities"][0]["fields"][1].update(label="Name"))
    theirs = build(lambda d: d["data_sources"][0]["entities"][0]["fields"][1].update(label="Nom"))
    result = merge_apps(base, ours, theirs)
    assert [c.where for c in result.conflicts] == [
        "data source `crm` (ds1): entity `Customer`: field `name`: label"]


def test_move_against_move_conflicts_but_move_against_edit_merges() -> None:
    def with_card(*edits: Any) -> Any:
        def edit(d: dict[str, Any]) -> None:
            add_widget(d, {"kind": "card", "id": "w_card", "name": "card"})
            for e in edits:
                e(root_children(d))
        return build(edit)

    def move_into(index: int) -> Any:
        def edit(kids: list[dict[str, Any]]) -> None:
            name = kids[1]["children"].pop(0)
            (kids if index < 0 else kids[index].setdefault("children", [])).append(name)
        return edit

    base = with_card()
    to_root, to_card = with_card(move_into(-1)), with_card(move_into(2))
    assert "moved to different places on both sides" in merge_apps(base, to_root, to_card).report()
    edited = with_card(lambda kids: kids[1]["children"][0].update(max_lines=2))
    result = merge_apps(base, to_card, edited)
    assert result.clean, result.report()
    card = result.app.screens[0].root.children[2]  # type: ignore[union-attr]
    assert [(w.id, w.max_lines) for w in card.children] == [("w_name", 2)]


def test_merge_order() -> None:
    assert merge_order(["a", "b", "c"], ["c", "a", "b"], ["a", "b", "c", "d"],
                       {"a", "b", "c", "d"}) == ["c", "d", "a", "b"]  # d follows its predecessor
    assert merge_order(["a", "b", "c"], ["c", "a", "b"], ["b", "a", "c"], {"a", "b", "c"}) is None


# ----------------------------------------------------------------------------- CLI


def _files(tmp_path: Path, base: Any, ours: Any, theirs: Any) -> tuple[Path, Path, Path]:
    return (write(tmp_path / "base.json", base), write(tmp_path / "ours.json", ours),
            write(tmp_path / "theirs.json", theirs))


def test_cli_writes_the_merge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    b, o, t = _files(tmp_path, build(), build(lambda d: root_children(d)[0].update(text="A")),
                     build(lambda d: add_widget(d, _label("w_t", "theirs"))))
    out = tmp_path / "out.json"
    assert main(["merge", str(b), str(o), str(t), "-o", str(out)]) == 0
    merged = load(out)
    assert merged.screens[0].root.children[0].text == "A"  # type: ignore[attr-defined]
    assert out.read_bytes() == dumps(merged)
    assert main(["merge", str(b), str(o), str(t)]) == 0
    assert capsys.readouterr().out.encode() == out.read_bytes()


def test_cli_conflict_leaves_ours_untouched(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    b, o, t = _files(tmp_path, build(), build(lambda d: root_children(d)[0].update(text="A")),
                     build(lambda d: root_children(d)[0].update(text="B")))
    before = o.read_bytes()
    report = tmp_path / "report.txt"
    assert main(["merge", str(b), str(o), str(t), "-o", str(o), "--report", str(report)]) == 1
    assert o.read_bytes() == before
    err = capsys.readouterr().err
    assert f"{o} was not written (it keeps your version)" in err and "OUT" not in err
    assert 'ours:   "A"' in err and 'theirs: "B"' in err
    assert report.read_text() == err


def test_cli_bad_input_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    b, o, _t = _files(tmp_path, build(), build(), build())
    (tmp_path / "theirs.json").write_text("{broken")
    assert main(["merge", str(b), str(o), str(tmp_path / "theirs.json")]) == 1
    err = capsys.readouterr().err
    assert "theirs.json" in err and "not valid JSON" in err and "Traceback" not in err


def test_cli_names_the_model_path_instead_of_temporary_files(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    b, o, t = _files(tmp_path, build(), build(), build())
    t.write_text("{broken")
    assert main(["merge", str(b), str(o), str(t), "--name", "apps/crm.fieldcraft.json"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("apps/crm.fieldcraft.json (theirs):1: not valid JSON") and str(t) not in err


def test_cli_empty_base_for_add_add(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.write_text("")
    o, t = write(tmp_path / "o.json", build()), write(tmp_path / "t.json", build())
    assert main(["merge", str(empty), str(o), str(t), "-o", str(tmp_path / "m.json")]) == 0


# ----------------------------------------------------------------------------- git


def test_git_merge_driver_merges_what_a_text_merge_cannot(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    model = repo / "app.fieldcraft.json"
    shutil.copy(EXAMPLE, model)
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "base")
    app = load(model)
    _git(repo, "checkout", "-qb", "theirs")
    root = app.screens[0].root
    root.children.insert(1, root.children[0].model_copy(update={"id": "w_t", "name": "theirs",  # type: ignore[attr-defined]
                                                                "children": []}))
    model.write_bytes(dumps(app))
    _git(repo, "commit", "-qam", "theirs adds a row")
    _git(repo, "checkout", "-q", "main")
    app = load(model)
    app.screens[0].root.children.insert(1, app.screens[0].root.children[0].model_copy(  # type: ignore[attr-defined]
        update={"id": "w_o", "name": "ours", "children": []}))
    model.write_bytes(dumps(app))
    _git(repo, "commit", "-qam", "ours adds a row")
    # A plain text merge conflicts here (both inserted at the same place) ...
    text = _git(repo, "-c", "merge.fieldcraft.driver=false", "merge", "--no-edit", "theirs",
                check=False)
    assert text.returncode != 0
    _git(repo, "merge", "--abort")
    # ... the fieldcraft driver merges it.
    merged = _git(repo, "merge", "--no-edit", "theirs", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    ids = [w.id for w in load(model).screens[0].root.children]  # type: ignore[attr-defined]
    assert ids[1:3] == ["w_o", "w_t"]


def test_git_merge_driver_reports_true_conflicts(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    model = repo / "app.fieldcraft.json"
    shutil.copy(EXAMPLE, model)
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "base")
    _git(repo, "checkout", "-qb", "theirs")
    app = load(model)
    app.screens[1].title = "Kunde"
    model.write_bytes(dumps(app))
    _git(repo, "commit", "-qam", "theirs")
    _git(repo, "checkout", "-q", "main")
    app = load(model)
    app.screens[1].title = "Client"
    ours = dumps(app)
    model.write_bytes(ours)
    _git(repo, "commit", "-qam", "ours")
    result = _git(repo, "merge", "--no-edit", "theirs", check=False)
    assert result.returncode != 0
    assert 'theirs: "Kunde"' in result.stderr + result.stdout
    assert "app.fieldcraft.json: cannot merge the two versions" in result.stderr  # not git's temp names
    assert model.read_bytes() == ours          # our version, still a valid model
    assert "CONFLICT" in result.stdout
