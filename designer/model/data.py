"""Data sources: back-end contracts (REST, OData, CSV, JSON, SQLite, local) and their entities."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_serializer

from .base import Id, Model, Name, SortedDict, Text
from .operations import HttpMethod, Operation, OperationKind, OperationParam, Paging, pick

SourceKind = Literal["rest", "odata", "csv", "json", "sqlite", "local"]
#: Sources whose rows ship inside the exported app (read from the file they were imported from).
BUNDLED_KINDS = frozenset({"csv", "json"})
#: ``user``: the signed-in user's access token (the app's ``sign_in``); the others use the
#: source's own named credential.
AuthScheme = Literal["none", "basic", "bearer", "api_key", "oauth2", "user"]
FieldType = Literal["string", "integer", "decimal", "boolean", "date", "datetime", "enum",
                    "image", "geo", "reference", "list"]
OfflineMode = Literal["online_only", "cached_read", "offline_read_write"]
ConflictPolicy = Literal["server_wins", "client_wins", "last_write_wins", "ask_user"]
__all__ = ["Auth", "DataField", "DataSource", "Entity", "HttpMethod", "OfflinePolicy", "Operation",
           "OperationKind", "OperationParam", "Paging"]

#: A credential is only ever *named*: the secret lives in the OS keyring or an environment variable.
CredentialRef = Field(default="", pattern=r"^([A-Za-z_][A-Za-z0-9_.:-]{0,127})?$",
                      description="Name of the credential in the OS keyring or environment; "
                                  "never the secret itself.")


class Auth(Model):
    """How the app authenticates to a source. ``credential`` names a keyring/env entry."""

    scheme: AuthScheme = "none"
    credential: str = CredentialRef
    header: str = Field(default="", max_length=128, description="Header name for api_key auth.")
    token_url: str = Field(default="", max_length=2048, description="OAuth2 token endpoint.")
    scopes: list[str] = Field(default_factory=list)


class DataField(Model):
    """A typed field of an entity."""

    name: Name
    wire_name: str = Field(default="", max_length=256,
                           description="The field's name in the back end's payloads (JSON key, "
                                       "column, OData property) when it is not a valid `name`, "
                                       "e.g. `first-name` for `first_name`; empty = `name`.")
    label: Text = ""
    type: FieldType = "string"
    format: Literal["", "email", "uri", "phone", "currency", "percent"] = ""
    enum_values: list[str] = Field(default_factory=list)
    entity: str = Field(default="", description="Target entity for reference/list fields.")
    required: bool = False
    pii: bool = False
    read_only: bool = False
    create_only: bool = Field(default=False, description="Sent when a record is created, never "
                                                         "on update (OData `sap:updatable=false`, "
                                                         "`Core.Immutable`).")

    @property
    def wire(self) -> str:
        """The name the back end uses for this field."""
        return self.wire_name or self.name


class OfflinePolicy(Model):
    """What the exported app keeps on the device and how it resolves write conflicts."""

    mode: OfflineMode = "cached_read"
    conflict: ConflictPolicy = "server_wins"
    max_age_hours: int = Field(default=72, ge=0, le=24 * 365)


class Entity(Model):
    """A record type of a source: fields, key, operations and sample rows for preview."""

    name: Name
    label: Text = ""
    key: list[Name] = Field(default_factory=list)
    fields: list[DataField] = Field(default_factory=list)
    operations: list[Operation] = Field(default_factory=list)
    sample_rows: list[SortedDict[str, Any]] = Field(default_factory=list)
    offline: OfflinePolicy | None = None
    concurrency: Literal["none", "etag"] = Field(
        default="none", description="`etag`: the back end checks an ETag — updates and deletes "
                                    "send If-Match with the record's ETag, and a 412 goes to the "
                                    "entity's conflict policy.")

    def field(self, name: str) -> DataField | None:
        """The field called ``name`` or None."""
        return next((f for f in self.fields if f.name == name), None)

    def operation(self, kind: str) -> Operation | None:
        """The operation used for ``kind`` (the default one of that kind) or None."""
        return pick(self.operations, kind)

    def operation_named(self, name: str) -> Operation | None:
        """The operation called ``name`` or None."""
        return next((o for o in self.operations if o.name == name), None)


class DataSource(Model):
    """A back end the app reads from and writes to."""

    id: Id
    name: Name
    kind: SourceKind = "rest"
    base_url: str = Field(default="", max_length=2048)
    auth: Auth = Field(default_factory=Auth)
    headers: SortedDict[str, str] = Field(default_factory=dict)
    offline: OfflinePolicy = Field(default_factory=OfflinePolicy)
    entities: list[Entity] = Field(default_factory=list)
    odata_version: Literal["", "2.0", "4.0"] = Field(
        default="", description="The OData protocol version of an `odata` source (v2 services "
                                "get DataServiceVersion headers, v4 OData-Version); empty: 4.0.")
    csrf: bool = Field(default=False, description="Writes first fetch an `x-csrf-token` (SAP "
                                                  "Gateway) and send it back.")
    origin: str = Field(default="", max_length=1024,
                        description="Where the contract was imported from (file name), for re-import.")

    @model_serializer(mode="wrap")
    def _keep_kind(self, handler: Any) -> dict[str, Any]:
        data = handler(self)
        return {"id": data.pop("id"), "name": data.pop("name"), "kind": self.kind, **data}

    def entity(self, name: str) -> Entity | None:
        """The entity called ``name`` or None."""
        return next((e for e in self.entities if e.name == name), None)

    def offline_for(self, entity: Entity) -> OfflinePolicy:
        """The entity's own offline policy, else the source's."""
        return entity.offline or self.offline

    @property
    def bundled(self) -> bool:
        """Whether the app ships this source's rows (a CSV or JSON file) instead of calling a
        back end."""
        return self.kind in BUNDLED_KINDS

    def can(self, entity: Entity, kind: str) -> bool:
        """Whether the app can run ``kind`` (list, get, create, …) on ``entity``: a back end's
        entity needs that operation; bundled rows are read-only unless the entity's offline
        mode is ``offline_read_write`` (then changed on the device only)."""
        if self.kind in ("rest", "odata"):
            return entity.operation(kind) is not None
        if self.bundled and kind in ("create", "update", "delete"):
            return self.offline_for(entity).mode == "offline_read_write"
        return True
