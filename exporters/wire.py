"""Back ends' own field names (``DataField.wire_name``) at the client/back-end boundary.

Generated apps keep records keyed by model names (bindings, cache, outbox, sample rows); their
data layers rename keys to the back end's names when sending and back when reading, also inside
nested records (``list``/``reference`` fields whose items are another entity). This module gives
them the mappings and rewrites what the model's operation paths say about fields (OData key
predicates ``(id=…)`` and ``$filter``/``$orderby``/``$select``/``$expand``, also the options
nested in an expand, through the navigation's target entity) to wire names.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from designer.model.data import DataSource, Entity

__all__ = ["nested_map", "nested_maps", "wire_map", "wire_path"]

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FIELD_OPTIONS = ("$filter", "$orderby", "$select", "$expand")
#: A string literal of an OData expression, a ``{placeholder}`` or a name: names are rewritten.
_TOKEN = re.compile(r"'(?:[^']|'')*'|\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*")
#: One character of a URL's query as written: a ``%XX`` escape or a literal character.
_CHAR = re.compile(r"%[0-9A-Fa-f]{2}|.", re.S)


def wire_map(entity: Entity) -> dict[str, str]:
    """``{model name: wire name}`` for the fields whose back-end name differs (often empty)."""
    return {f.name: f.wire_name for f in entity.fields if f.wire_name and f.wire_name != f.name}


def _renaming(source: DataSource) -> set[str]:
    """Names of the entities whose records (or records nested in them, at any depth) have
    renamed fields. One pass over the reversed list/reference graph: a chain of 10,000
    entities, each nesting the next, costs no recursion and no repeated walks."""
    nested_in: dict[str, list[str]] = {}        # item entity -> entities with a field of it
    todo: list[str] = []
    for entity in source.entities:
        if wire_map(entity):
            todo.append(entity.name)
        for f in entity.fields:
            if f.type in ("list", "reference") and f.entity:
                nested_in.setdefault(f.entity, []).append(entity.name)
    found = set(todo)
    while todo:
        for outer in nested_in.get(todo.pop(), ()):
            if outer not in found:
                found.add(outer)
                todo.append(outer)
    return found


def nested_maps(source: DataSource) -> dict[str, dict[str, str]]:
    """``{entity: {field: item entity}}`` for the ``list``/``reference`` fields whose nested
    records need renaming (the item entity, or one nested in it, has wire names); entities
    without such fields are left out (most are)."""
    renaming = _renaming(source)
    out: dict[str, dict[str, str]] = {}
    for entity in source.entities:
        if nested := _nested(entity, renaming):
            out.setdefault(entity.name, nested)
    return out


def nested_map(entity: Entity, source: DataSource) -> dict[str, str]:
    """``nested_maps`` for one entity (loops over entities should call ``nested_maps`` once)."""
    return _nested(entity, _renaming(source))


def _nested(entity: Entity, renaming: set[str]) -> dict[str, str]:
    return {f.name: f.entity for f in entity.fields
            if f.type in ("list", "reference") and f.entity and f.entity in renaming}


def _encoded(name: str) -> str:
    """A wire name inside a URL: everything but unreserved characters percent-encoded, so it
    can neither end a predicate or option (``'`` ``)`` ``,`` ``&``) nor forge a placeholder."""
    return quote(name, safe="-._~", errors="replace")


class _Text:
    """A query option's value as written: one span per character or ``%XX`` escape, and the
    decoded text with the same indices (``%2C`` is a comma, ``%27`` a quote)."""

    def __init__(self, text: str) -> None:
        self.spans = [m.group() for m in _CHAR.finditer(text)]
        self.decoded = "".join(chr(int(s[1:], 16)) if len(s) == 3 and int(s[1:], 16) < 0x80 else
                               (s if len(s) == 1 else "\0") for s in self.spans)

    def raw(self, lo: int, hi: int) -> str:
        return "".join(self.spans[lo:hi])


def _names(t: _Text, lo: int, hi: int, mapping: dict[str, str]) -> str:
    """The text of ``t[lo:hi]`` with every field name outside string literals and placeholders
    replaced by its encoded wire name; the rest of the author's text (and its encoding) is
    kept byte for byte."""
    out: list[str] = []
    at = lo
    for m in _TOKEN.finditer(t.decoded, lo, hi):
        token = m.group()
        if token not in mapping or (m.start() and t.decoded[m.start() - 1] == "/"):
            continue  # a literal, placeholder, other name, or a member of a navigation path
        out.append(t.raw(at, m.start()))
        out.append(_encoded(mapping[token]))
        at = m.end()
    out.append(t.raw(at, hi))
    return "".join(out)


def _split(t: _Text, lo: int, hi: int, sep: str) -> list[tuple[int, int]]:
    """``[lo, hi)`` cut at ``sep`` outside parentheses and string literals."""
    parts, depth, quoted, start = [], 0, False, lo
    for i in range(lo, hi):
        c = t.decoded[i]
        if c == "'":
            quoted = not quoted
        elif not quoted and c in "()":
            depth += 1 if c == "(" else -1
        elif not quoted and depth == 0 and c == sep:
            parts.append((start, i))
            start = i + 1
    parts.append((start, hi))
    return parts


def _navigation(t: _Text, lo: int, hi: int, entity: Entity | None,
                source: DataSource | None) -> tuple[str, Entity | None]:
    """An expand item's path (``lines`` or ``owner/address``), each property named through
    the entity it belongs to, and the entity the path leads to (None if unknown)."""
    out = []
    for a, b in _split(t, lo, hi, "/"):
        name = t.decoded[a:b]
        field = next((f for f in entity.fields if f.name == name), None) if entity else None
        if field is None or entity is None:
            out.append(t.raw(a, b))  # `*`, `$ref`, a type cast or an unknown name
            entity = None
            continue
        wire = wire_map(entity).get(name)
        out.append(_encoded(wire) if wire else t.raw(a, b))
        entity = source.entity(field.entity) if source and field.entity else None
    return "/".join(out), entity


def _expand(t: _Text, lo: int, hi: int, entity: Entity | None,
            source: DataSource | None) -> str:
    """An ``$expand`` value: navigation properties named through ``entity``, and the options
    nested in ``nav(…)`` (``;``-separated) through the navigation's target entity."""
    ranges = _split(t, lo, hi, ",")
    items = []
    for a, b in ranges:
        opening = t.decoded.find("(", a, b)
        if opening < 0 or t.decoded[b - 1] != ")":
            items.append(_navigation(t, a, b, entity, source)[0])
            continue
        head, target = _navigation(t, a, opening, entity, source)
        inner = _split(t, opening + 1, b - 1, ";")
        options = [_option(t, x, y, target, source) for x, y in inner]
        items.append(head + t.raw(opening, opening + 1) + _joined(t, options, inner)
                     + t.raw(b - 1, b))
    return _joined(t, items, ranges)


def _joined(t: _Text, parts: list[str], ranges: list[tuple[int, int]]) -> str:
    """``parts`` joined by the separators (as written) that stood between ``ranges``."""
    return "".join(p + (t.raw(r[1], r[1] + 1) if i + 1 < len(parts) else "")
                   for i, (p, r) in enumerate(zip(parts, ranges)))


def _option(t: _Text, lo: int, hi: int, entity: Entity | None,
            source: DataSource | None) -> str:
    """One query option ``name=value`` with field names mapped through ``entity``."""
    eq = t.decoded.find("=", lo, hi)
    if eq < 0 or entity is None:
        return t.raw(lo, hi)
    name = t.decoded[lo:eq].strip()
    if name == "$expand":
        value = _expand(t, eq + 1, hi, entity, source)
    elif name in _FIELD_OPTIONS:
        value = _names(t, eq + 1, hi, wire_map(entity))
    else:
        value = t.raw(eq + 1, hi)
    return t.raw(lo, eq + 1) + value


def _predicate(segment: str, mapping: dict[str, str]) -> str:
    """``Set(id='{id}',nr={nr})`` with wire names before each ``=`` of the key predicate."""
    head, sep, rest = segment.partition("(")
    if not sep or not rest.endswith(")"):
        return segment
    parts = []
    for part in rest[:-1].split(","):
        name, eq, value = part.partition("=")
        if eq and _IDENT.fullmatch(name.strip()) and name.strip() in mapping:
            name = _encoded(mapping[name.strip()])
        parts.append(name + eq + value)
    return f"{head}({','.join(parts)})"


def wire_path(path: str, entity: Entity, odata: bool, source: DataSource | None = None) -> str:
    """``path`` with the back end's field names in OData key predicates and query options.

    Placeholders (``{id}``) keep model names: the data layer fills them from model-keyed
    records. String literals are never changed, nor names after a ``/`` (members of a
    navigation path belong to another entity), except in ``$expand``: there each navigation
    property and the options nested in ``nav(…)`` are named through the entity they belong to
    (found in ``source``). REST paths and paths reaching no wire name are returned unchanged.
    """
    mapping = wire_map(entity)
    # Without a wire name of its own, only an $expand can reach one (through its navigations);
    # rewriting a path that reaches none returns it unchanged, so this is just a shortcut.
    if not odata or not (mapping or (source and "expand" in path.lower())):
        return path
    route, sep, query = path.partition("?")
    route = "/".join(_predicate(s, mapping) for s in route.split("/"))
    if not sep:
        return route
    options = []
    for option in query.split("&"):
        name, eq, value = option.partition("=")
        text = _Text(value)
        if eq and unquote(name) == "$expand":  # `%24expand` is `$expand`
            value = _expand(text, 0, len(text.spans), entity, source)
        elif eq and unquote(name) in _FIELD_OPTIONS:
            value = _names(text, 0, len(text.spans), mapping)
        options.append(name + eq + value)
    return f"{route}?{'&'.join(options)}"
