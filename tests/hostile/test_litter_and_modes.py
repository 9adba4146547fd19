"""Killed saves and exports leave no litter for long; written files follow the umask
(issue 18, item 9).

A save or export really is SIGKILLed in the middle (a child process whose ``os.fsync`` or
folder swap blocks); the next save/export of the same target removes what it left, and only
that: other processes' live temps and files that merely look alike stay.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _python(code: str, **kw: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=ENV, cwd=ROOT,
                            **kw)  # type: ignore[call-overload]


def _wait_for(predicate, what: str, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < end, f"timed out waiting for {what}"
        time.sleep(0.05)


def fieldcraft(*args: str | Path, umask: int | None = None) -> subprocess.CompletedProcess[str]:
    pre = f"import os; os.umask({umask:#o}); " if umask is not None else ""
    return subprocess.run([sys.executable, "-c", pre + "import sys; from designer.cli import main; "
                           "sys.exit(main(sys.argv[1:]))", *map(str, args)],
                          env=ENV, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_a_killed_save_leaves_a_temp_that_the_next_save_removes(tmp_path: Path) -> None:
    model = tmp_path / "app.fieldcraft.json"
    model.write_bytes(EXAMPLE.read_bytes())
    child = _python(f"""
        import os, time
        os.fsync = lambda fd: time.sleep(600)     # block in the middle of the save
        from designer.model import load, save
        save(load({str(model)!r}), {str(model)!r})
    """)
    temps = lambda: [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # noqa: E731
    try:
        _wait_for(lambda: temps() and temps()[0].stat().st_size > 1000, "the save's temp file")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    left = temps()
    assert len(left) == 1 and left[0].name.startswith(".app.fieldcraft.json.")
    lookalikes = [tmp_path / ".app.fieldcraft.json.mine.tmp", tmp_path / ".other.json.1.abcdefgh.tmp"]
    live = tmp_path / f".app.fieldcraft.json.{os.getpid()}.abcdefgh.tmp"   # a running writer's
    for path in (*lookalikes, live):
        path.write_text("x")

    # an import that changes the model (an unchanged re-import writes nothing at all)
    visits = tmp_path / "visits.csv"
    visits.write_text("visit_id,notes\n1,first\n2,second\n", "utf-8")
    run = fieldcraft("import", "--csv", visits, model)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in temps()) == sorted(p.name for p in (*lookalikes, live))

    old = time.time() - 3600                  # an hour old: stale whoever wrote it
    os.utime(live, (old, old))
    legacy = tmp_path / ".app.fieldcraft.json.k2j4_9zq.tmp"     # older versions: no pid
    legacy.write_text("x")
    os.utime(legacy, (old, old))
    assert fieldcraft("import", "--csv", ROOT / "assets/examples/products.csv", model).returncode == 0
    assert sorted(p.name for p in temps()) == sorted(p.name for p in lookalikes)


def test_a_killed_export_leaves_a_folder_that_the_next_export_removes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    child = _python(f"""
        import time
        import exporters.output as output
        output._swap_into_place = lambda tmp, out: time.sleep(600)   # block before the swap
        from designer.cli import main
        main(["export", {str(EXAMPLE)!r}, "-t", "pwa", "-o", {str(out)!r}, "-q"])
    """)
    marker = lambda: list(tmp_path.glob(".out.export-*/.fieldcraft-export.json"))  # noqa: E731
    try:
        _wait_for(marker, "the export's temp folder", timeout=240)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert len(list(tmp_path.glob(".out.export-*"))) == 1
    other = tmp_path / ".out.export-notours"
    other.mkdir()
    run = fieldcraft("export", EXAMPLE, "-t", "pwa", "-o", out, "-q")
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.export-notours", "out"]


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_new_files_follow_the_umask_and_saves_keep_the_mode(tmp_path: Path, umask: int) -> None:
    expected = 0o666 & ~umask
    new = tmp_path / "new.fieldcraft.json"
    assert fieldcraft("new", new, umask=umask).returncode == 0
    assert stat.S_IMODE(new.stat().st_mode) == expected
    merged = tmp_path / "merged.fieldcraft.json"
    assert fieldcraft("merge", new, new, new, "-o", merged, umask=umask).returncode == 0
    assert stat.S_IMODE(merged.stat().st_mode) == expected
    assert fieldcraft("approve", "--by", "it", new, umask=umask).returncode == 0
    sidecars = [p for p in tmp_path.iterdir() if p.name.startswith("new") and p != new]
    assert sidecars and all(stat.S_IMODE(p.stat().st_mode) == expected for p in sidecars)
    schema = tmp_path / "schema.json"
    assert fieldcraft("schema", "-o", schema, umask=umask).returncode == 0
    assert stat.S_IMODE(schema.stat().st_mode) == expected

    new.chmod(0o640)                      # an existing file keeps its own mode
    run = fieldcraft("import", "--csv", ROOT / "assets/examples/products.csv", new, umask=umask)
    assert run.returncode == 0, run.stderr
    assert stat.S_IMODE(new.stat().st_mode) == 0o640
    assert fieldcraft("new", new, "--force", umask=0o077).returncode == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o640


def test_export_folder_follows_the_umask(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = fieldcraft("export", EXAMPLE, "-t", "pwa", "-o", out, "-q", umask=0o027)
    assert run.returncode == 0, run.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o750
    assert stat.S_IMODE((out / "index.html").stat().st_mode) == 0o640
