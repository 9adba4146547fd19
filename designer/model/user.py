"""The signed-in user as an expression root: ``user.id``, ``user.name``, ``user.email``,
``user.roles`` and the claims the sign-in block declares.

Every screen scope has the root ``user``: typed from ``sign_in`` when the app signs users in,
otherwise an unavailable root whose every use is a located ``signin.user`` problem.
"""

from __future__ import annotations

from typing import Any, Iterator

from designer.expressions import ExpressionError, Path, parse, walk
from designer.expressions.types import (BOOLEAN, DECIMAL, INTEGER, STRING, ExprType, ListType,
                                        RecordType, UnavailableType)

from .signin import SignIn

#: The root name of the signed-in user in expressions.
USER_ROOT = "user"
#: Record type name of the user (not a valid entity name, so it never equals an entity's).
USER_TYPE_NAME = "signed-in user"
_CLAIM_TYPES: dict[str, ExprType] = {"string": STRING, "integer": INTEGER, "decimal": DECIMAL,
                                     "boolean": BOOLEAN, "list": ListType(STRING)}
NO_SIGN_IN = ("`user` is the signed-in user, but the app has no sign-in "
              "(set `sign_in.method` to oidc or password)")
#: Sample values of the standard claims for the designer's preview.
SAMPLE_USER: dict[str, Any] = {"id": "u-1001", "name": "Sam Sample",
                               "email": "sam.sample@example.com", "roles": []}
_SAMPLE_BY_TYPE: dict[str, Any] = {"string": "sample", "integer": 1, "decimal": 1.5,
                                   "boolean": True, "list": []}


def user_type(sign_in: SignIn) -> ExprType:
    """The type of ``user`` in an app with ``sign_in``."""
    if not sign_in.enabled:
        return UnavailableType(NO_SIGN_IN, "signin.user")
    fields = {name: _CLAIM_TYPES[kind] for name, kind in sign_in.user_fields().items()}
    return RecordType(USER_TYPE_NAME, lambda: fields)


def user_refs(text: str) -> Iterator[tuple[str, int, int]]:
    """``(claim, start, end)`` for every ``user.<claim>`` an expression reads (``claim`` is
    empty for a bare ``user``); nothing for text that does not parse."""
    try:
        node = parse(text)
    except ExpressionError:
        return
    for current in walk(node):
        if isinstance(current, Path) and current.parts[0] == USER_ROOT:
            yield (current.parts[1] if len(current.parts) > 1 else ""), current.start, current.end


def sample_user(sign_in: SignIn, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """A preview user: the standard sample, a sample value per declared claim, the first
    declared role, then ``overrides`` (the designer's "signed in as" values)."""
    user = dict(SAMPLE_USER, roles=list(sign_in.roles[:1]))
    for claim in sign_in.claims:
        user[claim.name] = _SAMPLE_BY_TYPE[claim.type]
    user.update(overrides or {})
    return user
