"""The text of one request and its answer as the preview shows it ("what the app sent").

The mock back end logs every request a served app makes; the designer's preview dialog shows
a selected entry with this module's :func:`describe`. Credentials never reach the screen: a
header that carries one (``Authorization``, cookies, API keys, tokens) shows only its scheme
and length. Every string is made printable (a hostile model's control or bidi characters are
escaped), and long bodies are cut with a note saying how much was left out. Qt-free.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from designer.model.printable import printable

#: Headers worth showing for a back-end call (others — user agent, accept-encoding — are noise).
SHOWN = ("content-type", "accept", "authorization", "if-match", "if-none-match", "odata-version",
         "odata-maxversion", "dataserviceversion", "maxdataserviceversion", "x-csrf-token",
         "idempotency-key", "prefer", "cookie")
#: A header name that carries a credential, whatever else it is called.
SECRET_NAME = re.compile(r"authorization|cookie|token|secret|api[-_]?key|session|password",
                         re.IGNORECASE)
#: Values that are protocol words, not credentials (``x-csrf-token: Fetch``).
NOT_SECRET = {"fetch", "required"}
BODY_LIMIT = 4000


def redact(name: str, value: str) -> str:
    """``value`` as shown for header ``name``: credentials as scheme and length only."""
    if not SECRET_NAME.search(name) or value.strip().lower() in NOT_SECRET:
        return value
    scheme, _, rest = value.partition(" ")
    if rest and scheme.isalpha() and len(scheme) <= 16:
        return f"{scheme} ••• ({len(rest)} characters hidden)"
    return f"••• ({len(value)} characters hidden)"


def request_headers(headers: Any) -> list[tuple[str, str]]:
    """The headers of a request worth showing, credentials redacted, in a stable order
    (``headers``: a mapping, an ``http.client`` message or (name, value) pairs)."""
    if headers is None:
        return []
    pairs = list(headers.items() if hasattr(headers, "items") else headers)
    shown = [(str(k), redact(str(k), str(v))) for k, v in pairs
             if str(k).lower() in SHOWN or str(k).lower().startswith("x-")]
    return sorted(shown, key=lambda kv: kv[0].lower())


def kept(body: Any, limit: int = BODY_LIMIT) -> Any:
    """``body`` as the request log keeps it: as is when small, else its cut text."""
    if body is None or isinstance(body, (bool, int, float)):
        return body
    text = body if isinstance(body, str) else json.dumps(body, indent=2, ensure_ascii=False,
                                                         default=str)
    return body if len(text) <= limit else body_text(text, limit)


def body_text(body: Any, limit: int = BODY_LIMIT) -> str:
    """A request or response body as indented JSON (or text), cut at ``limit`` characters."""
    if body is None or body == b"":
        return "(no body)"
    if isinstance(body, bytes):
        text = f"({len(body)} bytes of binary data)"
    elif isinstance(body, str):
        text = body
    else:
        text = json.dumps(body, indent=2, ensure_ascii=False, default=str)
    if len(text) > limit:
        text = f"{text[:limit]}\n… ({len(text) - limit} more characters not shown)"
    return "\n".join(printable(line) for line in text.split("\n"))


def describe(entry: Mapping[str, Any]) -> str:
    """The full text of one logged request and its answer."""
    target = entry.get("path", "") + (f"?{entry['query']}" if entry.get("query") else "")
    lines = [printable(f"{entry.get('method', '?')} {target}")]
    lines += [printable(f"{name}: {value}") for name, value in entry.get("headers", [])]
    if entry.get("body") is not None:
        lines += ["", body_text(entry["body"])]
    status = entry.get("status")
    if status == "offline":
        lines += ["", "(no answer: the mock is set to offline)"]
    elif not status:
        lines += ["", "(no answer yet)"]
    else:
        lines += ["", f"→ {status}"]
    if "response" in entry:
        lines.append(body_text(entry["response"]))
    return "\n".join(lines)
