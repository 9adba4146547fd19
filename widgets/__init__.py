"""The widget catalog: every widget kind as plain data (Qt-free)."""

from .base import ContainerBase, Edges, InputBase, Layout, Rect, Style, WidgetBase
from .catalog import (CATALOG, CATEGORIES, MODELS, WIDGET_ADAPTER, AnyWidget,
                      DuplicateWidgetTypeError, WidgetRegistry, WidgetType, is_container)

__all__ = ["AnyWidget", "CATALOG", "CATEGORIES", "ContainerBase", "DuplicateWidgetTypeError",
           "Edges", "InputBase", "Layout", "MODELS", "Rect", "Style", "WIDGET_ADAPTER",
           "WidgetBase", "WidgetRegistry", "WidgetType", "is_container"]
