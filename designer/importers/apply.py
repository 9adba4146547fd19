"""Turn an ImportResult into one undoable command on a model (used by the CLI and the data panel).

``plan_import`` decides between adding a new source and re-importing into an existing one (same
name, or same origin file), merges what the user tuned, and reports what changed and broke.
"""

from __future__ import annotations

from dataclasses import dataclass

from designer.commands import AddDataSource, Command, ReplaceDataSource
from designer.model.app import App
from designer.model.data import DataSource

from .align import align_names
from .base import ImportResult
from .reimport import ReimportReport, broken_references, diff_sources, merge_reimport


@dataclass
class ImportPlan:
    """The command to push, the source it installs, and (for a re-import) the change report."""

    command: Command
    source: DataSource
    report: ReimportReport | None = None

    @property
    def is_reimport(self) -> bool:
        return self.report is not None


def find_existing(app: App, source: DataSource, explicit_name: bool) -> DataSource | None:
    """The source a new import updates: by name if one was given, else by origin, else by name."""
    if explicit_name:
        return app.source(source.name)
    if source.origin:
        same_origin = [d for d in app.data_sources if d.origin == source.origin]
        if len(same_origin) == 1:
            return same_origin[0]
    return app.source(source.name)


def plan_import(app: App, result: ImportResult, explicit_name: bool = False,
                model_file: str = "") -> ImportPlan:
    """A plan adding ``result.source`` to ``app`` or re-importing it over an existing source."""
    new = result.source
    existing = find_existing(app, new, explicit_name)
    if existing is None:
        return ImportPlan(AddDataSource(new), new)
    new = align_names(existing, new)      # same wire name → same model name as before
    report = diff_sources(existing, new)
    report.broken = broken_references(app, existing, report, model_file)
    merged = merge_reimport(existing, new)
    return ImportPlan(ReplaceDataSource(existing.name, merged), merged, report)
