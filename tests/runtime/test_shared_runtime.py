"""The PWA ships the shared TypeScript runtime compiled to plain ES modules (no build step at
export): the committed ``app/shared/*.js`` must be what ``./dev runtime`` compiles from the
``.ts`` sources now, and React Native exports must carry the sources themselves."""

from __future__ import annotations

from pathlib import Path

from exporters import runtime_ts

from tests.exporters_rn.helpers import example, export

from .build import PWA_SHARED, compile_js


def test_committed_pwa_modules_are_compiled_from_the_current_sources() -> None:
    fresh = compile_js()
    committed = {p.name: p.read_bytes() for p in sorted(PWA_SHARED.glob("*.js"))}
    assert sorted(committed) == sorted(fresh), "run ./dev runtime (files added or removed)"
    stale = [name for name, data in fresh.items() if committed[name] != data]
    assert stale == [], f"stale compiled runtime {stale}: run ./dev runtime and commit"


def test_every_source_has_a_compiled_module() -> None:
    assert sorted(p.stem for p in PWA_SHARED.glob("*.js")) == sorted(
        Path(n).stem for n in runtime_ts.sources())


def test_react_native_export_carries_the_shared_sources(tmp_path: Path) -> None:
    out = tmp_path / "rn"
    export("react-native", example(), out)
    shipped = {p.name: p.read_bytes() for p in sorted((out / "src" / "shared").glob("*.ts"))}
    assert shipped == runtime_ts.sources()
    assert (out / "src" / "runtime" / "rt.ts").read_text("utf-8").count("../shared/rt") == 1
