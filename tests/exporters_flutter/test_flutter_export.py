"""Flutter target (preview): every generated .dart file parses without errors in
tree-sitter-dart, hostile model text leaves the parse trees unchanged and reads back literally,
a small model matches its golden tree, and packages/permissions follow what the model uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import exporters.flutter
from designer.model import App
from exporters import get, targets
from tests.golden_tree import check_golden_tree

from tests.exporters_rn.helpers import HOSTILE, example, export, hostile_app, tree_bytes

from .dart_parse import decode_single_quoted, parse, parse_tree

GOLDEN = Path(__file__).parent / "golden" / "tiny"
TEMPLATES = Path(exporters.flutter.__file__).parent / "templates"


def tiny_app() -> App:
    return App.model_validate({
        "id": "app_tiny", "name": "Tiny $app", "default_locale": "en",
        "strings": {"en": {"hello": "Hello ${name}"}},
        "data_sources": [{"id": "ds_api", "name": "api", "base_url": "https://api.example.com",
                          "offline": {"mode": "offline_read_write"},
                          "entities": [{"name": "Note", "key": ["id"], "fields": [
                              {"name": "id", "read_only": True}, {"name": "text", "required": True},
                              {"name": "count", "type": "integer"}],
                              "operations": [{"kind": "list", "path": "/notes"},
                                             {"kind": "create", "method": "POST", "path": "/notes"}]}]}],
        "screens": [{"id": "s_notes", "name": "notes", "title": "Notes",
                     "variables": [{"name": "draft", "type": "record", "entity": "api.Note"}],
                     "data": [{"name": "notes", "source": "api", "entity": "Note", "sort": "text"}],
                     "root": {"kind": "column", "id": "w_root", "name": "root", "children": [
                         {"kind": "heading", "id": "w_h", "name": "title", "bindings": {"text": 't("hello")'}},
                         {"kind": "list", "id": "w_list", "name": "noteList", "bindings": {"items": "notes"},
                          "children": [{"kind": "label", "id": "w_l", "name": "noteText",
                                        "bindings": {"text": "item.text + \" ($\" + item.count + \")\""}}]},
                         {"kind": "text_input", "id": "w_t", "name": "noteInput", "label": "Note",
                          "bindings": {"value": "draft.text"},
                          "validation": [{"rule": "required", "message": "Write something"}]},
                         {"kind": "button", "id": "w_b", "name": "save", "text": "Save",
                          "actions": {"tap": [{"type": "submit_form", "source": "api", "entity": "Note",
                                               "record": "draft"},
                                              {"type": "show_message", "text": '"Saved $"'}]}}]}}],
    })


def test_example_parses_without_errors(tmp_path: Path) -> None:
    files = export("flutter", example(), tmp_path / "app")
    for expected in ("pubspec.yaml", "lib/main.dart", "lib/screens/customers_screen.dart",
                     "lib/data/crm.dart", "lib/models/crm.dart", "lib/l10n/strings.dart",
                     "lib/theme.dart", "lib/widgets/device/camera.dart", "README.md"):
        assert expected in files
    parsed = parse_tree(tmp_path / "app")
    assert len(parsed) >= 15
    assert {name: p.errors for name, p in parsed.items() if p.errors} == {}


def test_wired_odata_example_parses_with_nested_wire_names(tmp_path: Path) -> None:
    """Wire names at two levels (Order and its OrderLine items) reach the repository's entity
    metadata, and the data layer with them parses."""
    from tests.pwa.wire import with_order_screen, with_wire_names

    get("flutter").export(with_order_screen(with_wire_names(example())), tmp_path / "app")
    crm = (tmp_path / "app" / "lib" / "data" / "crm.dart").read_text("utf-8")
    assert "nested: {\n                'lines': 'OrderLine',\n              }," in crm
    assert "'product_sku': 'Product SKU'," in crm
    parsed = parse_tree(tmp_path / "app")
    assert {name: p.errors for name, p in parsed.items() if p.errors} == {}


def test_parser_reports_broken_dart() -> None:
    """The check is real: a broken string literal or a missing brace is an error."""
    assert parse(b"void main() { print('a'); }").errors == []
    assert parse(b"void main() { print('a); }").errors
    assert parse(b"class A { void f() { }").errors


def test_hostile_text_keeps_parse_trees_and_reads_back(tmp_path: Path) -> None:
    export("flutter", hostile_app(example()), tmp_path / "hostile")
    export("flutter", hostile_app(example(), ["plain text"]), tmp_path / "benign")
    bad, good = parse_tree(tmp_path / "hostile"), parse_tree(tmp_path / "benign")
    assert bad.keys() == good.keys()
    for name in good:
        assert bad[name].errors == [], (name, bad[name].errors[:3])
        assert bad[name].kinds == good[name].kinds, f"{name}: parse tree changed"
    values = {decode_single_quoted(s) for p in bad.values() for s in p.strings}
    for text in HOSTILE:
        assert any(v is not None and text in v for v in values), f"{text!r} not literal"
    for path in (tmp_path / "hostile").rglob("*.dart"):
        source = path.read_text(encoding="utf-8")
        assert "\u2028" not in source and "\u202e" not in source, path


def test_golden_tree(tmp_path: Path) -> None:
    out = tmp_path / "tiny"
    export("flutter", tiny_app(), out)
    check_golden_tree(out, GOLDEN, TEMPLATES)
    screen = (out / "lib/screens/notes_screen.dart").read_text()
    assert "' (\\$'" in screen and "'Saved \\$'" in screen


def test_deterministic(tmp_path: Path) -> None:
    export("flutter", example(), tmp_path / "a")
    export("flutter", example(), tmp_path / "b")
    assert tree_bytes(tmp_path / "a") == tree_bytes(tmp_path / "b")


def test_packages_follow_used_features(tmp_path: Path) -> None:
    export("flutter", example(), tmp_path / "full")
    full = (tmp_path / "full/pubspec.yaml").read_text()
    for package in ("image_picker", "mobile_scanner", "geolocator", "signature", "http",
                    "shared_preferences"):
        assert f"\n  {package}: \"" in full
    export("flutter", tiny_app(), tmp_path / "tiny")
    tiny = (tmp_path / "tiny/pubspec.yaml").read_text()
    for package in ("image_picker", "mobile_scanner", "geolocator", "signature"):
        assert package not in tiny
    assert not (tmp_path / "tiny/lib/widgets/device").exists()


def test_marked_preview_and_readme_says_not_compiled(tmp_path: Path) -> None:
    info = {t.name: t for t in targets()}["flutter"]
    assert "preview" in info.title.lower()
    export("flutter", example(), tmp_path / "app")
    readme = (tmp_path / "app/README.md").read_text()
    assert "not compiled here" in readme and "flutter analyze" in readme
    assert "never build this project" in readme
    assert "not compiled by fieldcraft's own tests" in info.description.lower()


def test_readme_adds_the_platforms_and_the_permissions_the_widgets_need(tmp_path: Path) -> None:
    """`flutter create` with the pubspec's package name adds android/ and ios/; the manifest and
    Info.plist entries listed are exactly those of the device widgets the model uses."""
    export("flutter", example(), tmp_path / "app")
    readme = (tmp_path / "app/README.md").read_text()
    name = next(line.split(": ", 1)[1] for line in
                (tmp_path / "app/pubspec.yaml").read_text().splitlines() if line.startswith("name:"))
    assert f"flutter create --platforms=android,ios --project-name {name} " in readme
    assert readme.index("flutter create") < readme.index("flutter pub get")
    for entry in ('<uses-permission android:name="android.permission.CAMERA" />',
                  '<uses-permission android:name="android.permission.ACCESS_FINE_LOCATION" />',
                  "<key>NSCameraUsageDescription</key>",
                  "<key>NSLocationWhenInUseUsageDescription</key>"):
        assert readme.count(entry) == 1, entry
    assert "RECORD_AUDIO" not in readme and "NSMicrophone" not in readme
    assert "Always" not in readme and "BACKGROUND_LOCATION" not in readme

    export("flutter", tiny_app(), tmp_path / "tiny")
    tiny = (tmp_path / "tiny/README.md").read_text()
    assert "flutter create --platforms=android,ios" in tiny
    assert "uses-permission" not in tiny and "UsageDescription" not in tiny
    assert "None: the app uses no camera or location widget." in tiny

    data = tiny_app().model_dump(mode="json", by_alias=True)
    data["screens"][0]["root"]["children"].append(
        {"kind": "location", "id": "w_loc", "name": "where", "label": "Where"})
    export("flutter", App.model_validate(data), tmp_path / "loc")
    loc = (tmp_path / "loc/README.md").read_text()
    assert "ACCESS_FINE_LOCATION" in loc and "NSLocationWhenInUseUsageDescription" in loc
    assert "android.permission.CAMERA" not in loc and "NSCameraUsageDescription" not in loc


@pytest.mark.parametrize("bad", ["kind", "entity"])
def test_bad_data_reference_fails_cleanly(tmp_path: Path, bad: str) -> None:
    from exporters import ExportFailed
    data = example().model_dump(mode="json", by_alias=True)
    if bad == "kind":
        data["data_sources"][0]["kind"] = "csv"
    else:
        data["screens"][0]["data"][0]["entity"] = "Nope"
    with pytest.raises(ExportFailed):
        get("flutter").export(App.model_validate(data), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_every_widget_and_action_parses(tmp_path: Path) -> None:
    from tests.exporters_rn.helpers import kitchen_sink

    export("flutter", kitchen_sink(), tmp_path / "app")
    parsed = parse_tree(tmp_path / "app")
    assert "lib/screens/kitchen_sink_screen.dart" in parsed
    assert {name: p.errors for name, p in parsed.items() if p.errors} == {}


def _nodes(node: Any, kind: str) -> list[Any]:
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        if n.type == kind:
            out.append(n)
        stack.extend(n.children)
    return out


def _body_of(root: Any, name: str) -> str:
    """The source of the function/method ``name``'s body (top level or inside a class)."""
    for sig in _nodes(root, "function_signature"):
        if any(c.type == "identifier" and c.text.decode() == name for c in sig.children):
            holder = sig.parent if sig.parent.type == "method_signature" else sig
            body = holder.next_sibling
            assert body is not None and body.type == "function_body", name
            return body.text.decode()
    raise AssertionError(f"no function {name}")


def _call_args(root: Any, callee: str) -> list[str]:
    """Argument lists of every ``callee(...)`` call or constructor."""
    return [n.next_sibling.text.decode() for n in _nodes(root, "identifier")
            if n.text.decode() == callee and n.next_sibling is not None
            and n.next_sibling.type == "selector"]


def test_ask_user_conflicts_have_a_resolution_dialog(tmp_path: Path) -> None:
    """The sync banner's Resolve button opens a dialog whose Keep mine / Use server buttons call
    Repository.resolve (checked on the parse trees; no Dart SDK here)."""
    from .dart_parse import parser

    export("flutter", example(), tmp_path / "app")
    lib = tmp_path / "app/lib"
    trees = {name: parser().parse((lib / name).read_bytes()).root_node
             for name in ("widgets/conflicts.dart", "widgets/common.dart", "main.dart",
                          "data/core.dart")}
    assert {n: p.errors for n, p in parse_tree(tmp_path / "app").items() if p.errors} == {}
    dialog = trees["widgets/conflicts.dart"]
    assert "ConflictsDialog" in [c.child_by_field_name("name").text.decode()
                                 for c in _nodes(dialog, "class_definition")]
    keep = [a for a in _call_args(dialog, "FilledButton") if "'fc.keep_mine'" in a]
    server = [a for a in _call_args(dialog, "OutlinedButton") if "'fc.use_server'" in a]
    assert len(keep) == 1 and "_resolve(c, mine: true)" in keep[0].replace("\n", " ")
    assert len(server) == 1 and "_resolve(c, mine: false)" in server[0].replace("\n", " ")
    assert ".repository.resolve(conflict.seq, mine: mine)" in _body_of(dialog, "_resolve")
    listing = _body_of(dialog, "openConflicts")
    assert "Repository.registry.values" in listing and ".conflicts()" in listing
    assert "ConflictsDialog()" in _body_of(dialog, "showConflicts")
    assert "appNavigatorKey.currentContext" in _body_of(dialog, "showConflicts")
    # the banner shows Resolve while conflicts wait, and the navigator key reaches MaterialApp
    banner = [a for a in _call_args(trees["widgets/common.dart"], "TextButton")
              if "showConflicts()" in a]
    assert len(banner) == 1 and "'fc.resolve'" in banner[0]
    assert "status.conflicts > 0" in trees["widgets/common.dart"].text.decode()
    assert "navigatorKey: appNavigatorKey" in _call_args(trees["main.dart"], "MaterialApp")[0]
    assert "Future<void> resolve(int seq, {required bool mine})" in \
        trees["data/core.dart"].text.decode()
    strings = (lib / "l10n/strings.dart").read_text()
    for key in ("fc.keep_mine", "fc.use_server", "fc.resolve", "fc.conflict", "fc.close"):
        assert f"'{key}': '" in strings


def test_pii_fields_are_encrypted_at_rest(tmp_path: Path) -> None:
    """With pii fields: AES-GCM (package:cryptography) with a keystore-held key
    (flutter_secure_storage) seals them before the cache and outbox are written; without pii
    neither the packages nor lib/data/secure.dart are generated."""
    from .dart_parse import parser

    export("flutter", example(), tmp_path / "app")
    root = tmp_path / "app"
    assert {n: p.errors for n, p in parse_tree(root).items() if p.errors} == {}
    pubspec = (root / "pubspec.yaml").read_text()
    assert '\n  cryptography: "' in pubspec and '\n  flutter_secure_storage: "' in pubspec
    trees = {name: parser().parse((root / "lib" / name).read_bytes()).root_node
             for name in ("data/secure.dart", "data/core.dart", "main.dart", "data/crm.dart")}
    crm = trees["data/crm.dart"].text.decode()
    assert "pii: ['contact_name', 'phone', 'email']," in crm and "pii: ['signature']," in crm
    assert crm.count("pii: [") == 2                       # only entities that have pii fields
    main = trees["main.dart"]
    assert "Repository.sealer = SecureFields('app_field_sales');" in \
        _body_of(main, "main").replace("\n", "")
    secure = trees["data/secure.dart"]
    sealer = [c for c in _nodes(secure, "class_definition")
              if c.child_by_field_name("name").text.decode() == "SecureFields"]
    assert len(sealer) == 1 and "implements PiiSealer" in sealer[0].text.decode()
    seal = _body_of(secure, "seal")
    assert "_aes.encrypt(utf8.encode(jsonEncode(out[name]))" in seal
    assert "aad: utf8.encode(name)" in seal and "r'$enc': base64Encode(box.concatenation())" in seal
    assert "out.remove(name)" in seal                      # no key: not stored at all
    assert "_aes.decrypt(box, secretKey: key, aad: utf8.encode(name))" in _body_of(secure, "unseal")
    key = _body_of(secure, "_deviceKey")
    assert "_storage.read(key: name)" in key and "_storage.write(key: name" in key
    assert "AesGcm.with256bits()" in secure.text.decode()
    # every write to device storage goes through the sealer first
    core = trees["data/core.dart"]
    save = _body_of(core, "_saveOutbox")
    assert save.index("_cryptEntry(e, open: false)") < save.index("prefs.setString(")
    assert "jsonEncode(sealed)" in save
    listing = _body_of(core, "_list")  # list() reads through _list
    assert listing.index("_crypt(r, entity.pii, open: false)") < listing.index("prefs.setString(")
    assert "'rows': sealed" in listing
    assert "_cryptEntry(e, open: true)" in _body_of(core, "_outbox")
    assert "_crypt(r, entity.pii, open: true)" in _body_of(core, "_readCache")
    stores = [n for n in _nodes(core, "identifier") if n.text.decode() == "setString"]
    # outbox and row cache, both sealed; and the server keys of records created offline
    # (temporary key -> key: no field values)
    assert len(stores) == 3
    assert "prefs.setString(_storageKey('keys'), jsonEncode(aliases))" in _body_of(core, "_keyed")

    export("flutter", tiny_app(), tmp_path / "tiny")
    tiny = tmp_path / "tiny"
    assert "cryptography" not in (tiny / "pubspec.yaml").read_text()
    assert "flutter_secure_storage" not in (tiny / "pubspec.yaml").read_text()
    assert not (tiny / "lib/data/secure.dart").exists()
    assert "SecureFields" not in (tiny / "lib/main.dart").read_text()


def test_scan_barcode_falls_back_to_typing_the_code(tmp_path: Path) -> None:
    """Without a camera or its permission (mobile_scanner's errorBuilder) the scanner page
    leaves for a 'Type the code' dialog: Enter/OK give the trimmed text, Cancel or nothing
    typed give null, and null keeps the old value (action and barcode widget)."""
    from tests.exporters_rn.helpers import kitchen_sink

    from .dart_parse import parser

    export("flutter", kitchen_sink(), tmp_path / "app")
    lib = tmp_path / "app/lib"
    assert {n: p.errors for n, p in parse_tree(tmp_path / "app").items() if p.errors} == {}
    camera = parser().parse((lib / "widgets/device/camera.dart").read_bytes()).root_node
    flat = lambda text: " ".join(text.split())  # noqa: E731
    scan = flat(_body_of(camera, "scanBarcode"))
    assert "push<Object>( MaterialPageRoute(builder: (context) => _ScannerPage(formats: formats))" \
        in scan
    assert "if (result is String) return result;" in scan
    assert "if (!identical(result, _noCamera) || !context.mounted) return null;" in scan
    assert scan.endswith("return typeCode(context); }")
    scanner = flat(_call_args(camera, "MobileScanner")[0])
    assert "errorBuilder: (context, error, child) {" in scanner
    assert "addPostFrameCallback((_) => _finish(_noCamera))" in scanner
    assert "Navigator.of(context).pop(code);" in flat(_body_of(camera, "_finish"))
    typed = flat(_body_of(camera, "typeCode"))
    assert "showDialog<String>(context: context, builder: (context) => const _TypeCodeDialog())" \
        in typed and "return code == null || code.isEmpty ? null : code;" in typed
    dialog = flat(_call_args(camera, "AlertDialog")[0])
    assert "title: Text(AppStrings.t('fc.barcode_type_title'))" in dialog
    assert "labelText: AppStrings.t('fc.barcode_code')" in dialog
    assert "onSubmitted: (_) => _submit()" in dialog
    assert "TextButton(onPressed: () => Navigator.of(context).pop(), " \
        "child: Text(AppStrings.t('fc.cancel')))" in dialog
    assert "FilledButton(onPressed: _submit, child: Text(AppStrings.t('fc.ok')))" in dialog
    assert flat(_body_of(camera, "_submit")) == "=> Navigator.of(context).pop(_code.text.trim());"
    # null (cancelled) keeps the old value: the action stops, the widget does not call onChanged
    screen = flat((lib / "screens/kitchen_sink_screen.dart").read_text())
    assert "final capturedScanBarcode = await scanBarcode(context); " \
        "if (capturedScanBarcode == null) return; " \
        "s = screen.set(['code'], capturedScanBarcode);" in screen
    assert "if (code != null) onChanged(code);" in flat(camera.text.decode())
    strings = (lib / "l10n/strings.dart").read_text()
    for key, text in (("fc.barcode_type_title", "Type the code"), ("fc.barcode_code", "Code"),
                      ("fc.cancel", "Cancel"), ("fc.ok", "OK")):
        assert f"'{key}': '{text}'," in strings


def test_updates_carry_their_base_and_keep_mine_keeps_it(tmp_path: Path) -> None:
    """As in React Native (conformance conflict scenarios): a record loaded by one() carries its
    loaded copy, so an update is checked for conflicts and a PATCH sends only changed fields;
    Keep mine sends against that original base instead of reverting the server's other changes."""
    from .dart_parse import parser

    export("flutter", example(), tmp_path / "app")
    assert {n: p.errors for n, p in parse_tree(tmp_path / "app").items() if p.errors} == {}
    core = parser().parse((tmp_path / "app/lib/data/core.dart").read_bytes()).root_node
    flat = lambda text: " ".join(text.split())  # noqa: E731
    one = flat(_body_of(core, "one"))
    assert one.count("_loaded(") == 2 and "return r;" not in one
    assert "r'$base': {for (final e in rec.entries) if (!e.key.startsWith(r'$')) e.key: e.value}" \
        in flat(_body_of(core, "_loaded"))
    write = flat(_body_of(core, "write"))
    assert "final given = rec.remove(r'$base');" in write
    assert "final from = base ?? (given is Map ? Map<String, Object?>.from(given) : null) ?? " \
        "(kind == 'update' ? await _cachedRow(entity, rec) : null);" in write
    assert "'base': from == null ? null : plain(from)," in write
    assert "if (entity.keyOf(r) == key) return _crypt(r, entity.pii, open: true);" in \
        flat(_body_of(core, "_cachedRow"))
    assert "&& e['force'] != true) {" in flat(_body_of(core, "_deliver"))
    resolve = flat(_body_of(core, "resolve"))
    assert "..['force'] = true" in resolve and "['server']" not in resolve
    assert "!e.key.startsWith(r'$')" in flat(_body_of(core, "_bodyFor"))


def test_barcode_formats_reach_mobile_scanner(tmp_path: Path) -> None:
    """The barcode widget's ``formats`` go to the scanner page's MobileScannerController
    (mobile_scanner reads only those); the model's default formats are passed the same way."""
    from tests.exporters.kitchen_sink import kitchen_sink as every_prop

    from .dart_parse import parser

    export("flutter", every_prop(["barcode_scanner"]), tmp_path / "app")
    lib = tmp_path / "app/lib"
    flat = lambda text: " ".join(text.split())  # noqa: E731
    screen = flat((lib / "screens/all_screen.dart").read_text())
    assert screen.count("formats: const ['code_128', 'upc_a']") == 3  # column, row, free
    camera = parser().parse((lib / "widgets/device/camera.dart").read_bytes()).root_node
    text = flat(camera.text.decode())
    barcode_input = text.split("class BarcodeInput", 1)[1]
    assert "final code = await scanBarcode(context, formats: formats);" in barcode_input
    assert "this.formats = const []," in barcode_input
    controller = flat(_call_args(camera, "MobileScannerController")[0])
    assert controller == ("( formats: widget.formats.map((f) => _barcodeFormats[f])"
                          ".whereType<BarcodeFormat>().toList(), )")
    assert "controller: _controller," in flat(_call_args(camera, "MobileScanner")[0])
    for name, member in (("code_128", "code128"), ("upc_a", "upcA"), ("qr_code", "qrCode"),
                         ("data_matrix", "dataMatrix")):
        assert f"'{name}': BarcodeFormat.{member}," in text
    plain = tmp_path / "plain"
    export("flutter", every_prop(["barcode_scanner"], reset=("barcode_scanner", "formats")), plain)
    default = flat((plain / "lib/screens/all_screen.dart").read_text())
    assert default.count("formats: const ['qr_code', 'ean_13']") == 3


def test_photo_input_honours_max_photos(tmp_path: Path) -> None:
    """max_photos reaches PhotoInput: above 1 its value is a list of up to that many photos
    (as in the PWA and React Native), each with a remove button, and the take button goes
    away at the limit; with 1 the value is one data URI and no maxPhotos is passed."""
    from tests.exporters.kitchen_sink import kitchen_sink as every_prop

    from .dart_parse import parser

    export("flutter", every_prop(["camera_photo"]), tmp_path / "app")
    lib = tmp_path / "app/lib"
    flat = lambda text: " ".join(text.split())  # noqa: E731
    screen = flat((lib / "screens/all_screen.dart").read_text())
    assert screen.count("maxPhotos: 3") == 3
    assert "value: rt.plain(rt.get(s, ['\\$camera_photo_0']))" in screen
    camera = parser().parse((lib / "widgets/device/camera.dart").read_bytes()).root_node
    assert not camera.has_error
    photo = flat(camera.text.decode()).split("class PhotoInput", 1)[1].split("class ", 1)[0]
    assert "this.maxPhotos = 1," in photo and "final Object? value;" in photo
    assert ".take(_max).toList();" in photo
    assert "onChanged(_max > 1 ? photos : (photos.isEmpty ? null : photos.first));" in photo
    assert "if (single || photos.length < _max)" in photo
    assert "onPressed: () => _set([...photos]..removeAt(i))," in photo
    one = tmp_path / "one"
    export("flutter", every_prop(["camera_photo"], reset=("camera_photo", "max_photos")), one)
    assert "maxPhotos" not in (one / "lib/screens/all_screen.dart").read_text()
