"""Identifiers for generated code: sanitized once per object, reused at every use site.

Model names are identifier-like already, but a target has its own reserved words, file systems
may ignore case, and other inputs (enum values, field names from imported contracts) can hold
digits first, unicode or punctuation. ``IdentifierMap`` turns each *key* (e.g. ``("screen", id)``)
into one unique identifier, the first time it is asked, and returns the same one afterwards.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable

JS_RESERVED: frozenset[str] = frozenset("""
abstract arguments await boolean break byte case catch char class const continue debugger default
delete do double else enum eval export extends false final finally float for function goto if
implements import in instanceof int interface let long native new null package private protected
public return short static super switch synchronized this throw throws transient true try typeof
undefined var void volatile while with yield NaN Infinity constructor prototype __proto__
hasOwnProperty toString valueOf globalThis window document self location
""".split())

TS_RESERVED: frozenset[str] = JS_RESERVED | frozenset("""
any as asserts declare from get infer is keyof module namespace never number object of readonly
require set string symbol type unique unknown React
""".split())

DART_RESERVED: frozenset[str] = frozenset("""
abstract as assert async await base break case catch class const continue covariant default
deferred do dynamic else enum export extends extension external factory false final finally for
Function get hide if implements import in interface is late library mixin new null of on operator
part required rethrow return sealed set show static super switch sync this throw true try type
typedef var void when while with yield Object String int double num bool List Map Widget
BuildContext State
""".split())


def sanitize(name: str, reserved: Iterable[str] = JS_RESERVED, *, fallback: str = "x") -> str:
    """``name`` made a plain ASCII identifier ``[A-Za-z_][A-Za-z0-9_]*`` avoiding ``reserved``.

    Accents are folded (``Straße`` → ``Strasse``), other characters become ``_``, a leading digit
    gets a ``_`` prefix, a reserved word gets a ``_`` suffix.
    """
    folded = unicodedata.normalize("NFKD", str(name).replace("ß", "ss"))
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch))
    ident = re.sub(r"[^A-Za-z0-9_]+", "_", ascii_only).strip("_") or fallback
    ident = ident[:64]
    if ident[0].isdigit():
        ident = "_" + ident
    reserved_set = reserved if isinstance(reserved, (set, frozenset)) else frozenset(reserved)
    if ident in reserved_set:
        ident += "_"
    return ident


class IdentifierMap:
    """Unique identifiers for keys, assigned on first request and stable afterwards.

    ``case_insensitive`` avoids names that differ only in case (for file names on macOS/Windows).
    """

    def __init__(self, reserved: Iterable[str] = JS_RESERVED, *, case_insensitive: bool = False,
                 fallback: str = "x") -> None:
        self.reserved = frozenset(reserved)
        self.case_insensitive = case_insensitive
        self.fallback = fallback
        self._by_key: dict[Hashable, str] = {}
        self._taken: set[str] = set()

    def _norm(self, ident: str) -> str:
        return ident.lower() if self.case_insensitive else ident

    def __call__(self, key: Hashable, name: str | None = None) -> str:
        """The identifier of ``key`` (made from ``name`` on first use, ``str(key)`` if None)."""
        found = self._by_key.get(key)
        if found is not None:
            return found
        base = sanitize(str(key) if name is None else name, self.reserved, fallback=self.fallback)
        ident, n = base, 2
        while self._norm(ident) in self._taken:
            ident = f"{base}_{n}"
            n += 1
        self._by_key[key] = ident
        self._taken.add(self._norm(ident))
        return ident

    def reserve(self, *names: str) -> None:
        """Mark names as used by the generator itself."""
        self._taken.update(self._norm(n) for n in names)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._by_key

    def items(self) -> list[tuple[Hashable, str]]:
        """Every (key, identifier) pair in assignment order."""
        return list(self._by_key.items())
