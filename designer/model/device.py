"""The app's device policy: what the exported app does to protect data on a lost phone."""

from __future__ import annotations

from pydantic import Field

from .base import Model


class DevicePolicy(Model):
    """Idle lock, wipe after a time without the server, screenshot blocking (0 / false: off)."""

    idle_lock_minutes: int = Field(default=0, ge=0, le=1440, description=(
        "Lock the app after this many minutes without use (biometric/PIN unlock on phones, "
        "re-authentication or a local PIN in the PWA); 0: never."))
    wipe_after_days: int = Field(default=0, ge=0, le=3650, description=(
        "Wipe the app's local data after this many days without reaching the server; 0: never."))
    block_screenshots: bool = Field(default=False, description=(
        "Block screenshots and the app switcher preview where the platform allows it."))

    def features(self) -> list[tuple[str, str]]:
        """``(capability value, field)`` for every protection the policy turns on."""
        on = [("idle_lock", "idle_lock_minutes")] if self.idle_lock_minutes else []
        on += [("wipe_after", "wipe_after_days")] if self.wipe_after_days else []
        return on + ([("block_screenshots", "block_screenshots")] if self.block_screenshots
                     else [])


DEVICE_FEATURES: tuple[str, ...] = ("block_screenshots", "idle_lock", "wipe_after")
