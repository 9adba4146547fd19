"""The zero-console-errors gate of the browser tests (PWA, React Native web build, axe).

Every console error and uncaught page error of a watched page fails the test, except the network
failures the test provokes on purpose and declares with ``expect_network_errors``: while the
declaration is open, a request to one of its URL prefixes that fails with one of its codes (a
network error such as ``net::ERR_INTERNET_DISCONNECTED``, or ``HTTP 503`` for a refusal the mock
back end was told to give) is recorded, and exactly one "Failed to load resource" console message
for that URL and code is then ignored per recorded failure. Anything else still fails, also a
network error for a URL or a code the test did not declare, or one outside the declaration.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

#: How Chromium reports a failed resource load on the console.
FAILED_RESOURCE = re.compile(r"^Failed to load resource: (?:(net::ERR_[A-Z_]+)|the server "
                             r"responded with a status of ([0-9]{3})\b.*)$")
#: The error a request gets while the browser context is offline.
OFFLINE = "net::ERR_INTERNET_DISCONNECTED"


@dataclass
class Declared:
    """Network failures a test provokes: URL prefixes and the error codes they fail with."""

    prefixes: tuple[str, ...]
    codes: tuple[str, ...]
    failed: list[str] = field(default_factory=list)  # URLs seen failing while declared

    def covers(self, url: str, code: str) -> bool:
        return code in self.codes and url.startswith(self.prefixes)


class ConsoleGate:
    """Collects what a page logs as an error; ``errors`` is what the test did not declare."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.ignored: list[str] = []  # declared failures, for a test's own checks
        self._open: list[Declared] = []
        self._owed: list[tuple[str, str]] = []  # (url, code) failures a console line may match
        self._pages: list[Any] = []
        self._inflight: dict[int, str] = {}  # id(request) → URL, from sent until done

    def watch(self, page: Any) -> Any:
        """Listen to ``page``'s console, page errors and failed requests; returns the page."""
        page.on("request", lambda r: self._inflight.__setitem__(id(r), r.url))
        page.on("requestfinished", lambda r: self._inflight.pop(id(r), None))
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)
        self._pages.append(page)
        return page

    def _request_failed(self, request: Any) -> None:
        self._inflight.pop(id(request), None)
        self._failed(request.url, str(request.failure or "").split(" ")[0])

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self._failed(response.url, f"HTTP {response.status}")

    def _failed(self, url: str, code: str) -> None:
        for declared in self._open:
            if declared.covers(url, code):
                declared.failed.append(url)
                self._owed.append((url, code))
                return

    def _console(self, message: Any) -> None:
        if message.type != "error":
            return
        text = message.text
        url = (message.location or {}).get("url", "")
        found = FAILED_RESOURCE.match(text)
        code = found and (found.group(1) or f"HTTP {found.group(2)}")
        if code and (url, code) in self._owed:
            self._owed.remove((url, code))
            self.ignored.append(f"{text} ({url})")
            return
        self.errors.append(f"console error: {text}" + (f" ({url})" if url else ""))

    def _settle(self) -> None:
        """Let Playwright deliver the events the pages sent so far (one round trip each)."""
        for page in self._pages:
            if not page.is_closed():
                try:
                    page.evaluate("0")
                except Exception:  # noqa: BLE001 - a page navigating or closing has nothing queued
                    pass

    def _drain(self, prefixes: tuple[str, ...], bound_ms: int = 5_000, quiet_ms: int = 100
               ) -> None:
        """Wait (at most ``bound_ms``) until no request to ``prefixes`` has been in flight for
        ``quiet_ms``: a call the back end drops just before the block ends fails after it, and
        Playwright reports a request a moment after the page sent it."""
        pages = [p for p in self._pages if not p.is_closed()]
        waited = quiet = 0
        while pages and waited < bound_ms and quiet < quiet_ms:
            try:
                pages[0].wait_for_timeout(25)      # lets Playwright deliver the page's events
            except Exception:  # noqa: BLE001 - a closing page has nothing more to deliver
                return
            waited += 25
            busy = any(u.startswith(prefixes) for u in list(self._inflight.values()))
            quiet = 0 if busy else quiet + 25

    @contextmanager
    def expect_network_errors(self, *prefixes: str, codes: tuple[str, ...] = (OFFLINE,)
                              ) -> Iterator[list[str]]:
        """Within the block, requests to ``prefixes`` may fail with ``codes``; yields the list
        of URLs that did."""
        declared = Declared(tuple(prefixes), tuple(codes))
        self._open.append(declared)
        try:
            yield declared.failed
        finally:
            self._drain(declared.prefixes)
            self._settle()
            self._open.remove(declared)

    def check(self, allowed: tuple[re.Pattern[str], ...] = ()) -> None:
        """Fail with every undeclared error (``allowed``: patterns a caller documents)."""
        self._settle()
        left = [e for e in self.errors if not any(p.search(e) for p in allowed)]
        assert left == [], "the app logged errors:\n" + "\n".join(left)
