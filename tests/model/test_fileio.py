"""Reading model files: migrations, newer versions, and clear located errors for bad input."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from designer.model import ModelFileError, NewerVersionError, dumps, load, loads
from designer.model.fileio import MAX_FILE_BYTES
from tests.conftest import EXAMPLE

FIXTURES = Path(__file__).parent / "fixtures"


def test_v1_file_is_migrated() -> None:
    app = load(FIXTURES / "visit_app_v1.fieldcraft.json")
    assert app.schema_version == 4
    assert app.theme.primary == "#004d40" and app.theme.background == "#fafafa"
    notes = app.screens[0].root.children[1].children[0]
    assert notes.kind == "text_input" and notes.a11y_label == "Visit notes"
    text = dumps(app).decode()
    assert '"$schema"' in text and '"type": "column"' not in text
    assert dumps(loads(dumps(app))) == dumps(app)


def test_newer_version_is_refused_naming_both_versions_and_file_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "future.fieldcraft.json"
    original = EXAMPLE.read_bytes().replace(b'"schema_version": 4', b'"schema_version": 7')
    path.write_bytes(original)
    with pytest.raises(NewerVersionError) as info:
        load(path)
    message = str(info.value)
    assert "version 7" in message and "version 4" in message and str(path) in message
    line = original.decode().splitlines().index('  "schema_version": 7,') + 1
    assert message.startswith(f"{path}:{line}: schema_version: ")
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def error_for(tmp_path: Path, content: bytes) -> ModelFileError:
    path = tmp_path / "bad.fieldcraft.json"
    path.write_bytes(content)
    with pytest.raises(ModelFileError) as info:
        load(path)
    assert str(path) in str(info.value)
    return info.value


@pytest.mark.parametrize("content, needle", [
    (b"", "empty"),
    (b"{\"schema_version\": 2, \"id\": ", "not valid JSON"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"\xff\xfe{\x00}\x00", "binary"),
    (b"[1, 2, 3]", "JSON object"),
    (b"{\"name\": \"x\"}", "schema_version"),
    (b"{\"schema_version\": \"2\"}", "positive integer"),
    (b"{\"schema_version\": 2, \"id\": \"a\", \"name\": \"\\ud800\"}", "UTF-8"),
])
def test_malformed_files_get_clean_messages(tmp_path: Path, content: bytes, needle: str) -> None:
    assert needle.lower() in str(error_for(tmp_path, content)).lower()


def test_truncated_example_names_a_line(tmp_path: Path) -> None:
    data = EXAMPLE.read_bytes()
    err = error_for(tmp_path, data[: len(data) // 2])
    assert err.line is not None and err.line > 1


def test_schema_error_names_path_line_and_suggestion(tmp_path: Path) -> None:
    text = EXAMPLE.read_text("utf-8")
    bad = text.replace('"searchable": true', '"serchable": true', 1)
    err = error_for(tmp_path, bad.encode())
    problem = err.problems[0]
    assert problem.path_text == "screens[0].root.children[1].serchable"
    assert problem.suggestion == "searchable"
    assert bad.splitlines()[problem.line - 1].strip().startswith('"serchable"')
    assert problem.format().startswith(f"{tmp_path / 'bad.fieldcraft.json'}:{problem.line}: ")


def test_unknown_widget_kind_names_its_path(tmp_path: Path) -> None:
    bad = EXAMPLE.read_text("utf-8").replace('"kind": "map"', '"kind": "mapp"', 1)
    err = error_for(tmp_path, bad.encode())
    assert "unknown kind `mapp`" in err.problems[0].message
    assert err.problems[0].suggestion == "map"
    assert err.problems[0].path_text.startswith("screens[1].root.children[0].children[")


def test_deeply_nested_file_is_refused_quickly(tmp_path: Path) -> None:
    start = time.perf_counter()
    err = error_for(tmp_path, b"[" * 100_000 + b"]" * 100_000)
    assert "deep" in str(err)
    nested = b'{"schema_version": 2, "x": ' + b'{"a": ' * 900 + b"1" + b"}" * 900 + b"}"
    err = error_for(tmp_path, nested)
    assert "nested" in str(err)
    assert time.perf_counter() - start < 2


def test_deeply_nested_widgets_are_refused(tmp_path: Path) -> None:
    inner = '{"kind": "label", "id": "x", "name": "x"}'
    for i in range(400):
        inner = f'{{"kind": "column", "id": "c{i}", "name": "c{i}", "children": [{inner}]}}'
    text = ('{"schema_version": 2, "id": "a", "name": "a", "screens": '
            f'[{{"id": "s", "name": "s", "root": {inner}}}]}}')
    err = error_for(tmp_path, text.encode())
    assert "nested" in str(err) and err.path.startswith("screens[0].root.children[0]")
    assert err.line == 1                                   # all on one line: still located


def test_deep_nesting_names_the_line_where_it_goes_too_deep(tmp_path: Path) -> None:
    inner = '{"kind": "label", "id": "x", "name": "x"}'
    for i in range(400):
        inner = f'{{"kind": "column", "id": "c{i}", "name": "c{i}",\n"children": [{inner}]}}'
    text = ('{"schema_version": 2, "id": "a", "name": "a", "screens": '
            f'[{{"id": "s", "name": "s", "root": {inner}}}]}}')
    err = error_for(tmp_path, text.encode())
    assert err.line is not None and 90 <= err.line <= 110     # ~100 widgets = 200 JSON levels
    assert text.splitlines()[err.line - 1].startswith('"children": [{"kind": "column"')


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.fieldcraft.json"
    with open(path, "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ModelFileError, match="limit"):
        load(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="cannot read"):
        load(tmp_path / "nope.fieldcraft.json")


def test_hostile_inputs_stay_within_time_and_memory(tmp_path: Path) -> None:
    """Parse a batch of hostile files in a child process with a 1 GiB address-space cap."""
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from designer.model import ModelFileError, loads\n"
        "samples = [b'[' * 2_000_000, b'{\"a\":' * 500_000, b'\"' + b'x' * 30_000_000,"
        " b'{\"schema_version\": 2, \"id\": \"a\", \"name\": \"a\", \"screens\": ['"
        " + b'{\"id\": \"s\", \"name\": \"s\", \"root\": {\"kind\": \"nope\"}},' * 20000 + b'1]}']\n"
        "for s in samples:\n"
        "    try:\n        loads(s, 'hostile')\n    except ModelFileError as e:\n"
        "        print(type(e).__name__, len(e.problems))\n"
        "print('maxrss', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=60, cwd=Path(__file__).parents[2])
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("ModelFileError") == 4
    assert time.perf_counter() - start < 30
    # the child's own peak (RUSAGE_CHILDREN is the largest child pytest ever waited for)
    maxrss_kb = int(out.stdout.split("maxrss")[-1])
    assert 0 < maxrss_kb < 1_100_000
