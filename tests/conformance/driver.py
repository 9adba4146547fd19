"""The small driver interface behaviour scenarios are written against, and its browser
implementation (Playwright + Debian's chromium) for targets that run in a browser.

Scenarios find things the way a user (or a screen reader) does: by accessible role and name,
or by visible text; never by CSS classes of one target.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Callable, Protocol

from tests.browser_gate import OFFLINE, ConsoleGate

TIMEOUT_MS = 15_000
#: Errors of the machine, not of the app: expo-camera's web build starts a QR worker that imports
#: jsQR from a CDN at load time, and there is no internet here. It is web-only (native apps scan
#: natively).
NO_INTERNET = (re.compile(r"^page error: .*jsQR"),)


def _label(label: str) -> re.Pattern[str]:
    """An input's accessible name: the label, optionally with a required marker (`*`)."""
    return re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$")


class Driver(Protocol):
    """What a behaviour scenario can do with a running app."""

    def open(self) -> None: ...
    def tap(self, name: str, role: str = "button") -> None: ...
    def tap_text(self, text: str) -> None: ...
    def back(self) -> None: ...
    def reload(self) -> None: ...
    def installed(self) -> None: ...
    def type(self, label: str, text: str) -> None: ...
    def submit(self, label: str) -> None: ...
    def draw(self, label: str) -> None: ...
    def choose_photo(self, button: str, image: Path) -> None: ...
    def offline(self) -> None: ...
    def online(self) -> None: ...
    def provoked(self, *codes: str) -> AbstractContextManager[list[str]]: ...
    def wait_text(self, text: str) -> None: ...
    def wait_gone(self, text: str) -> None: ...
    def wait_idle(self) -> None: ...
    def visible(self, text: str) -> bool: ...
    def count(self, role: str, name: re.Pattern[str]) -> int: ...
    def screenshot(self, path: Path) -> None: ...


class BrowserDriver:
    """Drives an app served over http://127.0.0.1 in a chromium page."""

    def __init__(self, context: Any, url: str) -> None:
        self.context = context
        self.url = url
        self.gate = ConsoleGate()
        self.page = self.gate.watch(context.new_page())
        self._offline: AbstractContextManager[list[str]] | None = None

    def open(self) -> None:
        self._load(lambda: self.page.goto(self.url))

    def _named(self, role: str, name: str) -> Any:
        return self.page.get_by_role(role, name=re.compile(re.escape(name))).locator("visible=true")

    def reload(self) -> None:
        """The app killed and started again: the page reloaded (what it stored survives).
        Offline, an app without a service worker (the Expo web build; a native app has its
        code on the phone) gets its own files while every API call still fails unanswered."""
        self._load(self.page.reload)

    def _load(self, load: Callable[[], Any]) -> None:
        controlled = self.page.url.startswith("http") and self.page.evaluate(
            "!!(navigator.serviceWorker && navigator.serviceWorker.controller)")
        if self._offline is None or controlled:
            load()
            return
        api = f"{self.url}api/**"
        self.page.route(api, lambda route: route.abort("internetdisconnected"))
        try:
            self.context.set_offline(False)
            load()
            self.page.wait_for_load_state("networkidle")  # its fonts and icon too
        finally:
            self.context.set_offline(True)
            self.page.unroute(api)

    def installed(self) -> None:
        """Until the app can start without a network: its service worker (where it has one)
        has cached every file, as a rep's phone has long before going out of coverage."""
        self.page.evaluate("""async () => {
          if (!("serviceWorker" in navigator)) return;
          if (await navigator.serviceWorker.getRegistration()) await navigator.serviceWorker.ready;
        }""")

    def tap(self, name: str, role: str = "button") -> None:
        target = self._named(role, name).first
        target.wait_for(timeout=TIMEOUT_MS)
        target.click()

    def tap_text(self, text: str) -> None:
        target = self.page.get_by_text(text, exact=True).locator("visible=true").first
        target.wait_for(timeout=TIMEOUT_MS)
        target.click()

    def back(self) -> None:
        """The app's own back control (the header's back button)."""
        target = self.page.get_by_label(re.compile(r"\bback\b", re.I))
        target = target.locator("visible=true").first
        target.wait_for(timeout=TIMEOUT_MS)
        target.click()

    def type(self, label: str, text: str) -> None:
        field = self.page.get_by_label(_label(label)).locator("visible=true").first
        field.wait_for(timeout=TIMEOUT_MS)
        field.fill(text)

    def submit(self, label: str) -> None:
        """Press Enter in the input labelled ``label``."""
        self.page.get_by_label(_label(label)).locator("visible=true").first.press("Enter")

    def choose_photo(self, button: str, image: Path) -> None:
        """Tap ``button`` (a photo field's camera button, by its label) and pick ``image`` in the file chooser it opens
        (the camera input of a phone's browser)."""
        with self.page.expect_file_chooser(timeout=TIMEOUT_MS) as chooser:
            self.tap(button)
        chooser.value.set_files(str(image))

    def draw(self, label: str) -> None:
        """Draw a stroke across the element labelled ``label`` (a signature pad)."""
        named = re.compile(rf"^\s*{re.escape(label)}\b")  # e.g. "Customer signature: pad"
        pad = self.page.get_by_label(named).locator("visible=true").first
        pad.wait_for(timeout=TIMEOUT_MS)
        box = pad.bounding_box()
        assert box, f"{label} has no box"
        mouse = self.page.mouse
        mouse.move(box["x"] + 20, box["y"] + box["height"] / 2)
        mouse.down()
        for step in range(1, 11):
            mouse.move(box["x"] + 20 + step * 15, box["y"] + box["height"] / 2 + (-1) ** step * 12)
        mouse.up()

    def offline(self) -> None:
        """Take the page off the network; its requests to the app's server may then fail with
        ERR_INTERNET_DISCONNECTED (declared to the console gate until ``online``)."""
        if self._offline is None:
            self._offline = self.gate.expect_network_errors(self.url, codes=(OFFLINE,))
            self._offline.__enter__()
        self.context.set_offline(True)

    def online(self) -> None:
        self.context.set_offline(False)
        if self._offline is not None:
            self._offline.__exit__(None, None, None)
            self._offline = None

    def provoked(self, *codes: str) -> AbstractContextManager[list[str]]:
        """Declare failures the scenario makes the mock back end give (``"HTTP 503"``, a
        dropped connection's ``net::ERR_EMPTY_RESPONSE``) for requests to the app's server."""
        return self.gate.expect_network_errors(self.url, codes=codes)

    def wait_text(self, text: str) -> None:
        self.page.get_by_text(text).locator("visible=true").first.wait_for(timeout=TIMEOUT_MS)

    def wait_gone(self, text: str) -> None:
        self.page.get_by_text(text).locator("visible=true").first.wait_for(
            state="detached", timeout=TIMEOUT_MS)

    def wait_idle(self) -> None:
        """Until the app's sync indicator says nothing is being sent or waits to be (its
        ``fc-sync-idle`` test id): after that nothing is sent unless the user acts."""
        self.page.get_by_test_id("fc-sync-idle").first.wait_for(state="attached",
                                                                timeout=TIMEOUT_MS)

    def visible(self, text: str) -> bool:
        return self.page.get_by_text(text).locator("visible=true").count() > 0

    def count(self, role: str, name: re.Pattern[str]) -> int:
        """Visible elements of ``role`` whose accessible name matches ``name``."""
        return self.page.get_by_role(role, name=name).locator("visible=true").count()

    def screenshot(self, path: Path) -> None:
        self.page.screenshot(path=str(path))
