"""docs/targets.md is generated from the exporters' declared capabilities and kept current."""

from __future__ import annotations

from exporters import get, names
from exporters.capabilities import DOC, main, render


def test_docs_targets_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), "run: python -m exporters.capabilities"
    assert main(["--check"]) == 0


def test_matrix_follows_declarations() -> None:
    text = render()
    for target in names():
        assert f"| `{target}` |" in text
        caps = get(target).capabilities
        assert caps.widgets and caps.actions
    row = next(line for line in text.splitlines() if line.startswith("| `signature` |"))
    assert row.count("✓") == sum("signature" in get(t).capabilities.widgets for t in names())
    assert "preview" in text
