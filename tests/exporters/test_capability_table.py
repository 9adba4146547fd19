"""The capability table (exporters/capabilities.py) is complete and true for every target.

For each target and each property of each widget kind (own, ``layout.*``, ``style.*``) the
table either marks it ignored — then exporting the kitchen sink, which sets every property,
warns about exactly that property — or it is honoured, and then the export with the property
changed differs from the export with it at its default. The native printers must also have
*read* it from the IR (a property that changes the output only by being copied as data is not
honoured); the PWA ships properties as data, so its renderers must read it (``consumed``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from exporters.capabilities import IGNORED_PROPS
from exporters.ir import recording
from exporters.pwa.consumed import consumed
from exporters.registry import get, names
from exporters.support import checked_props
from tests.exporters.kitchen_sink import ALTERNATIVES, kitchen_sink
from widgets import CATALOG

ROOT = Path(__file__).resolve().parents[2]
_WARNING = re.compile(r"property `([a-z_]+\.[a-z_.]+)` is ignored by the ([a-z-]+) exporter")


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_every_target_has_a_row_and_every_entry_names_a_real_property() -> None:
    assert sorted(IGNORED_PROPS) == sorted(names())
    known = {f"{t.id}.{p}" for t in CATALOG for p in checked_props(t.model)}
    for target, row in IGNORED_PROPS.items():
        assert set(row) <= known, (target, sorted(set(row) - known))
        assert all(why.strip() for why in row.values())
        assert get(target).capabilities.ignored_props == row


def test_the_kitchen_sink_sets_every_property_of_every_kind() -> None:
    from exporters.support import used_features

    used = {u.value for u in used_features(kitchen_sink()) if u.group == "props"}
    missing = [f"{t.id}.{p}" for t in CATALOG for p in checked_props(t.model)
               if f"{t.id}.{p}" not in used]
    assert missing == []


@pytest.mark.parametrize("target", ["pwa", "react-native", "flutter"])
def test_ignored_properties_are_warned_about(target: str, tmp_path: Path) -> None:
    result = get(target).export(kitchen_sink(), tmp_path / "out")
    warned = set()
    for problem in result.warnings:
        found = _WARNING.search(problem.message)
        if found and found.group(2) == target:
            warned.add(found.group(1))
            assert problem.path[-1] in found.group(1).split(".")[-1:], problem
    assert warned == set(IGNORED_PROPS[target])


def _kinds() -> list[str]:
    return [t.id for t in CATALOG]


@pytest.mark.parametrize("target", ["pwa", "react-native", "flutter"])
def test_every_honoured_property_changes_the_export(target: str, tmp_path: Path) -> None:
    exporter, table = get(target), IGNORED_PROPS[target]
    unchanged, unread = [], []
    for entry in CATALOG:
        kind = entry.id
        host = "tabs" if kind == "tab_page" else kind  # a tab page lives in tabs
        with recording() as log:
            exporter.export(kitchen_sink([host]), tmp_path / kind)
        base = _tree(tmp_path / kind)
        renderer = consumed(kind) if target == "pwa" else None
        for prop in checked_props(entry.model):
            if f"{kind}.{prop}" in table:
                continue
            out = tmp_path / f"{kind}-{prop}"
            exporter.export(kitchen_sink([host], reset=(kind, prop)), out)
            if _tree(out) == base:
                unchanged.append(f"{kind}.{prop}")
            read = prop in renderer if renderer is not None else (kind, prop) in log
            if not read:
                unread.append(f"{kind}.{prop}")
    assert unchanged == [], f"{target}: honoured by the table, but the export does not change"
    assert unread == [], f"{target}: honoured by the table, but the printer never reads it"


def test_alternatives_are_valid_changes() -> None:
    """``layout.frame`` cannot go back to its default inside a free container, so the test
    moves it instead; the moved model is still valid and differs."""
    moved = kitchen_sink(["label"], reset=("label", "layout.frame"))
    frames = [c.layout.frame for c in moved.screens[0].root.children[-1].children]
    assert frames and all(f is not None and f.model_dump() == ALTERNATIVES["layout.frame"]
                          for f in frames)


def test_a_model_setting_an_ignored_property_gets_one_warning_line(tmp_path: Path) -> None:
    """Through the real CLI: the warning names the property, the target and the reason."""
    app = kitchen_sink(["map"])
    model = tmp_path / "m.fieldcraft.json"
    model.write_text(app.model_dump_json(by_alias=True), "utf-8")
    out = subprocess.run([sys.executable, "-m", "designer", "export", str(model), "--target",
                          "flutter", "--out", str(tmp_path / "o")], capture_output=True,
                         text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    text = out.stdout + out.stderr
    assert "property `map.zoom` is ignored by the flutter exporter: no embedded map tiles" in text
    assert "Traceback" not in text


def test_docs_targets_md_is_generated_from_the_table() -> None:
    out = subprocess.run([sys.executable, "-m", "exporters.capabilities", "--check"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    doc = (ROOT / "docs" / "targets.md").read_text("utf-8")
    assert "## Widget properties" in doc
    for target, row in IGNORED_PROPS.items():
        section = doc.split(f"### `{target}`", 1)[1].split("###", 1)[0]
        for prop, why in row.items():
            assert f"`{prop}`" in section and why in section, (target, prop)


def test_check_reports_a_stale_doc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from exporters import capabilities

    stale = tmp_path / "targets.md"
    stale.write_text(capabilities.render().replace("map.zoom", "map.zoomed"), "utf-8")
    monkeypatch.setattr(capabilities, "DOC", stale)
    assert capabilities.main(["--check"]) == 1
    assert capabilities.main([]) == 0
    assert stale.read_text("utf-8") == capabilities.render()
