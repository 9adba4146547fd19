"""PWA: a pattern rule is compiled like React Native and Flutter do (unicode mode)."""

from __future__ import annotations

from typing import Any

from designer.model import App
from designer.model.actions import Pattern


def test_unicode_property_pattern_checks_the_input(serve: Any, example: App) -> None:
    notes = next(w for w, _ in example.screen("visitCheckIn").walk() if w.id == "w_visitNotes")
    notes.validation.append(Pattern(rule="pattern", pattern=r"^\p{Lu}",
                                    message="Start with a capital letter"))
    s = serve(example)
    page = s.open("#/visitCheckIn?customerId=C-1002")
    s.wait_sync("synced")
    field = page.get_by_label("Notes")
    field.fill("élan vital")          # a lower-case letter outside ASCII
    page.locator("[data-fc='saveVisit']").click()
    page.wait_for_selector("text=Start with a capital letter")
    field.fill("Élan vital")          # an upper-case letter outside ASCII passes
    page.locator("[data-fc='saveVisit']").click()
    assert page.get_by_text("Start with a capital letter").is_hidden()
    assert s.backend.writes() == []   # still blocked by the missing signature, not the pattern
