"""Refuse input paths that are not regular files before opening them.

Opening a FIFO for reading blocks until a writer appears (forever, in CI); a character device
can stream without end; a socket cannot be opened at all. ``os.stat`` never blocks, so every
reader asks ``not_regular`` first and reports the answer as its usual one-line error.
"""

from __future__ import annotations

import os
import stat

_KINDS = (
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file"),
    (stat.S_ISCHR, "is a character device, not a regular file"),
    (stat.S_ISBLK, "is a block device, not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
)


def not_regular(path: str | os.PathLike[str]) -> str:
    """Why ``path`` is not a regular file ("" if it is one, or if it cannot be stat'ed at all:
    the caller's open then reports the missing or unreadable file as before)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return ""
    if stat.S_ISREG(mode):
        return ""
    return next((why for test, why in _KINDS if test(mode)), "is not a regular file")
