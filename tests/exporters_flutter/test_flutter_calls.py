"""Flutter runs call_operation (issue 13) as the JS targets do, through lib/runtime/calls.dart
(held to the shared call cases by tests/runtime/test_dart_cases.py): checked on the exported
project's parse tree — no Dart SDK runs here."""

from __future__ import annotations

import re
from pathlib import Path

from designer.model import load
from tests.conftest import EXAMPLE
from tests.conformance.targets import with_calls
from tests.exporters_rn.helpers import export

from .dart_parse import parse_tree


def test_the_calls_variant_exports_to_flutter_and_parses(tmp_path: Path) -> None:
    out = tmp_path / "app"
    export("flutter", with_calls(load(EXAMPLE)), out)
    parsed = parse_tree(out)
    assert {name: p.errors for name, p in parsed.items() if p.errors} == {}
    screen = (out / "lib/screens/customer_detail_screen.dart").read_text("utf-8")
    confirm = re.search(r"callOperation\(context, screen, 'crm', 'Customer', 'confirm', [^;]*;", screen)
    assert confirm and "'reason': 'Visit done'" in confirm.group(0) and confirm.group(0).endswith(
        "s, null)) return;"), confirm
    score = re.search(r"callOperation\(context, screen, 'crm', 'Customer', 'score', [^;]*;", screen)
    assert score and score.group(0).endswith("s, ['score'])) return;"), score
    source = next((out / "lib/data").glob("crm*.dart")).read_text("utf-8")
    # the call operations are in the data layer, their parameters with type and arg
    assert "Operation('call', 'POST', '/customers/{id}/Crm.Confirm', name: 'confirm'" in source
    assert "ParamSpec('body', 'reason', required: true, arg: 'reason', type: 'string')" in source
    assert "ParamSpec('query', '@asOf', required: true, arg: 'asOf', type: 'date')" in source
    core = (out / "lib/data/core.dart").read_text("utf-8")
    assert "callParts(CallSpec(op.method, op.params)" in core and "callResult(answer.body" in core
