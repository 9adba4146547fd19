"""Back ends' own field names (``DataField.wire_name``) at the client/back-end boundary.

Generated apps keep records keyed by model names (bindings, cache, outbox, sample rows); their
data layers rename keys to the back end's names when sending and back when reading, also inside
nested records (``list``/``reference`` fields whose items are another entity). This module gives
them the mappings and rewrites what the model's operation paths say about fields (OData key
predicates ``(id=…)`` and ``$filter``/``$orderby``/``$select``/``$expand``) to wire names.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from designer.model.data import DataSource, Entity

__all__ = ["nested_map", "wire_map", "wire_path"]

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FIELD_OPTIONS = ("$filter", "$orderby", "$select", "$expand")
#: A string literal of an OData expression, a ``{placeholder}`` or a name: names are rewritten.
_TOKEN = re.compile(r"'(?:[^']|'')*'|\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*")
#: One character of a URL's query as written: a ``%XX`` escape or a literal character.
_CHAR = re.compile(r"%[0-9A-Fa-f]{2}|.", re.S)


def wire_map(entity: Entity) -> dict[str, str]:
    """``{model name: wire name}`` for the fields whose back-end name differs (often empty)."""
    return {f.name: f.wire_name for f in entity.fields if f.wire_name and f.wire_name != f.name}


def _renames_inside(source: DataSource, name: str, seen: set[str]) -> bool:
    """Whether records of entity ``name`` (or records nested in them) have renamed fields."""
    if name in seen:  # a cycle between entities adds nothing new
        return False
    seen.add(name)
    entity = source.entity(name)
    if entity is None:
        return False
    return bool(wire_map(entity)) or any(
        f.type in ("list", "reference") and f.entity and _renames_inside(source, f.entity, seen)
        for f in entity.fields)


def nested_map(entity: Entity, source: DataSource) -> dict[str, str]:
    """``{field: item entity}`` for ``list``/``reference`` fields whose nested records need
    renaming (the item entity, or one nested in it, has wire names); often empty."""
    return {f.name: f.entity for f in entity.fields
            if f.type in ("list", "reference") and f.entity
            and _renames_inside(source, f.entity, set())}


def _encoded(name: str) -> str:
    """A wire name inside a URL: everything but unreserved characters percent-encoded, so it
    can neither end a predicate or option (``'`` ``)`` ``,`` ``&``) nor forge a placeholder."""
    return quote(name, safe="-._~", errors="replace")


def _names(text: str, mapping: dict[str, str]) -> str:
    """``text`` (a query option's value as written, maybe percent-encoded) with every field name
    outside string literals and placeholders replaced by its encoded wire name.

    Tokens are found in the decoded text (``%2C`` is a comma, ``%27`` a quote), and each
    replacement covers exactly the characters of the name as written, so the rest of the
    author's text (and its encoding) is kept byte for byte.
    """
    spans = [m.group() for m in _CHAR.finditer(text)]
    decoded = "".join(chr(int(s[1:], 16)) if len(s) == 3 and int(s[1:], 16) < 0x80 else
                      (s if len(s) == 1 else "\0") for s in spans)
    out: list[str] = []
    at = 0
    for m in _TOKEN.finditer(decoded):
        token = m.group()
        if token not in mapping or (m.start() and decoded[m.start() - 1] == "/"):
            continue  # a literal, placeholder, other name, or a member of a navigation path
        out.append("".join(spans[at:m.start()]))
        out.append(_encoded(mapping[token]))
        at = m.end()
    out.append("".join(spans[at:]))
    return "".join(out)


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


def wire_path(path: str, entity: Entity, odata: bool) -> str:
    """``path`` with the back end's field names in OData key predicates and query options.

    Placeholders (``{id}``) keep model names: the data layer fills them from model-keyed
    records. String literals are never changed, nor names after a ``/`` (members of a
    navigation path belong to another entity). REST paths and paths of entities without wire
    names are returned unchanged.
    """
    mapping = wire_map(entity)
    if not mapping or not odata:
        return path
    route, sep, query = path.partition("?")
    route = "/".join(_predicate(s, mapping) for s in route.split("/"))
    if not sep:
        return route
    options = []
    for option in query.split("&"):
        name, eq, value = option.partition("=")
        if eq and unquote(name) in _FIELD_OPTIONS:  # `%24filter` is `$filter`
            value = _names(value, mapping)
        options.append(name + eq + value)
    return f"{route}?{'&'.join(options)}"
