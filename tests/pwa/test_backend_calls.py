"""The test back end refuses a malformed call as a real OData service does (so a scenario that
passes against it sent what a real one takes): the wrong method, a missing parameter, a value
that is not an OData literal of its type, a body member it does not declare or of the wrong
type; a well-formed call is answered with the parameters it decoded."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from designer.model import load
from tests.conftest import EXAMPLE
from tests.conformance.targets import with_calls

from .backend import Server

SCORE = "/api/customers/C-1003/Crm.Score(asOf=@asOf,label=@label)"
CONFIRM = "/api/customers/C-1003/Crm.Confirm"
V4 = {"OData-Version": "4.0", "Content-Type": "application/json"}


def _send(url: str, method: str, body: Any = None) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=V4)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with Server(with_calls(load(EXAMPLE)), Path(tmp_path_factory.mktemp("site"))) as running:
        yield running


@pytest.mark.parametrize(("method", "path", "body", "status", "says"), [
    ("POST", SCORE + "?%40asOf=2026-12-07&%40label=%27x%27", {}, 405, "takes GET"),
    ("GET", CONFIRM, None, 405, "takes POST"),
    ("GET", SCORE + "?%40label=%27x%27", None, 400, "missing parameter @asOf"),
    ("GET", SCORE + "?%40asOf=2026-12-07&%40label=x", None, 400, "not a string literal"),
    ("GET", SCORE + "?%40asOf=%272026-12-07%27&%40label=%27x%27", None, 400, "type date"),
    ("GET", SCORE + "?%40asOf=2026-12-07&%40label=%27it%27s%27", None, 400, "not a string"),
    ("POST", CONFIRM, {"count": 2}, 400, "missing parameter reason"),
    ("POST", CONFIRM, {"reason": "x", "count": "2"}, 400, "count: not a integer"),
    ("POST", CONFIRM, {"reason": "x", "why": 1}, 400, "no parameter why"),
    ("POST", CONFIRM, ["x"], 400, "a JSON object"),
])
def test_a_malformed_call_is_refused(server: Any, method: str, path: str, body: Any,
                                     status: int, says: str) -> None:
    before = len(server.backend.calls)
    got, answer = _send(server.url.rstrip("/") + path, method, body)
    assert (got, says in answer["error"]["message"]) == (status, True), answer
    assert len(server.backend.calls) == before, "a refused call is not taken"


def test_a_well_formed_call_is_answered_with_its_decoded_parameters(server: Any) -> None:
    got, answer = _send(server.url.rstrip("/") + SCORE
                        + "?%40asOf=2026-12-07&%40label=%27Caf%C3%A9%20Riviera%27%27s%27", "GET")
    assert got == 200
    assert answer["value"] == {"id": "C-1003", "asOf": "2026-12-07", "label": "Café Riviera's"}
    got, answer = _send(server.url.rstrip("/") + CONFIRM, "POST", {"reason": "x", "count": 2})
    assert (got, answer["value"]) == (200, {"id": "C-1003", "reason": "x", "count": 2})
