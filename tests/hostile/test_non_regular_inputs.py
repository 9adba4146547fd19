"""A FIFO, socket, device or folder given as an input file is refused before it is opened.

Opening a FIFO for reading blocks until a writer appears, so before the fix every command hung
forever. Each case runs in-process under a bound: a helper thread opens the FIFO for writing
after ``BOUND`` seconds (which ends any blocked read with EOF), and the test fails if the
command took that long or did not print the one-line refusal naming the file.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from designer.cli import main
from tests.conftest import EXAMPLE, ROOT

BOUND = 8.0
SPECS = ROOT / "tests" / "fixtures" / "specs"


class FifoRelease:
    """Opens ``path`` for writing (then closes it) once ``after`` seconds have passed, so a
    reader blocked in open(2) or read(2) gets EOF instead of hanging the test run."""

    def __init__(self, path: Path, after: float) -> None:
        self.path, self.after = path, after
        self.stop = threading.Event()
        self.released = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        if self.stop.wait(self.after):
            return
        while not self.stop.is_set():
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as exc:   # ENXIO: no reader yet
                if exc.errno not in (errno.ENXIO, errno.ENOENT):
                    return
                time.sleep(0.05)
                continue
            self.released = True
            os.close(fd)
            time.sleep(0.05)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)


def run(*args: str) -> tuple[int, str, float]:
    out = io.StringIO()
    start = time.monotonic()
    with redirect_stdout(out), redirect_stderr(out):
        code = main(list(args))
    return code, out.getvalue(), time.monotonic() - start


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLE, tmp_path / "app.fieldcraft.json")
    return tmp_path


@pytest.fixture
def fifo(work: Path) -> Iterator[Path]:
    path = work / "pipe.fieldcraft.json"
    os.mkfifo(path)
    release = FifoRelease(path, BOUND)
    yield path
    release.close()


def _cases(m: str, bad: str, out: str) -> dict[str, list[str]]:
    """Every entry point that reads an input file, with ``bad`` in that file's place."""
    return {
        "validate": ["validate", bad],
        "lint": ["lint", bad],
        "lint --policy": ["lint", m, "--policy", bad],
        "diff old": ["diff", bad, m],
        "diff new": ["diff", m, bad],
        "diff --textconv": ["diff", "--textconv", bad],
        "merge base": ["merge", bad, m, m, "-o", f"{out}/merged.json"],
        "merge theirs": ["merge", m, m, bad, "-o", f"{out}/merged.json"],
        "render": ["render", bad, "--screen", "customers", "--out", f"{out}/s.png"],
        "review": ["review", bad, "-o", f"{out}/r.html", "--no-images"],
        "review --against": ["review", m, "--against", bad, "-o", f"{out}/r.html", "--no-images"],
        "review --policy": ["review", m, "--policy", bad, "-o", f"{out}/r.html", "--no-images"],
        "export": ["export", bad, "--target", "pwa", "--out", f"{out}/pwa", "-q"],
        "approve": ["approve", bad, "--by", "IT"],
        "approve --check": ["approve", "--check", bad],
        "import model": ["import", bad, "--csv", str(SPECS / "visits.csv")],
        "import --openapi": ["import", m, "--openapi", bad],
        "import --odata": ["import", m, "--odata", bad],
        "import --csv": ["import", m, "--csv", bad],
        "import --json": ["import", m, "--json", bad],
        "import --sqlite": ["import", m, "--sqlite", bad],
        "open": ["open", bad],
    }


CASES = list(_cases("M", "B", "O"))


def _check(args: list[str], bad: Path, code: int, output: str, took: float, why: str) -> None:
    assert took < BOUND, f"{args}: took {took:.1f}s (blocked on the input?)\n{output}"
    assert code in (1, 2), f"{args}: exit {code}\n{output}"
    lines = [line for line in output.splitlines() if str(bad) in line]
    assert lines and why in lines[0], f"{args}: no one-line refusal naming {bad}:\n{output}"
    assert "Traceback" not in output and "internal error" not in output, output


@pytest.mark.parametrize("case", CASES)
def test_fifo_input_is_refused_at_once(case: str, work: Path, fifo: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    model = work / "app.fieldcraft.json"
    before = model.read_bytes()
    args = _cases(str(model), str(fifo), str(work))[case]
    code, output, took = run(*args)
    _check(args, fifo, code, output, took, "named pipe (FIFO)")
    assert model.read_bytes() == before
    assert not (work / "pwa").exists() and not (work / "merged.json").exists()


def test_fifo_as_approval_record_is_refused(work: Path) -> None:
    model = work / "app.fieldcraft.json"
    side = work / "app.fieldcraft.approval.json"
    os.mkfifo(side)
    release = FifoRelease(side, BOUND)
    try:
        code, output, took = run("approve", "--check", str(model))
    finally:
        release.close()
    _check(["approve", "--check"], side, code, output, took, "named pipe (FIFO)")


@pytest.mark.parametrize("case", ["validate", "lint --policy", "import --csv", "import --sqlite",
                                  "diff old", "review --against"])
@pytest.mark.parametrize("kind", ["socket", "device", "folder"])
def test_other_non_regular_inputs_are_refused(case: str, kind: str, work: Path) -> None:
    bad = work / f"{kind}.input"
    if kind == "socket":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.bind(str(bad))
    elif kind == "device":
        bad.symlink_to("/dev/zero")     # endless: reading it "until EOF" never ends
    else:
        bad.mkdir()
    try:
        args = _cases(str(work / "app.fieldcraft.json"), str(bad), str(work))[case]
        code, output, took = run(*args)
    finally:
        if kind == "socket":
            sock.close()
    why = {"socket": "is a socket", "device": "character device", "folder": "is a folder"}[kind]
    _check(args, bad, code, output, took, why)
