"""External ``$ref``s of an OpenAPI contract split over files: bundled into one document.

Only files in the contract's own folder (or below it) are read: a reference that leaves the
folder (``../``, an absolute path), a URL or a file over the size limit is refused with a
warning, so a contract can never make us read elsewhere or go on the network. Each referenced
file is loaded once; a whole-file schema (``Pet.yaml``) becomes the named schema ``Pet``.
"""

from __future__ import annotations

import os
import re
from typing import Any
from urllib.parse import unquote

from .base import SpecError, Warnings, read_input
from .structured import load_structured

#: Files read for one contract.
MAX_FILES = 64
_SCHEMA_KEYS = {"type", "properties", "allOf", "oneOf", "anyOf", "items", "enum"}


def _esc(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


class Bundler:
    """Rewrites external references of ``doc`` into local ``#/...`` ones."""

    def __init__(self, doc: dict[str, Any], file: str, v2: bool, w: Warnings) -> None:
        self.doc, self.w = doc, w
        self.root = os.path.realpath(os.path.dirname(os.path.abspath(file)))
        self.main = os.path.realpath(os.path.abspath(file))
        self.files: dict[str, Any] = {}             # real path → loaded document
        self.done: dict[str, str] = {}              # "file#pointer" → local pointer
        self.schemas_ptr = "#/definitions" if v2 else "#/components/schemas"
        self.external = 0
        self.refused: dict[str, tuple[str, int]] = {}
        self.why: dict[str, str] = {}

    def run(self) -> None:
        self._walk(self.doc, self.main, "#", 0)

    def _walk(self, node: Any, base: str, ptr: str, depth: int) -> None:
        if depth > 64:
            return
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                local = self._resolve(ref, base, ptr)
                node["$ref"] = local if local else "#/x-unresolved"
            elif isinstance(ref, str) and base != self.main:
                node["$ref"] = self._resolve(os.path.basename(base) + ref, base, ptr) or \
                    "#/x-unresolved"
            for key, value in list(node.items()):
                if key != "$ref":
                    self._walk(value, base, f"{ptr}/{_esc(str(key))}", depth + 1)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                self._walk(value, base, f"{ptr}/{i}", depth + 1)

    def _resolve(self, ref: str, base: str, ptr: str) -> str | None:
        target, _, fragment = ref.partition("#")
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target) or target.startswith("//"):
            self._refuse(ref, ptr, "is a URL; it is not fetched (only files in the contract's "
                                   "folder are read)")
            return None
        path = os.path.realpath(os.path.join(os.path.dirname(base), unquote(target)))
        if os.path.commonpath([path, self.root]) != self.root or target.startswith("/"):
            self._refuse(ref, ptr, "leaves the contract's folder; it is not followed")
            return None
        key = f"{path}#{fragment}"
        if key in self.done:
            return self.done[key]
        if path == self.main:
            return "#" + fragment
        loaded = self._load(path, ref, ptr)
        if loaded is None:
            return None
        node: Any = loaded
        for raw in [p for p in fragment.split("/") if p]:
            part = unquote(raw).replace("~1", "/").replace("~0", "~")
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            self.w.add(f"reference `{ref[:200]}` does not resolve", ptr, "import.ref")
            return None
        stem = re.sub(r"\W", "_", os.path.splitext(os.path.basename(path))[0]) or "Schema"
        name = fragment.rstrip("/").split("/")[-1] if fragment.strip("/") else stem
        schema_like = isinstance(node, dict) and bool(_SCHEMA_KEYS & set(node))
        local = self._place(name, node, schema_like)
        self.done[key] = local
        self._walk(node, path, local, 1)
        return local

    def _refuse(self, ref: str, ptr: str, why: str) -> None:
        self.why[ref] = why
        first, count = self.refused.get(ref, (ptr, 0))
        self.refused[ref] = (first, count + 1)

    def report(self) -> None:
        for ref, (ptr, count) in self.refused.items():
            more = f" ({count} uses)" if count > 1 else ""
            self.w.add(f"reference `{ref[:200]}`{more} {self.why.get(ref, '')}", ptr,
                       "import.ref")

    def _place(self, name: str, node: Any, schema_like: bool) -> str:
        if schema_like:
            where = self.doc
            for part in self.schemas_ptr[2:].split("/"):
                where = where.setdefault(part, {}) if isinstance(where, dict) else {}
            pointer = self.schemas_ptr
        else:
            where = self.doc.setdefault("x-external", {})
            pointer = "#/x-external"
        if not isinstance(where, dict):
            where = self.doc.setdefault("x-external", {})
            pointer = "#/x-external"
        unique, n = name, 2
        while unique in where:
            unique, n = f"{name}_{n}", n + 1
        where[unique] = node
        self.external += 1
        return f"{pointer}/{_esc(unique)}"

    def _load(self, path: str, ref: str, ptr: str) -> Any:
        if path in self.files:
            return self.files[path]
        if len(self.files) >= MAX_FILES:
            self.w.add(f"more than {MAX_FILES} referenced files; `{ref[:200]}` is not read",
                       ptr, "import.ref")
            return None
        try:
            loaded = load_structured(read_input(path), path)
        except SpecError as exc:
            self.w.add(f"reference `{ref[:200]}`: {exc.message}", ptr, "import.ref")
            loaded = None
        self.files[path] = loaded
        return loaded


def bundle(doc: dict[str, Any], file: str, v2: bool, w: Warnings) -> int:
    """Rewrite the external references of ``doc`` in place; the number of parts brought in."""
    bundler = Bundler(doc, file, v2, w)
    bundler.run()
    bundler.report()
    return bundler.external
