"""What a developer adds after ``flutter create --platforms=android,ios .``: the Android
permissions and iOS usage descriptions the model's device widgets need, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..device_texts import usage_text


@dataclass(frozen=True)
class Permission:
    feature: str
    android: tuple[str, ...]
    ios_key: str
    ios_text: str = ""


#: Per device feature (see ``features_used``): image_picker and mobile_scanner use the camera,
#: geolocator the location while the app is in use; the signature pad needs no permission.
PERMISSIONS: tuple[Permission, ...] = (
    Permission("camera", ("android.permission.CAMERA",), "NSCameraUsageDescription"),
    Permission("location", ("android.permission.ACCESS_COARSE_LOCATION",
                            "android.permission.ACCESS_FINE_LOCATION"),
               "NSLocationWhenInUseUsageDescription"),
)


def permissions_for(features: set[str], app: Any) -> list[Permission]:
    """The permissions ``features`` need, with the iOS texts the model gives (or the defaults
    the React Native target uses too)."""
    return [replace(p, ios_text=usage_text(app, p.feature)) for p in PERMISSIONS
            if p.feature in features]
