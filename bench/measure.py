"""Run a command as a child process and measure its wall time and peak resident memory.

Used by the hostile-input benchmark (``bench.hostile``) and the memory tests in
``tests/hostile/``: the peak comes from the kernel's accounting of that one child
(``os.wait4``), so nothing in the measured process is instrumented.
"""

from __future__ import annotations

import os
import resource
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


def run(argv: Sequence[str], address_space: int | None = None, timeout: float = 300,
        cwd: Path | None = None) -> Measured:
    """Run ``argv``; ``address_space`` caps its virtual memory (``RLIMIT_AS``) in bytes."""
    def limit() -> None:
        if address_space is not None:
            resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))

    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(argv), stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                cwd=cwd or ROOT, env=env, preexec_fn=limit)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)   # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        return Measured(proc.returncode, seconds, usage.ru_maxrss * 1024,
                        out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))
