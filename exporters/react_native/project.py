"""Project-level files of the Expo target: pinned packages, app.json, entity types, theme."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..base import ExportContext
from ..device_texts import usage_text
from ..ir import App
from ..ir import Source as DataSource
from ..params import operation_spec
from ..wire import nested_maps, wire_map, wire_path

#: Exact versions for Expo SDK 57 (expo 57.0.26): what ``npx expo install --check`` wants
#: (expo's bundledNativeModules.json), the newest React Navigation 7, and the build tools of
#: Expo's TypeScript template. SDK 58 needs Node 22.13; SDK 57 runs on Node 20.19.4+.
#: ``lock/package-lock.json`` is the lock for exactly this set (``packaging/rn_lock.py``).
PACKAGES: dict[str, str] = {
    "@expo/metro-runtime": "57.0.18",
    "@expo/vector-icons": "15.1.1",
    "@noble/ciphers": "1.3.0",
    "@react-native-async-storage/async-storage": "2.2.0",
    "@react-navigation/native": "7.5.1",
    "@react-navigation/native-stack": "7.21.0",
    "expo": "57.0.26",
    "expo-camera": "57.0.6",
    "expo-constants": "57.0.24",
    "expo-crypto": "57.0.3",
    "expo-font": "57.0.4",
    "expo-image-picker": "57.0.21",
    "expo-location": "57.0.20",
    "expo-secure-store": "57.0.4",
    "expo-status-bar": "57.0.1",
    "expo-system-ui": "57.0.4",
    "react": "19.2.3",
    "react-dom": "19.2.3",
    "react-native": "0.86.3",
    "react-native-safe-area-context": "5.7.0",
    "react-native-screens": "4.26.2",
    "react-native-svg": "15.15.4",
    "react-native-web": "0.21.4",
}
DEV_PACKAGES: dict[str, str] = {
    "@types/react": "19.2.6",
    "eslint": "9.39.5",
    "eslint-config-expo": "57.0.2",
    "typescript": "6.0.3",
}
#: The committed lock for PACKAGES + DEV_PACKAGES (written by ``packaging/rn_lock.py``).
LOCK_DIR = Path(__file__).resolve().parent / "lock"
_LOCK_NAME = "fieldcraft-app"


def lock_package_json() -> dict[str, Any]:
    """The ``package.json`` the committed lock is resolved from (a placeholder project name)."""
    return {"name": _LOCK_NAME, "version": "1.0.0", "private": True,
            "dependencies": dict(sorted(PACKAGES.items())),
            "devDependencies": dict(sorted(DEV_PACKAGES.items()))}


@lru_cache(maxsize=8)
def package_lock(name: str, version: str) -> bytes:
    """The export's ``package-lock.json``: the committed lock with the project's name and
    version in its root entries (what ``npm install`` would write for this package.json)."""
    lock = json.loads((LOCK_DIR / "package-lock.json").read_text("utf-8"))
    lock["name"] = name
    lock["version"] = version
    lock["packages"][""]["name"] = name
    lock["packages"][""]["version"] = version
    return (json.dumps(lock, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


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


def env_name(source: str) -> str:
    """The environment variable overriding a data source's base URL at build/start time."""
    return "EXPO_PUBLIC_" + re.sub(r"[^A-Za-z0-9]", "_", source).upper() + "_BASE_URL"


def app_config(app: App, features: set[str]) -> dict[str, Any]:
    """``app.json`` (Expo config): the model's store id, permissions and plugins only for the
    device features the model uses (with the model's usage texts), and the data sources' base
    URLs as run-time settings (``extra.fieldcraft``, overridable by ``app.config.js``)."""
    app_id = app.app_id()
    plugins: list[Any] = []
    permissions: list[str] = []
    blocked = ["android.permission.RECORD_AUDIO"]
    if "camera" in features:
        text = usage_text(app, "camera")
        plugins.append(["expo-camera", {"cameraPermission": text, "microphonePermission": False,
                                        "recordAudioAndroid": False}])
        plugins.append(["expo-image-picker", {"cameraPermission": text, "photosPermission": False,
                                              "microphonePermission": False}])
        permissions.append("android.permission.CAMERA")
    else:
        blocked.append("android.permission.CAMERA")
    if "location" in features:
        text = usage_text(app, "location")
        plugins.append(["expo-location", {
            "locationWhenInUsePermission": text, "locationAlwaysPermission": False,
            "locationAlwaysAndWhenInUsePermission": False, "motionUsagePermission": False,
            "isIosBackgroundLocationEnabled": False, "isAndroidBackgroundLocationEnabled": False,
            "isAndroidForegroundServiceEnabled": False}])
        permissions += ["android.permission.ACCESS_COARSE_LOCATION",
                        "android.permission.ACCESS_FINE_LOCATION"]
    else:
        blocked += ["android.permission.ACCESS_COARSE_LOCATION",
                    "android.permission.ACCESS_FINE_LOCATION"]
    blocked += ["android.permission.ACCESS_BACKGROUND_LOCATION"]
    # userInterfaceStyle needs expo-system-ui on Android (a dependency, and its config plugin).
    plugins.append("expo-system-ui")
    android: dict[str, Any] = {"package": app_id,
                               "adaptiveIcon": {"foregroundImage": "./assets/adaptive-icon.png",
                                                "backgroundColor": app.theme.primary[:7]},
                               "permissions": permissions, "blockedPermissions": sorted(blocked)}
    sources: dict[str, Any] = {}
    for s in app.data_sources:
        sources[s.name] = {"baseUrl": s.base_url, "env": env_name(s.name)}
        if names := sorted({p.config for e in s.entities for o in e.operations for p in o.params
                            if p.config}):
            sources[s.name]["params"] = {name: "" for name in names}  # filled in by the deployer
    return {"expo": {
        "name": app.name, "slug": slug(app), "version": app.version, "orientation": "portrait",
        "icon": "./assets/icon.png", "userInterfaceStyle": "light",
        "backgroundColor": app.theme.background[:7],
        "splash": {"backgroundColor": app.theme.background[:7]},
        "ios": {"supportsTablet": True, "bundleIdentifier": app_id},
        "android": android, "web": {"bundler": "metro", "output": "single",
                                       "favicon": "./assets/icon.png"},
        "plugins": plugins, "extra": {"fieldcraft": {"dataSources": sources}},
    }}


def entity_fields(ctx: ExportContext, source: DataSource) -> list[dict[str, Any]]:
    """Per entity: its TS interface name, ``(key, type)`` of every field, the back end's field
    names (``[model, wire]`` pairs) and operation paths with wire names in OData options."""
    types = ctx.ident(("rn-entity-types", source.id))
    types.reserve("Rec", "Value", "Entity", "WriteKind", "baseUrl")
    out = []
    nesting = nested_maps(source)
    si = next(i for i, s in enumerate(ctx.ir.data_sources) if s.id == source.id)
    for ei, entity in enumerate(source.entities):
        fields = [(f.name if _PLAIN_KEY.match(f.name) else None, f.name,
                   _TS_FIELD.get(f.type, "Value")) for f in entity.fields]
        out.append({"entity": entity, "type": types(("entity", entity.name), entity.name),
                    "fields": fields, "policy": source.offline_for(entity),
                    "wire": sorted(wire_map(entity).items()),
                    "nested": sorted(nesting.get(entity.name, {}).items()),
                    "refs": [(f.name, f.entity) for f in entity.fields
                             if f.type == "reference" and f.entity],
                    "ops": [operation_spec(o, wire_path(o.path, entity, source.kind == "odata",
                                                        source),
                                           f"data_sources.{si}.entities.{ei}.operations.{oi}")
                            for oi, o in enumerate(entity.operations)]})
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
