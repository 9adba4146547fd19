"""axe-core for the accessibility tests, from the committed npm lock in ``axe/``.

Installed with ``npm ci`` into ``~/.cache/fieldcraft/axe/<hash of the lock>`` once per machine
(one package, a few seconds), then reused; ``FIELDCRAFT_CACHE`` moves the cache.
"""

from __future__ import annotations

from pathlib import Path

from tests.exporters_rn.toolchain import install_spec

SPEC = Path(__file__).resolve().parent / "axe"
_FILES = ("package.json", "package-lock.json", ".npmrc")


def axe_source() -> str:
    """The text of ``axe.min.js``, installing the pinned axe-core first if needed."""
    modules = install_spec(SPEC, "axe", _FILES).node_modules
    return (modules / "axe-core" / "axe.min.js").read_text("utf-8")
