"""The app IR: a target-neutral description of an app, compiled once from the model.

``build_app(model)`` gives an ``App`` of ``Screen``s and ``Widget``s (every property, resolved
placement, bindings as ``Expr`` compiled per language on demand), data sources, actions,
strings, assets and the device features each screen needs. Exporters print it; they never read
the pydantic model (``tests/exporters/test_ir.py`` enforces that).
"""

from __future__ import annotations

from designer.model.actions import ACTION_TYPES

from .build import ACTION_EXPRESSIONS, DEVICE_NEEDS, STRUCTURAL, build_app, integer_flex, widget_props
from .data import Entity, Field, Source
from .nodes import App, AssetRef, Expr, Loc, Placement, Record, Screen, Widget, plain
from .reads import Props, ReadLog, note_read, recording

__all__ = ["ACTION_EXPRESSIONS", "ACTION_TYPES", "DEVICE_NEEDS", "STRUCTURAL", "App", "AssetRef", "Entity", "Expr",
           "Field", "Loc", "Placement", "Props", "ReadLog", "Record", "Screen", "Source",
           "Widget", "build_app", "integer_flex", "note_read", "plain", "recording",
           "widget_props"]
