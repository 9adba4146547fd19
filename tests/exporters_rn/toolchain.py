"""The small npm tool folder for running the React Native data layer in node (esbuild and
@noble/ciphers); builds, type checks and lint of exports use ``expo_toolchain``.

Installed with ``npm ci`` from the committed ``toolchain/package-lock.json`` into
``~/.cache/fieldcraft/rn-toolchain/<hash of the lock>`` once per machine, then reused.
``FIELDCRAFT_CACHE`` moves the cache.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPEC = HERE / "toolchain"
_FILES = ("package.json", "package-lock.json", ".npmrc")


@dataclass(frozen=True)
class Toolchain:
    """Paths of an installed tool folder."""

    root: Path

    @property
    def node_modules(self) -> Path:
        return self.root / "node_modules"

    @property
    def tsc(self) -> Path:
        return self.node_modules / "typescript" / "bin" / "tsc"

    @property
    def esbuild(self) -> Path:
        return self.node_modules / ".bin" / "esbuild"


def cache_root(name: str = "rn-toolchain") -> Path:
    base = os.environ.get("FIELDCRAFT_CACHE") or os.path.join(Path.home(), ".cache", "fieldcraft")
    return Path(base) / name


def spec_hash(spec: Path = SPEC, files: tuple[str, ...] = _FILES) -> str:
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + (spec / name).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def install() -> Toolchain:
    """The installed tool folder, running ``npm ci`` first if this lock is not installed yet."""
    return install_spec(SPEC, "rn-toolchain", _FILES)


def install_spec(spec: Path, cache_name: str, files: tuple[str, ...]) -> Toolchain:
    """``npm ci`` of the ``files`` (package.json, lock, …) in ``spec``, once per lock, cached."""
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is required (./dev installs nodejs and npm)")
    root = cache_root(cache_name)
    root.mkdir(parents=True, exist_ok=True)
    target = root / spec_hash(spec, files)
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (target / ".installed").is_file():
            return Toolchain(target)
        work = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
        for name in files:
            shutil.copy2(spec / name, work / name)
        result = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund",
                                 "--loglevel=error"], cwd=work, capture_output=True, text=True,
                                timeout=900)
        if result.returncode != 0:
            shutil.rmtree(work, ignore_errors=True)
            raise RuntimeError(f"npm ci failed:\n{result.stdout}\n{result.stderr}")
        (work / ".installed").write_text(spec_hash(spec, files) + "\n")
        shutil.rmtree(target, ignore_errors=True)
        os.rename(work, target)
    return Toolchain(target)


def link_modules(project: Path, tools: Toolchain) -> None:
    """Make ``project`` resolve packages from the tool folder."""
    link = project / "node_modules"
    if not link.exists():
        link.symlink_to(tools.node_modules, target_is_directory=True)
