"""Read and write ``*.fieldcraft.json`` model files: canonical, atomic, checked, migrated."""

from __future__ import annotations

import difflib
from dataclasses import replace
import errno
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any, Iterable, get_args

import orjson
from pydantic import BaseModel, ValidationError

from widgets import MODELS

from .app import SCHEMA_VERSION, App
from .errors import ModelFileError, NewerVersionError, SaveError
from .gc_pause import gc_paused
from .input_file import not_regular
from .jsonlocate import line_of, locate_all
from .large_file import LOW_MEMORY_BYTES, parse_large
from .migrations import migrate
from .problems import Problem, format_path

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 200
MODEL_SUFFIX = ".fieldcraft.json"
_MAX_REPORTED = 50


def dumps(app: App) -> bytes:
    """Canonical bytes: declared key order (sorted maps), defaults omitted, 2-space indent, ``\\n``."""
    with gc_paused():
        data = app.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"


def load(path: str | os.PathLike[str]) -> App:
    """Read, check, migrate and validate a model file; raise ModelFileError naming the problem."""
    file = str(path)
    why = not_regular(file)
    if why:
        raise ModelFileError(file, f"cannot read file: {why}")
    try:
        size = os.stat(file).st_size
        if size > MAX_FILE_BYTES:
            raise ModelFileError(file, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        if size > LOW_MEMORY_BYTES:
            app = _load_large(file)
            if app is not None:
                return app
        data = _read(file)
    except OSError as exc:
        raise ModelFileError(file, f"cannot read file: {exc.strerror or exc}") from None
    return loads(data, file)


def _read(file: str) -> bytes:
    with open(file, "rb") as fh:
        return fh.read(MAX_FILE_BYTES + 1)


def _load_large(file: str) -> App | None:
    """A big valid model with the least memory held at once: the bytes are dropped once
    decoded, the text once parsed (``large_file``). None when anything is unusual (an error
    to report, a construct only orjson judges): then ``loads`` reads it again and reports
    exactly as for any file."""
    with gc_paused(freeze=True):
        raw = parse_large(file, MAX_FILE_BYTES + 1)
        if raw is None:
            return None
        try:
            raw = _upgrade(raw, file)
            _check_depth(raw, file)
            return App.model_validate(raw)
        except (ModelFileError, ValidationError):
            return None


def loads(data: bytes | str, file: str = "<model>") -> App:
    """Parse model-file content (see ``load``)."""
    with gc_paused(freeze=True):  # ~100k objects: the collector's passes cost more than parsing
        raw = parse_json(data, file)
        try:
            raw = _upgrade(raw, file)
            _check_depth(raw, file)
        except ModelFileError as exc:
            if exc.path and exc.line is None:
                exc.line = _line(data, exc.path_tuple)
            raise
        try:
            return App.model_validate(raw)
        except ValidationError as exc:
            failure = exc
    problems = validation_problems(failure, raw, file, data)
    head = problems[0]
    raise ModelFileError(file, head.message, head.path_text, head.line, head.suggestion,
                         problems) from None


def parse_json(data: bytes | str, file: str) -> dict[str, Any]:
    """Decode UTF-8 JSON into a dict, with a located message on any failure."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if len(data) > MAX_FILE_BYTES:
        raise ModelFileError(file, f"content is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096]:
        raise ModelFileError(file, "this is a binary file, not a Fieldcraft model (JSON text)")
    try:
        raw = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        line = exc.lineno if isinstance(getattr(exc, "lineno", None), int) else None
        msg = str(exc.msg if hasattr(exc, "msg") else exc)
        if "depth" in msg:
            msg = "nesting is too deep (more than 1024 levels)"
        elif "utf-8" in msg.lower() or "surrogate" in msg.lower():
            msg = "the file is not valid UTF-8 text"
        elif not data.strip():
            msg = "the file is empty"
        else:
            msg = f"not valid JSON: {msg}"
        raise ModelFileError(file, msg, line=line) from None
    if not isinstance(raw, dict):
        raise ModelFileError(file, "a model file must hold a JSON object at the top level", line=1)
    return raw


def _upgrade(raw: dict[str, Any], file: str) -> dict[str, Any]:
    version = raw.get("schema_version")
    if version is None:
        raise ModelFileError(file, "missing `schema_version`; is this a Fieldcraft model file?")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ModelFileError(file, f"`schema_version` must be a positive integer, not {version!r}",
                             "schema_version", path_tuple=("schema_version",))
    if version > SCHEMA_VERSION:
        raise NewerVersionError(
            file, f"the file uses model schema version {version}, but this Fieldcraft reads "
                  f"version {SCHEMA_VERSION} at most; update Fieldcraft to open it "
                  f"(the file was not changed)", "schema_version", path_tuple=("schema_version",))
    if version < SCHEMA_VERSION:
        try:
            raw = migrate(raw, version)
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            raise ModelFileError(file, f"cannot migrate from schema version {version}: {exc}") from None
    return raw


def _check_depth(raw: Any, file: str) -> None:
    stack: list[tuple[Any, int]] = [(raw, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            path = _too_deep(raw)
            exc = ModelFileError(file, f"the model is nested more than {MAX_DEPTH} levels deep",
                                 format_path(path[:6]) + "…")
            exc.path_tuple = path
            raise exc
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node if isinstance(v, (dict, list)))


def _too_deep(raw: Any) -> tuple[str | int, ...]:
    """The path of the first value nested deeper than MAX_DEPTH (only run on that error)."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(raw, ())]
    while stack:
        node, path = stack.pop()
        if len(path) >= MAX_DEPTH:
            return path
        items = node.items() if isinstance(node, dict) else enumerate(node)
        stack.extend((v, path + (k,)) for k, v in items if isinstance(v, (dict, list)))
    return ()


def _line(data: bytes | str, path: tuple[str | int, ...]) -> int | None:
    return line_of(data, path) if path else None


def _known_keys() -> set[str]:
    keys: set[str] = set()
    seen: set[type] = set()
    todo: list[type[BaseModel]] = [App, *MODELS.values()]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for name, info in cls.model_fields.items():
            keys.add(info.alias or name)
            todo.extend(_models_in(info.annotation))
    return keys


def _models_in(annotation: Any) -> Iterable[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in get_args(annotation):
        yield from _models_in(arg)


_KEYS: set[str] | None = None


def validation_problems(exc: ValidationError, raw: Any, file: str, text: bytes | str
                        ) -> list[Problem]:
    """Turn pydantic errors into located problems (tag names stripped from paths)."""
    global _KEYS
    problems: list[Problem] = []
    for err in exc.errors(include_url=False)[:_MAX_REPORTED]:
        path = _data_path(raw, err["loc"])
        message, suggestion = err["msg"], None
        if err["type"] == "extra_forbidden" and path:
            _KEYS = _KEYS or _known_keys()
            message = f"unknown property `{path[-1]}`"
            close = difflib.get_close_matches(str(path[-1]), sorted(_KEYS), n=1, cutoff=0.75)
            suggestion = close[0] if close else None
        elif err["type"] == "union_tag_invalid":
            tag = err.get("ctx", {}).get("tag", "")
            expected = err.get("ctx", {}).get("expected_tags", "")
            message = f"unknown kind `{tag}`; expected one of {expected}"
            close = difflib.get_close_matches(str(tag), sorted(MODELS), n=1, cutoff=0.6)
            suggestion = close[0] if close else None
        elif err["type"] == "missing":
            message = f"missing required property `{path[-1]}`" if path else message
        elif err["type"] == "string_pattern_mismatch" and path and path[-1] == "name":
            message = "a name must start with a letter or _ and hold only letters, digits and _"
        problems.append(Problem(message, tuple(path), code=f"schema.{err['type']}",
                                suggestion=suggestion, file=file))
    lines = locate_all(text, [p.path for p in problems])
    problems = [replace(p, line=lines.get(p.path)) for p in problems]
    return problems or [Problem("invalid model", file=file)]


def _data_path(raw: Any, loc: tuple[Any, ...]) -> list[str | int]:
    """Map a pydantic ``loc`` onto the raw data, dropping discriminator tags and wrappers."""
    path: list[str | int] = []
    node = raw
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(part, str) and part in ("[key]", "function-after[...]"):
            continue
        elif isinstance(node, dict) and isinstance(part, str) and (
                part in (node.get("kind"), node.get("type"), node.get("rule"))
                or re.match(r"^[a-z-]+\[", part)):
            continue
        else:
            path.append(part)
            node = None
    return path


def save(app: App, path: str | os.PathLike[str], backup: bool = True) -> None:
    """Write ``app`` atomically: temp file in the same folder, fsync, rename, fsync folder.

    The previous file (if any) is kept as ``<name>.bak``. On any failure the original is
    untouched, no temp file is left behind and SaveError is raised.
    """
    write_atomic(Path(path), dumps(app), backup=backup)


def write_atomic(target: Path, content: bytes, backup: bool = True,
                 new_mode: int | None = None) -> None:
    """Atomically replace ``target`` with ``content`` (see ``save``). An existing file keeps
    its mode; a new one gets ``new_mode``, by default 0666 & ~umask.

    A symlink is written through: its target is replaced (and backed up) and the link stays.
    """
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    folder = target.parent if str(target.parent) else Path(".")
    tmp_name = ""
    remove_stale_temps(folder, target.name)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp",
                                        dir=folder)
        try:
            view = memoryview(content)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
            # an existing file keeps its mode; a new one gets 0666 & ~umask, as editors do
            # (mkstemp creates 0600)
            os.fchmod(fd, target.stat().st_mode & 0o7777 if target.exists()
                      else 0o666 & ~current_umask() if new_mode is None else new_mode)
        finally:
            os.close(fd)
        if backup and target.exists():
            _keep_backup(target)
        os.replace(tmp_name, target)
        tmp_name = ""
        _fsync_dir(folder)
    except OSError as exc:
        reason = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is exceeded",
                  errno.EACCES: "permission denied", errno.EROFS: "the disk is read-only"
                  }.get(exc.errno or 0, exc.strerror or str(exc))
        raise SaveError(f"{target}: could not save ({reason}); the file on disk is unchanged") from None
    finally:
        if tmp_name:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


#: A temp file or folder older than this is stale even if a process with its pid is running
#: (pids are reused; no save or export takes that long).
STALE_AFTER_S = 10 * 60


def current_umask() -> int:
    """The process's umask (read from /proc where possible: setting it is not thread-safe)."""
    try:
        with open("/proc/self/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True       # someone else's process (or a nonsense pid): leave its file alone
    return True


def stale_entries(folder: Path, patterns: Iterable[re.Pattern[str]], dirs: bool) -> list[Path]:
    """Our own left-over temps in ``folder``: names matching one of ``patterns`` (group
    ``pid`` optional: the writer's pid) that are regular files (or real folders if ``dirs``),
    written by a process that is gone, or older than ``STALE_AFTER_S`` whoever wrote them."""
    found: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    now = time.time()
    for entry in entries:
        match = next((m for m in (p.fullmatch(entry.name) for p in patterns) if m), None)
        if match is None:
            continue
        try:
            if not (entry.is_dir(follow_symlinks=False) if dirs
                    else entry.is_file(follow_symlinks=False)):
                continue
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_S
        except OSError:
            continue
        pid = match.groupdict().get("pid")
        if old or (pid is not None and not _pid_alive(int(pid))):
            found.append(Path(entry.path))
    return found


def remove_stale_temps(folder: Path, name: str) -> None:
    """Delete the temp files a killed save of ``name`` left in ``folder``: only our own
    ``.NAME.PID.XXXXXXXX.tmp`` (and the pid-less ``.NAME.XXXXXXXX.tmp`` of older versions),
    see ``stale_entries`` for when one is stale. Errors are ignored: this is tidying up."""
    quoted = re.escape(name)
    patterns = [re.compile(rf"\.{quoted}\.(?P<pid>\d{{1,10}})\.[a-z0-9_]{{8}}\.tmp"),
                re.compile(rf"\.{quoted}\.[a-z0-9_]{{8}}\.tmp")]
    for path in stale_entries(folder, patterns, dirs=False):
        try:
            path.unlink()
        except OSError:
            pass


def _keep_backup(target: Path) -> None:
    bak = target.with_name(target.name + ".bak")
    tmp_bak = target.with_name(f".{target.name}.bak.tmp")
    try:
        if tmp_bak.exists():
            tmp_bak.unlink()
        try:
            os.link(target, tmp_bak)
        except OSError:
            tmp_bak.write_bytes(target.read_bytes())
        os.replace(tmp_bak, bak)
    finally:
        if tmp_bak.exists():
            tmp_bak.unlink()


def _fsync_dir(folder: Path) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def format_problems(problems: Iterable[Problem]) -> str:
    """One line per problem, ``FILE:LINE: PATH: message``."""
    return "\n".join(p.format() for p in problems)


__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "MODEL_SUFFIX", "dumps", "format_path",
           "format_problems", "load", "loads", "parse_json", "save", "write_atomic"]
