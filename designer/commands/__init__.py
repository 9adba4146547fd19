"""Undoable edit commands (Qt-free)."""

from .base import Command, Macro, UndoStack, snapshot
from .screens import (AddDataSource, AddScreen, MoveScreen, RemoveDataSource, RemoveScreen,
                      ReplaceDataSource, SetAppProperty, SetScreenProperty)
from .widgets import (AddWidget, MoveWidget, RemoveWidget, SetProperty, bind_field, remove_widgets,
                      set_actions)

__all__ = ["AddDataSource", "AddScreen", "AddWidget", "Command", "Macro", "MoveScreen",
           "MoveWidget", "RemoveDataSource", "RemoveScreen", "RemoveWidget", "ReplaceDataSource",
           "SetAppProperty", "SetProperty", "SetScreenProperty", "UndoStack", "bind_field",
           "remove_widgets", "set_actions", "snapshot"]
