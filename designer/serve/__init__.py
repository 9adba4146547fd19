"""``fieldcraft serve``: preview an app on a phone with a mock back end and live reload (Qt-free)."""

from .mock import MockBackend, Refused, Switches
from .server import PreviewServer, ServeError, lan_address

__all__ = ["MockBackend", "PreviewServer", "Refused", "ServeError", "Switches", "lan_address"]
