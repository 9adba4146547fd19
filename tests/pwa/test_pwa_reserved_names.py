"""A back end's field called `__proto__` reaches the PWA under a model name it can key records
by (the importers' rule) and keeps its value on the way back: the wire renaming writes it as
an own property, where `out["__proto__"] = v` would set the prototype and drop the value."""

from __future__ import annotations

from typing import Any

import pytest

from designer.importers.base import to_identifier, wire_of
from designer.model import App
from designer.model.validate import validate_app

from .test_pwa_app import draw_signature

pytestmark = pytest.mark.browser


def test_a_back_end_field_named_proto_keeps_its_value(serve: Any, example: App) -> None:
    visit = example.source("crm").entity("Visit")  # type: ignore[union-attr]
    notes = visit.field("notes")  # type: ignore[union-attr]
    notes.name = to_identifier("__proto__")  # what every importer names the back-end field
    notes.wire_name = wire_of(notes.name, "__proto__")
    assert (notes.name, notes.wire_name) == ("proto", "__proto__")
    widget = next(w for w, _ in example.screen("visitCheckIn").walk()  # type: ignore[union-attr]
                  if w.id == "w_visitNotes")
    widget.bindings["value"] = f"visit.{notes.name}"
    assert [p for p in validate_app(example) if p.severity == "error"] == []

    s = serve(example)
    page = s.open("#/visitCheckIn?customerId=C-1002")
    s.wait_sync("synced")
    field = page.get_by_label("Notes")
    assert field.input_value() == ""
    field.fill("Talked about the spring range.")
    draw_signature(page)
    page.locator("[data-fc='saveVisit']").click()
    s.wait_ready("customers")
    s.wait_sync("synced")
    [post] = s.backend.writes()   # the mock back end took `__proto__` off the wire
    assert post["body"]["proto"] == "Talked about the spring range."
