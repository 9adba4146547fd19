"""The native targets' store settings come from the model (issue 12 §3, §4): one validated
reverse-DNS id, the model's permission texts on both React Native and Flutter (one default for
both when the model has none), a 1024 px opaque icon, tsconfig extending Expo's base, and back-end
base URLs left out of the code (set at run time)."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import pytest
from pydantic import ValidationError

from designer.model import App
from tests.exporters_rn.helpers import example, export

CAMERA = "Scan the shelf label of a product & photograph the display <b>."
LOCATION = "Stamp each visit with where it happened."


def _with_texts(**mobile: str) -> App:
    app = example()
    data = app.model_dump(mode="json", by_alias=True)
    data["mobile"] = {**data.get("mobile", {}), **mobile}
    return App.model_validate(data)


def _plugins(out: Path) -> dict[str, dict]:
    expo = json.loads((out / "app.json").read_text("utf-8"))["expo"]
    return {p[0]: p[1] for p in expo["plugins"] if isinstance(p, list)}


def test_the_models_usage_texts_reach_both_native_targets(tmp_path: Path) -> None:
    app = _with_texts(camera_usage=CAMERA, location_usage=LOCATION,
                      app_id="com.acme.fieldsales")
    export("react-native", app, tmp_path / "rn")
    plugins = _plugins(tmp_path / "rn")
    assert plugins["expo-camera"]["cameraPermission"] == CAMERA
    assert plugins["expo-image-picker"]["cameraPermission"] == CAMERA
    assert plugins["expo-location"]["locationWhenInUsePermission"] == LOCATION
    expo = json.loads((tmp_path / "rn/app.json").read_text("utf-8"))["expo"]
    assert expo["ios"]["bundleIdentifier"] == expo["android"]["package"] == "com.acme.fieldsales"

    export("flutter", app, tmp_path / "fl")
    readme = (tmp_path / "fl/README.md").read_text("utf-8")
    assert "<string>Scan the shelf label of a product &amp; photograph the display &lt;b&gt;.</string>" in readme
    assert f"<string>{LOCATION}</string>" in readme
    assert "--org com.acme ." in readme and "`com.acme.fieldsales`" in readme


def test_without_texts_both_targets_say_the_same_default(tmp_path: Path) -> None:
    app = example()
    export("react-native", app, tmp_path / "rn")
    export("flutter", app, tmp_path / "fl")
    camera = _plugins(tmp_path / "rn")["expo-camera"]["cameraPermission"]
    assert app.name in camera
    assert f"<string>{camera}</string>" in (tmp_path / "fl/README.md").read_text("utf-8")


@pytest.mark.parametrize("bad", ["fieldsales", "com.1acme.app", "com.acme-co.app", "com..app"])
def test_a_store_id_both_stores_would_refuse_is_refused_by_the_model(bad: str) -> None:
    with pytest.raises(ValidationError):
        _with_texts(app_id=bad)


def _png_header(path: Path) -> tuple[int, int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, _depth, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, colour


def test_icon_is_1024_px_and_opaque(tmp_path: Path) -> None:
    export("react-native", example(), tmp_path / "rn")
    width, height, colour = _png_header(tmp_path / "rn/assets/icon.png")
    # colour type 2 = RGB without alpha: the App Store refuses icons with transparency
    assert (width, height, colour) == (1024, 1024, 2)
    data = (tmp_path / "rn/assets/icon.png").read_bytes()
    assert zlib.crc32(data[12:29]) == struct.unpack(">I", data[29:33])[0]


def test_tsconfig_extends_expos_base_and_base_urls_are_not_compiled_in(tmp_path: Path) -> None:
    app = example()
    out = tmp_path / "rn"
    export("react-native", app, out)
    assert json.loads((out / "tsconfig.json").read_text("utf-8"))["extends"] == "expo/tsconfig.base"
    base = app.data_sources[0].base_url
    code = [p for p in out.rglob("*.ts*") if base in p.read_text("utf-8")]
    assert code == []
    expo = json.loads((out / "app.json").read_text("utf-8"))["expo"]
    assert expo["extra"]["fieldcraft"]["dataSources"][app.data_sources[0].name]["baseUrl"] == base
