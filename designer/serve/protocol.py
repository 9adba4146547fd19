"""What the preview's mock back end speaks on the wire besides records: request bodies by their
declared encoding, required query/header parameters, pages in the operation's declared
envelope and paging style, OData protocol versions, SAP CSRF tokens and ETags. Qt-free.

Each rule mirrors what a real server does, so a preview refuses what production would refuse.
"""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from designer.model.operations import Operation

#: Content types of the body encodings an operation may declare.
ENCODINGS = {"application/json": "json", "application/x-www-form-urlencoded": "form",
             "multipart/form-data": "multipart"}


class Refused(Exception):
    """A request the mock refuses as a real server would: ``status``, a message and headers."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


def decode_body(ctype: str, raw: bytes) -> tuple[str, Any]:
    """(encoding, payload) of a request body by its Content-Type: JSON, a form (a dict of
    strings) or multipart (text parts as strings, file parts as data URIs, a repeated name as a
    list). A body the type does not describe is refused with 400, an unknown type with 415."""
    kind = ctype.split(";", 1)[0].strip().lower()
    encoding = ENCODINGS.get(kind, "")
    if not raw:
        return encoding or "json", None
    try:
        if encoding in ("json", ""):
            if kind and not encoding and not kind.endswith("+json"):
                raise Refused(415, f"unsupported Content-Type {kind!r}")
            return "json", json.loads(raw)
        if encoding == "form":
            return encoding, dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True,
                                            strict_parsing=True))
        return encoding, _multipart(ctype, raw)
    except (ValueError, UnicodeDecodeError):
        raise Refused(400, f"the request body is not valid {encoding or 'JSON'}") from None


def _multipart(ctype: str, raw: bytes) -> dict[str, Any]:
    from email.parser import BytesParser
    from email.policy import HTTP

    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {ctype}\r\n\r\n".encode("latin-1", "replace") + raw)
    if not message.is_multipart() or message.defects:
        raise ValueError("malformed multipart body")
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or not name:
            raise ValueError("a multipart part without a name")
        data = part.get_payload(decode=True) or b""
        if part.get_filename() is None:
            value: Any = data.decode("utf-8")
        else:
            value = f"data:{part.get_content_type()};base64,{base64.b64encode(data).decode()}"
        old = fields.get(name)
        fields[name] = value if old is None else [*old, value] if isinstance(old, list) \
            else [old, value]
    return fields


def check_params(op: Operation, args: dict[str, str], headers: Any) -> None:
    """Refuse a call without a required query or header parameter, or with a parameter that
    is not of its declared type (as a real API's request validation does)."""
    for p in op.params:
        if p.location == "path":
            continue
        sent = args.get(p.wire) if p.location == "query" else headers.get(p.wire)
        if not sent:
            if p.required:
                raise Refused(400, f"missing required {p.location} parameter {p.wire!r}")
            continue
        if p.type == "integer" and not str(sent).lstrip("-").isdigit():
            raise Refused(400, f"{p.location} parameter {p.wire!r} must be an integer")
        if p.type == "boolean" and str(sent).lower() not in ("true", "false"):
            raise Refused(400, f"{p.location} parameter {p.wire!r} must be true or false")


def odata_version(declared: str, headers: Any) -> str:
    """The protocol version of an OData request to a service of version ``declared`` ("2.0";
    "" or "4.0": v4), refusing the other version's headers as the real service would."""
    v4_sent = bool(headers.get("OData-Version") or headers.get("OData-MaxVersion"))
    v2_sent = bool(headers.get("DataServiceVersion") or headers.get("MaxDataServiceVersion"))
    if declared == "2.0":
        if v4_sent or not v2_sent:
            raise Refused(400, "this is an OData V2 service: send DataServiceVersion 2.0 "
                               "(not OData-Version)")
        return "2"
    if not str(headers.get("OData-Version") or "").startswith("4"):
        raise Refused(400, "missing OData protocol header: this is an OData 4.0 service, send "
                           "OData-Version: 4.0" + (" (not DataServiceVersion)" if v2_sent else ""))
    return "4"


def etag(row: dict[str, Any]) -> str:
    """The mock's version tag of a record (it changes with every write)."""
    return f'W/"{row.get("updated_at", "")}"'


def check_if_match(row: dict[str, Any] | None, headers: Any) -> None:
    """An ETag-checked record changes only with the version the client saw: no If-Match is
    428 Precondition Required, a stale one 412 Precondition Failed."""
    sent = headers.get("If-Match")
    if not sent:
        raise Refused(428, "If-Match required: this record is protected by an ETag")
    if row is not None and sent != "*" and sent != etag(row):
        raise Refused(412, "the record was changed by someone else (stale If-Match)")


def nest(path: list[str], value: Any) -> Any:
    """``value`` under the keys of ``path``."""
    for key in reversed(path):
        value = {key: value}
    return value


def merge(a: Any, b: Any) -> Any:
    """``b``'s keys laid into ``a``, recursively."""
    if isinstance(a, dict) and isinstance(b, dict):
        return {**a, **{k: merge(a[k], v) if k in a else v for k, v in b.items()}}
    return b


def _whole(args: dict[str, str], name: str, default: int, low: int) -> int:
    raw = args.get(name) if name else None
    if raw in (None, ""):
        return default
    if not str(raw).isdigit() or int(str(raw)) < low:
        raise Refused(400, f"query parameter {name!r} must be a whole number from {low}")
    return int(str(raw))


def page(op: Operation, rows: list[Any], version: str, path: str, query: str,
         entity: str) -> tuple[Any, dict[str, str]]:
    """(body, response headers) of a list: the rows at the operation's result path (else in the
    protocol's envelope), one page of them by the declared paging style with what the client
    needs for the next page (a cursor, a next link in the body or the ``Link`` header)."""
    paging = op.paging
    args = dict(parse_qsl(query, keep_blank_values=True))
    if paging.style == "none":
        return _envelope(op.result, version, rows, entity, False), {}
    size = _whole(args, paging.size_param, paging.page_size, 1)
    token = paging.param or ("$skiptoken" if paging.style != "cursor" else "")
    if paging.style in ("cursor", "next_link", "link_header"):
        raw = args.get(token, "") if token else ""
        if raw and not (raw.startswith("c") and raw[1:].isdigit()):
            raise Refused(400, f"invalid {'cursor' if paging.style == 'cursor' else 'page link'}")
        start = int(raw[1:]) if raw else 0
    elif paging.style == "offset":
        start = _whole(args, paging.param, 0, 0)
    else:
        start = (_whole(args, paging.param, paging.first_page, paging.first_page)
                 - paging.first_page) * size
    chunk, more = rows[start:start + size], start + size < len(rows)
    needs_object = paging.style in ("cursor", "next_link")
    body = _envelope(op.result, version, chunk, entity, needs_object)
    headers: dict[str, str] = {}
    if paging.style == "cursor":
        body = merge(body, nest(paging.next or ["next"], f"c{start + size}" if more else None))
    elif paging.style in ("next_link", "link_header") and more:
        kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != token]
        last = path.rstrip("/").rsplit("/", 1)[-1]
        link = "./" + quote(last, safe="()'=,;:@!$*+") + "?" + urlencode(
            [*kept, (token, f"c{start + size}")], safe="$")
        if paging.style == "link_header":
            headers["Link"] = f'<{link}>; rel="next"'
        else:
            default = {"4": ["@odata.nextLink"], "2": ["d", "__next"]}.get(version, ["next"])
            body = merge(body, nest(paging.next or default, link))
    return body, headers


def _envelope(result: list[str], version: str, rows: list[Any], entity: str,
              needs_object: bool) -> Any:
    if result:
        return nest(result, rows)
    if version == "4":
        return {"@odata.context": f"$metadata#{entity}", "value": rows}
    if version == "2":
        return {"d": {"results": rows}}
    return {"items": rows} if needs_object else rows
