"""Safe loading of JSON and YAML contracts: size limits, alias-bomb and recursion protection."""

from __future__ import annotations

from typing import Any

import orjson
import yaml

from .base import SpecError, decode_text

#: Re-used (aliased) YAML collections accepted in one document; real specs use a handful.
MAX_ALIASES = 50_000
#: Nodes of the document once every alias is expanded (a billion-laughs YAML stays tiny on disk
#: but explodes here; a 50 MB spec has far fewer than this).
MAX_EXPANDED_NODES = 5_000_000
MAX_NESTING = 200


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_structured(data: bytes, file: str) -> Any:
    """Parse JSON (if it starts with ``{``/``[``) or YAML (safe subset) and check its size."""
    text = decode_text(data, file)
    head = text.lstrip()[:1]
    if not head:
        raise SpecError(file, "the file is empty")
    if head in "{[":
        try:
            value = orjson.loads(text.encode("utf-8", "surrogatepass"))
        except orjson.JSONDecodeError as exc:
            line, col = getattr(exc, "lineno", None), getattr(exc, "colno", None)
            msg = getattr(exc, "msg", str(exc))
            if "recursion" in msg.lower() or "depth" in msg.lower():
                msg = "nesting is too deep"
            raise SpecError(file, f"not valid JSON: {msg}",
                            f"{line}:{col}" if line else "") from None
    else:
        value = _load_yaml(text, file)
    check_expanded_size(value, file)
    return value


def _check_yaml_depth(text: str, file: str) -> None:
    """Walk the event stream (no objects built) and refuse deep nesting before composing:
    libyaml's composer recurses in C and a hostile document could overflow the stack."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_NESTING:
                    mark = event.start_mark
                    raise SpecError(file, f"nesting is deeper than {MAX_NESTING} levels",
                                    f"{mark.line + 1}:{mark.column + 1}" if mark else "")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return                      # reported with its location by the real load


def _load_yaml(text: str, file: str) -> Any:
    _check_yaml_depth(text, file)
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = exc.problem or "invalid YAML"
        if "could not determine a constructor" in str(exc):
            problem = "YAML tags that create objects are not allowed (" + \
                      str(exc.problem).split("for the tag")[-1].strip() + ")"
        raise SpecError(file, f"not valid YAML: {problem}", where) from None
    except yaml.YAMLError as exc:
        raise SpecError(file, f"not valid YAML: {exc}") from None
    except RecursionError:
        raise SpecError(file, "nesting is too deep") from None
    finally:
        loader.dispose()


def check_expanded_size(value: Any, file: str) -> None:
    """Refuse self-referencing or exponentially expanding documents (shared nodes counted per use)."""
    sizes: dict[int, int] = {}
    active: set[int] = set()
    shared_uses = 0
    # iterative post-order: (node, depth, children_done)
    stack: list[tuple[Any, int, bool]] = [(value, 0, False)]
    while stack:
        node, depth, done = stack.pop()
        if not isinstance(node, (dict, list)):
            continue
        key = id(node)
        if done:
            active.discard(key)
            children = node.values() if isinstance(node, dict) else node
            total = 1 + sum(sizes.get(id(c), 1) for c in children)
            if total > MAX_EXPANDED_NODES:
                raise SpecError(file, f"the document expands to more than {MAX_EXPANDED_NODES:,} "
                                      "values (YAML alias bomb?); refused")
            sizes[key] = total
            continue
        if key in sizes:
            shared_uses += 1
            if shared_uses > MAX_ALIASES:
                raise SpecError(file, f"more than {MAX_ALIASES:,} YAML aliases (alias bomb?); "
                                      "refused")
            continue
        if key in active:
            raise SpecError(file, "the document refers to itself through a YAML alias; refused")
        if depth > MAX_NESTING:
            raise SpecError(file, f"nesting is deeper than {MAX_NESTING} levels")
        active.add(key)
        stack.append((node, depth, True))
        children = node.values() if isinstance(node, dict) else node
        stack.extend((c, depth + 1, False) for c in children if isinstance(c, (dict, list)))
