"""React Native target: the generated Expo project type-checks strictly against the real type
packages, is deterministic, keeps hostile model text literal, and asks only for the device
permissions the model uses."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from designer.model import App
from exporters import get
from .expo_toolchain import ExpoToolchain, lint, typecheck
from .helpers import HOSTILE, example, export, hostile_app, kitchen_sink, tree_bytes

AST = Path(__file__).parent / "web" / "ts_ast.js"


def ts_ast(root: Path, tools: ExpoToolchain) -> dict[str, dict]:
    files = sorted(str(p) for p in root.rglob("*.ts*") if "node_modules" not in p.parts
                   and p.suffix in (".ts", ".tsx"))
    result = subprocess.run(["node", str(AST), str(tools.node_modules / "typescript"), *files],
                            capture_output=True, text=True, timeout=300, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    return {Path(k).relative_to(root).as_posix(): v for k, v in json.loads(result.stdout).items()}


def test_example_project_layout_and_strict_typecheck(tmp_path: Path, expo_tools: ExpoToolchain) -> None:
    out = tmp_path / "app"
    files = export("react-native", example(), out)
    for expected in ("package.json", "app.json", "tsconfig.json", "App.tsx", "README.md",
                     "src/screens/CustomersScreen.tsx", "src/screens/OrderEntryScreen.tsx",
                     "src/data/crm.ts", "src/data/core.ts", "src/theme.ts", "src/strings.ts",
                     "src/components/SignatureField.tsx", "src/components/LocationField.tsx",
                     "src/components/BarcodeField.tsx", "src/components/PhotoField.tsx"):
        assert expected in files
    assert json.loads((out / "tsconfig.json").read_text())["compilerOptions"]["strict"] is True
    assert typecheck(out, expo_tools) == []


def test_wired_odata_example_typechecks(tmp_path: Path, expo_tools: ExpoToolchain) -> None:
    """Wire names at two levels (Order and its OrderLine items: `nested` metadata), an OData
    source and an order screen editing a loaded record."""
    from tests.pwa.wire import with_order_screen, with_wire_names

    out = tmp_path / "app"
    export("react-native", with_order_screen(with_wire_names(example())), out)
    crm = (out / "src/data/crm.ts").read_text("utf-8")
    assert 'nested: [\n        ["lines", "OrderLine"],\n      ],' in crm
    assert typecheck(out, expo_tools) == []


def test_typecheck_reports_errors(tmp_path: Path, expo_tools: ExpoToolchain) -> None:
    """The check is real: a wrong type in a generated screen is reported."""
    out = tmp_path / "app"
    export("react-native", example(), out)
    screen = out / "src/screens/CustomersScreen.tsx"
    screen.write_text(screen.read_text() + "\nexport const broken: number = \"text\";\n")
    problems = typecheck(out, expo_tools)
    assert any("CustomersScreen.tsx" in p and "TS2322" in p for p in problems), problems


@pytest.mark.parametrize("make", [example, kitchen_sink], ids=["example", "every-widget"])
def test_export_passes_expo_lint_with_no_warning(tmp_path: Path, expo_tools: ExpoToolchain,
                                                  make) -> None:
    """The export's own eslint.config.js (eslint-config-expo, React's hooks rules among it)
    reports neither errors nor warnings on what was exported, runtime and screens alike."""
    out = tmp_path / "app"
    export("react-native", make(), out)
    assert lint(out, expo_tools) == []


def test_lint_reports_hook_misuse(tmp_path: Path, expo_tools: ExpoToolchain) -> None:
    """The lint check is real: a hook called conditionally in a generated screen is found."""
    out = tmp_path / "app"
    export("react-native", example(), out)
    screen = out / "src/screens/CustomersScreen.tsx"
    screen.write_text(screen.read_text() + "\nexport function Broken({ on }: { on: boolean }) {\n"
                      "  if (on) useScreen({ params: {}, variables: () => ({}), queries: [], "
                      "validators: {} });\n  return null;\n}\n")
    problems = lint(out, expo_tools)
    assert any("CustomersScreen.tsx" in p and "react-hooks/rules-of-hooks" in p
               for p in problems), problems


def test_output_is_deterministic(tmp_path: Path) -> None:
    export("react-native", example(), tmp_path / "a")
    export("react-native", example(), tmp_path / "b")
    assert tree_bytes(tmp_path / "a") == tree_bytes(tmp_path / "b")


def test_permissions_only_for_used_device_features(tmp_path: Path) -> None:
    app = example()
    export("react-native", app, tmp_path / "full")
    full = json.loads((tmp_path / "full/app.json").read_text())["expo"]
    assert "android.permission.CAMERA" in full["android"]["permissions"]
    assert "android.permission.ACCESS_FINE_LOCATION" in full["android"]["permissions"]
    assert [p[0] for p in full["plugins"] if isinstance(p, list)] == [
        "expo-camera", "expo-image-picker", "expo-location"]

    data = app.model_dump(mode="json", by_alias=True)
    data["screens"] = [s for s in data["screens"] if s["name"] != "visitCheckIn"]
    for s in data["screens"]:
        _drop_navigation(s["root"], "visitCheckIn")
    export("react-native", App.model_validate(data), tmp_path / "plain")
    plain = json.loads((tmp_path / "plain/app.json").read_text())["expo"]
    assert plain["plugins"] == ["expo-system-ui"]
    assert plain["android"]["permissions"] == []
    assert "android.permission.CAMERA" in plain["android"]["blockedPermissions"]


def _drop_navigation(w: dict, screen: str) -> None:
    for event, actions in list(w.get("actions", {}).items()):
        w["actions"][event] = [a for a in actions
                               if not (a["type"] == "navigate" and a["screen"] == screen)]
    for child in w.get("children", []):
        _drop_navigation(child, screen)


def test_hostile_text_typechecks_and_keeps_the_syntax_tree(tmp_path: Path,
                                                           expo_tools: ExpoToolchain) -> None:
    hostile = hostile_app(example())
    benign = hostile_app(example(), ["plain {text}"])  # not plain JSX text either
    export("react-native", hostile, tmp_path / "hostile")
    export("react-native", benign, tmp_path / "benign")
    bad, good = ts_ast(tmp_path / "hostile", expo_tools), ts_ast(tmp_path / "benign", expo_tools)
    assert bad.keys() == good.keys()
    for name in good:
        assert bad[name]["errors"] == 0, name
        assert bad[name]["kinds"] == good[name]["kinds"], f"{name}: syntax tree changed"
    literals = {s for info in bad.values() for s in info["strings"]}
    for text in HOSTILE:
        assert any(text in s for s in literals), f"{text!r} not shown literally"
    for path in (tmp_path / "hostile").rglob("*.ts*"):
        source = path.read_text(encoding="utf-8")
        assert "\u2028" not in source and "\u202e" not in source, path
    assert typecheck(tmp_path / "hostile", expo_tools) == []


def test_unsupported_source_kind_is_reported_before_writing(tmp_path: Path) -> None:
    data = example().model_dump(mode="json", by_alias=True)
    data["data_sources"][0]["kind"] = "sqlite"
    from exporters import ExportFailed
    with pytest.raises(ExportFailed) as info:
        get("react-native").export(App.model_validate(data), tmp_path / "out")
    assert any(p.path == ("data_sources", 0, "kind") for p in info.value.problems)
    assert not (tmp_path / "out").exists()


def test_every_widget_and_action_typechecks(tmp_path: Path, expo_tools: ExpoToolchain) -> None:
    from widgets import CATALOG

    from designer.model.actions import ACTION_TYPES
    from exporters.support import used_features

    from .helpers import kitchen_sink

    app = kitchen_sink()
    used = {(u.group, u.value) for u in used_features(app)}
    assert {k for g, k in used if g == "widgets"} == set(CATALOG.ids())
    # every action React Native runs (call_operation included, issue 13)
    assert {k for g, k in used if g == "actions"} == set(ACTION_TYPES) & \
        get("react-native").capabilities.actions
    out = tmp_path / "app"
    export("react-native", app, out)
    screen = (out / "src/screens/KitchenSinkScreen.tsx").read_text()
    assert '["__proto__"]: 2' in screen, "a __proto__ field is an own property, not the prototype"
    assert typecheck(out, expo_tools) == []


def test_photo_field_honours_max_photos(tmp_path: Path, expo_tools: ExpoToolchain) -> None:
    """max_photos reaches PhotoField, whose value is then a list of up to that many photos (as
    the PWA's): the take button goes away at the limit, each photo has its own remove button;
    with 1 the value stays one data URI. The every-property model type-checks."""
    from tests.exporters.kitchen_sink import kitchen_sink as every_prop

    out = tmp_path / "app"
    export("react-native", every_prop(["camera_photo"]), out)
    screen = (out / "src/screens/AllScreen.tsx").read_text()
    assert screen.count("maxPhotos={3}") == 3 and "<PhotoField" in screen
    assert 'value={as.value(rt.get(s, ["$camera_photo_0"]))}' in screen
    field = " ".join((out / "src/components/PhotoField.tsx").read_text().split())
    assert "const photos = photosOf(value).slice(0, max);" in field
    assert "onChange(max > 1 ? next : (next[0] ?? null))" in field
    assert "{photos.length < max || single ? (" in field
    assert 'strings.format("fc.remove_photo", { number: i + 1 })' in field
    assert typecheck(out, expo_tools) == []
    one = tmp_path / "one"
    export("react-native", every_prop(["camera_photo"], reset=("camera_photo", "max_photos")), one)
    assert "maxPhotos={1}" in (one / "src/screens/AllScreen.tsx").read_text()
