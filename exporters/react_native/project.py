"""Project-level files of the Expo target: pinned packages, app.json, entity types, theme."""

from __future__ import annotations

import re
from typing import Any

from ..base import ExportContext
from ..ir import App
from ..ir import Source as DataSource
from ..wire import nested_maps, wire_map, wire_path

#: Exact versions (Expo SDK 52). tests/exporters_rn/toolchain/package.json pins the same ones.
PACKAGES: dict[str, str] = {
    "@expo/vector-icons": "14.0.4",
    "@noble/ciphers": "1.3.0",
    "@react-native-async-storage/async-storage": "1.23.1",
    "@react-navigation/native": "7.0.14",
    "@react-navigation/native-stack": "7.2.0",
    "expo": "52.0.46",
    "expo-camera": "16.0.18",
    "expo-crypto": "14.0.2",
    "expo-font": "13.0.4",
    "expo-image-picker": "16.0.6",
    "expo-location": "18.0.10",
    "expo-secure-store": "14.0.1",
    "expo-status-bar": "2.0.1",
    "react": "18.3.1",
    "react-dom": "18.3.1",
    "react-native": "0.76.9",
    "react-native-safe-area-context": "4.12.0",
    "react-native-screens": "4.4.0",
    "react-native-svg": "15.8.0",
    "react-native-web": "0.19.13",
}
DEV_PACKAGES: dict[str, str] = {
    "@babel/core": "7.26.0",
    "@types/react": "18.3.12",
    "typescript": "5.6.3",
}
#: Device feature -> (widget kinds, action types) that need it.
DEVICE_FEATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "camera": (frozenset({"camera_photo", "barcode_scanner"}),
               frozenset({"take_photo", "scan_barcode"})),
    "location": (frozenset({"location"}), frozenset()),
}
_TS_FIELD = {"string": "string", "enum": "string", "date": "string", "datetime": "string",
             "image": "string", "geo": "string", "reference": "Value", "integer": "number",
             "decimal": "number", "boolean": "boolean", "list": "Rec[]"}
_PLAIN_KEY = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def device_features(app: App) -> set[str]:
    """The device features (camera, location) the app's screens need (``App.needs``)."""
    return set(app.needs) & set(DEVICE_FEATURES)


def slug(app: App) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", app.id.lower()).strip("-")
    return text or "fieldcraft-app"


def app_config(app: App, features: set[str]) -> dict[str, Any]:
    """``app.json`` (Expo config): permissions and plugins only for features the model uses."""
    plugins: list[Any] = []
    blocked: list[str] = []
    ios: dict[str, Any] = {"supportsTablet": True,
                           "bundleIdentifier": "com.fieldcraft." + slug(app).replace("-", "")}
    android: dict[str, Any] = {"package": "com.fieldcraft." + slug(app).replace("-", "_"),
                               "adaptiveIcon": {"foregroundImage": "./assets/adaptive-icon.png",
                                                "backgroundColor": app.theme.primary}}
    if "camera" in features:
        text = f"{app.name} uses the camera to take photos and scan barcodes."
        plugins.append(["expo-camera", {"cameraPermission": text, "recordAudioAndroid": False}])
        plugins.append(["expo-image-picker", {"cameraPermission": text, "microphonePermission": False}])
        android["permissions"] = ["android.permission.CAMERA"]
    else:
        blocked += ["android.permission.CAMERA", "android.permission.RECORD_AUDIO"]
    if "location" in features:
        plugins.append(["expo-location", {
            "locationWhenInUsePermission": f"{app.name} records where a visit took place."}])
        android.setdefault("permissions", []).extend(
            ["android.permission.ACCESS_COARSE_LOCATION", "android.permission.ACCESS_FINE_LOCATION"])
    else:
        blocked += ["android.permission.ACCESS_COARSE_LOCATION",
                    "android.permission.ACCESS_FINE_LOCATION"]
    if blocked:
        android["blockedPermissions"] = blocked
    return {"expo": {
        "name": app.name, "slug": slug(app), "version": app.version, "orientation": "portrait",
        "icon": "./assets/icon.png", "userInterfaceStyle": "light",
        "splash": {"backgroundColor": app.theme.background},
        "ios": ios, "android": android, "web": {"bundler": "metro"}, "plugins": plugins,
    }}


def entity_fields(ctx: ExportContext, source: DataSource) -> list[dict[str, Any]]:
    """Per entity: its TS interface name, ``(key, type)`` of every field, the back end's field
    names (``[model, wire]`` pairs) and operation paths with wire names in OData options."""
    types = ctx.ident(("rn-entity-types", source.id))
    types.reserve("Rec", "Value", "Entity", "WriteKind")
    out = []
    nesting = nested_maps(source)
    for entity in source.entities:
        fields = [(f.name if _PLAIN_KEY.match(f.name) else None, f.name,
                   _TS_FIELD.get(f.type, "Value")) for f in entity.fields]
        out.append({"entity": entity, "type": types(("entity", entity.name), entity.name),
                    "fields": fields, "policy": source.offline_for(entity),
                    "wire": sorted(wire_map(entity).items()),
                    "nested": sorted(nesting.get(entity.name, {}).items()),
                    "paths": [wire_path(o.path, entity, source.kind == "odata", source)
                              for o in entity.operations]})
    return out


def _luminance(color: str) -> float:
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _mix(color: str, other: str, share: float) -> str:
    a = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x * (1 - share) + y * share):02x}" for x, y in zip(a, b))


def theme_colors(theme: Any) -> list[tuple[str, str]]:
    """Named colours of the generated theme: the model's plus derived ones."""
    on_primary = "#ffffff" if _luminance(theme.primary[:7]) < 0.4 else "#1b1f24"
    return [("primary", theme.primary), ("secondary", theme.secondary),
            ("background", theme.background), ("surface", theme.surface), ("text", theme.text),
            ("onPrimary", on_primary), ("danger", "#b00020"),
            ("border", _mix(theme.background[:7], theme.text[:7], 0.18)),
            ("muted", _muted(theme))]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _muted(theme: Any) -> str:
    """Secondary text (help, empty states, placeholders): the text colour faded towards the
    background, but no further than WCAG AA's 4.5:1 on both the background and the surface."""
    text, grounds = theme.text[:7], (theme.background[:7], theme.surface[:7])
    for step in range(40, -1, -1):
        color = _mix(text, theme.background[:7], step / 100)
        if all(_contrast(color, g) >= 4.6 for g in grounds):
            return color
    return text
