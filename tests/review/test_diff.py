"""Semantic diff: by ids, with renames, moves, before → after; CLI and git integration."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from designer.cli import main
from designer.model import App, dumps, load
from designer.review.diff import changed_screens, diff_apps, outline
from tests.conftest import EXAMPLE
from tests.strategies import apps

from .helpers import add_widget, build, root_children, write

ROOT = Path(__file__).resolve().parents[2]


def _edited() -> App:
    def edit(d: dict[str, Any]) -> None:
        d["screens"][0]["name"] = "start"                       # screen rename
        d["start_screen"] = "start"
        kids = root_children(d)
        kids[0]["name"] = "pageTitle"                           # widget rename
        kids[0]["style"] = {"background": "#eeeeee"}            # property added
        label = kids[1]["children"].pop(0)                      # reparent: list → root
        label["bindings"] = {"text": "customers[0].name"}       # binding change
        kids.insert(0, label)
        add_widget(d, {"kind": "button", "id": "w_new", "name": "refresh", "text": "Refresh",
                       "actions": {"tap": [{"type": "refresh"}]}})
        src = d["data_sources"][0]
        src["base_url"] = "https://api2.example.com/v1"
        src["offline"]["mode"] = "cached_read"
        src["entities"][0]["fields"][1]["pii"] = True
        src["entities"][0]["operations"].append({"kind": "create", "method": "POST",
                                                 "path": "/customers"})
    return build(edit)


def _by(changes: list[Any], **match: Any) -> list[Any]:
    return [c for c in changes if all(getattr(c, k) == v for k, v in match.items())]


def test_renames_moves_and_changes_are_recognised_by_id() -> None:
    changes = diff_apps(build(), _edited())
    texts = [c.text() for c in changes]
    assert _by(changes, op="renamed", category="screen", before="home", after="start")
    assert _by(changes, op="renamed", category="widget", id="w_title", after="pageTitle")
    assert not _by(changes, op="added", category="screen") and not _by(changes, op="removed")
    moved = _by(changes, op="moved", id="w_name")
    assert len(moved) == 1
    assert moved[0].before == "`customerList`[0] on screen `home`"
    assert moved[0].after == "`root`[0] on screen `start`"
    assert _by(changes, category="binding", id="w_name", prop="bindings.text",
               before="item.name", after="customers[0].name")
    assert _by(changes, op="changed", category="widget", id="w_title", prop="style.background",
               before=None, after="#eeeeee")
    assert _by(changes, op="added", category="widget", id="w_new")
    assert _by(changes, op="added", category="action", id="w_new") == []   # part of the new widget
    assert _by(changes, category="endpoint", prop="base_url", after="https://api2.example.com/v1")
    assert _by(changes, category="policy", prop="offline.mode", before="online_only",
               after="cached_read")
    assert _by(changes, category="field", prop="pii", before=False, after=True)
    assert _by(changes, op="added", category="endpoint", id="ds1.Customer.create")
    assert any('style.background: none → "#eeeeee"' in t for t in texts)
    assert changed_screens(changes) == ["s1"]


def test_action_and_reorder_changes() -> None:
    def edit(d: dict[str, Any]) -> None:
        kids = root_children(d)
        kids.reverse()
        kids[0]["actions"] = {"item_tap": [{"type": "go_back"}]}
    changes = diff_apps(build(), build(edit))
    assert [c.op for c in changes if c.category == "action"] == ["added"]
    reordered = _by(changes, op="reordered")
    assert len(reordered) == 1 and "position" in reordered[0].before


def test_an_added_empty_string_table_is_a_change() -> None:
    # found by test_diff_is_empty_exactly_when_content_is_equal: {} vanished when flattened
    old = build()
    new = build(lambda d: d.update(strings={"fr": {}}))
    assert [(c.op, c.category, c.prop, c.after) for c in diff_apps(old, new)] == [
        ("added", "strings", "fr", {})]
    assert "app strings.fr = {}" in outline(new).splitlines()


def test_no_changes_for_equal_content() -> None:
    assert diff_apps(build(), build()) == []


@settings(max_examples=40, deadline=None)
@given(apps(), apps())
def test_diff_is_empty_exactly_when_content_is_equal(a: App, b: App) -> None:
    assert (diff_apps(a, b) == []) == (dumps(a) == dumps(b))
    assert diff_apps(a, a) == []


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_cli_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = write(tmp_path / "a.fieldcraft.json", build()), write(tmp_path / "b.fieldcraft.json",
                                                                       _edited())
    code, out = _cli(capsys, "diff", str(old), str(new))
    assert code == 0
    assert out.splitlines()[0].endswith(f"{len(diff_apps(build(), _edited()))} changes")
    assert "~ screen `start` (s1) renamed \"home\" → \"start\"" in out
    code, out = _cli(capsys, "diff", str(old), str(new), "--format", "json", "--exit-code")
    assert code == 1
    changes = json.loads(out)["changes"]
    assert {"op": "renamed", "category": "screen", "id": "s1", "before": "home",
            "after": "start"} in [{k: c.get(k) for k in ("op", "category", "id", "before", "after")}
                                  for c in changes]
    assert _cli(capsys, "diff", str(old), str(old), "--exit-code")[0] == 0


def test_cli_as_git_external_diff_with_added_file(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    new = write(tmp_path / "b.fieldcraft.json", build())
    code, out = _cli(capsys, "diff", "app.fieldcraft.json", os.devnull, ".", ".", str(new),
                     "abc123", "100644")
    assert code == 0
    assert out.startswith("fieldcraft diff app.fieldcraft.json (new file):")
    assert "+ screen `home` (s1) added" in out


def test_textconv_outline_shows_a_move_as_location_lines(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    def move(d: dict[str, Any]) -> None:
        kids = root_children(d)
        kids.insert(0, kids[1]["children"].pop(0))
    one = _cli(capsys, "diff", "--textconv", str(write(tmp_path / "a.json", build())))[1]
    two = _cli(capsys, "diff", "--textconv", str(write(tmp_path / "b.json", build(move))))[1]
    removed = sorted(set(one.splitlines()) - set(two.splitlines()))
    added = sorted(set(two.splitlines()) - set(one.splitlines()))
    assert removed == ["widget w_list children = w_name",
                       "widget w_name in w_list on screen s1",
                       "widget w_root children = w_title, w_list"]
    assert added == ["widget w_name in w_root on screen s1",
                     "widget w_root children = w_name, w_title, w_list"]


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x", "GIT_CONFIG_NOSYSTEM": "1",
           "HOME": str(repo)}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True,
                          check=check, timeout=120)


def _doc_blocks(lang: str) -> list[str]:
    """The fenced ``lang`` code blocks of docs/git.md, as a reader would copy them."""
    text = (ROOT / "docs" / "git.md").read_text("utf-8")
    return re.findall(rf"^```{lang}\n(.*?)^```", text, re.S | re.M)


def git_repo(tmp_path: Path) -> Path:
    """A repository set up by pasting docs/git.md's blocks, ``fieldcraft`` = this checkout."""
    if shutil.which("git") is None:
        pytest.fail("git is required for the git integration tests")
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (attributes,) = _doc_blocks("gitattributes")
    (repo / ".gitattributes").write_text(attributes)
    config = "".join(_doc_blocks("gitconfig"))
    assert "[diff \"fieldcraft\"]" in config and "[merge \"fieldcraft\"]" in config
    here = f"{sys.executable} -m designer"
    with open(repo / ".git" / "config", "a", encoding="utf-8") as fh:
        fh.write(re.sub(r"= fieldcraft ", f"= {here} ", config))
    return repo


def test_git_diff_uses_the_semantic_diff(tmp_path: Path) -> None:
    repo = git_repo(tmp_path)
    model = repo / "app.fieldcraft.json"
    shutil.copy(EXAMPLE, model)
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "example")
    app = load(model)
    app.screens[1].name = "customer"
    app.start_screen = app.start_screen
    model.write_bytes(dumps(app))
    out = _git(repo, "diff").stdout
    assert "fieldcraft diff app.fieldcraft.json:" in out
    assert 'renamed "customerDetail" → "customer"' in out
    log = _git(repo, "diff", "--no-ext-diff").stdout      # the textconv outline
    assert '+screen s_customer_detail name = "customer"' in log
    _git(repo, "commit", "-qam", "rename")
    show = _git(repo, "show").stdout                       # commits: textconv by default ...
    assert '+screen s_customer_detail name = "customer"' in show
    assert 'renamed "customerDetail" → "customer"' in _git(repo, "show", "--ext-diff").stdout
    tool = _git(repo, "difftool", "-y", "-t", "fieldcraft", "HEAD~1", "HEAD").stdout
    assert 'renamed "customerDetail" → "customer"' in tool  # ... and as a difftool


def test_sources_diffed_piecewise_give_what_whole_dumps_give() -> None:
    """``diff_apps`` dumps one pair of data sources at a time (bounded memory, issue 18 item 1):
    the changes are those of the whole dumps, for changed, equal, added and removed sources."""
    from designer.model import App, load
    from designer.review.diff import diff_apps, diff_dumps
    from designer.review.tree import full_dump
    from tests.conftest import EXAMPLE

    old = load(EXAMPLE)
    data = old.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    first = data["data_sources"][0]
    first["base_url"] = "https://api.example-crm.com/v2"
    first["entities"][0]["label"] = "Clients"
    extra = {**first, "id": "ds_extra", "name": "extra"}
    data["data_sources"] = [first, extra]
    new = App.model_validate(data)
    for a, b in ((old, new), (new, old), (old, old)):
        assert diff_apps(a, b) == diff_dumps(full_dump(a), full_dump(b))
    kinds = {(c.category, c.op) for c in diff_apps(old, new)}
    assert ("data_source", "added") in kinds and ("endpoint", "changed") in kinds
