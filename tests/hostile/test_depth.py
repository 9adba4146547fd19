"""Deep data through every CLI entry point, as whole ``fieldcraft`` processes (issue 18, item 2).

A 10,000-entity reference chain is legal data: it imports, validates, lints, diffs, merges,
reviews and exports to every target. 10,000-deep widget nesting is not: every command refuses it
with one located line. Widgets nest at most ``MAX_WIDGET_DEPTH`` levels (validate and the
Document refuse deeper trees). Nothing may exit 70 (internal error) or print a traceback.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from bench import hostile_inputs as H
from bench.measure import Measured, fieldcraft
from designer.model import Document, InvalidChildError, loads
from designer.model.base import MAX_WIDGET_DEPTH
from widgets import CATALOG

CHAIN = 10_000
SECONDS = 300          # per command, on a loaded 2-core machine; typical runs take 10–50 s


def run(args: list[str]) -> Measured:
    result = fieldcraft(args, timeout=SECONDS)
    out = result.stdout + result.stderr
    assert result.seconds < SECONDS, f"{args[0]} took {result.seconds:.0f} s"
    assert result.code in (0, 1), f"{args}: exit {result.code}\n{out[-2000:]}"
    assert "Traceback" not in out and "internal error" not in out, out[-2000:]
    return result


def commands(model: Path, tmp: Path) -> dict[str, list[str]]:
    """Every CLI entry point that reads a model, on ``model``."""
    return {
        "validate": ["validate", str(model)],
        "lint": ["lint", str(model)],
        "diff": ["diff", str(H.EXAMPLE), str(model)],
        "merge": ["merge", str(H.EXAMPLE), str(H.EXAMPLE), str(model),
                  "-o", str(tmp / "merged.fieldcraft.json")],
        "review": ["review", str(model), "-o", str(tmp / "review.html")],
        **{f"export {t}": ["export", str(model), "-t", t, "-o", str(tmp / f"out-{t}"), "-q"]
           for t in ("pwa", "react-native", "flutter")},
    }


@pytest.fixture(scope="module")
def chain_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example plus a 10,000-entity chain imported from OpenAPI by the real CLI, listed on a
    screen (so the exporters generate its data layer and nested wire renames)."""
    tmp = tmp_path_factory.mktemp("chain")
    spec = H.openapi_chain(tmp / "chain.json", CHAIN)
    model = tmp / "chain.fieldcraft.json"
    shutil.copy(H.EXAMPLE, model)
    result = run(["import", str(model), "--openapi", str(spec)])
    assert result.code == 0 and f"({CHAIN} entities" in result.stdout, result.stdout[-500:]
    return H.use_chain(model)


@pytest.mark.timeout(1800)      # nine whole processes on a 10,000-entity model
def test_a_10000_entity_reference_chain_goes_through_every_command(
        chain_model: Path, tmp_path: Path) -> None:
    for name, args in commands(chain_model, tmp_path).items():
        result = run(args)
        assert result.code == 0, f"{name}: {(result.stdout + result.stderr)[-1000:]}"
    source = (tmp_path / "out-pwa" / "app" / "model" / "app.js").read_text("utf-8")
    assert f'"Node{CHAIN - 1}"' in source and '["next_link","Node1"]' in source
    dart = "\n".join(p.read_text("utf-8") for p in (tmp_path / "out-flutter").rglob("*.dart"))
    assert f"Node{CHAIN - 1}" in dart


def located(result: Measured, file: Path, message: str) -> None:
    """Exit 1, and exactly one line naming the file and a line number, with ``message``."""
    out = result.stdout + result.stderr
    assert result.code == 1, out[-1000:]
    lines = [ln for ln in out.splitlines() if re.match(rf"{re.escape(str(file))}:\d+:", ln)]
    assert len(lines) == 1 and message in lines[0], out[-1000:]


def test_10000_deep_widget_nesting_is_refused_by_every_command_with_one_located_line(
        tmp_path: Path) -> None:
    model = H.nested_widgets(tmp_path / "deep.fieldcraft.json", CHAIN)
    for args in [*commands(model, tmp_path).values(),
                 ["render", str(model), "--screen", "customers", "--out", str(tmp_path / "r.png")]]:
        located(run(args), model, "nesting is too deep")


def test_widgets_nest_at_most_64_levels(tmp_path: Path) -> None:
    ok = H.nested_widgets(tmp_path / "ok.fieldcraft.json", MAX_WIDGET_DEPTH - 2)  # root + leaf
    result = run(["validate", str(ok)])
    assert result.code == 0, result.stdout + result.stderr
    for name, args in commands(ok, tmp_path).items():
        assert run(args).code == 0, name
    deep = H.nested_widgets(tmp_path / "deep.fieldcraft.json", MAX_WIDGET_DEPTH - 1)
    for name in ("validate", "lint", "export pwa", "export flutter"):
        result = run(commands(deep, tmp_path)[name])
        assert result.code == 1, name
        assert f"nested {MAX_WIDGET_DEPTH + 1} levels deep; the limit is {MAX_WIDGET_DEPTH}" in \
            result.stdout + result.stderr, name
    located(run(["validate", str(deep)]), deep, "screens[0].root.children[0]")


def test_the_document_refuses_an_insert_or_move_past_the_depth_limit(tmp_path: Path) -> None:
    doc = Document(loads(H.nested_widgets(tmp_path / "ok.fieldcraft.json",
                                          MAX_WIDGET_DEPTH - 2).read_bytes()))
    deepest = doc.widget(f"w_deep{MAX_WIDGET_DEPTH - 3}")       # level 63, holds the leaf
    column = CATALOG.get("column").create("w_extra", "extra", children=[
        CATALOG.get("label").create("w_extraText", "extraText", text="x")])   # two levels
    with pytest.raises(InvalidChildError, match="nested 65 levels deep; the limit is 64"):
        doc.insert_widget(deepest.id, 0, column)
    doc.insert_widget(deepest.id, 0, CATALOG.get("label").create("w_ok", "ok", text="x"))  # 64
    shallow = doc.app.screens[0].root
    doc.insert_widget(shallow.id, 0, column)                   # levels 2–3: fine
    with pytest.raises(InvalidChildError, match="nested 65 levels deep"):
        doc.move_widget(column.id, deepest.id, 0)
    assert doc.parent_of(column.id) is shallow


def test_an_odata_complex_type_chain_longer_than_the_type_cap_imports_whole(
        tmp_path: Path) -> None:
    metadata = H.odata_chain(tmp_path / "chain.xml", 2_500)
    model = tmp_path / "m.fieldcraft.json"
    shutil.copy(H.EXAMPLE, model)
    assert run(["import", str(model), "--odata", str(metadata)]).code == 0
    assert run(["validate", str(model)]).code == 0          # no dangling reference
    source = json.loads(model.read_text("utf-8"))["data_sources"][-1]
    assert {e["name"] for e in source["entities"]} >= {"Root", "T0", "T2499"}


def test_a_10000_hop_ref_alias_chain_is_cut_with_a_clear_warning(tmp_path: Path) -> None:
    spec = H.openapi_ref_hops(tmp_path / "hops.json", CHAIN)
    model = tmp_path / "m.fieldcraft.json"
    shutil.copy(H.EXAMPLE, model)
    result = run(["import", str(model), "--openapi", str(spec)])
    out = result.stdout + result.stderr
    assert result.code == 0 and "more than 64 `$ref` hops" in out and "circular" not in out
    assert len(out.splitlines()) <= 510                     # warnings are bounded
    assert run(["validate", str(model)]).code == 0


@pytest.mark.parametrize("kind, make", [("openapi", H.openapi_inline_nesting),
                                        ("json", H.json_sample_nesting)])
def test_deeply_nested_import_inputs_are_refused_with_a_located_line(
        tmp_path: Path, kind: str, make: object) -> None:
    spec = make(tmp_path / "deep.json", CHAIN)  # type: ignore[operator]
    model = tmp_path / "m.fieldcraft.json"
    shutil.copy(H.EXAMPLE, model)
    result = run(["import", str(model), f"--{kind}", str(spec)])
    out = result.stdout + result.stderr
    assert result.code == 1 and re.search(rf"{re.escape(str(spec))}:1:\d+: .*(deep|depth)", out), out
    assert model.read_bytes() == H.EXAMPLE.read_bytes()
