"""Big model files are parsed with bounded memory (``designer.model.large_file``): the same
model as orjson gives, and for anything unusual exactly the same error (issue 18 item 1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.generate import make_app
from designer.model import dumps, load, loads
from designer.model import large_file
from designer.model.errors import ModelFileError


@pytest.fixture
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as large (a 1 MB threshold would need 1 MB test files each)."""
    import designer.model.fileio as fileio
    monkeypatch.setattr(fileio, "LOW_MEMORY_BYTES", 0)


def test_a_large_file_loads_the_same_model(tmp_path: Path, small_threshold: None,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.fieldcraft.json"
    data = dumps(make_app(10, 50))
    path.write_bytes(b"\xef\xbb\xbf" + data.replace(b'"Screen 1"', b'"Scr\\u00e9en \\u2603"'))
    used = []
    parse = large_file.parse_large
    monkeypatch.setattr("designer.model.fileio.parse_large",
                        lambda *a: used.append(1) or parse(*a))
    assert load(path) == loads(path.read_bytes())
    assert used == [1]
    assert load(path).screens[1].title == "Scr\u00e9en \u2603"


@pytest.mark.parametrize("text", [
    b'{"schema_version": 4, "id": "a", "name": "x", "version": NaN}',
    b'{"schema_version": 4, "id": "a", "name": "x", "n": 123456789012345678901234567890}',
    b'{"schema_version": 4, "id": "a", "name": "x", "n": 1e400}',
    b'{"schema_version": 4, "id": "a", "name": "\\ud800"}',
    b'{"schema_version": 4, "id": "a", "name": "\xff"}',
    b'{"schema_version": 4, "id": "a", "name": "x",}',
    b'{"schema_version": 4, "screens": ' + b"[" * 3000 + b"]" * 3000 + b"}",
    b'{"schema_version": 4, "screens": ' + b"[" * 300 + b"]" * 300 + b"}",
    b'{"schema_version": 99, "id": "a"}',
    b'{"schema_version": 4, "id": "a", "name": "x", "screens": [{"nope": 1}]}',
    b"[1, 2]",
    b"\x00\x01binary",
])
def test_a_large_file_reports_what_any_file_reports(tmp_path: Path, small_threshold: None,
                                                   text: bytes) -> None:
    path = tmp_path / "bad.fieldcraft.json"
    path.write_bytes(text)
    with pytest.raises(ModelFileError) as small:
        loads(text, str(path))
    with pytest.raises(ModelFileError) as large:
        load(path)
    assert str(large.value) == str(small.value)
    assert large.value.line == small.value.line


def test_only_files_above_the_threshold_take_the_large_path() -> None:
    assert large_file.LOW_MEMORY_BYTES >= 1024 * 1024
