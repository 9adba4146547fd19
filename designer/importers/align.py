"""Re-import keeps model names: fields are matched by their back-end (wire) name.

Importers derive a model name from each back-end name (``first-name`` → ``first_name``) in
document order, so a new property elsewhere in a contract can shift the numbered names of
colliding ones (``name`` / ``Name`` → ``name``, ``Name_2``). ``align_names`` gives every field of
a re-import the model name its wire name had before, so bindings keep reading the same data.
"""

from __future__ import annotations

import re
from typing import Any

from designer.model.data import DataSource, Entity

from .base import NameMap


def align_names(old: DataSource, new: DataSource) -> DataSource:
    """A copy of ``new`` whose fields carry the model names ``old`` gave the same wire names.

    Entities are matched by name. A new field whose name an old field's wire name now claims
    gets a fresh numbered name. Keys, operation placeholders and sample rows follow the renames.
    """
    aligned = new.model_copy(deep=True)
    before = {e.name: e for e in old.entities}
    renames: dict[str, dict[str, str]] = {}
    for entity in aligned.entities:
        previous = before.get(entity.name)
        if previous is not None:
            renames[entity.name] = _entity_renames(previous, entity)
    for entity in aligned.entities:
        mapping = renames.get(entity.name)
        if mapping:
            _apply(entity, mapping)
        entity.sample_rows = [_rename_row(aligned, entity, row, renames)
                              for row in entity.sample_rows]
    return aligned


def _entity_renames(old: Entity, new: Entity) -> dict[str, str]:
    """{new model name: aligned model name} for the fields of one entity."""
    old_by_wire = {f.wire: f.name for f in old.fields}
    wanted = {f.name: old_by_wire[f.wire] for f in new.fields if f.wire in old_by_wire}
    claimed = {name.lower() for name in wanted.values()}
    kept = [f.name for f in new.fields if f.name not in wanted and f.name.lower() not in claimed]
    names = NameMap(taken=[*wanted.values(), *kept])
    mapping = {n: target for n, target in wanted.items() if n != target}
    for f in new.fields:
        if f.name not in wanted and f.name.lower() in claimed:
            mapping[f.name] = names(f.name, f.name)
    return mapping


def _apply(entity: Entity, mapping: dict[str, str]) -> None:
    for f in entity.fields:
        if f.name in mapping:
            wire = f.wire
            f.name = mapping[f.name]
            f.wire_name = "" if wire == f.name else wire
    entity.key = [mapping.get(k, k) for k in entity.key]
    for op in entity.operations:
        for param in op.params:
            if param.location == "path":
                param.name = mapping.get(param.name, param.name)
            field = param.value.removeprefix("record.")
            if param.value.startswith("record.") and field in mapping:
                param.value = f"record.{mapping[field]}"
        op.path = re.sub(r"\{([A-Za-z_][A-Za-z0-9_]*)\}",
                         lambda m: "{" + mapping.get(m.group(1), m.group(1)) + "}", op.path)


def _rename_row(source: DataSource, entity: Entity, row: Any,
                renames: dict[str, dict[str, str]], depth: int = 0) -> Any:
    """A sample row with renamed keys (nested rows of references/lists too)."""
    if not isinstance(row, dict) or depth > 8:
        return row
    mapping = renames.get(entity.name, {})
    targets = {f.name: f.entity for f in entity.fields if f.entity}   # already aligned
    out: dict[str, Any] = {}
    for key, value in row.items():
        name = mapping.get(key, key)
        target = source.entity(targets[name]) if name in targets else None
        if target is not None and isinstance(value, (dict, list)):
            value = [_rename_row(source, target, v, renames, depth + 1) for v in value] \
                if isinstance(value, list) else _rename_row(source, target, value, renames,
                                                            depth + 1)
        out[name] = value
    return out
