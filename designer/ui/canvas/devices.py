"""Device profiles (screen size, corners, status bar) read from ``assets/devices/*.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Literal

DEFAULT_DEVICE = "pixel"
APP_BAR_HEIGHT = 56.0


@dataclass(frozen=True)
class DeviceProfile:
    """One device: logical screen size in dp and the chrome drawn around the screen."""

    id: str
    name: str
    width: float
    height: float
    form: Literal["phone", "tablet"] = "phone"
    corner_radius: float = 32
    bezel: float = 12
    status_bar: float = 24
    bottom_inset: float = 0
    cutout: Literal["none", "punch_hole", "island"] = "none"

    def rotated(self, landscape: bool) -> "DeviceProfile":
        """The profile in landscape (width and height swapped) or as is."""
        if not landscape:
            return self
        return replace(self, width=self.height, height=self.width, cutout="none",
                       status_bar=min(self.status_bar, 24))

    @property
    def content_top(self) -> float:
        """Where the screen content starts (below status and app bars)."""
        return self.status_bar + APP_BAR_HEIGHT

    @property
    def content_height(self) -> float:
        """Visible height of the screen content without scrolling."""
        return self.height - self.content_top - self.bottom_inset


@lru_cache(maxsize=1)
def load_devices() -> dict[str, DeviceProfile]:
    """Every bundled device profile by id, smallest first."""
    folder = resources.files("assets") / "devices"
    found: list[DeviceProfile] = []
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            data = json.loads(entry.read_text("utf-8"))
            found.append(DeviceProfile(**data))
    found.sort(key=lambda d: (d.width * d.height, d.id))
    return {d.id: d for d in found}


def device(device_id: str | None) -> DeviceProfile:
    """The profile called ``device_id`` (the default device if unknown or None)."""
    devices = load_devices()
    return devices.get(device_id or DEFAULT_DEVICE) or devices[DEFAULT_DEVICE]
