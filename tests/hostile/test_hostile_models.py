"""Hostile and mutated model files: only clean, located errors; bounded time; nothing written.

Every file under ``corpus/`` goes through the CLI's ``validate`` (load → migrate → schema →
semantic validation), as a user's CI would run it.
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
from designer.model import ModelFileError, loads
from designer.model.validate import validate_app
from tests.conftest import EXAMPLE

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(CORPUS.glob("*.fieldcraft.json"))


def run_cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        code = main(list(args))
    return code, out.getvalue()


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_file_gives_clean_result(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    before = copy.read_bytes()
    start = time.perf_counter()
    code, output = run_cli("validate", str(copy))
    assert time.perf_counter() - start < 10
    assert code in (0, 1), output
    assert "Traceback" not in output and "internal error" not in output
    if code == 1:
        assert str(copy) in output
    assert copy.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


EXPECTED_FAILURES = {
    "truncated": "not valid JSON", "binary": "binary", "empty": "empty", "nan": "not valid JSON",
    "future_version": "version 99", "nested_arrays": "deep", "unknown_kind": "hologram",
    "dup_ids": "also used", "secret_header": "secret", "path_traversal_asset": "asset",
    "bad_ident": "name", "latin1": "UTF-8", "proto_keys": "unknown property",
}


@pytest.mark.parametrize("stem, needle", sorted(EXPECTED_FAILURES.items()))
def test_corpus_file_message_says_what_is_wrong(stem: str, needle: str) -> None:
    code, output = run_cli("validate", str(CORPUS / f"{stem}.fieldcraft.json"))
    assert code == 1
    assert needle.lower() in output.lower(), output


def test_hostile_strings_are_kept_literally() -> None:
    app = loads((CORPUS / "script_in_name.fieldcraft.json").read_bytes())
    assert app.name == "</script><script>alert(1)</script>"
    bidi = loads((CORPUS / "bidi_text.fieldcraft.json").read_bytes())
    texts = [w.text for _, w, _ in bidi.widgets() if getattr(w, "text", None)]
    assert "\u202eevil\u202c \u2028 line" in texts


_BASE = EXAMPLE.read_bytes()
FUZZ_EXAMPLES = int(os.environ.get("FIELDCRAFT_FUZZ_EXAMPLES", "300"))


@st.composite
def mutations(draw: st.DrawFn) -> bytes:
    data = bytearray(_BASE)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "dup", "swap_token"]))
        pos = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[pos] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[pos: pos + draw(st.integers(1, 400))]
        elif op == "insert":
            data[pos:pos] = draw(st.sampled_from(
                [b"{", b"}", b"[", b"]", b",", b'"', b"null", b"-1e308", b'"\\ud800"', b"\x00",
                 b'"kind": "free"', b'"children": [', b"\xff\xfe", b"9" * 40]))
        elif op == "dup":
            end = min(len(data), pos + draw(st.integers(1, 2000)))
            data[pos:pos] = data[pos:end]
        else:
            data = bytearray(bytes(data).replace(
                draw(st.sampled_from([b'"label"', b'"column"', b'"navigate"', b'"string"'])),
                draw(st.sampled_from([b'"free"', b'"list"', b'"bogus"', b'"tab_page"', b"7"])), 1))
        if not data:
            break
    return bytes(data)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutations())
def test_mutated_models_fail_cleanly(data: bytes) -> None:
    start = time.perf_counter()
    try:
        app = loads(data, "fuzz.fieldcraft.json")
    except ModelFileError as exc:
        assert "fuzz.fieldcraft.json" in str(exc)
        assert exc.problems or exc.message
        return
    finally:
        assert time.perf_counter() - start < 5
    problems = validate_app(app, "fuzz.fieldcraft.json")
    assert all(p.message and p.file == "fuzz.fieldcraft.json" for p in problems)
