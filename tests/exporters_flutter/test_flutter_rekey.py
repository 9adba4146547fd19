"""Flutter screens switch to the server's key when a record created offline is confirmed
(issue 14 item 2): checked on the export's parse trees (no Dart SDK here); the key rule itself,
``sync.replaceKeys``, is held to the shared runtime case table (tests/runtime)."""

from __future__ import annotations

from pathlib import Path

from tests.exporters_rn.helpers import example, export

from .dart_api import check_project
from .dart_parse import parse_tree, parser
from .test_flutter_export import _body_of


def test_screens_take_the_server_key_of_a_confirmed_record(tmp_path: Path) -> None:
    root = tmp_path / "app"
    export("flutter", example(), root)
    assert {n: p.errors for n, p in parse_tree(root).items() if p.errors} == {}
    assert check_project(root) == []
    trees = {name: parser().parse((root / "lib" / name).read_bytes()).root_node
             for name in ("data/core.dart", "runtime/screen_state.dart")}
    core, state = trees["data/core.dart"], trees["runtime/screen_state.dart"]
    assert "static final StreamController<Map<String, Object?>> rekeys = StreamController.broadcast();" \
        in core.text.decode()
    keyed = _body_of(core, "_keyed")
    # announced once the server's key is stored and the queued changes carry it
    assert keyed.index("prefs.setString(_storageKey('keys')") < keyed.index("_saveOutbox(entries)") \
        < keyed.index("rekeys.add({temp: given})")
    assert "_rekeys = Repository.rekeys.stream.listen(rekey);" in _body_of(state, "start")
    assert "_rekeys?.cancel();" in _body_of(state, "dispose")
    rekey = _body_of(state, "rekey")
    assert "if (!_mentions(_params, aliases) && !_mentions(_vars, aliases)) return;" in rekey
    assert rekey.index("_params = sync.replaceKeys(_params, aliases) as Rec;") \
        < rekey.index("_vars = sync.replaceKeys(_vars, aliases) as Rec;") < rekey.index("reload();")
    mentions = _body_of(state, "_mentions")
    assert "value is String && aliases.containsKey(value)" in mentions
    # every screen's state is a ScreenState, so every screen re-keys
    screens = list((root / "lib" / "screens").glob("*.dart"))
    assert screens and all("ScreenState(" in p.read_text() for p in screens)
