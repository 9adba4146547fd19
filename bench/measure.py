"""Run a command as a child process and measure its wall time and peak resident memory.

Used by the hostile-input benchmark (``bench.hostile``) and the memory tests in
``tests/hostile/``: the peak comes from the kernel's accounting of that one child
(``os.wait4`` in a small launcher, see ``_LAUNCHER``), so nothing in the measured process is
instrumented.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Measured:
    """What one run did: exit code, wall seconds, peak RSS in bytes, and its output."""

    code: int
    seconds: float
    peak: int
    stdout: str
    stderr: str

    @property
    def peak_mb(self) -> float:
        return self.peak / 2**20


def fieldcraft(args: Sequence[str], address_space: int | None = None, timeout: float = 300,
               cwd: Path | None = None) -> Measured:
    """``python -m designer ARGS`` in a child, optionally under an address-space limit."""
    return run([sys.executable, "-m", "designer", *args], address_space, timeout, cwd)


#: The launcher between the measuring process and the measured command. Linux counts in a
#: child's peak (``ru_maxrss``) the memory of the process it was forked from — for a fork of
#: a 300 MB pytest, 300 MB before the command allocates anything — so the command is started
#: by this small process instead, which reports the command's own ``wait4`` accounting.
_LAUNCHER = """
import json, os, resource, sys
report, limit, argv = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
if limit:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
pid = os.posix_spawnp(argv[0], argv, os.environ)
_, status, usage = os.wait4(pid, 0)
with open(report, "w") as fh:
    json.dump({"status": status, "maxrss_kb": usage.ru_maxrss}, fh)
"""


def run(argv: Sequence[str], address_space: int | None = None, timeout: float = 300,
        cwd: Path | None = None) -> Measured:
    """Run ``argv``; ``address_space`` caps its virtual memory (``RLIMIT_AS``) in bytes. The
    peak is the command's own, whatever the size of the process measuring it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "usage.json"
        launcher = [sys.executable, "-I", "-S", "-c", _LAUNCHER, str(report),
                    str(address_space or 0), *argv]
        start = time.perf_counter()
        proc = subprocess.Popen(launcher, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                cwd=cwd or ROOT, env=env, start_new_session=True)
        try:
            proc.wait(timeout=max(0.0, start + timeout - time.perf_counter()))
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)           # the launcher and the command
            proc.wait()
        seconds = time.perf_counter() - start
        try:
            usage = json.loads(report.read_text("utf-8"))
            code, peak_kb = os.waitstatus_to_exitcode(usage["status"]), usage["maxrss_kb"]
        except (OSError, ValueError, KeyError):
            code, peak_kb = -9, 0                # killed at the deadline
        out.seek(0)
        err.seek(0)
        return Measured(code, seconds, peak_kb * 1024,
                        out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))
