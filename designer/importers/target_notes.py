"""What each export target will do with an imported source, said at import time (CLI and
designer): a CSV/JSON source ships its rows in the app, or a target refuses it at export."""

from __future__ import annotations

from designer.model.data import BUNDLED_KINDS


def what_targets_do(kind: str) -> list[str]:
    """One line per export target for a source of ``kind`` (none for back-end sources)."""
    from exporters.registry import source_kind_support

    if kind not in BUNDLED_KINDS:
        return []
    return [f"{target}: " + (
        "ships every row of the file in the app, read offline; read-only unless the source's "
        "offline mode is offline_read_write (then changed on the device only)"
        if supported else f"cannot export a {kind} source yet (export refuses it)")
        for target, supported in source_kind_support(kind)]
