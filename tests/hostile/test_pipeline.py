"""Hostile input through the whole pipeline, as a user's CI runs it: load → validate → lint →
export for every target (and review), plus mutated specs and CSVs through the importers.

Only documented outcomes are allowed: exit 0/1/2 with clear messages (never the internal-error
exit 70 or a traceback), bounded time, and no file written outside the output folder.
"""

from __future__ import annotations

import copy
import io
import os
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.cli import main
from designer.importers import SpecError, import_file
from designer.model import ModelFileError, loads
from designer.model.validate import validate_app
from designer.review.lint import lint
from exporters import ExportFailed, ExportOptions, get, names
from tests.conftest import ROOT
from tests.hostile.test_hostile_models import mutations

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(CORPUS.glob("*.fieldcraft.json"))
SPECS = ROOT / "tests" / "fixtures" / "specs"
KINDS = {".yaml": "openapi", ".json": "openapi", ".xml": "odata", ".csv": "csv"}


def run_cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        code = main(list(args))
    return code, out.getvalue()


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_through_lint_and_every_export_target(path: Path, tmp_path: Path) -> None:
    model = tmp_path / "in" / path.name
    model.parent.mkdir()
    model.write_bytes(path.read_bytes())
    before = files_under(tmp_path)
    runs = [("lint", str(model)), ("lint", "--format", "sarif", str(model))]
    outs = {t: tmp_path / f"out-{t}" for t in names()}
    runs += [("export", str(model), "--target", t, "--out", str(o), "--quiet", "--allow-partial")
             for t, o in outs.items()]
    for args in runs:
        start = time.perf_counter()
        code, output = run_cli(*args)
        assert time.perf_counter() - start < 60, args
        assert code in (0, 1, 2), f"{args}: exit {code}\n{output[-2000:]}"
        assert "Traceback" not in output and "internal error" not in output, output[-2000:]
    written = files_under(tmp_path) - before
    allowed = tuple(outs.values())
    strays = [p for p in written if not any(p == o or o in p.parents for o in allowed)]
    assert strays == []
    assert model.read_bytes() == path.read_bytes()


_SPEC_FILES = sorted(p for p in SPECS.iterdir() if p.suffix in KINDS)
FUZZ = int(os.environ.get("FIELDCRAFT_FUZZ_EXAMPLES", "300")) // 3


@st.composite
def mutated_spec(draw: st.DrawFn) -> tuple[str, str, bytes]:
    path = draw(st.sampled_from(_SPEC_FILES))
    data = bytearray(path.read_bytes())
    for _ in range(draw(st.integers(1, 5))):
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        op = draw(st.sampled_from(["flip", "cut", "insert", "dup"]))
        if op == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[pos: pos + draw(st.integers(1, 300))]
        elif op == "insert":
            data[pos:pos] = draw(st.sampled_from(
                [b"<", b">", b"&lol;", b'"', b",", b"\n", b"{", b"[", b"*a", b"&a ", b"\x00",
                 b"$ref", b'"$ref": "#/"', b"<!ENTITY x SYSTEM 'file:///etc/passwd'>", b";;;"]))
        else:
            end = min(len(data), pos + draw(st.integers(1, 1500)))
            data[pos:pos] = data[pos:end]
    return KINDS[path.suffix], path.suffix, bytes(data)


@settings(max_examples=FUZZ, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(mutated_spec())
def test_mutated_specs_and_csvs_fail_cleanly(tmp_path_factory: pytest.TempPathFactory,
                                             case: tuple[str, str, bytes]) -> None:
    kind, suffix, data = case
    path = tmp_path_factory.mktemp("spec") / f"mutated{suffix}"
    path.write_bytes(data)
    start = time.perf_counter()
    try:
        result = import_file(kind, path)
    except SpecError as exc:
        assert str(path) in str(exc)
    else:
        assert result.source.name
    assert time.perf_counter() - start < 10


@pytest.mark.parametrize("stem", ["script_in_name", "bidi_text", "many_strings"])
def test_hostile_but_valid_models_export_for_every_target(stem: str, tmp_path: Path) -> None:
    model = CORPUS / f"{stem}.fieldcraft.json"
    for target in names():
        out = tmp_path / target
        code, output = run_cli("export", str(model), "--target", target, "--out", str(out),
                               "--quiet")
        assert code == 0, output[-2000:]
        assert any(out.rglob("*")), target
        if stem == "script_in_name":
            for path in out.rglob("*.html"):
                assert "<script>alert(1)</script>" not in path.read_text("utf-8")


HOSTILE_STRINGS = ["</script><img src=x onerror=alert(1)>", "${alert(1)}", "`x`", "$x \\$",
                   "*/ x /*", "{{7*7}}", "\u2028\u2029", "\u202eevil", "../../etc/passwd",
                   "\"'\\", "{x}", "a" * 5000, "", "\x00", "é中🙂", "javascript:alert(1)"]


def _leaves(node: object, path: tuple = ()) -> list[tuple]:
    """Paths of every string and number in a JSON tree."""
    if isinstance(node, dict):
        return [leaf for k, v in node.items() for leaf in _leaves(v, (*path, k))]
    if isinstance(node, list):
        return [leaf for i, v in enumerate(node) for leaf in _leaves(v, (*path, i))]
    return [path] if isinstance(node, (str, int, float)) and not isinstance(node, bool) else []


_EXAMPLE = orjson.loads((ROOT / "assets" / "examples" / "field_sales.fieldcraft.json").read_bytes())
_LEAVES = _leaves(_EXAMPLE)


@st.composite
def structured_mutations(draw: st.DrawFn) -> bytes:
    """The example with some of its strings and numbers replaced by hostile values and some
    keys dropped: mostly still loadable, so lint and the exporters see them."""
    tree = copy.deepcopy(_EXAMPLE)
    for _ in range(draw(st.integers(1, 12))):
        *parents, last = draw(st.sampled_from(_LEAVES))
        node = tree
        try:
            for key in parents:
                node = node[key]
            value = node[last]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation dropped this path
        before = copy.deepcopy(node)
        if isinstance(value, str):
            node[last] = draw(st.sampled_from(HOSTILE_STRINGS))
        else:
            node[last] = draw(st.sampled_from([0, -1, 10**9, 0.5, 2**63]))
        if isinstance(node, dict) and draw(st.booleans()) and len(node) > 2:
            node.pop(draw(st.sampled_from(sorted(node))))
        if not _loads(tree) and draw(st.integers(0, 4)):
            node.clear()  # keep most mutations loadable, so lint and the exporters see them
            node.update(before) if isinstance(node, dict) else node.extend(before)
    return orjson.dumps(tree)


def _loads(tree: dict) -> bool:
    try:
        loads(orjson.dumps(tree), "fuzz.fieldcraft.json")
    except ModelFileError:
        return False
    return True


@settings(max_examples=FUZZ, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(data=st.one_of(mutations(), structured_mutations()))
def test_mutated_models_through_lint_and_every_export_target(
        tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    """Mutated example models that still load go on through lint and every exporter: only
    documented errors, bounded time, and nothing written beside the output folders."""
    try:
        app = loads(data, "fuzz.fieldcraft.json")
    except ModelFileError:
        return  # the load-only fuzz in test_hostile_models checks these messages
    folder = tmp_path_factory.mktemp("fuzz")
    start = time.perf_counter()
    problems = [*validate_app(app, "fuzz.fieldcraft.json"),
                *lint(app, file="fuzz.fieldcraft.json", text=data.decode("utf-8", "replace"))]
    assert all(p.message and p.file == "fuzz.fieldcraft.json" for p in problems)
    for target in names():
        try:
            result = get(target).export(app, folder / target,
                                        ExportOptions(allow_partial=True, assets_dir=folder))
        except ExportFailed as exc:
            assert exc.problems and all(p.message for p in exc.problems)
        else:
            assert result.files and not any(p.is_absolute() or ".." in p.parts
                                            for p in map(Path, result.files))
    assert time.perf_counter() - start < 30
    assert {p.name for p in folder.iterdir()} <= set(names())
