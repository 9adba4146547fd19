"""Golden trees for exporters, without checked-in copies of their static template files.

An export mirrors its template tree: files that are not ``*.jinja`` are copied verbatim. The
golden tree keeps what the exporter *generates*; the files it copies are listed by path in
``STATIC_FILES.txt`` and compared with the template they came from. Regenerate after an intended
change with ``FIELDCRAFT_UPDATE_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

STATIC_LIST = "STATIC_FILES.txt"


def file_tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative POSIX path."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _copied(actual: dict[str, bytes], templates: Path) -> set[str]:
    """Output files that are verbatim copies of a template file at the same path."""
    return {rel for rel, data in actual.items()
            if (templates / rel).is_file() and (templates / rel).read_bytes() == data}


def golden_files(golden: Path) -> dict[str, bytes]:
    """The generated files pinned by the golden tree."""
    return {rel: data for rel, data in file_tree(golden).items() if rel != STATIC_LIST}


def check_golden_tree(out: Path, golden: Path, templates: Path) -> None:
    """Assert the export in ``out`` is the golden tree: same file set, generated files
    byte-identical to the golden copies, copied files byte-identical to their templates."""
    actual = file_tree(out)
    if os.environ.get("FIELDCRAFT_UPDATE_GOLDEN"):
        copied = _copied(actual, templates)
        shutil.rmtree(golden, ignore_errors=True)
        for rel, data in actual.items():
            if rel not in copied:
                (golden / rel).parent.mkdir(parents=True, exist_ok=True)
                (golden / rel).write_bytes(data)
        (golden / STATIC_LIST).write_text("".join(f"{rel}\n" for rel in sorted(copied)), "utf-8")
    static = (golden / STATIC_LIST).read_text("utf-8").split()
    expected = golden_files(golden)
    assert sorted(actual) == sorted([*expected, *static])
    changed = [rel for rel in expected if expected[rel] != actual[rel]]
    changed += [rel for rel in static if actual[rel] != (templates / rel).read_bytes()]
    assert changed == [], f"files differ from the golden tree (FIELDCRAFT_UPDATE_GOLDEN=1): {changed}"
