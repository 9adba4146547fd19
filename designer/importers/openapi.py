"""OpenAPI 3.0/3.1 and Swagger 2.0 (JSON or YAML) → a REST data source.

Schemas become entities with typed fields (``$ref``, ``allOf``, ``oneOf``/``anyOf``, enums,
``nullable``, formats, nested objects and arrays → references/lists); paths become list / get /
create / update / delete operations; servers give the base URL; security schemes give the auth
scheme with a *suggested credential name* (examples, defaults and secrets are never copied).
References to files in the contract's own folder are bundled first (openapi_refs.py); a URL or a
file outside that folder is never read. Paths → operations is openapi_ops.py.
"""

from __future__ import annotations

import os
import re
from typing import Any
from urllib.parse import unquote

from designer.binding.sample_data import fill_missing_samples
from designer.model.base import new_id
from designer.model.data import DataField, DataSource, Entity

from .base import (MAX_ENTITIES, MAX_ENUM_VALUES, MAX_FIELDS, ImportResult, NameMap, SpecError,
                   Warnings, clean_label, format_from_name, humanize, looks_image, looks_pii,
                   pascal_case, read_input, singular, snake_case, to_identifier, wire_of)
from .openapi_ops import OpenApiOperations
from .openapi_refs import bundle
from .openapi_server import auth_for, base_url
from .structured import load_structured

_MAX_DEPTH = 8
_MAX_REF_HOPS = 64
Schema = dict[str, Any]


def import_openapi(path: str | os.PathLike[str], name: str | None = None) -> ImportResult:
    """Import an OpenAPI 3.x / Swagger 2.0 file; raise SpecError on unusable input."""
    file = str(path)
    doc = load_structured(read_input(file), file)
    return _OpenApi(doc, file, name).run()


class _OpenApi:
    def __init__(self, doc: Any, file: str, name: str | None) -> None:
        self.file = file
        if not isinstance(doc, dict):
            raise SpecError(file, "an OpenAPI document must be an object at the top level", "#")
        version = str(doc.get("openapi") or doc.get("swagger") or "")
        self.v2 = "swagger" in doc and version.startswith("2")
        if not (self.v2 or ("openapi" in doc and version.startswith("3"))):
            raise SpecError(file, "not an OpenAPI 3.x or Swagger 2.0 document (expected a top-level "
                                  "`openapi: 3.x` or `swagger: \"2.0\"`)", "#")
        self.doc = doc
        self.w = Warnings(file)
        self.bundled = bundle(doc, file, self.v2, self.w)
        info = doc.get("info") if isinstance(doc.get("info"), dict) else {}
        stem = os.path.basename(file).split(".")[0]
        self.source_name = to_identifier(name) if name else snake_case(
            str(info.get("title") or stem), "api")[:48]
        self.title = clean_label(info.get("title"))
        self.schemas_ptr = "#/definitions" if self.v2 else "#/components/schemas"
        schemas = self._get(self.schemas_ptr)
        self.schemas: dict[str, Any] = schemas if isinstance(schemas, dict) else {}
        self.entity_names = NameMap(fallback="Entity")
        self.entities: dict[str, Entity] = {}      # entity name → entity
        self.by_schema: dict[str, str] = {}        # schema key → entity name
        self.nested: dict[str, str] = {}           # pointer of an inline object → entity name
        self.pending: list[str] = []               # named schemas waiting to be built

    # ------------------------------------------------------------------ pointers
    def _get(self, pointer: str) -> Any:
        node: Any = self.doc
        for raw in pointer.lstrip("#").split("/")[1:]:
            part = unquote(raw).replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return None
        return node

    def deref(self, node: Any, ptr: str) -> tuple[Any, str]:
        """Follow ``$ref`` chains (local only) to the real node; unresolvable → (None, ptr)."""
        seen: set[str] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if not ref.startswith("#") or ref == "#/x-unresolved":
                return None, ptr
            if ref in seen:
                self.w.add(f"circular reference `{ref[:200]}`", ptr, "import.ref")
                return None, ptr
            if len(seen) >= _MAX_REF_HOPS:
                self.w.add(f"more than {_MAX_REF_HOPS} `$ref` hops in a row (alias of an alias "
                           "…); not followed further", ptr, "import.ref")
                return None, ptr
            seen.add(ref)
            target = self._get(ref)
            if target is None:
                self.w.add(f"reference `{ref[:200]}` does not resolve", ptr, "import.ref")
                return None, ptr
            node, ptr = target, ref
        return node, ptr

    def schema_key(self, ref: str) -> str | None:
        """The components/definitions key a ``$ref`` points at directly (None otherwise)."""
        prefix = self.schemas_ptr + "/"
        if ref.startswith(prefix) and "/" not in ref[len(prefix):]:
            return unquote(ref[len(prefix):]).replace("~1", "/").replace("~0", "~")
        return None

    # ------------------------------------------------------------------ run
    def run(self) -> ImportResult:
        for key, schema in self.schemas.items():
            if len(self.entities) >= MAX_ENTITIES:
                self.w.add(f"more than {MAX_ENTITIES} entities; the rest were skipped",
                           self.schemas_ptr)
                break
            if self._is_object(schema, f"{self.schemas_ptr}/{_esc(key)}"):
                self.entity_for_schema(str(key))
        self._build_pending()
        self.base = base_url(self.doc, self.v2, self.w)   # operations' own servers resolve on it
        self._operations()
        source = DataSource(id=new_id("ds"), name=self.source_name, kind="rest",
                            base_url=self.base,
                            auth=auth_for(self.doc, self.v2, self.source_name, self.w, self.deref,
                                          self._get),
                            entities=list(self.entities.values()),
                            origin=os.path.basename(self.file))
        for entity in source.entities:
            if not entity.key:
                guess = next((f.name for f in entity.fields if f.name.lower() in ("id", "uuid")), None)
                if guess:
                    entity.key = [guess]
        fill_missing_samples(source)
        return ImportResult(source, self.w.items, self.file)

    # ------------------------------------------------------------------ schemas
    def _merged(self, schema: Any, ptr: str, depth: int = 0, seen: frozenset[str] = frozenset()
                ) -> tuple[dict[str, tuple[Any, str]], set[str]]:
        """Properties (name → (schema, pointer)) and required names, through allOf/oneOf/refs."""
        schema, ptr = self.deref(schema, ptr)
        props: dict[str, tuple[Any, str]] = {}
        required: set[str] = set()
        if not isinstance(schema, dict) or depth > _MAX_DEPTH or ptr in seen:
            return props, required
        seen = seen | {ptr}
        for i, part in enumerate(schema.get("allOf") or []):
            p, r = self._merged(part, f"{ptr}/allOf/{i}", depth + 1, seen)
            props.update(p)
            required |= r
        for combo in ("oneOf", "anyOf"):
            alternatives = schema.get(combo) or []
            if isinstance(alternatives, list) and len(alternatives) > 1 and \
                    all(self._is_object(a, ptr) for a in alternatives):
                self.w.add(f"`{combo}` of {len(alternatives)} object schemas: their fields were "
                           "merged into one entity", ptr, "import.polymorphic")
                for i, part in enumerate(alternatives):
                    p, _ = self._merged(part, f"{ptr}/{combo}/{i}", depth + 1, seen)
                    for k, v in p.items():
                        props.setdefault(k, v)
        own = schema.get("properties")
        if isinstance(own, dict):
            for key, value in own.items():
                props[str(key)] = (value, f"{ptr}/properties/{_esc(str(key))}")
        if isinstance(schema.get("required"), list):
            required |= {str(r) for r in schema["required"]}
        return props, required

    def _is_object(self, schema: Any, ptr: str) -> bool:
        schema, ptr = self.deref(schema, ptr)
        if not isinstance(schema, dict):
            return False
        if isinstance(schema.get("properties"), dict) and schema["properties"]:
            return not _geo_shaped(schema["properties"])
        if schema.get("allOf"):
            return any(self._is_object(p, ptr) for p in schema["allOf"] if isinstance(p, dict))
        alternatives = schema.get("oneOf") or schema.get("anyOf")
        if isinstance(alternatives, list) and len(alternatives) > 1:
            return all(self._is_object(a, ptr) for a in alternatives)
        return False

    def entity_for_schema(self, key: str) -> str:
        """The entity name of a named schema; it is built later (a queue, not recursion, so
        long reference chains cannot exhaust the stack)."""
        if key in self.by_schema:
            return self.by_schema[key]
        name = self.entity_names(f"schema:{key}", pascal_case(key, "Entity"))
        self.by_schema[key] = name
        self.pending.append(key)
        return name

    def _build_pending(self) -> None:
        while self.pending:
            key = self.pending.pop(0)
            ptr = f"{self.schemas_ptr}/{_esc(key)}"
            schema = self.schemas.get(key)
            label = clean_label(schema.get("title")) if isinstance(schema, dict) else ""
            self._build_entity(self.by_schema[key], schema, ptr, label or humanize(key), 0)

    def _build_entity(self, name: str, schema: Any, ptr: str, label: str, depth: int) -> None:
        entity = Entity(name=name, label=label)
        self.entities[name] = entity
        props, required = self._merged(schema, ptr)
        names = NameMap()
        for prop, (sub, sub_ptr) in props.items():
            if len(entity.fields) >= MAX_FIELDS:
                self.w.add(f"more than {MAX_FIELDS} fields; the rest were skipped", ptr)
                break
            fname = names(prop)
            if fname != prop:
                self.w.add(f"field `{prop}` is called `{fname}` in the model", sub_ptr,
                           "import.rename")
            field = self.field_for(fname, prop, sub, sub_ptr, name, depth)
            if field is None:
                continue
            if prop in required and not field.required and not self._nullable(sub, sub_ptr):
                field.required = True
            entity.fields.append(field)
        if not entity.fields:
            self.w.add(f"schema `{name}` has no properties", ptr, "import.empty")

    def _nullable(self, schema: Any, ptr: str) -> bool:
        schema, _ = self.deref(schema, ptr) if isinstance(schema, dict) and "$ref" in schema \
            else (schema, ptr)
        if not isinstance(schema, dict):
            return False
        t = schema.get("type")
        alternatives = [a for combo in ("oneOf", "anyOf")
                        for a in (schema.get(combo) if isinstance(schema.get(combo), list) else [])]
        return bool(schema.get("nullable") or schema.get("x-nullable")
                    or (isinstance(t, list) and "null" in t)
                    or any(_null_schema(a) for a in alternatives))

    def field_for(self, fname: str, original: str, schema: Any, ptr: str, owner: str,
                  depth: int) -> DataField | None:
        """A DataField for one property schema."""
        described, _ = self.deref(schema, ptr)
        described = described if isinstance(described, dict) else {}
        outer = schema if isinstance(schema, dict) else {}
        label = clean_label(outer.get("title") or described.get("title")) or humanize(original)
        spec = self.type_of(schema, ptr, f"{owner}{pascal_case(original)}", fname, depth)
        if spec is None:
            return None
        ftype, fmt, values, target = spec
        read_only = bool(outer.get("readOnly") or described.get("readOnly"))
        if ftype == "string" and not fmt:
            fmt = format_from_name(fname)
        if ftype == "decimal" and re.search(r"(?i)price|amount|total|cost|fee|revenue|balance",
                                            fname):
            fmt = "currency"
        return DataField(name=fname, wire_name=wire_of(fname, original), label=label, type=ftype,
                         format=fmt, enum_values=values, entity=target, pii=looks_pii(fname),
                         read_only=read_only)

    def type_of(self, schema: Any, ptr: str, nested_name: str, fname: str, depth: int
                ) -> tuple[str, str, list[str], str] | None:
        """(type, format, enum values, target entity) for a schema; nested objects → entities."""
        if depth > _MAX_DEPTH:
            self.w.add("nesting too deep; mapped to text", ptr, "import.depth")
            return "string", "", [], ""
        if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            key = self.schema_key(schema["$ref"])
            if key is not None and key in self.schemas and self._is_object(self.schemas[key], ptr):
                return "reference", "", [], self.entity_for_schema(key)
            target, tptr = self.deref(schema, ptr)
            return self.type_of(target, tptr, nested_name, fname, depth + 1)
        if not isinstance(schema, dict):
            return "string", "", [], ""
        all_of = schema.get("allOf")
        if isinstance(all_of, list) and all_of and not schema.get("properties"):
            shaped = [p for p in all_of if isinstance(p, dict) and
                      ({"$ref", "type", "properties", "allOf", "oneOf", "anyOf", "enum"} & set(p))]
            if len(shaped) == 1:
                return self.type_of(shaped[0], f"{ptr}/allOf/{all_of.index(shaped[0])}",
                                    nested_name, fname, depth + 1)
        for combo in ("oneOf", "anyOf"):
            alternatives = schema.get(combo)
            if isinstance(alternatives, list) and alternatives:
                return self._alternatives(combo, alternatives, ptr, nested_name, fname, depth)
        stype = schema.get("type")
        if isinstance(stype, list):
            kinds = [t for t in stype if t != "null"]
            stype = kinds[0] if len(kinds) == 1 else ("string" if kinds else None)
        enum = schema.get("enum")
        if isinstance(enum, list) and enum and stype in (None, "string") and \
                all(isinstance(v, str) or v is None for v in enum):
            values = [str(v)[:200] for v in enum if v is not None][:MAX_ENUM_VALUES]
            return ("enum", "", list(dict.fromkeys(values)), "") if values else \
                ("string", "", [], "")
        if stype == "array" or (stype is None and "items" in schema):
            return self._array(schema, ptr, nested_name, fname, depth)
        if stype == "object" or isinstance(schema.get("properties"), dict) or all_of:
            return self._object(schema, ptr, nested_name, fname, depth)
        if stype == "integer":
            return "integer", "", [], ""
        if stype == "number":
            return "decimal", "", [], ""
        if stype == "boolean":
            return "boolean", "", [], ""
        if stype in ("string", None):
            return self._string(schema, fname, ptr, stype)
        self.w.add(f"unknown type `{stype}`; mapped to text", ptr, "import.type")
        return "string", "", [], ""

    def _string(self, schema: Schema, fname: str, ptr: str, stype: Any
                ) -> tuple[str, str, list[str], str]:
        fmt = str(schema.get("format") or "").lower()
        media = str(schema.get("contentMediaType") or "")
        if fmt == "date":
            return "date", "", [], ""
        if fmt in ("date-time", "datetime"):
            return "datetime", "", [], ""
        if media.startswith("image/") or (fmt in ("binary", "byte", "uri", "url")
                                          and looks_image(fname)):
            return "image", "", [], ""
        if fmt == "email" or fmt == "idn-email":
            return "string", "email", [], ""
        if fmt in ("uri", "url", "iri", "uri-reference"):
            return "string", "uri", [], ""
        if fmt in ("phone", "tel"):
            return "string", "phone", [], ""
        if stype is None and not schema.get("format") and not schema.get("enum") and \
                not schema.get("description") and not schema:
            self.w.add("schema without a type; mapped to text", ptr, "import.type")
        return "string", "", [], ""

    def _alternatives(self, combo: str, alternatives: list[Any], ptr: str, nested_name: str,
                      fname: str, depth: int) -> tuple[str, str, list[str], str]:
        real = [(i, a) for i, a in enumerate(alternatives) if not _null_schema(a)]
        consts = [a.get("const") for _, a in real if isinstance(a, dict) and "const" in a]
        if real and len(consts) == len(real):          # 3.1 enums: oneOf of const values
            if all(isinstance(v, str) for v in consts):
                return "enum", "", list(dict.fromkeys(v[:200] for v in consts))[
                    :MAX_ENUM_VALUES], ""
            if all(isinstance(v, int) and not isinstance(v, bool) for v in consts):
                return "integer", "", [], ""
            if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in consts):
                return "decimal", "", [], ""
        if len(real) == 1:
            i, alt = real[0]
            return self.type_of(alt, f"{ptr}/{combo}/{i}", nested_name, fname, depth + 1) or \
                ("string", "", [], "")
        mapped = [self.type_of(a, f"{ptr}/{combo}/{i}", nested_name, fname, depth + 1)
                  for i, a in real]
        refs = [m for m in mapped if m and m[0] == "reference"]
        if refs:
            if len({m[3] for m in refs}) > 1:
                self.w.add(f"`{combo}` of several entities; mapped to a reference to "
                           f"`{refs[0][3]}`", ptr, "import.polymorphic")
            return refs[0]
        kinds = {m[0] for m in mapped if m}
        if len(kinds) == 1:
            return next(m for m in mapped if m)  # type: ignore[return-value]
        if kinds <= {"integer", "decimal"}:
            return "decimal", "", [], ""
        self.w.add(f"`{combo}` of different types ({', '.join(sorted(kinds))}); mapped to text",
                   ptr, "import.polymorphic")
        return "string", "", [], ""

    def _array(self, schema: Schema, ptr: str, nested_name: str, fname: str, depth: int
               ) -> tuple[str, str, list[str], str]:
        items = schema.get("items")
        if isinstance(items, dict):
            mapped = self.type_of(items, f"{ptr}/items", singular(nested_name), fname, depth + 1)
            if mapped and mapped[0] == "reference":
                return "list", "", [], mapped[3]
            kind = mapped[0] if mapped else "string"
        else:
            kind = "unknown"
        self.w.add(f"list of {kind} values is not supported as a field type; mapped to text",
                   ptr, "import.array")
        return "string", "", [], ""

    def _object(self, schema: Schema, ptr: str, nested_name: str, fname: str, depth: int
                ) -> tuple[str, str, list[str], str]:
        props, _ = self._merged(schema, ptr)
        if _geo_shaped(props):
            return "geo", "", [], ""
        if not props:
            self.w.add("free-form object (no properties); mapped to text", ptr, "import.object")
            return "string", "", [], ""
        if ptr in self.nested:
            return "reference", "", [], self.nested[ptr]
        name = self.entity_names(f"nested:{ptr}", pascal_case(nested_name, "Entity"))
        self.nested[ptr] = name
        self._build_entity(name, schema, ptr, humanize(fname), depth + 1)
        return "reference", "", [], name

    # ------------------------------------------------------------------ paths
    def _operations(self) -> None:
        OpenApiOperations(self).run()

    def _key_for(self, entity: Entity, param: str, raw: str) -> str | None:
        """The key field a path parameter stands for (``param``: its placeholder name in the
        model, ``raw``: the spec's own, e.g. ``customer-id``)."""
        fields = {f.name for f in entity.fields}
        by_wire = next((f.name for f in entity.fields if f.wire == raw), None)
        if by_wire:
            return by_wire
        if param in fields:
            return param
        squashed = param.lower().replace("_", "").replace("-", "")
        ename = entity.name.lower()
        candidates = {"id", ename, ename + "id", ename + "key", ename + "code", "key", "code",
                      "uuid"}
        for variant in (squashed, squashed.removesuffix("id")):
            if variant in candidates or variant == "" or singular(variant) == ename:
                for name in ("id", "uuid", "key", "code"):
                    if name in fields:
                        return name
        for f in entity.fields:
            if f.name.lower().replace("_", "") == squashed:
                return f.name
        return None


def _null_schema(schema: Any) -> bool:
    """``{type: null}``, ``{nullable: true}`` (with at most a description): the null branch of
    a ``oneOf``/``anyOf``."""
    if not isinstance(schema, dict):
        return False
    if schema.get("type") == "null" or schema.get("const", 0) is None:
        return True
    return bool(schema.get("nullable")) and not ({"$ref", "type", "properties", "allOf", "oneOf",
                                                  "anyOf", "enum", "items"} & set(schema))


def _geo_shaped(props: dict[str, Any]) -> bool:
    """Latitude/longitude pairs and GeoJSON points are one ``geo`` value, not an entity."""
    lowered = {str(k).lower() for k in props}
    return bool(({"lat", "latitude"} & lowered and {"lng", "lon", "long", "longitude"} & lowered
                 and len(lowered) <= 4)
                or ({"type", "coordinates"} <= lowered and len(lowered) <= 3))


def _is_param(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


def _esc(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")
