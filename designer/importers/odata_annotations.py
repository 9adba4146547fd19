"""OData vocabulary annotations: inline ``<Annotation>`` children and external
``<Annotations Target="…">`` blocks (how SAP RAP, S/4 and CAP publish them), read by term.

Terms are matched by vocabulary, whatever alias a document gives it (``SAP__core.Computed``,
``Core.Computed`` and ``Org.OData.Core.V1.Computed`` are one term). Only what changes what the
exported app sends is read: computed and immutable properties, field control, permissions,
capability restrictions of entity sets, optimistic concurrency and drafts.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Callable, Iterable, Iterator

#: Vocabulary namespaces → the short prefix the terms are known by here.
VOCABULARIES = {
    "Org.OData.Core.V1": "Core",
    "Org.OData.Capabilities.V1": "Capabilities",
    "com.sap.vocabularies.Common.v1": "Common",
}


def local(tag: object) -> str:
    """An element's tag without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class Annotations:
    """Annotation lookup by target for one document (``resolve`` maps aliases to namespaces)."""

    def __init__(self, root: ET.Element, aliases: dict[str, str],
                 resolve: Callable[[str], str]) -> None:
        self.aliases = aliases
        self._resolve = resolve
        self.external: dict[str, list[ET.Element]] = {}
        for group in (e for e in root.iter() if local(e.tag) == "Annotations"):
            target = self.target(group.get("Target", ""))
            self.external.setdefault(target, []).extend(
                a for a in group if local(a.tag) == "Annotation")

    def target(self, raw: str) -> str:
        """A target path with the alias of its first segment resolved (``NS.Type/Prop``)."""
        head, sep, rest = raw.partition("/")
        return (self._resolve(head) if "." in head else head) + (sep + rest if sep else "")

    def term(self, annotation: ET.Element) -> str:
        """The annotation's term as ``Vocabulary.Term`` (``Core.Computed``), or as written."""
        raw = annotation.get("Term", "")
        head, _, tail = raw.rpartition(".")
        namespace = self.aliases.get(head, head)
        short = VOCABULARIES.get(namespace)
        if short:
            return f"{short}.{tail}"
        return raw

    def of(self, element: ET.Element | None, targets: Iterable[str]) -> Iterator[ET.Element]:
        """The annotations of ``element`` (inline) and of each external ``target``."""
        if element is not None:
            yield from (a for a in element if local(a.tag) == "Annotation")
        for target in targets:
            yield from self.external.get(target, ())

    def find(self, term: str, element: ET.Element | None,
             targets: Iterable[str]) -> ET.Element | None:
        """The first annotation with ``term`` (no qualifier) on ``element`` or the targets."""
        return next((a for a in self.of(element, targets)
                     if self.term(a) == term and not a.get("Qualifier")), None)


def is_true(annotation: ET.Element | None) -> bool:
    """A Bool-valued annotation's value (an annotation without a value means true)."""
    if annotation is None:
        return False
    if annotation.get("Bool") is not None:
        return annotation.get("Bool", "").strip().lower() == "true"
    child = next((c for c in annotation if local(c.tag) == "Bool"), None)
    return child is None or (child.text or "").strip().lower() == "true"


def enum_members(annotation: ET.Element | None) -> set[str]:
    """The member names of an enum-valued annotation (``…/ReadOnly`` → ``ReadOnly``)."""
    if annotation is None:
        return set()
    texts = [annotation.get("EnumMember", "")]
    texts += [c.text or "" for c in annotation.iter() if local(c.tag) == "EnumMember"]
    return {m.rsplit("/", 1)[-1] for text in texts for m in text.split() if m}


def record_flag(annotation: ET.Element | None, prop: str) -> bool | None:
    """The Bool ``PropertyValue`` ``prop`` of the annotation's own record (not of records
    nested in it, such as NavigationRestrictions' per-navigation ones), or None."""
    if annotation is None:
        return None
    record = next((c for c in annotation if local(c.tag) == "Record"), None)
    if record is None:
        return None
    for value in record:
        if local(value.tag) == "PropertyValue" and value.get("Property") == prop:
            return is_true(value)
    return None
