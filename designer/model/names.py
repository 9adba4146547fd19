"""Names no model object may take: the exported apps use model names as object keys.

The PWA and React Native apps keep screens, queries, records and string tables in JavaScript
objects keyed by model names; ``{"__proto__": …}`` in an object literal sets the prototype
instead of a key, and ``record.constructor`` of a record without that value reads
``Object``'s function. Dart classes have ``hashCode``, ``runtimeType``, ``noSuchMethod`` and
``toString``. One rule for every target: such names are refused — by validate (located, code
``name.reserved``), by every ``Document`` edit that creates or renames one, and importers map
a back end's field called that to another model name, keeping the original as its wire name.
"""

from __future__ import annotations

import re

from typing import Any, Iterator

#: Members of JavaScript's ``Object.prototype`` (plus ``prototype``) and of Dart's ``Object``.
RESERVED_NAMES: frozenset[str] = frozenset("""
__proto__ __defineGetter__ __defineSetter__ __lookupGetter__ __lookupSetter__ constructor
hasOwnProperty isPrototypeOf propertyIsEnumerable toLocaleString toString valueOf prototype
hashCode runtimeType noSuchMethod
""".split())


def is_reserved(name: str) -> bool:
    """True for a reserved name: one of ``RESERVED_NAMES`` or any ``__dunder__``."""
    return name in RESERVED_NAMES or (len(name) > 4 and name.startswith("__")
                                      and name.endswith("__"))


def unreserved(name: str) -> str:
    """A name to use instead of ``name`` (``constructor`` → ``constructor_``, ``__proto__`` →
    ``proto_``); ``name`` itself when it is not reserved."""
    if not is_reserved(name):
        return name
    return (name.strip("_") or "name") + "_"


def reserved_message(name: str, what: str = "name") -> str | None:
    """The message for a reserved ``name`` (``what``: "screen name", "field name", …), or None."""
    if not is_reserved(name):
        return None
    return (f"{what} `{name}` is reserved: JavaScript objects or Dart classes already have a "
            f"member of that name, so the exported apps would lose or misread it; use another "
            f"name (e.g. `{unreserved(name)}`)")


#: A control character (C0, DEL, C1) or a bidi embedding/override/isolate.
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: An HTTP field name (RFC 9110 token): what ``fetch`` and Dart's ``http`` accept.
HEADER_NAME_RE = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
#: An HTTP field value: no control character but tab (a CR or LF would split the request).
_HEADER_VALUE_BAD = re.compile("[\x00-\x08\x0a-\x1f\x7f]")


def key_problem(name: str, what: str) -> str | None:
    """Why a model key is refused: a control or bidi character (it rewrites what a reviewer
    reads and breaks the exported app's lookups), or a header name that is not an HTTP token
    (``fetch`` throws on it); None if it is fine."""
    bad = _CONTROL_RE.search(name)
    if bad:
        return (f"{what} holds the control character U+{ord(bad.group()):04X}; model keys are "
                f"plain text")
    if what == "header name" and not HEADER_NAME_RE.fullmatch(name):
        return (f"{what} `{name}` is not an HTTP header name (letters, digits and "
                f"!#$%&'*+-.^_`|~ only)")
    return None


def header_value_problem(value: str) -> str | None:
    """Why a fixed header value is refused (a CR/LF or other control character), or None."""
    bad = _HEADER_VALUE_BAD.search(value)
    if bad:
        return (f"a header value cannot hold the control character U+{ord(bad.group()):04X} "
                "(a line break would split the request)")
    return None


def app_names(app: Any) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """``(path, name, what)`` for every model-chosen name and key of ``app`` that ends up as
    an object key in an exported app: screens, parameters, variables, queries, widgets, list
    item aliases, data sources, entities, fields, header names, locales and string keys."""
    for si, screen in enumerate(app.screens):
        yield from screen_names(screen, ("screens", si))
    for di, source in enumerate(app.data_sources):
        yield from source_names(source, ("data_sources", di))
    yield from string_names(app.strings)


def screen_names(screen: Any, base: tuple[str | int, ...] = ()
                 ) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """``app_names`` for one screen (paths relative to ``base``)."""
    yield base + ("name",), screen.name, "screen name"
    for kind in ("parameters", "variables", "data"):
        yield from item_names(kind, getattr(screen, kind), base)
    yield from widget_names(screen.root, base + ("root",))


def item_names(kind: str, items: Any, base: tuple[str | int, ...] = ()
               ) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """The names of a screen's ``parameters``, ``variables`` or ``data`` queries."""
    for i, item in enumerate(items):
        yield base + (kind, i, "name"), item.name, f"{_WHAT[kind]} name"


def widget_names(root: Any, base: tuple[str | int, ...] = ()
                 ) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Names and list item aliases of the widget subtree at ``root`` (iterative walk)."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(root, base)]
    while stack:
        widget, path = stack.pop()
        yield path + ("name",), widget.name, "widget name"
        alias = widget.__dict__.get("item_alias")
        if isinstance(alias, str):
            yield path + ("item_alias",), alias, "item alias"
        children = widget.__dict__.get("children") or ()
        stack.extend((c, path + ("children", i)) for i, c in reversed(list(enumerate(children))))


def string_names(strings: Any) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Locales and string keys of an app's string tables."""
    for locale, table in strings.items():
        yield ("strings", locale), locale, "locale"
        for key in table:
            yield ("strings", locale, key), key, "string key"


def source_names(source: Any, base: tuple[str | int, ...] = ()
                 ) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """``app_names`` for one data source (paths relative to ``base``)."""
    yield base + ("name",), source.name, "data source name"
    for header in source.headers:
        yield base + ("headers", header), header, "header name"
    for ei, entity in enumerate(source.entities):
        yield base + ("entities", ei, "name"), entity.name, "entity name"
        for fi, fld in enumerate(entity.fields):
            yield base + ("entities", ei, "fields", fi, "name"), fld.name, "field name"


_WHAT = {"parameters": "parameter", "variables": "variable", "data": "query"}

__all__ = ["HEADER_NAME_RE", "RESERVED_NAMES", "app_names", "header_value_problem", "key_problem", "is_reserved", "item_names", "reserved_message",
           "screen_names", "source_names", "string_names", "unreserved", "widget_names"]
