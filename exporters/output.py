"""The output tree of an export: checked relative paths in memory, written all at once.

Nothing is written under ``--out`` until every file exists: files go into a temporary sibling
folder, which then replaces the destination (the old export is removed only after the swap),
so a failed export leaves the previous one untouched and no half-written project.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from designer.model.fileio import current_umask, stale_entries

#: Every export carries this file; only folders holding it (or empty ones) are replaced.
MARKER = ".fieldcraft-export.json"

_SEGMENT_RE = re.compile(r"^[A-Za-z0-9_@+][A-Za-z0-9_.@+ -]{0,127}$|^\.[A-Za-z0-9_][A-Za-z0-9_.-]{0,126}$")
_WINDOWS_NAMES = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


class UnsafePathError(ValueError):
    """A path would leave the output folder or is not a plain relative file name."""


class OutputError(OSError):
    """The destination cannot be written or replaced."""


def check_relative(path: str) -> str:
    """``path`` if it is a plain relative POSIX path inside the output; UnsafePathError if not.

    Refused: absolute paths, ``..`` and ``.`` segments, backslashes, drive letters, control
    characters, empty segments and reserved Windows device names.
    """
    if not isinstance(path, str) or not path or "\\" in path or "\x00" in path:
        raise UnsafePathError(f"not a relative file path: {path!r}")
    pure = PurePosixPath(path)
    if pure.is_absolute() or path.startswith("/"):
        raise UnsafePathError(f"absolute path refused: {path!r}")
    parts = path.split("/")
    for part in parts:
        if part in ("", ".", ".."):
            raise UnsafePathError(f"path leaves the output folder or has an empty part: {path!r}")
        if not _SEGMENT_RE.match(part) or _WINDOWS_NAMES.match(part) or part.endswith((" ", ".")):
            raise UnsafePathError(f"unsafe file name {part!r} in {path!r}")
    return path


class OutputTree:
    """Files of an export by relative path; refuses unsafe paths and case-insensitive clashes."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self._folded: dict[str, str] = {}

    def add(self, path: str, data: bytes | str) -> None:
        """Add a file (text is written as UTF-8)."""
        check_relative(path)
        folded = path.lower()
        if folded in self._folded:
            raise UnsafePathError(f"two output files would be {path!r} and "
                                  f"{self._folded[folded]!r} (names must differ beyond case)")
        self._folded[folded] = path
        self.files[path] = data.encode("utf-8") if isinstance(data, str) else bytes(data)

    def __contains__(self, path: str) -> bool:
        return path in self.files

    def paths(self) -> list[str]:
        """All paths, sorted."""
        return sorted(self.files)

    def write(self, out: Path) -> None:
        """Write the tree to ``out``, replacing a previous export there atomically."""
        out = Path(os.path.abspath(out))
        _check_destination(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_exports(out)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.export-{os.getpid()}-", dir=out.parent))
        try:
            root = tmp.resolve()
            for rel in self.paths():
                target = tmp.joinpath(*rel.split("/"))
                target.parent.mkdir(parents=True, exist_ok=True)
                if not target.parent.resolve().is_relative_to(root):
                    raise UnsafePathError(f"{rel!r} resolves outside the output folder")
                with open(target, "xb") as fh:  # x: never follow or reuse an existing entry
                    fh.write(self.files[rel])
            os.chmod(tmp, 0o777 & ~current_umask())   # mkdtemp made it 0700
            _swap_into_place(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise


def remove_stale_exports(out: Path) -> None:
    """Delete the folders a killed export to ``out`` left beside it: only our own
    ``.OUT.export-PID-XXXXXXXX`` and ``.OUT.old-PID-XXXXXXXX`` (and the pid-less names of older
    versions), when their process is gone or they are older than ten minutes (see
    ``designer.model.fileio.stale_entries``). Errors are ignored: this is tidying up."""
    quoted = re.escape(out.name)
    patterns = [re.compile(rf"\.{quoted}\.(?:export|old)-(?P<pid>\d{{1,10}})-[a-z0-9_]{{8}}"),
                re.compile(rf"\.{quoted}\.(?:export|old)-[a-z0-9_]{{8}}")]
    for path in stale_entries(out.parent, patterns, dirs=True):
        shutil.rmtree(path, ignore_errors=True)


def _check_destination(out: Path) -> None:
    if out.is_symlink():
        raise OutputError(f"{out}: is a symbolic link; export into a real folder")
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not _is_marker(out / MARKER):
        raise OutputError(f"{out}: folder is not empty and holds no previous export "
                          f"(no {MARKER}); choose an empty or new folder")


def _is_marker(path: Path) -> bool:
    """A previous export's own marker: a regular file (a symbolic link to another export's
    marker must not make a foreign folder replaceable) holding the marker's JSON."""
    if path.is_symlink() or not path.is_file():
        return False
    try:
        data = json.loads(path.read_bytes()[:65536])
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("marker") == MARKER and "target" in data


def _swap_into_place(tmp: Path, out: Path) -> None:
    if not out.exists():
        os.rename(tmp, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-{os.getpid()}-", dir=out.parent))
    old.rmdir()
    os.rename(out, old)
    try:
        os.rename(tmp, out)
    except OSError:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)
