"""The HTML review report IT approves: summary, screens with bindings, data flow, offline
policies, permissions, lint findings and (against an older version) the semantic diff.

Qt-free: screen images come from a renderer passed in (``fieldcraft review`` passes
``designer.ui.render.render_screen``). The page is self-contained (images inlined, no scripts,
no external resources) and has print styles for PDF.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from designer.model import App
from designer.model.problems import Problem

from .approval import Approval, content_hash
from .dataflow import data_flows, offline_rows, permissions
from .diff import Change, changed_screens, diff_apps, fmt
from .fields import FieldResolver
from .rules import RULES

#: ``(app, screen name) -> PNG bytes``.
ScreenRenderer = Callable[[App, str], bytes]
TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass
class ScreenImage:
    """A rendered screen as a data URI, or the reason there is none."""

    uri: str = ""
    error: str = ""


def _image(renderer: ScreenRenderer | None, app: App | None, name: str) -> ScreenImage:
    if renderer is None or app is None or app.screen(name) is None:
        return ScreenImage(error="no image" if renderer is None else "")
    try:
        png = renderer(app, name)
    except Exception as exc:  # noqa: BLE001 - one broken screen must not sink the report
        return ScreenImage(error=f"could not render: {type(exc).__name__}: {exc}")
    return ScreenImage("data:image/png;base64," + base64.b64encode(png).decode("ascii"))


def describe_action(action: Any) -> str:
    """A one-line, reviewer-readable summary of an action."""
    t = action.type
    if t == "navigate":
        params = ", ".join(f"{k}={v}" for k, v in action.params.items())
        return f"open screen {action.screen}" + (f" ({params})" if params else "")
    if t == "submit_form":
        then = f", then open {action.then_navigate}" if action.then_navigate else ""
        return f"{action.operation} {action.source}.{action.entity} from {action.record or '?'}{then}"
    if t == "delete":
        return (f"delete {action.source}.{action.entity} where key = {action.key} "
                + ("(asks first)" if action.confirm else "(NO confirmation)"))
    if t == "call_operation":
        args = ", ".join(f"{k}={v}" for k, v in action.args.items())
        on = f" on {action.record}" if action.record else ""
        into = f", answer into {action.target}" if action.target else ""
        return (f"call {action.source}.{action.entity}.{action.operation}{on}"
                + (f" ({args})" if args else "") + into)
    if t == "refresh":
        return "reload " + (f"{action.source}.{action.entity or '*'}" if action.source else "all data")
    simple = {
        "go_back": lambda: "go back", "sync_now": lambda: "sync now",
        "set_variable": lambda: f"set {action.name} = {action.value}",
        "append_item": lambda: f"append to {action.target}: " + ", ".join(
            f"{k} = {v}" for k, v in action.values.items()),
        "show_message": lambda: f"show {action.level} message {action.text}",
        "call_phone": lambda: f"call {action.number}",
        "send_email": lambda: f"e-mail {action.to}" + (f" about {action.subject}"
                                                      if action.subject else ""),
        "open_map": lambda: f"open maps at {action.address}",
        "open_url": lambda: f"open web page {action.url}",
        "take_photo": lambda: f"take a photo into {action.target}",
        "scan_barcode": lambda: f"scan a barcode into {action.target}",
    }
    if t in simple:
        return simple[t]()
    return t.replace("_", " ")


def ticks(text: str) -> Markup:
    """Escape ``text`` and show its `quoted` parts as code."""
    parts = str(escape(text)).split("`")
    if len(parts) % 2 == 0:
        return Markup("`".join(parts))
    return Markup("".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts)))


def _screen_rows(app: App, resolver: FieldResolver, screen: Any) -> list[dict[str, Any]]:
    roots = resolver.widget_roots(screen)
    rows = []
    for widget, _parent in screen.walk():
        uses = resolver.widget_uses(widget, roots.get(widget.id, {}))
        exprs = dict(widget.bindings)
        if widget.visible_when:
            exprs["visible when"] = widget.visible_when
        for prop in ("label_field", "value_field"):
            if getattr(widget, prop, ""):
                exprs[prop.replace("_", " ")] = getattr(widget, prop)
        for prop, expr in exprs.items():
            key = prop.replace(" ", "_")
            fields = [(u.qualified, u.field.pii and not u.masked) for p, u in uses if p == key]
            rows.append({"widget": widget.name, "kind": widget.kind, "what": prop, "expr": expr,
                         "fields": fields, "action": False})
        for event, actions in widget.actions.items():
            for i, action in enumerate(actions, 1):
                step = f" ({i}/{len(actions)})" if len(actions) > 1 else ""
                rows.append({"widget": widget.name, "kind": widget.kind, "what": f"on {event}{step}",
                             "expr": describe_action(action), "fields": [], "action": True})
    for action in reversed(screen.on_load):
        rows.insert(0, {"widget": "(screen)", "kind": "", "what": "on load",
                        "expr": describe_action(action), "fields": [], "action": True})
    return rows


def build_report(app: App, file: str, findings: Iterable[Problem] = (),
                 renderer: ScreenRenderer | None = None, against: App | None = None,
                 against_file: str = "", approvals: Iterable[Approval] = (),
                 now: datetime | None = None) -> str:
    """The review report as one HTML document."""
    resolver = FieldResolver(app)
    findings = list(findings)
    changes: list[Change] = diff_apps(against, app) if against is not None else []
    touched = set(changed_screens(changes))
    old_names = {s.id: s.name for s in against.screens} if against is not None else {}
    screens = []
    for screen in app.screens:
        changed = against is not None and screen.id in touched
        screens.append({
            "screen": screen, "rows": _screen_rows(app, resolver, screen),
            "image": _image(renderer, app, screen.name),
            "before": _image(renderer, against, old_names[screen.id])
            if changed and screen.id in old_names else None,
            "changed": changed, "new": against is not None and screen.id not in old_names,
        })
    removed = [{"screen": s, "image": _image(renderer, against, s.name)}
               for s in (against.screens if against is not None else [])
               if app.screen(s.name) is None and all(x.id != s.id for x in app.screens)]
    current = content_hash(app)
    history = list(approvals)
    approval = next((a for a in reversed(history) if a.hash == current), None)
    counts = {s: sum(1 for p in findings if p.severity == s) for s in ("error", "warning", "info")}
    pii_fields = [f"{d.name}.{e.name}.{f.name}" for d in app.data_sources for e in d.entities
                  for f in e.fields if f.pii]
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["ticks"] = ticks
    return env.get_template("review.html.jinja").render(
        app=app, file=file, hash=current, approval=approval,
        last_approval=history[-1] if history else None,
        generated=(now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC"),
        widget_count=sum(1 for _ in app.widgets()), pii_fields=pii_fields,
        findings=findings, counts=counts, rules=RULES,
        flows=data_flows(app), offline=offline_rows(app), permissions=permissions(app),
        screens=screens, removed=removed, changes=changes, against=against,
        against_file=against_file, fmt=fmt,
    )
