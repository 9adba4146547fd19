"""Catastrophic-backtracking (ReDoS) shapes in a parsed validation pattern (Qt-free).

The exported apps match with backtracking engines (V8, Dart), where a repeat that can split the
same text in many ways takes exponential time: ``^(a+)+$`` needs seconds for 30 characters. On
the tree ``portable_regex`` builds, a repeat (unbounded, or bounded at ``HEAVY`` or more) is
refused when

- its body holds an unbounded repeat that can absorb everything else an iteration must match
  (the rest is optional or shares characters with it): ``(a+)+``, ``(a*)*``, ``(\\w+\\s?)+``,
  ``(.*a){20}`` — but not ``(\\d+,)*`` or ``([a-z]+\\.)+``, where a separator ends each turn;
- it is unbounded over an alternation whose branches can start with the same character:
  ``(a|a)*``, ``(\\w|\\d)+``.

Character sets are compared on a finite sample alphabet (ASCII, some non-ASCII letters, digits
and spaces, and every character of the pattern), enough to see whether two sets overlap.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

#: A bounded repeat of at least this many turns is treated like an unbounded one.
HEAVY = 10
SAMPLES = "".join(map(chr, range(128))) + "éßÄñжΩ中文١٢\u00a0\u2028\u2029\ufeff😀"
LINE_TERMINATORS = frozenset("\n\r\u2028\u2029")


@dataclass(eq=False)
class Node:
    """A pattern node covering ``text[start:end]``."""

    start: int
    end: int


@dataclass(eq=False)
class Chars(Node):
    """One character out of ``chars`` (sampled)."""

    chars: frozenset[str]


@dataclass(eq=False)
class Empty(Node):
    """Matches no character: an anchor, a look-around or a back-reference."""


@dataclass(eq=False)
class Seq(Node):
    items: list[Node] = field(default_factory=list)


@dataclass(eq=False)
class Alt(Node):
    branches: list[Node] = field(default_factory=list)


@dataclass(eq=False)
class Repeat(Node):
    body: Node
    low: int
    high: int | None   # None: unbounded


@dataclass(frozen=True)
class Redos:
    """Why a pattern can take exponential time, and where (0-based)."""

    message: str
    position: int


def nullable(node: Node) -> bool:
    """True if ``node`` can match the empty string."""
    if isinstance(node, Chars):
        return False
    if isinstance(node, Seq):
        return all(nullable(n) for n in node.items)
    if isinstance(node, Alt):
        return any(nullable(n) for n in node.branches)
    if isinstance(node, Repeat):
        return node.low == 0 or nullable(node.body)
    return True


def chars(node: Node) -> frozenset[str]:
    """Every character ``node`` can consume."""
    if isinstance(node, Chars):
        return node.chars
    if isinstance(node, (Seq, Alt)):
        parts = node.items if isinstance(node, Seq) else node.branches
        return frozenset().union(*(chars(n) for n in parts))
    if isinstance(node, Repeat):
        return chars(node.body) if node.high != 0 else frozenset()
    return frozenset()


def first(node: Node) -> frozenset[str]:
    """The characters a non-empty match of ``node`` can start with."""
    if isinstance(node, Chars):
        return node.chars
    if isinstance(node, Seq):
        found: frozenset[str] = frozenset()
        for item in node.items:
            found |= first(item)
            if not nullable(item):
                break
        return found
    if isinstance(node, Alt):
        return frozenset().union(*(first(n) for n in node.branches))
    if isinstance(node, Repeat):
        return first(node.body) if node.high != 0 else frozenset()
    return frozenset()


def _children(node: Node) -> list[Node]:
    if isinstance(node, Seq):
        return node.items
    if isinstance(node, Alt):
        return node.branches
    if isinstance(node, Repeat):
        return [node.body]
    return []


def _nodes(root: Node) -> list[Node]:
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(reversed(_children(node)))
    return found


def _absorbs(body: Node, inner: Repeat, pool: frozenset[str]) -> bool:
    """True if one turn of ``body`` can be matched by ``inner``'s characters alone: every
    other part on the way to ``inner`` is optional or shares characters with it."""
    if body is inner:
        return True
    if isinstance(body, Seq):
        holder = next((n for n in body.items if inner in _nodes(n)), None)
        return holder is not None and _absorbs(holder, inner, pool) and all(
            nullable(n) or bool(chars(n) & pool) for n in body.items if n is not holder)
    if isinstance(body, Alt):
        return any(inner in _nodes(b) and _absorbs(b, inner, pool) for b in body.branches)
    if isinstance(body, Repeat):
        return _absorbs(body.body, inner, pool)
    return False


def _quote(text: str, node: Node) -> str:
    return text[node.start:node.end]


def find_redos(root: Node, text: str) -> Redos | None:
    """The first exponential shape in the pattern tree ``root`` of ``text`` (None: none)."""
    for outer in _nodes(root):
        if not isinstance(outer, Repeat) or (outer.high is not None and outer.high < HEAVY):
            continue
        for inner in _nodes(outer.body):
            if isinstance(inner, Repeat) and inner.high is None and \
                    _absorbs(outer.body, inner, chars(inner.body)):
                return Redos(
                    f"`{_quote(text, outer)}` can take exponential time in the apps (ReDoS): "
                    f"the repeat `{_quote(text, inner)}` inside the repeat `{_quote(text, outer)}` "
                    "can split the same text in many ways; repeat only once (`(a+)+` → `a+`, "
                    r"`(\w+\s?)+` → `\w+(\s\w+)*`) or end each turn with a character the inner "
                    r"repeat cannot match (`([a-z]+\.)+`)", outer.start)
        if outer.high is None:
            for alt in _nodes(outer.body):
                if isinstance(alt, Alt):
                    clash = _overlap(alt)
                    if clash is not None:
                        a, b = clash
                        return Redos(
                            f"`{_quote(text, outer)}` can take exponential time in the apps "
                            f"(ReDoS): the alternatives `{_quote(text, a)}` and "
                            f"`{_quote(text, b)}` can start with the same character under a "
                            "repeat; make them start differently or merge them into one "
                            "character class (`(a|b)*` → `[ab]*`)", outer.start)
    return None


def _overlap(alt: Alt) -> tuple[Node, Node] | None:
    firsts = [first(b) for b in alt.branches]
    for i, a in enumerate(firsts):
        for j in range(i + 1, len(firsts)):
            if a & firsts[j]:
                return alt.branches[i], alt.branches[j]
    return None


# -- character sets on the sample alphabet -------------------------------------------------

def alphabet(text: str) -> frozenset[str]:
    """The sample characters plus every character of the pattern."""
    return frozenset(SAMPLES) | frozenset(text)


def escape_set(letter: str, universe: frozenset[str]) -> frozenset[str]:
    """``\\d``, ``\\w``, ``\\s`` and their negations (ECMAScript unicode mode, no ``i`` flag)."""
    lower = letter.lower()
    if lower == "d":
        found = frozenset(c for c in universe if "0" <= c <= "9")
    elif lower == "w":
        found = frozenset(c for c in universe if c.isascii() and (c.isalnum() or c == "_"))
    else:
        found = frozenset(c for c in universe if c.isspace() or c == "\ufeff")
    return universe - found if letter.isupper() else found


def property_set(body: str, negated: bool, universe: frozenset[str]) -> frozenset[str]:
    """``\\p{…}`` sampled: general categories exactly, other properties as letters/digits."""
    value = body.partition("=")[2] or body
    if len(value) <= 2 and value[:1].isupper():
        found = frozenset(c for c in universe if unicodedata.category(c).startswith(value))
    elif value in ("Any", "Assigned"):
        found = universe
    else:
        found = frozenset(c for c in universe if c.isalnum())
    return universe - found if negated else found


def dot_set(universe: frozenset[str]) -> frozenset[str]:
    """What ``.`` matches (no ``s`` flag)."""
    return universe - LINE_TERMINATORS
