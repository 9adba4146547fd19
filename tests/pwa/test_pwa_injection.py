"""Hostile strings in every string field of a model: the export runs, the app shows them
literally and adds no element or script; hostile asset names never leave the output folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from pydantic import BaseModel, ValidationError

from designer.expressions.printer import quote
from designer.model import App, load
from tests.conftest import EXAMPLE
from widgets import CATALOG

pytestmark = pytest.mark.browser

PAYLOAD = ("\"'q `b` ${window.__pwned=1} </script><script>window.__pwned=1</script>"
           "<img src=x onerror=\"window.__pwned=1\"> \u2028\u2029 \u202etxt\u202c \u2066i\u2069 "
           "../x {{7*7}} </style>")


def poison(model: BaseModel) -> None:
    """Set every plain string field of ``model`` (recursively) that accepts the payload."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            poison(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, BaseModel):
                    poison(item)
        elif isinstance(value, str) and name not in ("kind", "type", "rule", "id", "name",
                                                     "visible_when", "logo"):
            candidate = PAYLOAD if name != "src" else "../x"
            try:
                type(model).__pydantic_validator__.validate_assignment(
                    model.model_construct(), name, candidate)
            except (ValidationError, TypeError, ValueError):
                continue
            object.__setattr__(model, name, candidate)


def hostile_app() -> App:
    example = load(EXAMPLE)
    widgets = []
    for i, wtype in enumerate(CATALOG):
        if wtype.id == "tab_page":
            continue
        w = wtype.create(f"w_{i}", f"w{i}")
        if wtype.id in ("list", "chart"):
            w.bindings = {"items": "customers"}
        if wtype.id == "tabs":
            w.children.append(CATALOG.get("tab_page").create(f"w_{i}p", f"w{i}p"))
        widgets.append(w)
    root = CATALOG.get("column").create("w_root", "root", children=widgets)
    app = App.model_validate({
        "id": "hostile", "name": "x", "data_sources": [
            example.data_sources[0].model_dump(mode="json", exclude_defaults=True)],
        "strings": {"en": {"k": PAYLOAD}},
        "screens": [{"id": "s1", "name": "home", "title": "t", "root": root.model_dump(mode="json"),
                     "data": [{"name": "customers", "source": "crm", "entity": "Customer"}]}]})
    for screen in app.screens:
        for widget, _ in screen.walk():
            poison(widget)
    poison(app.theme)
    app.theme.logo = "missing-logo.png"
    bound = app.screens[0].root.children[-1]
    bound.bindings = {"text": f"{quote(PAYLOAD)} + t(\"k\")"} if "text" in bound.bindings or \
        bound.kind in ("label", "heading", "button", "web_link") else bound.bindings
    for source in app.data_sources:
        for entity in source.entities:
            for field in entity.fields:
                field.label = PAYLOAD
                field.wire_name = f"{PAYLOAD} {field.name}"  # the back end's own field name
            entity.label = PAYLOAD
    app.screens[0].title = PAYLOAD
    app.name = PAYLOAD[:200]
    app.description = PAYLOAD
    return App.model_validate(app.model_dump(mode="json", by_alias=True))


def test_hostile_strings_render_literally_and_inject_nothing(serve: Any, tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(b"not for export")
    app = hostile_app()
    assert app.screens[0].root.children[0].kind == "column"
    s = serve(app)
    out = s.server.backend.root
    assert sorted(p.code for p in s.warnings if p.code.startswith("asset")) != []
    assert not any(p.name == "secret.png" for p in out.rglob("*"))
    assert all(p.resolve().is_relative_to(out.resolve()) for p in out.rglob("*"))

    page = s.open()
    expect(page.locator("#fc-title")).to_have_text(PAYLOAD)
    assert page.title().startswith(PAYLOAD[:40].replace("\u2028", " ")[:5])
    heading = page.locator("[data-fc='w9'], [data-fc='w10']").first
    texts = page.locator(".fc-text, .fc-heading, .fc-btn-label, .fc-label-text").all_text_contents()
    assert texts.count(PAYLOAD) >= 5, texts[:5]
    assert heading.count() == 1
    # nothing ran, nothing was added
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.locator("script").count() == 1
    assert page.locator("img[onerror], [onerror], [onclick], iframe, object, embed").count() == 0
    assert page.locator("main img[src='x']").count() == 0
    placeholders = page.locator("input[placeholder]").evaluate_all(
        "els => els.map(e => e.placeholder)")
    assert PAYLOAD in placeholders
