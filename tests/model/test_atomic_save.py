"""Saves are atomic: a crash or a full disk never leaves a corrupt or partial model file."""

from __future__ import annotations

import errno
import os
import random
import signal
import time
from pathlib import Path

import pytest

from designer.model import SaveError, dumps, load, save
from designer.model.fileio import write_atomic
from tests.conftest import EXAMPLE


def test_save_writes_canonical_bytes_and_keeps_a_backup(tmp_path: Path) -> None:
    app = load(EXAMPLE)
    path = tmp_path / "app.fieldcraft.json"
    save(app, path)
    first = path.read_bytes()
    assert first == EXAMPLE.read_bytes()
    app.name = "Renamed"
    save(app, path)
    assert (tmp_path / "app.fieldcraft.json.bak").read_bytes() == first
    assert load(path).name == "Renamed"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.fieldcraft.json",
                                                          "app.fieldcraft.json.bak"]


def test_save_keeps_file_permissions(tmp_path: Path) -> None:
    path = tmp_path / "app.fieldcraft.json"
    save(load(EXAMPLE), path)
    path.chmod(0o600)
    save(load(EXAMPLE), path)
    assert path.stat().st_mode & 0o777 == 0o600


def test_save_through_a_symlink_writes_its_target(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "app.fieldcraft.json"
    real.parent.mkdir()
    real.write_bytes(EXAMPLE.read_bytes())
    link = tmp_path / "app.fieldcraft.json"
    link.symlink_to(Path("shared") / "app.fieldcraft.json")
    app = load(link)
    app.name = "Through the link"
    save(app, link)
    assert link.is_symlink() and load(real).name == "Through the link"
    backup = real.with_name(real.name + ".bak")
    assert not backup.is_symlink() and backup.read_bytes() == EXAMPLE.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.fieldcraft.json", "shared"]


def test_kill_9_during_saves_never_corrupts(tmp_path: Path) -> None:
    """Fork a child that saves two versions in a loop; SIGKILL it 200 times at random moments."""
    path = tmp_path / "app.fieldcraft.json"
    app = load(EXAMPLE)
    version_a = dumps(app)
    app.description = "B " * 5000
    version_b = dumps(app)
    path.write_bytes(version_a)
    rng = random.Random(1234)
    kills = 0
    for _ in range(200):
        pid = os.fork()
        if pid == 0:  # child: save forever
            try:
                while True:
                    write_atomic(path, version_b)
                    write_atomic(path, version_a)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.0005, 0.01))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        kills += 1
        content = path.read_bytes()
        assert content in (version_a, version_b)
        bak = path.with_name(path.name + ".bak")
        if bak.exists():
            assert bak.read_bytes() in (version_a, version_b)
    assert kills == 200
    assert load(path).name == "Field Sales"


@pytest.mark.parametrize("failing, code", [("write", errno.ENOSPC), ("fsync", errno.EIO),
                                           ("replace", errno.EIO), ("write", errno.EDQUOT)])
def test_disk_errors_leave_original_and_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     failing: str, code: int) -> None:
    path = tmp_path / "app.fieldcraft.json"
    original = EXAMPLE.read_bytes()
    path.write_bytes(original)
    app = load(path)
    app.name = "Changed"
    real = getattr(os, failing)
    calls = {"n": 0}

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if failing == "write" and calls["n"] == 1:
            return real(args[0], bytes(args[1][:100]))  # a partial write first, then the error
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, failing, broken)
    with pytest.raises(SaveError) as info:
        save(app, path)
    monkeypatch.undo()
    assert "unchanged" in str(info.value) and str(path) in str(info.value)
    assert path.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir() if p.name != "app.fieldcraft.json.bak"] == [path.name]
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


def test_unwritable_folder_gives_save_error(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "dir" / "a.fieldcraft.json"
    with pytest.raises(SaveError):
        save(load(EXAMPLE), missing)
