"""The texts a phone shows when a native app (React Native, Flutter) asks for a permission:
the model's own (``mobile.camera_usage`` / ``mobile.location_usage``) or one default per
feature, the same on both targets."""

from __future__ import annotations

from typing import Any

#: Device feature -> (model setting, default text with ``{app}`` for the app's name).
_USAGE: dict[str, tuple[str, str]] = {
    "camera": ("camera_usage", "{app} uses the camera to take photos and scan codes."),
    "location": ("location_usage", "{app} records where a visit took place."),
}


def usage_text(app: Any, feature: str) -> str:
    """Why ``app`` (the IR app) uses ``feature``: the model's text, else the default."""
    setting, default = _USAGE[feature]
    return getattr(app.mobile, setting, "") or default.format(app=app.name)
