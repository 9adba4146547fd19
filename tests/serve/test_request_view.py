"""What the preview shows of a logged request: credentials hidden, hostile text escaped, long
bodies cut with a note."""

from __future__ import annotations

from designer.serve.request_view import describe, kept, redact, request_headers


def test_credentials_show_only_their_scheme_and_length() -> None:
    assert redact("Authorization", "Basic dXNlcjpwYXNz") == "Basic ••• (12 characters hidden)"
    assert redact("X-API-Key", "k-123456") == "••• (8 characters hidden)"
    assert redact("Cookie", "sid=abc; theme=dark") == "••• (19 characters hidden)"
    assert redact("x-csrf-token", "Fetch") == "Fetch"  # the protocol word, not a token
    assert redact("x-csrf-token", "9f8e7d") == "••• (6 characters hidden)"
    assert redact("If-Match", 'W/"3"') == 'W/"3"'


def test_only_protocol_and_custom_headers_are_shown_in_a_stable_order() -> None:
    shown = request_headers([("User-Agent", "Phone"), ("X-Tenant-Id", "t1"),
                             ("OData-Version", "4.0"), ("authorization", "Bearer abc")])
    assert shown == [("authorization", "Bearer ••• (3 characters hidden)"),
                     ("OData-Version", "4.0"), ("X-Tenant-Id", "t1")]
    assert request_headers(None) == []


def test_describe_escapes_hostile_text_and_cuts_long_bodies() -> None:
    entry = {"method": "POST", "path": "/api/crm/orders\x1b[2J", "query": "",
             "headers": [("Content-Type", "application/json")],
             "body": {"note": "x" * 5000}, "status": 400, "response": {"error": "bad\u202e"}}
    stored = {**entry, "body": kept(entry["body"]), "response": kept(entry["response"])}
    text = describe(stored)
    assert "\x1b" not in text and "\u202e" not in text
    assert text.splitlines()[0].startswith("POST /api/crm/orders") and "→ 400" in text
    assert "more characters not shown" in text and len(text) < 4600
    assert stored["response"] == {"error": "bad\u202e"}  # small bodies are kept as they are
    assert "(no answer: the mock is set to offline)" in describe({**entry, "status": "offline"})
    assert "(no answer yet)" in describe({**entry, "status": 0})
