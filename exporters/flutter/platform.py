"""What a developer adds after ``flutter create --platforms=android,ios .``: the Android
permissions and iOS usage descriptions the model's device widgets need, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Permission:
    feature: str
    android: tuple[str, ...]
    ios_key: str
    ios_text: str


#: Per device feature (see ``features_used``): image_picker and mobile_scanner use the camera,
#: geolocator the location while the app is in use; the signature pad needs no permission.
PERMISSIONS: tuple[Permission, ...] = (
    Permission("camera", ("android.permission.CAMERA",), "NSCameraUsageDescription",
               "This app uses the camera to take photos and scan barcodes."),
    Permission("location", ("android.permission.ACCESS_COARSE_LOCATION",
                            "android.permission.ACCESS_FINE_LOCATION"),
               "NSLocationWhenInUseUsageDescription",
               "This app records where you are when you ask it to."),
)


def permissions_for(features: set[str]) -> list[Permission]:
    return [p for p in PERMISSIONS if p.feature in features]
