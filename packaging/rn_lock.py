"""Development tool: regenerate the React Native export's ``package-lock.json``.

    python packaging/rn_lock.py          # resolve PACKAGES / DEV_PACKAGES into the lock
    python packaging/rn_lock.py --check  # also npm ci the lock and require a clean ``npm ls``

Users export offline, so the lock the export ships is committed under
``exporters/react_native/lock/``; ``tests/exporters_rn/test_lock.py`` fails when it and the pins in
``exporters/react_native/project.py`` disagree. Needs node and npm with access to the registry.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exporters.react_native.project import LOCK_DIR, lock_package_json  # noqa: E402


def _npm(args: list[str], cwd: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is required")
    print("$ npm " + " ".join(args), flush=True)
    subprocess.run([npm, *args], cwd=cwd, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="install the new lock with npm ci and run npm ls")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rn-lock-") as tmp:
        work = Path(tmp)
        (work / "package.json").write_text(json.dumps(lock_package_json(), indent=2) + "\n")
        # No --legacy-peer-deps: every peer dependency must be satisfied by the pinned set.
        _npm(["install", "--package-lock-only", "--no-audit", "--no-fund"], work)
        if args.check:
            _npm(["ci", "--no-audit", "--no-fund"], work)
            _npm(["ls"], work)
        LOCK_DIR.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(work / name, LOCK_DIR / name)
    print(f"wrote {LOCK_DIR.relative_to(ROOT)}/package.json and package-lock.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
