"""Hostile input through the whole pipeline, as a user's CI runs it: load → validate → lint →
export for every target (and review), plus mutated specs and CSVs through the importers.

Only documented outcomes are allowed: exit 0/1/2 with clear messages (never the internal-error
exit 70 or a traceback), bounded time, and no file written outside the output folder.
"""

from __future__ import annotations

import io
import os
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.cli import main
from designer.importers import SpecError, import_file
from exporters import names
from tests.conftest import ROOT

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
