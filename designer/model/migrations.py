"""Schema migrations: small functions on the raw dict, chained from a file's version to the current.

Register each step with ``@migrator(from_version, to_version)``; ``migrate`` applies them in order.
"""

from __future__ import annotations

from typing import Any, Callable

from .app import SCHEMA_URL, SCHEMA_VERSION
from .operations import PLACEHOLDER_RE

Migration = Callable[[dict[str, Any]], dict[str, Any]]
_MIGRATIONS: dict[int, tuple[int, Migration]] = {}


def migrator(from_version: int, to_version: int) -> Callable[[Migration], Migration]:
    """Register a migration from one schema version to the next."""

    def register(func: Migration) -> Migration:
        if from_version in _MIGRATIONS:
            raise ValueError(f"a migration from version {from_version} already exists")
        _MIGRATIONS[from_version] = (to_version, func)
        return func

    return register


def migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Bring ``data`` (of schema ``version``) up to ``SCHEMA_VERSION``."""
    while version < SCHEMA_VERSION:
        if version not in _MIGRATIONS:
            raise ValueError(f"no migration from schema version {version}")
        version, func = _MIGRATIONS[version]
        data = func(data)
        data["schema_version"] = version
    return data


def _walk_widgets(node: Any, visit: Callable[[dict[str, Any]], None]) -> None:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            visit(item)
            stack.extend(item.get("children") or [])


@migrator(1, 2)
def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """v1 called the widget discriminator ``type``, the a11y label ``accessibility`` and the theme
    colours ``*_color``; v2 renamed them and added ``$schema``."""

    def widget(w: dict[str, Any]) -> None:
        if "type" in w and "kind" not in w:
            w["kind"] = w.pop("type")
        if "accessibility" in w:
            w["a11y_label"] = w.pop("accessibility")

    for screen in data.get("screens") or []:
        if isinstance(screen, dict):
            _walk_widgets(screen.get("root"), widget)
    theme = data.get("theme")
    if isinstance(theme, dict):
        for key in [k for k in theme if k.endswith("_color")]:
            theme[key.removesuffix("_color")] = theme.pop(key)
    data["$schema"] = SCHEMA_URL
    return data


@migrator(2, 3)
def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """v2 operations listed their path placeholders as bare names, filled at run time from the
    record's field of the same name; v3 declares each as a path parameter with its value
    (``record.<field>``), and leaves a placeholder no field fills without a value, so validate
    reports it instead of the app calling ``/items/undefined``."""
    for source in data.get("data_sources") or []:
        for entity in (source.get("entities") or []) if isinstance(source, dict) else []:
            if not isinstance(entity, dict):
                continue
            fields = {f.get("name") for f in entity.get("fields") or [] if isinstance(f, dict)}
            for op in entity.get("operations") or []:
                if isinstance(op, dict):
                    _v3_params(op, fields)
    data["$schema"] = SCHEMA_URL
    return data


def _v3_params(op: dict[str, Any], fields: set[Any]) -> None:
    old = op.get("params")
    if old is not None and not (isinstance(old, list) and all(isinstance(p, str) for p in old)):
        return                      # not v2 data: the schema check reports it where it is
    path = op.get("path") if isinstance(op.get("path"), str) else ""
    names = list(dict.fromkeys([*(old or []), *PLACEHOLDER_RE.findall(path)]))
    params = []
    for name in names:
        param: dict[str, Any] = {"name": name, "location": "path", "required": True}
        if name in fields:
            param["value"] = f"record.{name}"
        params.append(param)
    if params or old is not None:
        op["params"] = params


@migrator(3, 4)
def _v3_to_v4(data: dict[str, Any]) -> dict[str, Any]:
    """v4 added the app's ``sign_in`` (default: none) and the auth scheme ``user``; a v3 file
    has neither, so only its ``$schema`` changes."""
    data["$schema"] = SCHEMA_URL
    return data
