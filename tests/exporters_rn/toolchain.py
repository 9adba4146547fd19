"""The npm tool folder for checking generated React Native projects (tsc, esbuild, types).

Installed with ``npm ci`` from the committed ``toolchain/package-lock.json`` into
``~/.cache/fieldcraft/rn-toolchain/<hash of the lock>`` once per machine (about 30 s, ~300 MB),
then reused. ``FIELDCRAFT_CACHE`` moves the cache.
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
WEB = HERE / "web"
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
    """Make ``project`` resolve packages from the tool folder, with the test-only ``expo`` shim."""
    link = project / "node_modules"
    if not link.exists():
        link.symlink_to(tools.node_modules, target_is_directory=True)
    shims = project / "typecheck-shims"
    shims.mkdir(exist_ok=True)
    shutil.copy2(SPEC / "shims" / "expo.d.ts", shims / "expo.d.ts")
    (project / "tsconfig.check.json").write_text(
        '{ "extends": "./tsconfig.json", "include": ["App.tsx", "index.ts", "src", '
        '"typecheck-shims"] }\n')


def typecheck(project: Path, tools: Toolchain) -> list[str]:
    """``tsc`` diagnostics for the project (strict, as its tsconfig.json says); [] when clean."""
    link_modules(project, tools)
    result = subprocess.run(["node", str(tools.tsc), "-p", "tsconfig.check.json", "--pretty",
                             "false"], cwd=project, capture_output=True, text=True, timeout=600)
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    if result.returncode != 0 and not lines:
        lines = [f"tsc exited with {result.returncode}"]
    return lines


def bundle_web(project: Path, tools: Toolchain, out: Path) -> Path:
    """Bundle the project for the browser (react-native → react-native-web) into ``out``.

    Writes ``out/index.html`` + ``out/entry.js``; returns ``out``. ``expo`` and ``expo-asset``
    (not in the tool folder: too heavy) are replaced by the small web stand-ins in ``web/``.
    """
    link_modules(project, tools)
    out.mkdir(parents=True, exist_ok=True)
    entry = project / "web-entry.tsx"
    entry.write_text('import { AppRegistry } from "react-native";\n\nimport App from "./App";\n\n'
                     'AppRegistry.registerComponent("main", () => App);\n'
                     'AppRegistry.runApplication("main", { rootTag: '
                     'document.getElementById("root") });\n')
    args = [str(tools.esbuild), str(entry), "--bundle", f"--outdir={out}", "--format=iife",
            "--alias:react-native=react-native-web", f"--alias:expo={WEB / 'expo.ts'}",
            f"--alias:expo-asset={WEB / 'expo-asset.ts'}",
            "--alias:@react-native/assets-registry/registry="
            "react-native-web/dist/modules/AssetRegistry",
            "--resolve-extensions=.web.tsx,.web.ts,.web.js,.tsx,.ts,.js", "--loader:.js=jsx",
            "--loader:.ttf=file", "--loader:.png=file", "--jsx=automatic",
            '--define:process.env.NODE_ENV="production"', "--define:__DEV__=false",
            "--define:global=globalThis", "--main-fields=browser,module,main",
            '--banner:js=var process = { env: { NODE_ENV: "production" } };',
            "--log-level=error"]
    result = subprocess.run(args, cwd=project, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"esbuild failed:\n{result.stderr}")
    (out / "index.html").write_text(
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>app</title><style>html,body,#root{height:100%;margin:0}"
        "#root{display:flex}</style></head>"
        '<body><div id="root"></div><script src="web-entry.js"></script></body></html>\n')
    return out
