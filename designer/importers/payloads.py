"""Service payloads around sample records: page wrappers, OData v2 ``d``/``__metadata`` and
Salesforce ``attributes``, recognised so the records (not the envelope) become entities."""

from __future__ import annotations

from typing import Any

_MAX_DEPTH = 8
_SALESFORCE_ATTRIBUTES = frozenset({"type", "url", "referenceId"})


PAGE_WRAPPERS = frozenset({"value", "data", "items", "results", "records", "rows", "entries",
                            "elements", "hits", "objects", "content", "list"})


def unwrap_odata(data: Any) -> tuple[Any, str]:
    """An OData v2 JSON payload ``{"d": {"results": […]}}`` / ``{"d": {…}}`` unwrapped, with
    the JSON pointer of what is left."""
    if isinstance(data, dict) and len(data) == 1 and isinstance(data.get("d"), dict):
        inner = data["d"]
        if isinstance(inner.get("results"), list):
            return _without_v2_metadata(inner["results"]), "#/d/results"
        return _without_v2_metadata(inner), "#/d"
    return data, "#"


def _without_v2_metadata(value: Any, depth: int = 0) -> Any:
    """Records without OData v2's ``__metadata``; unexpanded ``{"__deferred": …}`` links are
    null and expanded ``{"results": […]}`` collections plain lists."""
    if depth > _MAX_DEPTH:
        return value
    if isinstance(value, list):
        return [_without_v2_metadata(v, depth + 1) for v in value]
    if not isinstance(value, dict):
        return value
    if "__deferred" in value:
        return None
    if set(value) == {"results"} and isinstance(value["results"], list):
        return _without_v2_metadata(value["results"], depth + 1)
    return {k: _without_v2_metadata(v, depth + 1) for k, v in value.items() if k != "__metadata"}


def record_type(records: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Salesforce records (REST query results, tree exports) name their type in
    ``attributes: {"type": "Opportunity", …}``: that type (when every record has the same one)
    and the records without ``attributes``; else ``""`` and the records unchanged. Only those
    keys count: JSON:API's ``attributes`` holds the record's own data and is kept."""
    types = {r["attributes"].get("type") if isinstance(r.get("attributes"), dict)
             and set(r["attributes"]) <= _SALESFORCE_ATTRIBUTES else None for r in records}
    if len(types) != 1:
        return "", records
    found = types.pop()
    if not isinstance(found, str) or not found.strip():
        return "", records
    return found, [{k: v for k, v in r.items() if k != "attributes"} for r in records]
