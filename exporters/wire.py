"""Back ends' own field names (``DataField.wire_name``) at the client/back-end boundary.

Generated apps keep records keyed by model names (bindings, cache, outbox, sample rows); their
data layers rename keys to the back end's names when sending and back when reading. This module
gives them the mapping and rewrites what the model's operation paths say about fields (OData key
predicates ``(id=…)`` and ``$filter``/``$orderby``/``$select``/``$expand``) to wire names.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from designer.model.data import Entity

__all__ = ["wire_map", "wire_path"]

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FIELD_OPTIONS = ("$filter", "$orderby", "$select", "$expand")
#: A string literal of an OData expression, a ``{placeholder}`` or a name: names are rewritten.
_TOKEN = re.compile(r"'(?:[^']|'')*'|\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*")


def wire_map(entity: Entity) -> dict[str, str]:
    """``{model name: wire name}`` for the fields whose back-end name differs (often empty)."""
    return {f.name: f.wire_name for f in entity.fields if f.wire_name and f.wire_name != f.name}


def _encoded(name: str) -> str:
    """A wire name inside a URL: everything but unreserved characters percent-encoded, so it
    can neither end a predicate or option (``'`` ``)`` ``,`` ``&``) nor forge a placeholder."""
    return quote(name, safe="-._~", errors="replace")


def _names(text: str, mapping: dict[str, str]) -> str:
    def swap(match: re.Match[str]) -> str:
        token = match.group()
        return _encoded(mapping[token]) if token in mapping else token

    return _TOKEN.sub(swap, text)


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
    records. REST paths and paths of entities without wire names are returned unchanged.
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
        if eq and name in _FIELD_OPTIONS:
            value = _names(value, mapping)
        options.append(name + eq + value)
    return f"{route}?{'&'.join(options)}"
