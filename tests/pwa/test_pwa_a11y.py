"""Every catalog widget as a user with a finger, a keyboard or a screen reader meets it: 48 px
touch targets (measured by hit-testing, so labels and enlarged hit areas count), a name for
everything interactive, and a Tab order that is the document order."""

from __future__ import annotations

from typing import Any

import pytest

from tests.exporters_rn.helpers import kitchen_sink

pytestmark = pytest.mark.browser

#: Interactive elements in view that are too small to hit with a finger or have no name.
PROBLEMS_JS = """() => {
  const sel = 'button, a[href], input, select, textarea, [role=button], [role=tab], [tabindex]:not([tabindex="-1"])';
  const out = [];
  for (const e of document.querySelectorAll(sel)) {
    if (!e.closest('#fc-app') || e.closest('[hidden]') || !e.getClientRects().length) continue;
    const box = e.getBoundingClientRect();
    if (box.width <= 2 && box.height <= 2) continue;  // a visually hidden file input
    e.scrollIntoView({ block: 'center', inline: 'center' });
    const r = e.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
    const hits = (px, py) => {
      const t = document.elementFromPoint(px, py);
      if (!t) return false;
      const label = t.closest('label');
      return e.contains(t) || Boolean(label && (label.control === e || label.contains(e)));
    };
    const reach = (dx, dy) => { let n = 0; while (n < 48 && hits(x + dx * (n + 1), y + dy * (n + 1))) n++; return n; };
    const h = reach(0, -1) + reach(0, 1) + 1, w = reach(-1, 0) + reach(1, 0) + 1;
    const byId = (ids) => (ids || '').split(' ').map((i) => (document.getElementById(i) || {}).textContent || '').join(' ');
    const name = (e.getAttribute('aria-label') || byId(e.getAttribute('aria-labelledby'))
      || [...(e.labels || [])].map((l) => l.textContent).join(' ') || e.textContent || e.title || '').trim();
    if (h < 48 || w < 48 || !name) out.push(`${e.tagName}.${e.className} "${name.slice(0, 30)}" ${w}x${h}`);
  }
  return out;
}"""

#: Tab stops in document order (one per radio group, as browsers do).
TABBABLE_JS = """() => {
  const seen = new Set();
  return [...document.querySelectorAll('#fc-app button, #fc-app a[href], #fc-app input, #fc-app select, #fc-app textarea, #fc-app [tabindex]')]
    .filter((e) => e.tabIndex >= 0 && !e.disabled && !e.closest('[hidden]') && e.getClientRects().length
      && !(e.getBoundingClientRect().width <= 2 && e.getBoundingClientRect().height <= 2))
    .filter((e) => { if (e.type !== 'radio') return true; if (seen.has(e.name)) return false; seen.add(e.name); return true; })
    .map((e) => { e.dataset.tabProbe = String(seen.size + Math.random()); return e.dataset.tabProbe; });
}"""


def tab_sequence(page: Any, count: int) -> list[str]:
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    seq: list[str] = []
    for _ in range(count * 3):
        page.keyboard.press("Tab")
        probe = page.evaluate("() => document.activeElement.dataset.tabProbe || document.activeElement.tagName")
        if probe == "BODY":
            if seq:
                break  # wrapped around
            continue
        if not seq or seq[-1] != probe:  # a date input's segments are one element
            seq.append(probe)
    return seq


@pytest.mark.parametrize("screen", ["customers", "kitchenSink"])
def test_touch_targets_names_and_focus_order(serve: Any, screen: str) -> None:
    s = serve(kitchen_sink())
    page = s.open(f"#/{screen}")
    s.wait_ready(screen)
    s.wait_sync("synced")
    assert page.locator("#fc-app [tabindex]:not([tabindex='-1']):not([tabindex='0'])").count() == 0
    assert page.evaluate(PROBLEMS_JS) == []
    expected = page.evaluate(TABBABLE_JS)
    assert len(expected) > (20 if screen == "kitchenSink" else 6)
    assert tab_sequence(page, len(expected)) == expected
    if screen == "customers":  # start screen: no back button, the title keeps its margin
        assert page.locator("#fc-title").bounding_box()["x"] >= 12
