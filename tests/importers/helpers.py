"""Small helpers for importer tests: fixture paths and field lookups."""

from __future__ import annotations

from pathlib import Path

from designer.model.data import DataField, DataSource, Entity

SPECS = Path(__file__).resolve().parent.parent / "fixtures" / "specs"


def entity(source: DataSource, name: str) -> Entity:
    found = source.entity(name)
    assert found is not None, f"no entity {name}; have {[e.name for e in source.entities]}"
    return found


def field(source: DataSource, entity_name: str, name: str) -> DataField:
    found = entity(source, entity_name).field(name)
    assert found is not None, f"{entity_name} has no field {name}"
    return found


def op(source: DataSource, entity_name: str, kind: str) -> tuple[str, str, list[str]] | None:
    found = entity(source, entity_name).operation(kind)
    return (found.method, found.path, [p.name for p in found.params]) if found else None


def shared_contracts() -> Path | None:
    """The real public contracts (``shared/contracts`` beside the checkout, or
    ``$FIELDCRAFT_CONTRACTS``); None when this machine has no copy."""
    import os

    if os.environ.get("FIELDCRAFT_CONTRACTS"):
        return Path(os.environ["FIELDCRAFT_CONTRACTS"])
    for parent in Path(__file__).resolve().parents:
        if (parent / "shared" / "contracts" / "SOURCES.md").is_file():
            return parent / "shared" / "contracts"
    return None
