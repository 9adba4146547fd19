"""What an OpenAPI operation sends and returns: the success response's schema (never an
``Error`` of ``default``/4xx/5xx), the media type that carries a schema, page envelopes
(``{invoices[], warnings[], pagination}``) with where the rows are and how the list pages,
and the request body's encoding (JSON, form, multipart).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from designer.model.operations import Paging

from .base import singular

#: Arrays of a page that are never the records.
_SIDE_ARRAYS = {"warnings", "errors", "messages", "notices", "links", "facets", "aggregations",
                "includes", "included", "sort", "filters", "details"}
_PAGE_WORDS = {"pagination", "paging", "page", "pages", "cursor", "next", "nextcursor",
               "nextpagetoken", "nexttoken", "nextlink", "offset", "limit", "count", "total",
               "totalcount", "totalitems", "totalresults", "totalpages", "hasmore", "more",
               "meta", "links", "pageinfo", "pagesize", "perpage", "size", "start",
               "continuationtoken", "odatanextlink", "odatacount", "moreresults", "last",
               "first", "previous", "prev", "startingafter", "endingbefore", "success",
               "status", "warnings", "errors", "messages", "requestid", "done", "records", "stats",
               "statistics", "summary", "totals", "facets", "aggregations", "took", "timedout"}
_NEXT_LINK = ("nextlink", "next", "nexturl", "nextpage", "nextpageurl", "odatanextlink",
              "nexthref")
_CURSOR = ("nextcursor", "cursor", "nextpagetoken", "pagetoken", "nexttoken",
           "continuationtoken", "after", "endcursor", "startingafter", "nextmarker", "marker",
           "scrollid")
_CURSOR_PARAMS = ("cursor", "pagetoken", "page_token", "after", "starting_after", "token",
                  "continuation", "continuationtoken", "marker", "next", "nexttoken",
                  "next_token", "scrollid", "scroll_id")
_OFFSET_PARAMS = ("offset", "skip", "$skip", "start", "from")
_PAGE_PARAMS = ("page", "pagenumber", "page_number", "pageno", "pageindex", "p")
_SIZE_PARAMS = ("limit", "pagesize", "page_size", "per_page", "perpage", "size", "count",
                "$top", "top", "max", "maxresults", "max_results", "pagelength", "rows")


def squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", str(name).lower())


def media_schema(content: Any, ptr: str) -> tuple[Any, str, str]:
    """(schema, pointer, media type): the JSON-ish media type *with a schema* wins
    (``application/json; charset=utf-8`` after a schema-less ``application/json``,
    ``+json``, ``*/*``); else any media type with a schema."""
    if not isinstance(content, dict):
        return None, ptr, ""
    with_schema = [(str(m), e) for m, e in content.items()
                   if isinstance(e, dict) and isinstance(e.get("schema"), dict)]

    def rank(media: str) -> int:
        m = media.lower().split(";")[0].strip()
        if m == "application/json":
            return 0
        if m.endswith("+json") or "json" in m:
            return 1
        if m in ("*/*", "application/*"):
            return 2
        return 3
    if not with_schema:
        first = next(iter(content), "")
        return None, ptr, str(first)
    media, entry = min(with_schema, key=lambda me: rank(me[0]))
    return entry["schema"], f"{ptr}/{media.replace('~', '~0').replace('/', '~1')}/schema", media


def success_response(op: dict[str, Any], ptr: str, v2: bool,
                     deref: Callable[[Any, str], tuple[Any, str]]) -> tuple[Any, str]:
    """The schema of the first 2xx response with one; ``default``, 4xx and 5xx are errors."""
    responses = op.get("responses")
    if not isinstance(responses, dict):
        return None, ptr
    codes = sorted((str(c) for c in responses if re.fullmatch(r"2(\d\d|XX|xx)", str(c))),
                   key=lambda c: (c.upper() == "2XX", c))
    for code in codes:
        raw = responses.get(code, responses.get(int(code)) if code.isdigit() else None)
        resp, rptr = deref(raw, f"{ptr}/responses/{code}")
        if not isinstance(resp, dict):
            continue
        if v2:
            if isinstance(resp.get("schema"), dict):
                return resp["schema"], f"{rptr}/schema"
            continue
        schema, sptr, _ = media_schema(resp.get("content"), f"{rptr}/content")
        if schema is not None:
            return schema, sptr
    return None, ptr


@dataclass
class Shape:
    """What a response carries: the entity, whether it is a list, where the rows are and
    the envelope's paging hints (keys of next link / cursor fields, by path)."""

    entity: str | None = None
    is_list: bool = False
    result: list[str] = field(default_factory=list)
    next_link: list[str] = field(default_factory=list)
    cursor: list[str] = field(default_factory=list)
    envelope: str | None = None


class Shapes:
    """Reads response schemas with the importer's ``deref``/``merged``/``entity of a $ref``."""

    def __init__(self, deref: Callable[..., Any], merged: Callable[..., Any],
                 ref_entity: Callable[[str], str | None],
                 inline_entity: Callable[[str], str | None] = lambda ptr: None) -> None:
        self.deref, self.merged, self.ref_entity = deref, merged, ref_entity
        self.inline_entity = inline_entity

    def shape(self, schema: Any, ptr: str, hint: str = "", depth: int = 0,
              item: bool = False) -> Shape:
        """The shape of ``schema``; ``hint`` is the collection the path names; ``item``: an
        array's item (a record, never a page)."""
        if not isinstance(schema, dict) or depth > 4:
            return Shape()
        if isinstance(schema.get("$ref"), str):
            target, tptr = self.deref(schema, ptr)
            page = None if item else self._page(target, tptr, hint, depth)
            if page is not None:
                page.envelope = self.ref_entity(schema["$ref"])
                return page
            entity = self.ref_entity(schema["$ref"])
            if entity is not None:
                return Shape(entity)
            return self.shape(target, tptr, hint, depth + 1)
        if schema.get("type") == "array" or "items" in schema:
            inner = self.shape(schema.get("items"), f"{ptr}/items", hint, depth + 1, True)
            return Shape(inner.entity, inner.entity is not None) if not inner.is_list else Shape()
        page = None if item else self._page(schema, ptr, hint, depth)
        if page is not None:
            return page
        inline = self.inline_entity(ptr)
        if inline is not None:
            return Shape(inline)
        for combo in ("allOf", "oneOf", "anyOf"):
            parts = schema.get(combo)
            real = [p for p in parts if isinstance(p, dict) and p.get("type") != "null"] \
                if isinstance(parts, list) else []
            if len(real) == 1:
                return self.shape(real[0], f"{ptr}/{combo}/{parts.index(real[0])}", hint,
                                  depth + 1)
        return Shape()

    def _page(self, schema: Any, ptr: str, hint: str, depth: int) -> Shape | None:
        """A page envelope: an object whose record array is named after the collection (or a
        usual wrapper key), beside paging-ish siblings, or the sole property; nested ``data``
        objects are followed (``data.customers``)."""
        if not isinstance(schema, dict) or depth > 4:
            return None
        props, _ = self.merged(schema, ptr)
        if not props:
            return None
        arrays: dict[str, str] = {}
        objects: dict[str, tuple[Any, str]] = {}
        for key, (sub, sub_ptr) in props.items():
            sub, sub_ptr = self.deref(sub, sub_ptr)
            if not isinstance(sub, dict):
                continue
            if sub.get("type") == "array" or "items" in sub:
                inner = self.shape(sub.get("items"), f"{sub_ptr}/items", "", depth + 1, True)
                if inner.entity is not None and not inner.is_list:
                    arrays[key] = inner.entity
            elif isinstance(sub.get("properties"), dict) or sub.get("type") == "object":
                objects[key] = (sub, sub_ptr)
        candidates = {k: e for k, e in arrays.items() if squash(k) not in _SIDE_ARRAYS}
        rows = _row_key(candidates, hint)
        others = [squash(k) for k in props if k != rows]
        pagey = bool(others) and all(o in _PAGE_WORDS or o in _SIDE_ARRAYS or
                                     any(w in o for w in ("page", "cursor", "next", "total",
                                                          "count", "link"))
                                     for o in others)
        if rows is not None and (not others or pagey or
                                 (squash(rows) in _WRAPPERS and len(candidates) == 1
                                  and len(others) <= 4
                                  and not {"id", "uuid", "key", "name"} & set(others))):
            found = Shape(candidates[rows], True, [rows])
            self._paging_hints(found, props, "", depth)
            return found
        if len(props) <= 3:
            for key, (sub, sub_ptr) in objects.items():
                if squash(key) in ("data", "result", "results", "response", "body", "d"):
                    inner = self._page(sub, sub_ptr, hint, depth + 1)
                    if inner is not None:
                        inner.result = [key] + inner.result
                        inner.next_link = [key] + inner.next_link if inner.next_link else []
                        inner.cursor = [key] + inner.cursor if inner.cursor else []
                        self._paging_hints(inner, props, "", depth)
                        return inner
        return None

    def _paging_hints(self, found: Shape, props: dict[str, Any], prefix: str, depth: int) -> None:
        for key, (sub, sub_ptr) in props.items():
            k = squash(key)
            if k in _NEXT_LINK and not found.next_link and _scalar(self.deref(sub, sub_ptr)[0]):
                found.next_link = [key]
            elif k in _CURSOR and not found.cursor and _scalar(self.deref(sub, sub_ptr)[0]):
                found.cursor = [key]
            elif k in ("pagination", "paging", "meta", "pageinfo", "links", "cursor",
                       "cursors") and depth < 4:
                inner_schema, inner_ptr = self.deref(sub, sub_ptr)
                inner, _ = self.merged(inner_schema, inner_ptr) if isinstance(
                    inner_schema, dict) else ({}, None)
                for ik, (isub, iptr) in inner.items():
                    s = squash(ik)
                    if s in _NEXT_LINK and not found.next_link and \
                            _scalar(self.deref(isub, iptr)[0]):
                        found.next_link = [key, ik]
                    elif (s in _CURSOR or (k.startswith("cursor") and s in ("next", "after")))\
                            and not found.cursor and _scalar(self.deref(isub, iptr)[0]):
                        found.cursor = [key, ik]


_WRAPPERS = {"data", "items", "results", "value", "content", "records", "list", "rows",
             "entries", "elements", "hits", "objects", "collection", "resources"}


def _scalar(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("type") in ("string", None, "integer") and \
        "properties" not in schema and "items" not in schema


def _row_key(arrays: dict[str, str], hint: str) -> str | None:
    """The array holding the records: named after the collection or the entity, else a usual
    wrapper key, else the only one."""
    if not arrays:
        return None
    h = squash(hint)
    for key, entity in arrays.items():
        k = squash(key)
        if h and (k == h or singular(k) == singular(h)):
            return key
    for key, entity in arrays.items():
        k, e = squash(key), squash(entity)
        if singular(k) == e or k == e or (len(k) > 3 and e.startswith(singular(k))) or \
                (len(e) > 3 and singular(k).endswith(e)):
            return key
    for key in arrays:
        if squash(key) in _WRAPPERS:
            return key
    return next(iter(arrays)) if len(arrays) == 1 else None


def paging_for(shape: Shape, query: dict[str, str], headers: set[str]) -> Paging:
    """The paging style of a list: from the envelope's next link / cursor field and the
    operation's query parameters (spec name → squashed), or a ``Link`` response header."""
    names = {squash(n): n for n in query}
    size = next((names[squash(s)] for s in _SIZE_PARAMS if squash(s) in names), "")
    if shape.next_link:
        return Paging(style="next_link", next=shape.next_link, size_param=size)
    cursor_param = next((names[squash(c)] for c in _CURSOR_PARAMS if squash(c) in names), "")
    if shape.cursor and cursor_param:
        return Paging(style="cursor", next=shape.cursor, param=cursor_param, size_param=size)
    if "link" in headers:
        return Paging(style="link_header", size_param=size)
    offset = next((names[squash(o)] for o in _OFFSET_PARAMS if squash(o) in names), "")
    if offset:
        return Paging(style="offset", param=offset, size_param=size, first_page=0)
    page = next((names[squash(p)] for p in _PAGE_PARAMS if squash(p) in names), "")
    if page:
        return Paging(style="page", param=page, size_param=size)
    return Paging()


def response_headers(op: dict[str, Any], ptr: str,
                     deref: Callable[[Any, str], tuple[Any, str]]) -> set[str]:
    """Lower-cased header names of the 2xx responses."""
    found: set[str] = set()
    responses = op.get("responses") if isinstance(op.get("responses"), dict) else {}
    for code, raw in responses.items():
        if str(code).startswith("2"):
            resp, _ = deref(raw, f"{ptr}/responses/{code}")
            if isinstance(resp, dict) and isinstance(resp.get("headers"), dict):
                found |= {str(h).lower() for h in resp["headers"]}
    return found


def body_encoding(content: Any) -> tuple[str, str]:
    """(encoding, media type) of a 3.x request body: json, form or multipart; a binary body
    (``application/octet-stream``, ``image/*``) is reported as ("binary", media)."""
    if not isinstance(content, dict) or not content:
        return "json", ""
    medias = [str(m).lower() for m in content]
    if any("json" in m or m == "*/*" for m in medias):
        return "json", next(m for m in medias if "json" in m or m == "*/*")
    if any(m.startswith("multipart/") for m in medias):
        return "multipart", next(m for m in medias if m.startswith("multipart/"))
    if any(m.startswith("application/x-www-form-urlencoded") for m in medias):
        return "form", "application/x-www-form-urlencoded"
    return "binary", medias[0]
