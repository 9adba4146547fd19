"""Parse Dart with tree-sitter-dart (no Dart SDK can be installed here)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import tree_sitter
import tree_sitter_dart


@lru_cache(maxsize=1)
def parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_dart.language()))


@dataclass
class Parsed:
    errors: list[str]
    kinds: list[str]
    strings: list[str]


def parse(source: bytes) -> Parsed:
    """Errors (ERROR/missing nodes with positions), node kinds in order, and string literals."""
    tree = parser().parse(source)
    errors, kinds, strings = [], [], []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            row, col = node.start_point
            errors.append(f"{row + 1}:{col + 1}: {node.type} {node.text[:40]!r}")
        if node.type == "string_literal":
            # Escapes differ with the text; interpolations would change the program.
            inner = {c.type for c in _descendants(node)}
            kinds.append("string_literal+interpolation" if inner & _INTERPOLATION
                         else "string_literal")
            strings.append(node.text.decode("utf-8"))
            continue
        kinds.append(node.type)
        stack.extend(reversed(node.children))
    return Parsed(errors, kinds, strings)


_INTERPOLATION = {"template_substitution", "identifier_dollar_escaped", "ERROR"}


def _descendants(node: tree_sitter.Node) -> list[tree_sitter.Node]:
    out, stack = [], list(node.children)
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(n.children)
    return out


def parse_tree(root: Path) -> dict[str, Parsed]:
    return {p.relative_to(root).as_posix(): parse(p.read_bytes())
            for p in sorted(root.rglob("*.dart"))}


def decode_single_quoted(literal: str) -> str | None:
    """The value of a plain single-quoted Dart literal with only our escapes; None otherwise."""
    if len(literal) < 2 or literal[0] != "'" or literal[-1] != "'":
        return None
    body, out, i = literal[1:-1], [], 0
    simple = {"\\": "\\", "'": "'", "$": "$", "n": "\n", "r": "\r"}
    while i < len(body):
        ch = body[i]
        if ch == "$":
            return None  # an interpolation
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        nxt = body[i + 1]
        if nxt in simple:
            out.append(simple[nxt])
            i += 2
        elif nxt == "u" and body[i + 2] == "{":
            end = body.index("}", i)
            out.append(chr(int(body[i + 3:end], 16)))
            i = end + 1
        else:
            return None
    return "".join(out)
