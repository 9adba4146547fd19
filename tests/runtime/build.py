"""Compile the shared TypeScript runtime (``exporters/runtime_ts/src``) into the PWA's plain ES
modules (``exporters/pwa/templates/app/shared``) — the development-time step that lets the PWA
ship without a build step. Run ``./dev runtime`` after changing a ``.ts`` file and commit the
result; ``tests/runtime/test_shared_runtime.py`` fails while the committed files are stale.

React Native needs no step: its exporter copies the ``.ts`` sources into ``src/shared/``.
The same command writes the behaviour table's Dart translation for the Flutter export
(``tests/runtime/dart_cases.py``).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from exporters.runtime_ts import SOURCES, SPEC
from tests.exporters_rn.toolchain import Toolchain, install_spec

ROOT = Path(__file__).resolve().parents[2]
PWA_SHARED = ROOT / "exporters" / "pwa" / "templates" / "app" / "shared"
#: Relative imports without an extension (what Metro and tsc resolve) get ``.js`` for browsers.
_RELATIVE_IMPORT = re.compile(r'((?:^|\n)(?:import|export)\b[^;"]*?from\s+")(\.{1,2}/[^"]+?)(")')


def toolchain() -> Toolchain:
    """The pinned TypeScript compiler (``exporters/runtime_ts/package-lock.json``), cached."""
    return install_spec(SPEC, "runtime-ts", ("package.json", "package-lock.json"))


def _header(name: str) -> str:
    return (f"// Generated from exporters/runtime_ts/src/{name}.ts by `./dev runtime`: edit the .ts "
            "source, not this file.\n")


def compile_js(tools: Toolchain | None = None) -> dict[str, bytes]:
    """``{file name: bytes}`` of the compiled ES modules, as they are committed."""
    tools = tools or toolchain()
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            ["node", str(tools.tsc), "-p", str(SPEC / "tsconfig.json"), "--outDir", tmp,
             "--pretty", "false"], capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            raise RuntimeError(f"tsc failed:\n{result.stdout}{result.stderr}")
        out = {}
        for ts in sorted(SOURCES.glob("*.ts")):
            js = (Path(tmp) / f"{ts.stem}.js").read_text("utf-8")
            js = _RELATIVE_IMPORT.sub(lambda m: f"{m[1]}{m[2]}.js{m[3]}", js)
            out[f"{ts.stem}.js"] = (_header(ts.stem) + js).encode("utf-8")
    return out


def main() -> int:
    files = compile_js()
    PWA_SHARED.mkdir(parents=True, exist_ok=True)
    for stale in PWA_SHARED.glob("*.js"):
        if stale.name not in files:
            stale.unlink()
    for name, data in files.items():
        (PWA_SHARED / name).write_bytes(data)
        print(f"wrote {(PWA_SHARED / name).relative_to(ROOT)}")
    from .dart_cases import DART_TEST, dart_test

    DART_TEST.parent.mkdir(parents=True, exist_ok=True)
    DART_TEST.write_text(dart_test(), "utf-8")
    print(f"wrote {DART_TEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
