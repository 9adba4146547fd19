"""Call operations (issue 13): an OData v4 bound action and function run from a button, against
a back end that refuses a wrong method, a missing parameter and a malformed literal."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from .driver import Driver


def _wait(check: Any, what: str) -> None:
    from .scenarios import wait_for
    wait_for(check, what)


def odata_calls(app: Driver, backend: Any) -> None:
    """The action POSTs its parameters as a JSON body; the function GETs with OData literals
    (a quote doubled, the value percent-encoded) and its answer shows in the screen; a refused
    call shows the server's status; offline, the function says it needs a connection and the
    action waits in the outbox, delivered once online."""
    backend.answers["score"] = lambda p: f"A for {p['label']} on {p['asOf']}"
    app.open()
    app.tap("Café Riviera")
    app.wait_text("Contact")
    app.tap("Confirm visit")
    app.wait_text("Done")
    [confirm] = backend.calls
    assert confirm["method"] == "POST" and confirm["path"].endswith("/Crm.Confirm"), confirm
    assert confirm["params"]["reason"] == "Visit done" and confirm["params"]["count"] == 2
    app.tap("Check score")
    app.wait_text("Score: A for Café Riviera's on 2026-12-07")
    score = backend.calls[1]
    assert dict(parse_qsl(score["query"])) == {"@asOf": "2026-12-07", "@label": "'Café Riviera''s'"}
    assert "%27Caf%C3%A9%20Riviera%27%27s%27" in score["query"], score["query"]
    backend.answers["confirm"] = lambda p: (422, {"error": {"message": "already confirmed"}})
    with app.provoked("HTTP 422", "status of 422"):
        app.tap("Confirm visit")
        app.wait_text("(HTTP 422)")
    del backend.answers["confirm"]
    assert len(backend.calls) == 3  # the refused one reached the server
    app.offline()
    app.tap("Check score")
    app.wait_text("This needs a connection")
    app.tap("Confirm visit")
    app.wait_text("it will be sent when the app is online")
    app.wait_text("1 pending")
    assert len(backend.calls) == 3, "offline: nothing sent"
    app.online()
    _wait(lambda: len(backend.calls) == 4, "the queued action delivered")
    app.wait_gone("1 pending")
    app.wait_idle()
    assert backend.calls[3]["params"] == confirm["params"]
    assert len(backend.calls) == 4, "delivered once"
