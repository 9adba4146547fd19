"""The rules an expression must follow where it is used, shared by validation and edits.

``fieldcraft validate`` reports these problems in a file; ``Document`` refuses an edit that
would create one. Both call the functions here, so a file and an edit are judged alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from designer.expressions import ExpressionError, Path, check, parse
from designer.expressions.types import (ANY, BOOLEAN, ExprType, ListType, RecordType,
                                        is_assignable)

#: Result types some bindable properties need (any other value is formatted as text).
EXPECTED: dict[str, ExprType] = {"enabled": BOOLEAN, "items": ListType(ANY),
                                 "options": ListType(ANY)}
#: Properties shown as text: a whole record or list has no text to show.
TEXT_PROPS = frozenset({"text", "label", "title", "url", "address"})
#: Action fields holding an expression, per action type.
ACTION_EXPR_FIELDS: dict[str, tuple[str, ...]] = {
    "submit_form": ("record",), "delete": ("key",), "call_operation": ("record",),
    "call_phone": ("number",),
    "send_email": ("to", "subject"), "open_map": ("address",), "open_url": ("url",),
    "show_message": ("text",), "set_variable": ("value",),
}


@dataclass(frozen=True)
class ExprIssue:
    """One problem of one expression.

    ``message`` is for a report (it names the position in words); ``reason`` is the bare text
    for an editor that underlines ``text[start:end]`` itself.
    """

    code: str
    message: str
    reason: str
    start: int = 0
    end: int = 0
    suggestion: str | None = None


class AnyScope:
    """A scope in which every name exists and has type ``any``.

    What fails here fails wherever the expression is put (a syntax error, an unknown function,
    adding a date to a boolean); what only fails in the real scope depends on where it is.
    """

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self._keys = tuple(keys)

    def lookup(self, name: str) -> ExprType:
        return ANY

    def names(self) -> Iterable[str]:
        return ()

    def string_keys(self) -> Iterable[str]:
        return self._keys

    def with_roots(self, extra: Any) -> "AnyScope":
        return self


def typed(text: str, scope: Any) -> tuple[ExprType | None, ExprIssue | None]:
    """The type of ``text`` in ``scope``, or the issue that stops it from having one."""
    try:
        return check(text, scope), None
    except ExpressionError as exc:
        return None, ExprIssue(exc.code or "binding.type", f"{exc.message} (at character {exc.start + 1} "
                               f"of `{text}`)", exc.message, exc.start, exc.end, exc.suggestion)


def expr_issues(text: str, scope: Any, want_bool: bool = False) -> list[ExprIssue]:
    """Problems of a free expression (``want_bool``: it must be true/false)."""
    found, issue = typed(text, scope)
    if issue is not None:
        return [issue]
    if want_bool and found != BOOLEAN and getattr(found, "name", "") not in ("any", "null"):
        message = f"must be true/false, but `{text}` is {found.describe()}"  # type: ignore[union-attr]
        return [ExprIssue("binding.type", message, message, 0, len(text))]
    return []


def binding_issues(kind: str, prop: str, text: str, scope: Any) -> list[ExprIssue]:
    """Problems of ``bindings[prop] = text`` on a widget of ``kind``."""
    found, issue = typed(text, scope)
    issues = [issue] if issue is not None else []
    if prop == "value":
        try:
            path = isinstance(parse(text), Path)
        except ExpressionError:
            path = True             # already reported as a syntax error
        if not path:
            message = "an input's value must bind to a field path such as `order.quantity`"
            issues.append(ExprIssue("binding.two_way", message, message, 0, len(text)))
    if found is None:
        return issues
    whole = (0, len(text))
    if kind == "list" and prop == "items":
        lenient = isinstance(scope, AnyScope) and found == ANY
        if not isinstance(found, ListType) and not lenient:
            message = f"`{text}` is not a collection"
            issues.append(ExprIssue("list.items", message, f"{message} (it is {found.describe()})",
                                    *whole))
    elif prop in EXPECTED and not is_assignable(found, EXPECTED[prop]):
        message = f"`{prop}` needs {EXPECTED[prop].describe()}, but `{text}` is {found.describe()}"
        issues.append(ExprIssue("binding.type", message, message, *whole))
    elif prop in TEXT_PROPS and isinstance(found, (RecordType, ListType)):
        message = (f"`{text}` is {found.describe()}, which has no text to show; "
                   "bind one of its fields")
        issues.append(ExprIssue("binding.type", message, message, *whole))
    return issues


def action_expressions(action: Any) -> Iterator[tuple[tuple[str, ...], str]]:
    """``(path inside the action, text)`` for every non-empty expression of ``action``."""
    params = getattr(action, "params", None)
    if action.type == "navigate" and isinstance(params, dict):
        yield from ((("params", k), v) for k, v in params.items() if v)
    values = getattr(action, "values", None)
    if isinstance(values, dict):
        yield from ((("values", k), v) for k, v in values.items() if v)
    if action.type == "set_variable" and action.name:
        yield ("name",), action.name
    elif action.type in ("take_photo", "scan_barcode", "append_item") and action.target:
        yield ("target",), action.target
    for name in ACTION_EXPR_FIELDS.get(action.type, ()):
        value = getattr(action, name, "")
        if isinstance(value, str) and value:
            yield (name,), value
