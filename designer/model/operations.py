"""Back-end operations of an entity: parameters, response shape, paging, body encoding, servers.

An operation is one call the exported app makes (``GET /customers``). Besides its method and
path it declares what a real API needs: the path, query and header parameters and where each
gets its value, where the rows (or the record) are in the response, how the list pages, how a
write body is encoded, and the server it lives on when that is not the source's base URL.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from .base import IDENT_PATTERN, Expr, Model, Name

#: ``call``: a named call beyond the five record kinds (an OData bound action or function,
#: a function or action import), run by a ``call_operation`` action.
OperationKind = Literal["list", "get", "create", "update", "delete", "call"]
HttpMethod = Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
#: ``body``: a member of the JSON request body (an OData action's parameters).
ParamLocation = Literal["path", "query", "header", "body"]
ParamType = Literal["string", "integer", "decimal", "boolean", "date", "datetime"]
BodyEncoding = Literal["json", "form", "multipart"]
PagingStyle = Literal["none", "next_link", "link_header", "cursor", "offset", "page"]

#: ``{name}`` placeholders of an operation path.
PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
#: A run-time configuration value is only *named* (config.json / environment), like a credential.
CONFIG_PATTERN = r"^([A-Za-z_][A-Za-z0-9_.:-]{0,127})?$"
#: A JSON key in a response path (one segment; keys such as ``@odata.nextLink`` hold dots).
Segment = Annotated[str, StringConstraints(min_length=1, max_length=256)]


class OperationParam(Model):
    """A path, query or header parameter of an operation and where its value comes from.

    ``value`` is an expression (``record.number`` for the record read or written, a screen
    parameter or variable by name, a literal such as ``"en"`` or ``50``); ``config`` names a
    value the app reads from its run-time configuration instead (e.g. a tenant header)."""

    name: Name = Field(description="The parameter's name in the model; a path parameter fills "
                                   "the `{name}` placeholder of the operation's path.")
    wire_name: str = Field(default="", max_length=256,
                           description="The name the back end uses (query key, header name) "
                                       "when it is not `name`, e.g. `$top` or `X-Tenant-Id`.")
    location: ParamLocation = Field(default="path", description="Where the value is sent.")
    type: ParamType = "string"
    required: bool = Field(default=False, description="The back end refuses a call without it "
                                                      "(path parameters always are).")
    value: Expr = Field(default="", description="Expression giving the value.")
    config: str = Field(default="", pattern=CONFIG_PATTERN,
                        description="Name of a run-time configuration value giving the value.")

    @property
    def wire(self) -> str:
        """The name the back end uses for this parameter."""
        return self.wire_name or self.name

    @property
    def needed(self) -> bool:
        """True when a call without a value is refused."""
        return self.required or self.location == "path"

    @model_validator(mode="after")
    def _one_source(self) -> "OperationParam":
        if self.value and self.config:
            raise ValueError("a parameter takes its value from an expression or from a "
                             "configuration value, not both")
        return self


class Paging(Model):
    """How a list operation pages, with bounds so a list never loads without end.

    - ``next_link``: the response holds the URL of the next page at ``next`` (``@odata.nextLink``,
      ``d.__next``, ``next``); ``link_header``: in the ``Link: <…>; rel="next"`` header.
    - ``cursor``: the response holds a cursor at ``next``, sent back as query ``param``.
    - ``offset``: query ``param`` is the index of the first row (0, page_size, …).
    - ``page``: query ``param`` is the page number, from ``first_page``.
    ``size_param`` (optional) sends ``page_size`` with each request."""

    style: PagingStyle = "none"
    next: list[Segment] = Field(default_factory=list, max_length=16,
                            description="Path of JSON keys to the next link or cursor.")
    param: str = Field(default="", max_length=256,
                       description="Query parameter carrying the cursor, offset or page number.")
    size_param: str = Field(default="", max_length=256,
                            description="Query parameter carrying the page size.")
    page_size: int = Field(default=50, ge=1, le=10_000)
    first_page: int = Field(default=1, ge=0, le=1)
    max_pages: int = Field(default=20, ge=1, le=1_000)
    max_rows: int = Field(default=1_000, ge=1, le=1_000_000)


class Operation(Model):
    """A back-end operation on an entity (path relative to the source's base URL, or to
    ``server`` when the contract puts the operation on another server)."""

    kind: OperationKind
    name: str = Field(default="", pattern=f"({IDENT_PATTERN})?", max_length=64,
                      description="Name of the operation in the model (actions and data "
                                  "queries pick a non-default operation by it).")
    operation_id: str = Field(default="", max_length=256,
                              description="The contract's own id of the operation (OpenAPI "
                                          "operationId), kept for re-import.")
    default: bool = Field(default=False, description="The operation used for its kind when "
                                                     "the entity has several of that kind.")
    method: HttpMethod = "GET"
    path: str = Field(default="", max_length=2048)
    server: str = Field(default="", max_length=2048,
                        description="Base URL of this operation when not the source's.")
    params: list[OperationParam] = Field(default_factory=list)
    result: list[Segment] = Field(default_factory=list, max_length=16,
                              description="Path of JSON keys to the rows (list) or the record "
                                          "in the response body, e.g. [\"d\", \"results\"]; "
                                          "empty: the body itself.")
    paging: Paging = Field(default_factory=Paging)
    body: BodyEncoding = Field(default="json", description="How a create/update body is sent.")

    def param(self, name: str) -> OperationParam | None:
        """The parameter called ``name`` or None."""
        return next((p for p in self.params if p.name == name), None)

    def placeholders(self) -> list[str]:
        """The ``{names}`` in the path, in order."""
        return PLACEHOLDER_RE.findall(self.path)

    @property
    def label(self) -> str:
        """``name`` or ``kind``: how reports name the operation."""
        return self.name or self.kind


def record_param(name: str, field: str = "") -> OperationParam:
    """A path parameter filled from the record's ``field`` (default: the field ``name``)."""
    return OperationParam(name=name, location="path", required=True,
                          value=f"record.{field or name}")


def pick(operations: list[Operation], kind: str) -> Operation | None:
    """The operation used for ``kind``: the one marked default, else the first of that kind."""
    of_kind = [o for o in operations if o.kind == kind]
    return next((o for o in of_kind if o.default), of_kind[0] if of_kind else None)


__all__ = ["BodyEncoding", "HttpMethod", "Operation", "OperationKind", "OperationParam", "Paging",
           "PagingStyle", "ParamLocation", "ParamType", "PLACEHOLDER_RE", "pick", "record_param"]
