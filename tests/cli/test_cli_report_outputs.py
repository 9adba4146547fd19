"""Reports and images written with ``-o`` (lint, review, merge --report, render) replace the
file atomically: a failed write names the file, exits non-zero and leaves the previous report
whole, with no temp file beside it; ``-o /dev/stdout`` still writes to the stream."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from designer.cli import main
from tests.conftest import EXAMPLE, ROOT


def _full_disk_after(monkeypatch: pytest.MonkeyPatch, chunks: int) -> None:
    """``os.write`` writes ``chunks`` short chunks, then fails as a full disk does."""
    real = os.write
    calls = {"n": 0}

    def write(fd: int, data: Any) -> int:
        calls["n"] += 1
        if calls["n"] > chunks:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, bytes(data[:16]))

    monkeypatch.setattr(os, "write", write)


@pytest.mark.parametrize("args", [["lint", str(EXAMPLE), "--format", "sarif"],
                                  ["lint", str(EXAMPLE)]])
def test_a_failed_report_write_keeps_the_previous_report(args: list[str], tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    report = tmp_path / "report.txt"
    report.write_text("previous report\n", "utf-8")
    _full_disk_after(monkeypatch, 1)
    assert main([*args, "-o", str(report)]) != 0
    monkeypatch.undo()
    assert report.read_text("utf-8") == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]
    err = capsys.readouterr().err
    assert str(report) in err and "the disk is full" in err and "Traceback" not in err


def test_a_new_report_follows_the_umask_and_is_whole(tmp_path: Path) -> None:
    report = tmp_path / "lint.sarif"
    assert main(["lint", str(EXAMPLE), "--format", "sarif", "-o", str(report)]) == 0
    assert report.read_text("utf-8").rstrip().endswith("}")
    umask = os.umask(0)
    os.umask(umask)
    assert report.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_report_to_dev_stdout_goes_to_the_stream() -> None:
    run = subprocess.run([sys.executable, "-m", "designer", "lint", str(EXAMPLE), "--format",
                          "json", "-o", "/dev/stdout"], capture_output=True, cwd=ROOT,
                         timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr
    assert run.stdout.lstrip().startswith(b"{") and b"findings" in run.stdout
