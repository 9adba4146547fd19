"""bench.measure: a child's peak memory is its own, whatever the size of the measuring process."""

from __future__ import annotations

import sys

from bench.measure import run


def test_peak_is_the_commands_own_not_the_forking_process() -> None:
    ballast = bytearray(300 * 2**20)             # the measuring process holds 300 MB
    ballast[:: 4096] = b"x" * len(ballast[:: 4096])  # touched: resident, not just reserved
    small = run([sys.executable, "-c", "pass"])
    big = run([sys.executable, "-c", "b = bytearray(200 * 2**20); b[::4096] = b'x' * len(b[::4096])"])
    assert small.code == 0 and big.code == 0
    assert small.peak_mb < 60, small.peak_mb
    assert 200 < big.peak_mb < 260, big.peak_mb
    del ballast


def test_exit_code_output_timeout_and_address_space_limit() -> None:
    done = run([sys.executable, "-c", "print('out'); import sys; sys.exit(3)"])
    assert (done.code, done.stdout.strip()) == (3, "out")
    slow = run([sys.executable, "-c", "import time; time.sleep(30)"], timeout=1)
    assert slow.code == -9 and slow.seconds < 10
    capped = run([sys.executable, "-c", "b = bytearray(600 * 2**20)"], address_space=400 * 2**20)
    assert capped.code == 1 and "MemoryError" in capped.stderr
