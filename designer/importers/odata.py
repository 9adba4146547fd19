"""OData v2 and v4 ``$metadata`` (CSDL / EDMX, SAP Gateway style included) → an OData data source.

EntityTypes (and ComplexTypes) become entities, Properties typed fields (Edm types mapped),
keys kept, NavigationProperties references/lists, ``sap:label`` / ``Common.Label`` field labels,
EntitySets, singletons and contained navigations operations (odata_ops.py, restricted by
``sap:creatable`` & co. and Capabilities annotations), write rules from the Core/Common
vocabularies wherever they are declared (odata_annotations.py).
XML is parsed with defusedxml with DTDs forbidden: entity expansion (billion laughs) and
external entities are refused before anything is expanded. Namespaces are matched by local name,
so every CSDL/EDMX version works.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from typing import Any, Iterator

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from designer.binding.sample_data import fill_missing_samples
from designer.model.base import new_id
from designer.model.data import DataField, DataSource, Entity

from .base import (MAX_ENTITIES, MAX_ENUM_VALUES, MAX_FIELDS, ImportResult, NameMap, SpecError,
                   Warnings, clean_label, format_from_name, humanize, looks_image, looks_pii,
                   pascal_case, read_input, snake_case, to_identifier, wire_of)
from .odata_annotations import Annotations, enum_members, is_true
from .odata_calls import EDM_TYPES as _EDM, SAP_NS, CallsMixin
from .odata_ops import OperationsMixin

#: CSDL nests about 10 levels (Edmx/DataServices/Schema/EntityType/Property/Annotation/Record…).
MAX_XML_DEPTH = 100
_LABEL_TERMS = ("Common.Label", "com.sap.vocabularies.Common.v1.Label", "Core.Description",
                "Org.OData.Core.V1.Description")


def import_odata(path: str | os.PathLike[str], name: str | None = None) -> ImportResult:
    """Import an OData v2/v4 ``$metadata`` document; raise SpecError on unusable input."""
    file = str(path)
    data = read_input(file)
    root, lines = parse_xml(data, file)
    return _OData(root, lines, file, name).run()


class _LineBuilder(ET.TreeBuilder):
    """A TreeBuilder that remembers the source line of every element."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[ET.Element, int] = {}
        self.parser: Any = None
        self.depth = 0

    def start(self, tag: Any, attrs: Any) -> ET.Element:  # type: ignore[override]
        self.depth += 1
        if self.depth > MAX_XML_DEPTH:
            raise _TooDeep()
        element = super().start(tag, attrs)
        if self.parser is not None:
            self.lines[element] = self.parser.parser.CurrentLineNumber
        return element

    def end(self, tag: Any) -> ET.Element:  # type: ignore[override]
        self.depth -= 1
        return super().end(tag)


class _TooDeep(Exception):
    pass


def parse_xml(data: bytes, file: str) -> tuple[ET.Element, dict[ET.Element, int]]:
    """Parse XML safely: no DTD, no entities, no external references; errors name the line."""
    builder = _LineBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True,
                              forbid_external=True)
    builder.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except (DTDForbidden, EntitiesForbidden) as exc:
        raise SpecError(file, "the XML declares a DTD or entities; entity expansion and external "
                              "entities are refused for safety (a $metadata document never needs "
                              "them)", _expat_line(parser) or "") from exc
    except ExternalReferenceForbidden as exc:
        raise SpecError(file, "the XML refers to an external entity; refused for safety",
                        _expat_line(parser) or "") from exc
    except DefusedXmlException as exc:
        raise SpecError(file, f"unsafe XML refused: {exc}", _expat_line(parser) or "") from exc
    except ET.ParseError as exc:
        line, col = getattr(exc, "position", (None, None))
        message = str(exc).split(":")[0] if str(exc) else "invalid XML"
        raise SpecError(file, f"not well-formed XML: {message}",
                        f"{line}:{(col or 0) + 1}" if line else "") from None
    except LookupError as exc:  # the XML declaration names an encoding Python does not know
        raise SpecError(file, f"not well-formed XML: {exc}", _expat_line(parser) or "") from None
    except (RecursionError, _TooDeep):
        raise SpecError(file, f"XML nesting is deeper than {MAX_XML_DEPTH} levels",
                        _expat_line(parser) or "") from None
    return root, builder.lines


def _expat_line(parser: Any) -> int | None:
    try:
        return int(parser.parser.CurrentLineNumber)
    except Exception:  # noqa: BLE001 - best effort location only
        return None


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: ET.Element, name: str) -> Iterator[ET.Element]:
    return (c for c in element if _local(c.tag) == name)


def _attr(element: ET.Element, name: str, ns: str | None = None) -> str:
    """An attribute by local name (``ns`` selects a namespaced one such as ``sap:label``)."""
    if ns is not None:
        return element.get(f"{{{ns}}}{name}", "")
    if name in element.attrib:
        return element.attrib[name]
    return ""


class _OData(OperationsMixin, CallsMixin):
    def __init__(self, root: ET.Element, lines: dict[ET.Element, int], file: str,
                 name: str | None) -> None:
        self.root, self.lines, self.file = root, lines, file
        if _local(root.tag) not in ("Edmx", "Schema"):
            raise SpecError(file, f"not an OData $metadata document (root element is "
                                  f"`{_local(root.tag)}`, expected `edmx:Edmx`)", 1)
        self.w = Warnings(file)
        self.schemas = [e for e in root.iter() if _local(e.tag) == "Schema"]
        if not self.schemas:
            raise SpecError(file, "no `Schema` element: not an OData $metadata document", 1)
        self.version = "4" if root.get("Version", "").startswith("4") else "2"
        stem = os.path.basename(file).split(".")[0].lstrip("$") or "odata"
        namespace = next((s.get("Namespace", "") for s in self.schemas if s.get("Namespace")), "")
        if namespace.upper().endswith("_SRV"):
            stem = namespace
        self.source_name = to_identifier(name) if name else snake_case(
            stem if stem.lower() != "metadata" else namespace or "odata", "odata")[:48]
        self.aliases: dict[str, str] = {}
        for schema in self.schemas:
            ns, alias = schema.get("Namespace", ""), schema.get("Alias", "")
            if alias:
                self.aliases[alias] = ns
        for include in (e for e in root.iter() if _local(e.tag) == "Include"):
            if include.get("Alias"):
                self.aliases[include.get("Alias", "")] = include.get("Namespace", "")
        self.types: dict[str, ET.Element] = {}       # qualified name → EntityType/ComplexType
        self.enums: dict[str, list[str]] = {}
        self._type_ids: dict[int, str] = {}
        self.associations: dict[str, ET.Element] = {}
        for schema in self.schemas:
            ns = schema.get("Namespace", "")
            for element in schema:
                kind, tname = _local(element.tag), element.get("Name", "")
                qualified = f"{ns}.{tname}"
                if kind in ("EntityType", "ComplexType"):
                    self.types[qualified] = element
                elif kind == "EnumType":
                    self.enums[qualified] = [m.get("Name", "") for m in _children(element, "Member")
                                             if m.get("Name")][:MAX_ENUM_VALUES]
                elif kind == "Association":
                    self.associations[qualified] = element
        self.entity_names = NameMap(fallback="Entity")
        self.names: dict[str, str] = {q: self.entity_names(q, pascal_case(q.rsplit(".", 1)[-1]))
                                      for q in self.types}
        self.notes = Annotations(root, self.aliases, self.resolve)
        self.labels = self._external_annotations()
        self.key_types: dict[tuple[str, str], str] = {}   # (entity, key field) → Edm type

    def line(self, element: ET.Element) -> int | None:
        return self.lines.get(element)

    def resolve(self, qualified: str) -> str:
        """A type name with its alias replaced by the namespace (``self.Foo`` kept)."""
        head, _, tail = qualified.rpartition(".")
        return f"{self.aliases.get(head, head)}.{tail}" if head else qualified

    # ------------------------------------------------------------------ run
    def run(self) -> ImportResult:
        entities: dict[str, Entity] = {}
        qualified_of = {name: q for q, name in self.names.items()}
        # the first MAX_ENTITIES types, then every type they reference (a queue: a chain of
        # ComplexTypes of any length is imported whole and no reference is left dangling)
        todo = list(self.types)[:MAX_ENTITIES]
        todo.reverse()
        while todo:
            qualified = todo.pop()
            if qualified in entities:
                continue
            entities[qualified] = entity = self._entity(qualified, self.types[qualified])
            todo.extend(q for f in reversed(entity.fields) if f.entity
                        and (q := qualified_of.get(f.entity)) and q not in entities)
        if len(self.types) > len(entities):
            self.w.add(f"more than {MAX_ENTITIES} types; the rest were skipped", 1)
        self._entity_sets(entities)
        source = DataSource(id=new_id("ds"), name=self.source_name, kind="odata",
                            entities=list(entities.values()), origin=os.path.basename(self.file),
                            odata_version="4.0" if self.version == "4" else "2.0",
                            csrf=self._sap())
        if source.csrf:
            self.w.add("an SAP service: writes first fetch an x-csrf-token from the service root "
                       "(turn off `csrf` on the source if this service does not use one)",
                       self.line(self.root), "import.csrf")
        self.w.add("a $metadata document does not name the service URL; set the base URL of "
                   "the source", self.line(self.root), "import.server")
        fill_missing_samples(source)
        return ImportResult(source, self.w.items, self.file)

    def _entity(self, qualified: str, element: ET.Element) -> Entity:
        name = self.names[qualified]
        label = clean_label(_attr(element, "label", SAP_NS)) or self._label(element, qualified) \
            or humanize(qualified.rsplit(".", 1)[-1])
        entity = Entity(name=name, label=label)
        fields = NameMap()
        chain = self._base_chain(element)
        keys: list[str] = []
        for typ in chain:
            for key in _children(typ, "Key"):
                keys = [ref.get("Name", "") for ref in _children(key, "PropertyRef")]
        for typ in chain:
            type_q = self._qualified_of(typ)
            for prop in list(_children(typ, "Property")) + list(_children(typ, "NavigationProperty")):
                if len(entity.fields) >= MAX_FIELDS:
                    self.w.add(f"more than {MAX_FIELDS} properties; the rest were skipped",
                               self.line(typ))
                    break
                original = prop.get("Name", "")
                if not original:
                    continue
                fname = fields(original)
                if fname != original:
                    self.w.add(f"property `{original}` is called `{fname}` in the model",
                               self.line(prop), "import.rename")
                field = self._nav(prop, fname) if _local(prop.tag) == "NavigationProperty" \
                    else self._property(prop, fname, type_q, original in keys)
                if field is not None:
                    field.wire_name = wire_of(fname, original)
                    entity.fields.append(field)
                    if original in keys:
                        self.key_types[(name, fname)] = prop.get("Type", "Edm.String")
        entity.key = [fields.get(k) or k for k in keys if fields.get(k)]
        if any(p.get("ConcurrencyMode") == "Fixed" for typ in chain
               for p in _children(typ, "Property")):
            entity.concurrency = "etag"          # v2: the service checks an ETag on writes
        if any(_local(k) == "HasStream" and v == "true" for k, v in element.attrib.items()):
            media = fields("__media__", "media" if not entity.field("media") else None)
            entity.fields.append(DataField(name=media, label="Media", type="image",
                                           read_only=True))
            self.w.add(f"`{qualified.rsplit('.', 1)[-1]}` is a media entity (HasStream): its "
                       f"content is the read-only image field `{media}` (…/$value)",
                       self.line(element), "import.media")
        return entity

    def _base_chain(self, element: ET.Element) -> list[ET.Element]:
        chain = [element]
        seen = {id(element)}
        while chain[0].get("BaseType"):
            base = self.types.get(self.resolve(chain[0].get("BaseType", "")))
            if base is None or id(base) in seen:
                break
            seen.add(id(base))
            chain.insert(0, base)
        return chain

    def _qualified_of(self, element: ET.Element) -> str:
        if len(self._type_ids) != len(self.types):     # one index, not a scan per property
            self._type_ids = {id(e): q for q, e in self.types.items()}
        return self._type_ids.get(id(element), "")

    def _property(self, prop: ET.Element, fname: str, type_q: str,
                  key: bool = False) -> DataField | None:
        raw_type = prop.get("Type", "Edm.String")
        collection = raw_type.startswith("Collection(")
        inner = raw_type[11:-1] if collection else raw_type
        edm = inner[4:] if inner.startswith("Edm.") else None
        target, values, fmt = "", [], ""
        if edm is not None:
            ftype = _EDM.get(edm)
            if edm == "Binary":
                ftype = "image" if looks_image(fname) else "string"
            elif ftype is None:
                ftype = "string"
                self.w.add(f"Edm type `{edm}` mapped to text", self.line(prop), "import.type")
            display = _attr(prop, "display-format", SAP_NS).lower()
            if edm == "DateTime" and display == "date":
                ftype = "date"
            if edm == "String" and looks_image(fname) and _attr(prop, "semantics", SAP_NS) == "url":
                ftype = "image"
        else:
            resolved = self.resolve(inner)
            if resolved in self.enums:
                ftype, values = "enum", self.enums[resolved]
            elif resolved in self.types:
                ftype, target = ("list" if collection else "reference"), self.names[resolved]
            else:
                self.w.add(f"unknown type `{inner}` mapped to text", self.line(prop), "import.type")
                ftype = "string"
        scalars = collection and ftype not in ("list",)
        if scalars:
            self.w.add(f"collection of {ftype} values is not supported as a field type; shown "
                       "as read-only text (the app never sends it back as one value)",
                       self.line(prop), "import.array")
            ftype, values = "string", []
        semantics = _attr(prop, "semantics", SAP_NS).lower()
        if ftype == "string":
            fmt = {"email": "email", "tel": "phone", "url": "uri"}.get(semantics, "") or \
                format_from_name(fname)
        elif ftype == "decimal" and (_attr(prop, "unit", SAP_NS) or
                                     re.search(r"(?i)price|amount|total|cost|net|gross", fname)):
            fmt = "currency"
        label = clean_label(_attr(prop, "label", SAP_NS)) or \
            self._label(prop, f"{type_q}/{prop.get('Name', '')}") or humanize(prop.get("Name", ""))
        read_only, create_only, required = self._write_rules(prop, f"{type_q}/{prop.get('Name')}",
                                                          key)
        return DataField(name=fname, label=label, type=ftype, format=fmt, enum_values=values,
                         entity=target, required=required, pii=looks_pii(fname),
                         read_only=read_only or scalars, create_only=create_only)

    def _write_rules(self, prop: ET.Element, target: str,
                     key: bool) -> tuple[bool, bool, bool]:
        """(read_only, create_only, required) of a property from SAP flags and the Core /
        Common vocabularies, inline or in external ``Annotations``: Core.Computed and
        ``Common.FieldControl`` ReadOnly are read-only, ``sap:updatable=false`` (creatable)
        and Core.Immutable create-only, ``Core.Permissions`` Read read-only (create-only on a
        key: the client names the record it creates, TripPin's UserName); a value the
        server generates (computed, ``StoreGeneratedPattern``) is never a required input."""
        notes = list(self.notes.of(prop, [target]))
        terms = {self.notes.term(a): a for a in reversed(notes) if not a.get("Qualifier")}
        creatable = _attr(prop, "creatable", SAP_NS) != "false"
        updatable = _attr(prop, "updatable", SAP_NS) != "false"
        generated = is_true(terms.get("Core.Computed")) or \
            any(_local(k) == "StoreGeneratedPattern" and v in ("Identity", "Computed")
                for k, v in prop.attrib.items())
        control = enum_members(terms.get("Common.FieldControl"))
        permissions = enum_members(terms.get("Core.Permissions"))
        read_only = generated or "ReadOnly" in control or \
            (permissions == {"Read"} and not key) or (not creatable and not updatable)
        create_only = not read_only and (is_true(terms.get("Core.Immutable")) or
                                         permissions == {"Read"} or (creatable and not updatable))
        required = not generated and ("Mandatory" in control or
                                      prop.get("Nullable", "true") == "false")
        return read_only, create_only, required

    def _nav(self, prop: ET.Element, fname: str) -> DataField | None:
        label = clean_label(_attr(prop, "label", SAP_NS)) or humanize(prop.get("Name", ""))
        if prop.get("Type"):                                   # v4
            raw = prop.get("Type", "")
            many = raw.startswith("Collection(")
            target = self.resolve(raw[11:-1] if many else raw)
        else:                                                  # v2: via Association
            assoc = self.associations.get(self.resolve(prop.get("Relationship", "")))
            end = None
            if assoc is not None:
                end = next((e for e in _children(assoc, "End")
                            if e.get("Role") == prop.get("ToRole")), None)
            if end is None:
                self.w.add(f"navigation `{prop.get('Name')}`: association "
                           f"`{prop.get('Relationship')}` not found", self.line(prop),
                           "import.ref")
                return None
            target = self.resolve(end.get("Type", ""))
            many = end.get("Multiplicity") == "*"
        if target not in self.names:
            self.w.add(f"navigation `{prop.get('Name')}` targets unknown type `{target}`",
                       self.line(prop), "import.ref")
            return None
        return DataField(name=fname, label=label, type="list" if many else "reference",
                         entity=self.names[target], read_only=True)

    # ------------------------------------------------------------------ annotations
    def _label(self, element: ET.Element, target: str) -> str:
        for annotation in _children(element, "Annotation"):
            if self.notes.term(annotation) in ("Common.Label", "Core.Description"):
                text = clean_label(annotation.get("String") or (annotation.findtext("*") or ""))
                if text:
                    return text
        return self.labels.get(target, "")

    def _external_annotations(self) -> dict[str, str]:
        """``Annotations Target="NS.Type/Prop"`` label terms, keyed by resolved target."""
        labels: dict[str, str] = {}
        for target, annotations in self.notes.external.items():
            for annotation in annotations:
                if self.notes.term(annotation) in _LABEL_TERMS:
                    text = clean_label(annotation.get("String") or "")
                    if text:
                        labels.setdefault(target, text)
        return labels

    def _sap(self) -> bool:
        """True for an SAP Gateway / RAP service (they refuse writes without a CSRF token)."""
        if any(_local(e.tag) == "Include" and e.get("Namespace", "").startswith(
                "com.sap.vocabularies") for e in self.root.iter()):
            return True
        if any(s.get("Namespace", "").upper().endswith("_SRV") or
               s.get("Namespace", "").startswith("com.sap.gateway") for s in self.schemas):
            return True
        return any(k.startswith(f"{{{SAP_NS}}}") for e in self.root.iter() for k in e.attrib)
