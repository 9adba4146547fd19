"""The React Native export's own npm packages, for building and checking exports with the real
tools: the Expo CLI (Metro), tsc and ESLint.

``npm ci`` (no ``--legacy-peer-deps``, install scripts on, as a developer runs it) installs the
lock the export ships (``exporters/react_native/lock/``) into
``~/.cache/fieldcraft/rn-expo/<hash of the lock>`` once per machine; later runs reuse it.
Exports are built inside that folder (next to its ``node_modules``, one build at a time), so
Metro's cache (also kept there) makes repeated builds fast. ``FIELDCRAFT_CACHE`` moves the cache.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from exporters.react_native.project import LOCK_DIR

_FILES = ("package.json", "package-lock.json")
#: Kept in the build folder between builds; everything else is the previous export.
_KEEP = {"node_modules", ".installed", ".metro", ".build-lock"}
MIN_NODE = (20, 19, 4)


@dataclass(frozen=True)
class ExpoToolchain:
    """An installed copy of the export's locked packages."""

    root: Path

    @property
    def node_modules(self) -> Path:
        return self.root / "node_modules"

    def bin(self, package: str, script: str) -> list[str]:
        return ["node", str(self.node_modules / package / script)]


def cache_root() -> Path:
    base = os.environ.get("FIELDCRAFT_CACHE") or os.path.join(Path.home(), ".cache", "fieldcraft")
    return Path(base) / "rn-expo"


def lock_hash() -> str:
    digest = hashlib.sha256()
    for name in _FILES:
        digest.update(name.encode() + b"\0" + (LOCK_DIR / name).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _check_node() -> None:
    out = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True)
    version = tuple(int(p) for p in out.stdout.strip().lstrip("v").split(".")[:3])
    if version < MIN_NODE:
        raise RuntimeError(f"Expo SDK 57 needs Node.js {'.'.join(map(str, MIN_NODE))} or newer, "
                           f"found {out.stdout.strip()}")


def install() -> ExpoToolchain:
    """The installed packages, running ``npm ci`` first if this lock is not installed yet."""
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is required (./dev installs nodejs and npm)")
    _check_node()
    root = cache_root()
    root.mkdir(parents=True, exist_ok=True)
    target = root / lock_hash()
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (target / ".installed").is_file():
            return ExpoToolchain(target)
        work = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
        for name in _FILES:
            shutil.copy2(LOCK_DIR / name, work / name)
        started = time.monotonic()
        result = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                                cwd=work, capture_output=True, text=True, timeout=1800)
        if result.returncode != 0:
            shutil.rmtree(work, ignore_errors=True)
            raise RuntimeError(f"npm ci failed:\n{result.stdout}\n{result.stderr}")
        (work / ".installed").write_text(f"{lock_hash()} npm ci {time.monotonic() - started:.0f}s\n")
        shutil.rmtree(target, ignore_errors=True)
        os.rename(work, target)
    return ExpoToolchain(target)


def link(project: Path, tools: ExpoToolchain) -> None:
    """Let ``project`` resolve its packages from the installed copy (tsc, ESLint)."""
    modules = project / "node_modules"
    if not modules.exists():
        modules.symlink_to(tools.node_modules, target_is_directory=True)


def _run(args: list[str], cwd: Path, timeout: int = 600,
         env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          encoding="utf-8", env={**os.environ, **(env or {})})


def typecheck(project: Path, tools: ExpoToolchain) -> list[str]:
    """``tsc --noEmit`` diagnostics with the project's own tsconfig.json; [] when clean."""
    link(project, tools)
    result = _run([*tools.bin("typescript", "bin/tsc"), "--noEmit", "--pretty", "false"], project)
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    if result.returncode != 0 and not lines:
        lines = [f"tsc exited with {result.returncode}"]
    return lines


def lint(project: Path, tools: ExpoToolchain) -> list[str]:
    """ESLint's findings (errors and warnings) with the project's eslint.config.js; []: clean."""
    link(project, tools)
    result = _run([*tools.bin("eslint", "bin/eslint.js"), "--format", "json", "."], project)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"eslint failed:\n{result.stdout}\n{result.stderr}")
    found = []
    for report in json.loads(result.stdout):
        name = Path(report["filePath"]).relative_to(project.resolve()).as_posix()
        for m in report["messages"]:
            found.append(f"{name}:{m.get('line', 0)}: {m.get('ruleId')}: "
                         f"{m['message'].splitlines()[0]}")
    return found


def _same_packages(project: Path) -> None:
    """The export's package.json and lock pin the installed set (only the name may differ)."""
    ours = json.loads((LOCK_DIR / "package-lock.json").read_text("utf-8"))["packages"]
    theirs = json.loads((project / "package-lock.json").read_text("utf-8"))["packages"]
    strip = ("name", "version")
    if ({k: v for k, v in ours.items() if k} != {k: v for k, v in theirs.items() if k}
            or {k: v for k, v in ours[""].items() if k not in strip}
            != {k: v for k, v in theirs[""].items() if k not in strip}):
        raise RuntimeError(f"{project}/package-lock.json is not the shipped lock")


def export_web(project: Path, tools: ExpoToolchain, out: Path,
               env: Mapping[str, str] | None = None) -> float:
    """``npx expo export --platform web`` of ``project`` into ``out``; returns the seconds it took.

    The project's files are copied into the toolchain folder (replacing the previous build's)
    so Metro sees the real ``node_modules`` tree and reuses its cache.
    """
    _same_packages(project)
    env = dict(env or {})
    # EXPO_PUBLIC_* values and the app config (expo-constants' expoConfig) are inlined by the
    # transform, which Metro's cache does not key on: one cache per set of both
    app_json = (project / "app.json").read_bytes() if (project / "app.json").is_file() else b""
    key = hashlib.sha256(json.dumps(sorted(env.items())).encode() + app_json).hexdigest()[:12]
    metro = tools.root / ".metro" / key
    metro.mkdir(parents=True, exist_ok=True)
    with open(tools.root / ".build-lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for item in tools.root.iterdir():
            if item.name not in _KEEP:
                shutil.rmtree(item) if item.is_dir() and not item.is_symlink() else item.unlink()
        for item in project.iterdir():
            if item.name in ("node_modules", "dist", ".expo"):
                continue
            copy = shutil.copytree if item.is_dir() else shutil.copy2
            copy(item, tools.root / item.name)
        started = time.monotonic()
        result = _run([*tools.bin("expo", "bin/cli"), "export", "--platform", "web",
                       "--output-dir", str(out)], tools.root, timeout=1200,
                      env={**env, "TMPDIR": str(metro), "CI": "1", "EXPO_NO_TELEMETRY": "1"})
        took = time.monotonic() - started
    if result.returncode != 0 or not (out / "index.html").is_file():
        raise RuntimeError(f"expo export failed:\n{result.stdout}\n{result.stderr}")
    return took
