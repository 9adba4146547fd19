"""Side panels of the designer: property editor, outline, data sources, actions, bindings."""

from .actions import ActionsEditor
from .binding import BindingEditor
from .data import DataPanel
from .outline import OutlinePanel
from .properties import PropertyEditor

__all__ = ["ActionsEditor", "BindingEditor", "DataPanel", "OutlinePanel", "PropertyEditor"]
