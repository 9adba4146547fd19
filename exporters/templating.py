"""Jinja2 set-up shared by every target: strict undefined, explicit per-context filters, and a
template tree mirrored into the output (``*.jinja`` rendered, the rest copied). Every template
renders in ``template_sandbox.TemplateSandbox``.

Autoescape is off on purpose: HTML escaping does not protect JS, CSS, JSON or Dart. Instead every
``{{ … }}`` must end in one of the target's escaping filters, which return ``Escaped``; the
``finalize`` hook refuses anything else, so a template that forgets to escape fails to render.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .output import UnsafePathError, check_relative
from .template_sandbox import TemplateSandbox

TEMPLATE_SUFFIX = ".jinja"
#: A path segment ``[screen]`` makes the template render once per item of that collection.
_PER_ITEM_RE = re.compile(r"\[([a-z_]+)\]")


class Escaped(str):
    """Text already escaped for the context it is written into."""


class TemplateOverrideError(ValueError):
    """A ``--templates`` folder holds something that cannot override a built-in template."""


def escaping(func: Callable[..., str]) -> Callable[..., Escaped]:
    """Wrap an escaping function so its result is accepted by ``finalize``."""
    def filter_(value: Any, *args: Any, **kwargs: Any) -> Escaped:
        return Escaped(func(value, *args, **kwargs))
    filter_.__name__ = getattr(func, "__name__", "filter")
    filter_.__doc__ = func.__doc__
    return filter_


def _finalize(value: Any) -> Any:
    if isinstance(value, Escaped) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value
    raise jinja2.TemplateError(f"unescaped value {str(value)[:60]!r} in a template: pass it "
                               "through the filter for its context (e.g. `| js_str`, `| html_text`)")


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept for the process: repeated exports (the designer's preview, the
    capability tests) skip recompiling. A bucket is keyed by template name and file and checked
    against the source's checksum, so an edited or user-overridden template is compiled anew."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _MemoryBytecodeCache()


def make_environment(builtin: Path, user: Path | None,
                     filters: Mapping[str, Callable[..., Any]]) -> jinja2.Environment:
    """A sandboxed environment loading ``user`` overrides first, then the built-in templates."""
    loaders: list[jinja2.BaseLoader] = []
    if user is not None:
        loaders.append(jinja2.FileSystemLoader(str(user), followlinks=False))
    loaders.append(jinja2.FileSystemLoader(str(builtin)))
    env = TemplateSandbox(loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
                          autoescape=False, keep_trailing_newline=True, trim_blocks=True,
                          lstrip_blocks=True, finalize=_finalize, auto_reload=False,
                          bytecode_cache=_BYTECODE)
    env.filters.update({name: escaping(f) if not getattr(f, "raw_filter", False) else f
                        for name, f in filters.items()})
    return env


def raw_filter(func: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a filter that returns data for further filtering (not text for output)."""
    func.raw_filter = True  # type: ignore[attr-defined]
    return func


@dataclass(frozen=True)
class TemplateFile:
    """One file of a template tree: its path relative to the tree and whether to render it."""

    rel: str
    rendered: bool

    @property
    def out_pattern(self) -> str:
        """Output path pattern (``.jinja`` removed, ``[item]`` segments still in place)."""
        return self.rel[: -len(TEMPLATE_SUFFIX)] if self.rendered else self.rel

    @property
    def collection(self) -> str | None:
        """The collection this template renders once per item of, if any."""
        found = _PER_ITEM_RE.search(self.rel)
        return found.group(1) if found else None


def template_tree(root: Path) -> list[TemplateFile]:
    """Every file under ``root`` (sorted), skipping editor litter; symlinks are refused."""
    files = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(names):
            path = Path(folder, name)
            if name.endswith((".pyc", "~")) or name.startswith(".#"):
                continue
            if path.is_symlink():
                raise UnsafePathError(f"template {path} is a symbolic link")
            rel = path.relative_to(root).as_posix()
            files.append(TemplateFile(rel, rel.endswith(TEMPLATE_SUFFIX)))
    return files


def check_overrides(user: Path, builtin: list[TemplateFile]) -> list[str]:
    """Relative paths of the user's override templates; refuses unknown names, symbolic links
    (files and folders: a linked folder would copy files from anywhere into the export) and
    anything that is not a regular file (a FIFO would hang the export)."""
    if not user.is_dir():
        raise TemplateOverrideError(f"{user}: templates folder does not exist")
    known = {t.rel for t in builtin}
    found = []
    for folder, dirs, names in os.walk(user):
        dirs[:] = sorted(dirs)
        for name in dirs:
            if Path(folder, name).is_symlink():
                raise TemplateOverrideError(f"{Path(folder, name)}: symbolic links to folders are "
                                            "not accepted in a templates folder")
        for name in sorted(names):
            path = Path(folder, name)
            rel = path.relative_to(user).as_posix()
            if path.is_symlink():
                raise TemplateOverrideError(f"{path}: symbolic links are not accepted as templates")
            if not stat.S_ISREG(path.lstat().st_mode):
                raise TemplateOverrideError(f"{path}: not a regular file")
            if rel not in known:
                near = [k for k in sorted(known) if k.rsplit("/", 1)[-1] == name]
                hint = f" (did you mean `{near[0]}`?)" if near else ""
                raise TemplateOverrideError(f"{path}: no built-in template `{rel}` to override"
                                            f"{hint}")
            found.append(rel)
    return found


def expand_path(pattern: str, collection: str | None, stem: str | None) -> str:
    """The output path for one item (``[screen]`` → the item's file stem), checked as safe."""
    path = pattern if collection is None else pattern.replace(f"[{collection}]", stem or "")
    if _PER_ITEM_RE.search(path):
        raise UnsafePathError(f"template path {pattern!r} names more than one collection")
    return check_relative(path)


def iter_renders(files: list[TemplateFile], collections: Mapping[str, list[tuple[str, Any]]]
                 ) -> Iterator[tuple[TemplateFile, str, dict[str, Any]]]:
    """(template, output path, extra context) for every file to produce."""
    for tf in files:
        coll = tf.collection
        if coll is None:
            yield tf, expand_path(tf.out_pattern, None, None), {}
            continue
        if coll not in collections:
            raise KeyError(f"template {tf.rel!r} uses unknown collection [{coll}]")
        for stem, item in collections[coll]:
            yield tf, expand_path(tf.out_pattern, coll, stem), {coll: item}
