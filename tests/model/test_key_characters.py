"""Model keys are plain text: a control or bidi character in a locale, string key or header
name is refused by validate (located) and by the edit that would create it; header names are
HTTP tokens and fixed header values hold no line break — ``fetch`` throws on both, so such a
model validated and then failed in the app."""

from __future__ import annotations

from typing import Any

import pytest

from designer.commands import SetAppProperty, UndoStack
from designer.model import App, Document, InvalidNameError, load
from designer.model.validate import validate_app
from tests.conftest import EXAMPLE


def _problems(edit: Any) -> list[tuple[str, str]]:
    data = load(EXAMPLE).model_dump(mode="json", by_alias=True, exclude_defaults=True)
    edit(data)
    return [(".".join(map(str, p.path)), p.message) for p in validate_app(App.model_validate(data))
            if p.severity == "error"]


@pytest.mark.parametrize("char", ["\x1b", "\r", "\n", "\x00", "\x85", "\u202e", "\u2066"])
def test_control_and_bidi_characters_in_keys_are_refused(char: str) -> None:
    key = f"greeting{char}x"
    found = _problems(lambda d: d["strings"]["en"].update({key: "hi"}))
    assert [(path, msg) for path, msg in found if path == f"strings.en.{key}"] == [
        (f"strings.en.{key}", f"string key holds the control character U+{ord(char):04X}; "
                              "model keys are plain text")]
    locale = _problems(lambda d: d["strings"].update({f"de{char}": {"a": "b"}}))
    assert any(path == f"strings.de{char}" for path, _ in locale)


@pytest.mark.parametrize("name,ok", [("X-Tenant-Id", True), ("x_api.v2~", True),
                                     ("X Tenant", False), ("X-Tenant:", False),
                                     ("Zürich", False), ("", False)])
def test_header_names_are_http_tokens(name: str, ok: bool) -> None:
    found = _problems(lambda d: d["data_sources"][0].update(headers={name: "1"}))
    refused = [msg for path, msg in found if path == f"data_sources.0.headers.{name}"]
    assert (refused == []) is ok, refused
    if not ok:
        assert "is not an HTTP header name" in refused[0]


@pytest.mark.parametrize("value,ok", [("a\tb; q=1 ü", True), ("a\r\nX-Evil: 1", False),
                                      ("a\nb", False), ("a\x00", False)])
def test_header_values_hold_no_line_break(value: str, ok: bool) -> None:
    found = _problems(lambda d: d["data_sources"][0].update(headers={"X-Trace": value}))
    refused = [msg for path, msg in found if path == "data_sources.0.headers.X-Trace"]
    assert (refused == []) is ok, refused


def test_a_header_parameter_wire_name_is_a_token() -> None:
    def edit(d: dict[str, Any]) -> None:
        entity = d["data_sources"][0]["entities"][0]
        op = entity["operations"][0]
        op["params"] = [*op.get("params", []), {"name": "tenant", "wire_name": "X Tenant\r\n",
                                                "location": "header", "config": "tenant"}]
    found = _problems(edit)
    assert any(path.endswith("wire_name") and "U+000D" in msg for path, msg in found), found


def test_an_edit_cannot_create_an_unprintable_key() -> None:
    stack = UndoStack(Document(load(EXAMPLE)))
    before = stack.doc.app.model_dump()
    with pytest.raises(InvalidNameError, match="control character U\\+001B"):
        stack.push(SetAppProperty("strings", {**stack.doc.app.strings,
                                              "en": {"k\x1b[2K": "x"}}))
    assert stack.doc.app.model_dump() == before
