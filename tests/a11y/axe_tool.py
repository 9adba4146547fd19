"""axe-core for the accessibility tests, from the committed npm lock in ``axe/``.

Installed with ``npm ci`` into ``~/.cache/fieldcraft/axe/<hash of the lock>`` once per machine
(one package, a few seconds), then reused; ``FIELDCRAFT_CACHE`` moves the cache.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

SPEC = Path(__file__).resolve().parent / "axe"
_FILES = ("package.json", "package-lock.json", ".npmrc")


def _hash() -> str:
    digest = hashlib.sha256()
    for name in _FILES:
        digest.update(name.encode() + b"\0" + (SPEC / name).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def axe_source() -> str:
    """The text of ``axe.min.js``, installing the pinned axe-core first if needed."""
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is required (./dev installs nodejs and npm)")
    base = os.environ.get("FIELDCRAFT_CACHE") or os.path.join(Path.home(), ".cache", "fieldcraft")
    root = Path(base) / "axe"
    root.mkdir(parents=True, exist_ok=True)
    target = root / _hash()
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / ".installed").is_file():
            work = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
            for name in _FILES:
                shutil.copy2(SPEC / name, work / name)
            result = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund",
                                     "--loglevel=error"], cwd=work, capture_output=True,
                                    text=True, timeout=600)
            if result.returncode != 0:
                shutil.rmtree(work, ignore_errors=True)
                raise RuntimeError(f"npm ci failed:\n{result.stdout}\n{result.stderr}")
            (work / ".installed").write_text(_hash() + "\n")
            shutil.rmtree(target, ignore_errors=True)
            os.rename(work, target)
    return (target / "node_modules" / "axe-core" / "axe.min.js").read_text("utf-8")
