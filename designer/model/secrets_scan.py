"""Detect literal credentials pasted into a model (models only *name* credentials)."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from typing import Any, Iterable, Iterator

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("private key", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")),
    ("JSON web token", re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")),
    ("AWS access key", re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("GitHub token", re.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,}\b")),
    ("Slack token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}")),
    ("Stripe key", re.compile(r"\b[rs]k_(live|test)_[A-Za-z0-9]{16,}")),
    ("Google API key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    ("Google OAuth token", re.compile(r"\bya29\.[0-9A-Za-z_-]{20,}")),
    ("GitLab token", re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}")),
    ("OpenAI key", re.compile(r"\bsk-(proj-|svcacct-)?[A-Za-z0-9_-]{32,}")),
    ("npm token", re.compile(r"\bnpm_[A-Za-z0-9]{36}\b")),
    ("SendGrid key", re.compile(r"\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}")),
    ("Azure storage key", re.compile(r"(?i)\b(AccountKey|SharedAccessSignature|sig)=[A-Za-z0-9+/%]{20,}")),
    ("bearer token", re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{16,}")),
    ("basic credentials", re.compile(r"(?i)\bbasic\s+[A-Za-z0-9+/]{16,}={0,2}(?![A-Za-z0-9])")),
    ("password in URL", re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@")),
    ("secret in URL query", re.compile(
        r"(?i)[?&](api[_-]?key|apikey|access[_-]?token|token|secret|password|passwd|sig|key)"
        r"=[^&\s]{8,}")),
    ("assigned secret", re.compile(
        r"(?i)\b(password|passwd|secret|api[_-]?key|access[_-]?token|client[_-]?secret)"
        r"\s*[:=]\s*['\"]?[^\s'\"]{8,}")),
)
_TOKENISH = re.compile(r"[A-Za-z0-9+/_=.-]{24,}")


def entropy(text: str) -> float:
    """Shannon entropy in bits per character."""
    if not text:
        return 0.0
    counts = Counter(text)
    n = len(text)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


def _scoped(pattern: str) -> str:
    return f"(?i:{pattern[4:]})" if pattern.startswith("(?i)") else f"(?:{pattern})"


_ANY_PATTERN = re.compile("|".join(_scoped(p.pattern) for _, p in _PATTERNS))
#: Every pattern needs one of these; most model text has none, so it is checked first.
_HINT = re.compile(r"[A-Za-z0-9+/_=.-]{16,}|://[^/\s]*@|-----BEGIN|"
                   r"(?i:pass|secret|key|token|sig|bearer|basic)")


def find_secret(text: str) -> str | None:
    """Name of the kind of secret found in ``text`` (None if it looks clean)."""
    if len(text) < 8:
        return None
    return _find_secret_cached(text) if len(text) <= 512 else _find_secret(text)


@functools.lru_cache(maxsize=65536)
def _find_secret_cached(text: str) -> str | None:
    return _find_secret(text)


def _find_secret(text: str) -> str | None:
    if not _HINT.search(text):
        return None
    if _ANY_PATTERN.search(text):
        return next(name for name, pattern in _PATTERNS if pattern.search(text))
    for token in _TOKENISH.findall(text):
        classes = sum(bool(re.search(p, token)) for p in (r"[a-z]", r"[A-Z]", r"[0-9]"))
        if classes >= 3 and entropy(token) >= 4.0 and not token.startswith(("http", "www.")) \
                and "/" not in token.strip("/") and not _wordlike(token):
            return "high-entropy token"
    return None


def _wordlike(token: str) -> bool:
    """True for identifiers made of words (``northwind_v4.SpecialOrder``), not random tokens:
    random strings split into 1–2 character fragments, names into words."""
    fragments = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+", token)
    letters = [f for f in fragments if not f.isdigit()]
    return bool(letters) and sum(map(len, letters)) / len(fragments) >= 3.0


_UUID = re.compile(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
#: Header names whose value is a credential (Authorization, X-API-Key, Cookie, X-Auth-Token…).
CREDENTIAL_HEADER = re.compile(r"(?i)(auth|token|secret|passw|cookie|api[-_]?key|(^|[-_])key$|"
                               r"subscription[-_]key|session)")


def looks_like_key(text: str) -> bool:
    """True if ``text`` holds a bare random-looking key (32 hex digits, a UUID, a base64 run
    with digits that is not made of words), as pasted into a slot meant for a *name*."""
    if _UUID.search(text):
        return True
    for run in re.findall(r"[A-Za-z0-9+/=]{16,}", text):
        has_digit = any(c.isdigit() for c in run)
        if has_digit and (re.fullmatch(r"[0-9a-fA-F]{20,}", run) or not _wordlike(run)):
            return True
    return False


def header_secret(name: str, value: str) -> bool:
    """True if a fixed request header would carry a literal credential."""
    if not CREDENTIAL_HEADER.search(name) or not value.strip():
        return False
    if name.lower() in ("authorization", "proxy-authorization", "cookie"):
        return True                      # whatever it holds, it is a credential
    return bool(find_secret(value) or looks_like_key(value) or
                (len(value) >= 12 and not re.fullmatch(r"[A-Za-z -]+", value)))


def folded_strings(text: str) -> list[str]:
    """The constant strings an expression builds by concatenation (``+`` or ``concat(…)``),
    folded: ``"ghp_ab" + ("cd" + "ef")`` gives ``["ghp_abcdef"]``; a non-constant operand
    (``a + "x" + "y" + b``) splits the runs (``["xy"]``). Empty if ``text`` is no such expression."""
    if ("\"" not in text and "'" not in text) or ("+" not in text and "concat" not in text):
        return []
    return list(_folded_cached(text)) if len(text) <= 4096 else []


@functools.lru_cache(maxsize=16384)
def _folded_cached(text: str) -> tuple[str, ...]:
    from designer.expressions import Binary, Call, ExpressionError, Literal, parse
    from designer.expressions.nodes import children
    from designer.expressions.types import INTEGER, STRING

    try:
        tree = parse(text)
    except (ExpressionError, RecursionError):
        return ()
    order, stack = [], [tree]
    while stack:                      # pre-order, reversed below: children before parents
        node = stack.pop()
        order.append(node)
        stack.extend(children(node))
    parts: dict[int, list[str | None]] = {}   # node id → folded parts (None: not constant)
    runs: dict[str, None] = {}
    for node in reversed(order):
        if (isinstance(node, Binary) and node.op == "+") or \
                (isinstance(node, Call) and node.name == "concat"):
            merged: list[str | None] = []
            for child in children(node):
                for part in parts[id(child)]:
                    if isinstance(part, str) and merged and isinstance(merged[-1], str):
                        merged[-1] += part
                    else:
                        merged.append(part)
            parts[id(node)] = merged
            runs.update((p, None) for p in merged if isinstance(p, str))
        elif isinstance(node, Literal) and node.type in (STRING, INTEGER):  # "k" + 42 is "k42"
            parts[id(node)] = [str(node.value)]
        else:
            parts[id(node)] = [None]
    return tuple(runs)


def dumped_parts(app: Any) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """``(path, dumped)`` pieces of an App that together are its ``model_dump(mode="json",
    by_alias=True, exclude_defaults=True)``: the app without its sources and screens, each
    source without its entities, each entity, each screen. Scanning the pieces finds what a
    scan of the whole dump finds, at the same paths, while only one piece is held at a time
    (the whole dump of a 50 MB model peaked at 260 MB over the model itself, issue 18 item 1).
    """
    opts: dict[str, Any] = {"mode": "json", "by_alias": True, "exclude_defaults": True}
    yield (), app.model_dump(exclude={"data_sources", "screens"}, **opts)
    for si, source in enumerate(app.data_sources):
        yield ("data_sources", si), source.model_dump(exclude={"entities"}, **opts)
        for ei, entity in enumerate(source.entities):
            yield ("data_sources", si, "entities", ei), entity.model_dump(**opts)
    for si, screen in enumerate(app.screens):
        yield ("screens", si), screen.model_dump(**opts)


def scan(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Yield ``(path, kind)`` for every string in a dumped model that looks like a secret."""
    for where, _text, kind in findings(data, path):
        yield where, kind


def findings(data: Any, path: tuple[str | int, ...] = ()
             ) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Yield ``(path, text, kind)`` for every string (or dict key) that looks like a secret."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, str):
            kind = find_secret(node) or next(
                (f"{found}, split across a concatenation" for found in map(
                    find_secret, folded_strings(node)) if found), None)
            if kind:
                yield where, node, kind
        elif isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str) and find_secret(key):
                    yield where + (key,), key, find_secret(key) or ""
                stack.append((value, where + (key,)))
        elif isinstance(node, list):
            stack.extend((v, where + (i,)) for i, v in enumerate(node))

P = tuple[str | int, ...]
CREDENTIAL_MESSAGE = ("the credential must be a *name* (of a keyring or environment entry), and "
                      "this looks like the secret itself")
LITERAL_MESSAGE = ("looks like a literal secret ({kind}); store credentials in the OS keyring or "
                   "an environment variable and reference them by name")


def header_message(header: str) -> str:
    """What is wrong with a fixed header that holds a credential."""
    return (f"header `{header}` holds a literal credential; use the source's auth with a "
            "credential name instead")


def source_secrets(source: Any) -> Iterator[tuple[P, str, str]]:
    """``(path, text, message)`` for each literal credential in a data source: a credential
    *name* that is a key, a credential header, or any string that looks like a secret."""
    if looks_like_key(source.auth.credential):
        yield ("auth", "credential"), source.auth.credential, CREDENTIAL_MESSAGE
    for header, value in source.headers.items():
        if header_secret(header, value):
            yield ("headers", header), value, header_message(header)
    yield from value_secrets(source.model_dump(mode="json", by_alias=True, exclude_defaults=True))


def value_secrets(value: Any, known: Iterable[str] = ()) -> Iterator[tuple[P, str, str]]:
    """``(path, text, message)`` for each string in ``value`` (dumped model data) that looks
    like a secret, leaving out the texts in ``known`` (those the edited value already held)."""
    old = set(known)
    for where, text, kind in findings(value):
        if text not in old:
            yield where, text, LITERAL_MESSAGE.format(kind=kind)


def strings(value: Any) -> set[str]:
    """Every string (and dict key) in dumped model data."""
    found: set[str] = set()
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            found.add(node)
        elif isinstance(node, dict):
            found.update(k for k in node if isinstance(k, str))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found
