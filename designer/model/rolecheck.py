"""``requires_role`` of screens and actions: the role must be declared in ``sign_in.roles``,
and the app must sign users in (a role of nobody would lock the screen for everyone, or a
role without sign-in would be a promise the app cannot keep)."""

from __future__ import annotations

import difflib
from typing import Iterator

from .app import App

P = tuple[str | int, ...]
#: (message, path, code, severity, suggestion)
Finding = tuple[str, P, str, str, str | None]


def role_findings(app: App, role: str | None, path: P, what: str) -> Iterator[Finding]:
    """Problems of ``requires_role = role`` at ``path`` (``what``: "screen" or "action")."""
    if not role:
        return
    sign_in = app.sign_in
    if not sign_in.enabled:
        yield (f"this {what} requires role `{role}`, but the app has no sign-in (set "
               "`sign_in.method` and declare the role in `sign_in.roles`)", path, "role.signin",
               "error", None)
    elif role not in sign_in.roles:
        near = difflib.get_close_matches(role, sign_in.roles, n=1, cutoff=0.6)
        declared = ", ".join(f"`{r}`" for r in sign_in.roles) or "none"
        yield (f"role `{role}` is not declared in `sign_in.roles` (declared: {declared})", path,
               "role.unknown", "error", near[0] if near else None)


def start_screen_findings(app: App) -> Iterator[Finding]:
    """The screen the app opens on must not require a role: users without it see nothing."""
    start = app.screen(app.start_screen) if app.start_screen else \
        (app.screens[0] if app.screens else None)
    if start is not None and start.requires_role:
        index = app.screens.index(start)
        yield (f"the start screen `{start.name}` requires role `{start.requires_role}`; users "
               "without it would have no screen to open", ("screens", index, "requires_role"),
               "role.start", "warning", None)
