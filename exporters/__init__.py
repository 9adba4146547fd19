"""Exporters: compile a Fieldcraft model into a project for a target platform.

``get("pwa").export(app, out_dir, ExportOptions(...))``; ``names()`` lists the targets.
"""

from .base import (ExportContext, ExportFailed, Exporter, ExportOptions, ExportResult,
                   ProgressCallback)
from .registry import TargetInfo, UnknownTargetError, exporter_class, get, names, register, targets
from .support import Capabilities, unsupported, used_features

__all__ = ["Capabilities", "ExportContext", "ExportFailed", "ExportOptions", "ExportResult",
           "Exporter", "ProgressCallback", "TargetInfo", "UnknownTargetError", "exporter_class",
           "get", "names", "register", "targets", "unsupported", "used_features"]
