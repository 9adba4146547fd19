"""The runtime shared by the JS-family targets, written once in TypeScript (``src/*.ts``).

Expressions, formatting and validation (and the data layer's rules) live here; platform parts
(storage, crypto, navigation, UI) stay in each target's templates. React Native copies the
sources into its export (``src/shared/``); the PWA ships them compiled to plain ES modules
(``exporters/pwa/templates/app/shared/``, produced by ``./dev runtime`` and checked by a test).
"""

from __future__ import annotations

from pathlib import Path

SPEC = Path(__file__).resolve().parent
SOURCES = SPEC / "src"


def sources() -> dict[str, bytes]:
    """``{file name: bytes}`` of the shared TypeScript sources."""
    return {p.name: p.read_bytes() for p in sorted(SOURCES.glob("*.ts"))}
