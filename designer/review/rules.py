"""The lint rule registry: one small record per rule with a stable id, rationale and fix.

Rules ``FC1xx`` adopt the semantic problems ``validate_app`` already finds (by their ``code``);
the others are check functions registered with ``@rule(...)`` in the ``checks_*`` modules.
Ids never change meaning; a retired rule's id is not reused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Iterable, Iterator

from designer.model import App
from designer.model.problems import Severity

from .policy import Policy

P = tuple[str | int, ...]


@dataclass(frozen=True)
class Hit:
    """What a check found: a message at a JSON path (the engine adds id, severity, line)."""

    message: str
    path: P = ()
    suggestion: str | None = None


@dataclass
class LintContext:
    """Everything a check may look at."""

    app: App
    policy: Policy
    targets: tuple[str, ...] = ()
    file: str = ""

    @cached_property
    def fields(self):  # type: ignore[no-untyped-def]
        from .fields import FieldResolver
        return FieldResolver(self.app)

    @cached_property
    def widget_paths(self) -> list[tuple[int, object, object, P]]:
        """``(screen index, widget, parent, path)`` for every widget."""
        from widgets import ContainerBase

        out: list[tuple[int, object, object, P]] = []
        for si, screen in enumerate(self.app.screens):
            stack: list[tuple[object, object, P]] = [(screen.root, None, ("screens", si, "root"))]
            while stack:
                widget, parent, path = stack.pop()
                out.append((si, widget, parent, path))
                if isinstance(widget, ContainerBase):
                    stack.extend((c, widget, path + ("children", i))
                                 for i, c in reversed(list(enumerate(widget.children))))
        return out


Check = Callable[[LintContext], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A lint rule: ``check`` finds hits, or ``codes`` adopts ``validate_app`` problems."""

    id: str
    name: str
    title: str
    severity: Severity
    category: str
    rationale: str
    fix: str
    check: Check | None = None
    codes: tuple[str, ...] = ()
    needs_policy: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)


RULES: dict[str, Rule] = {}


def register(new: Rule) -> Rule:
    """Add a rule; ids and names are unique."""
    if new.id in RULES or any(r.name == new.name for r in RULES.values()):
        raise ValueError(f"lint rule {new.id} / {new.name} is already registered")
    RULES[new.id] = new
    return new


def rule(id: str, name: str, title: str, severity: Severity, category: str, rationale: str,
         fix: str, needs_policy: str = "") -> Callable[[Check], Check]:
    """Register the decorated function as the check of a new rule."""
    def wrap(check: Check) -> Check:
        register(Rule(id, name, title, severity, category, " ".join(rationale.split()),
                      " ".join(fix.split()), check, needs_policy=needs_policy))
        return check
    return wrap


def aliases() -> dict[str, str]:
    """Lower-case ids and names → rule id (what a policy file may use)."""
    out = {r.id.lower(): r.id for r in RULES.values()}
    out.update({r.name: r.id for r in RULES.values()})
    return out


def iter_rules() -> Iterator[Rule]:
    """Rules in id order."""
    return iter(sorted(RULES.values(), key=lambda r: r.id))


# --------------------------------------------------------------------------- adopted problems
def _adopt(id: str, name: str, title: str, severity: Severity, codes: tuple[str, ...],
           rationale: str, fix: str, category: str = "integrity") -> None:
    register(Rule(id, name, title, severity, category, " ".join(rationale.split()),
                  " ".join(fix.split()), None, codes))


_adopt("FC001", "unreadable-model", "Model file cannot be read", "error", (),
       """The file is not valid JSON, does not match the model schema (unknown property, wrong
       type, unknown widget kind) or was written by a newer Fieldcraft. Nothing else can be
       checked until it loads.""",
       """Fix the property at the reported line (the message names it and suggests the closest
       valid name), or update Fieldcraft for a newer schema version.""")
_adopt("FC100", "model-problem", "Other model problem", "error", (),
       """Any semantic problem the model validator reports that no more specific rule covers.
       The designer and the exporters refuse or misbehave on such models.""",
       """Open the model in the designer or run `fieldcraft validate FILE` and fix the reported
       property.""")
_adopt("FC101", "broken-reference", "Broken reference", "error",
       ("ref.screen", "ref.field", "ref.entity", "ref.source", "ref.param", "ref.variable"),
       """A screen, data source, entity, field, parameter or variable is referenced by name but
       does not exist (often after a rename or a re-import of a back-end contract). The exported
       app would crash or show nothing at that point.""",
       """Point the reference at an existing object (the message suggests the closest name) or
       restore the object that was removed.""")
_adopt("FC102", "duplicate-name", "Duplicate id or name", "error",
       ("id.duplicate", "name.duplicate", "field.wire"),
       """Ids must be unique for diff, merge and undo to track objects; names must be unique
       where they are used as identifiers in expressions and generated code; two fields of an
       entity must not read the same back-end field (`wire_name`).""",
       """Rename one of the two objects; for a duplicated id, delete and re-create the copy (the
       designer assigns fresh ids).""")
_adopt("FC103", "invalid-expression", "Invalid binding or rule", "error",
       ("binding.type", "binding.prop", "binding.two_way", "list.items", "rule.pattern",
        "query.key"),
       """A binding, filter, visibility condition or validation rule does not parse or has the
       wrong type, so the exported app cannot evaluate it.""",
       """Fix the expression in the binding editor; the message gives the position and, where
       possible, the corrected path.""")
_adopt("FC104", "invalid-structure", "Invalid widget structure", "error",
       ("container.root", "container.child", "container.depth", "layout.frame", "action.event"),
       """A widget sits in a container that cannot hold it, a screen root is not a container,
       containers are nested deeper than the exporters and phones can lay out (64 levels), a
       free-layout child has no frame, or an action hangs on an event the widget never raises.""",
       """Move the widget into a suitable container, flatten needlessly nested containers, give
       it a frame, or attach the action to an event the widget has.""")
_adopt("FC105", "missing-operation", "Back-end operation missing", "warning", ("ref.operation",),
       """An action needs a back-end operation (create, update, delete, list) that the data
       source's entity does not declare, so the export has no endpoint to call.""",
       """Re-import the back-end contract, add the operation to the entity, or change the
       action.""", category="data")
_adopt("FC106", "incomplete-definition", "Incomplete definition", "warning",
       ("field.enum", "auth.credential", "auth.user"),
       """A definition is syntactically valid but unusable: an enum field without values, an
       authenticated source without the name of its credential, or a source using the
       signed-in user's token in an app without sign-in.""",
       """Add the enum values, name the keyring/environment entry holding the credential
       (never the secret itself), or declare the app's sign-in.""", category="data")
_adopt("FC107", "unsafe-url", "Base URL or operation path the apps cannot use", "error",
       ("url.base", "url.path"),
       """The apps request `base URL + operation path` (trailing `/` of the base dropped). A
       base URL that is relative, scheme-relative (`//host`), not http(s) (`javascript:`,
       `file:`), or holds `\\`, user info (`…@`), a query or a fragment, and a path that does
       not start with `/` (`.evil.example/x` continues the host name) let the request reach a
       host other than the one the model seems to name; the runtimes refuse them.""",
       """Give the back end's full `https://host/prefix` address as the base URL and start
       every operation path with `/`.""", category="security")
_adopt("FC108", "reserved-name", "Reserved name", "error", ("name.reserved",),
       """The exported apps keep screens, queries, records and string tables in objects keyed by
       model names. A name such as `__proto__`, `constructor` or `toString` (a member every
       JavaScript object has) or `hashCode` (every Dart object) is read as that member instead:
       navigation to the screen does nothing, a field shows a function or loses its value.""",
       """Rename the object (the message suggests a name). A back-end field of that name keeps
       it as its `wire_name`, which exports read and send.""")
_adopt("FC109", "unfillable-operation", "Back-end operation the app cannot fill", "error",
       ("op.placeholder", "op.param", "op.paging", "op.default", "op.name", "query.param"),
       """A call the exported app makes needs a value nothing gives: a path placeholder
       (`/customers/{id}`) without a path parameter, a required query or header parameter
       (a tenant header, an `api-version`) without a value, or paging without the response path
       or query parameter it reads. The app would call `/customers/undefined` or be refused by
       the server; two default operations of one kind leave the choice to chance.""",
       """Give the parameter a value (an expression such as `record.id`, a screen parameter, a
       literal) or the name of a configuration value; complete the paging; mark one operation
       of each kind as the default.""", category="data")
_adopt("FC110", "unprintable-key", "Key or header the apps cannot use", "error",
       ("name.characters", "header.value"),
       """Locales, string keys and header names are keys in the exported apps and are shown to
       reviewers in diffs and reports. A control character (escape, carriage return) can erase
       or forge what a reviewer reads, a bidi override reorders it, and `fetch` refuses a header
       name that is not an HTTP token or a header value holding a line break, so every call
       of the source would fail.""",
       """Use plain text for keys; give headers their HTTP name (`X-Tenant-Id`) and a value on
       one line.""", category="security")
_adopt("FC111", "user-without-sign-in", "Signed-in user or role the app cannot have", "error",
       ("signin.user", "name.user", "role.signin", "role.unknown"),
       """An expression reads `user.*`, or a screen or action requires a role, in an app that
       signs nobody in; a role is not one of `sign_in.roles`; or a screen name `user` hides the
       signed-in user. The exported app would show nothing, lock the screen for everyone, or
       filter "my" rows by a user that does not exist.""",
       """Declare the sign-in (`sign_in.method`, and the role in `sign_in.roles`), correct the
       role (the message suggests the closest), or rename the screen's `user`.""",
       category="security")
register(Rule("FC301", "literal-secret", "Literal secret in the model", "error", "security",
              "Model files are shared, reviewed and committed to git; a password, token or key "
              "pasted into any property (found by known key patterns and by character entropy) "
              "leaks to everyone with access and into every export.",
              "Remove the value, rotate the credential, and reference it by name "
              "(`auth.credential`) so it is read from the OS keyring or an environment variable "
              "at run time.", None, ("secret.literal",)))

#: validate_app code → rule id.
CODE_TO_RULE: dict[str, str] = {code: r.id for r in RULES.values() for code in r.codes}
