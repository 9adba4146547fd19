"""``lint``: run every rule over a model, with a policy's severities, and format the findings.

Findings are ``Problem`` objects whose ``code`` is the rule id (``FC302``) and whose ``line``
points into the model file.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, Iterable

from designer.model import App
from designer.model.gc_pause import gc_paused
from designer.model.printable import printable
from designer.model.problems import Problem

from . import checks_a11y, checks_data, checks_identity, checks_security, targets  # noqa: F401
from .lines import locate_all
from .policy import Policy, load_policy
from .rules import CODE_TO_RULE, RULES, LintContext, Rule, aliases, iter_rules

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def lint(app: App, policy: Policy | None = None, file: str = "", text: bytes | str | None = None,
         targets_: Iterable[str] = ()) -> list[Problem]:
    """Every finding for ``app``, sorted by line; ``text`` (the file content) gives line numbers.

    ``targets_`` adds export targets to those of the policy. Runs with the cyclic GC paused.
    """
    with gc_paused():
        return _lint(app, policy, file, text, targets_)


def _lint(app: App, policy: Policy | None, file: str, text: bytes | str | None,
          targets_: Iterable[str]) -> list[Problem]:
    from designer.model.validate import validate_app

    policy = policy or Policy()
    chosen = tuple(dict.fromkeys(targets.canonical_target(t)
                                 for t in (*policy.export_targets, *targets_)))
    ctx = LintContext(app, policy, chosen, file)
    found: list[Problem] = []
    for problem in validate_app(app, file):
        rule_id = CODE_TO_RULE.get(problem.code, "FC100")
        default = problem.severity if rule_id == "FC100" else RULES[rule_id].severity
        level = policy.level(rule_id, default)
        if level != "off":
            found.append(replace(problem, code=rule_id, severity=level,
                                 extra={**problem.extra, "check": problem.code}))
    for current in iter_rules():
        if current.check is None:
            continue
        level = policy.level(current.id, current.severity)
        if level == "off":
            continue
        for hit in current.check(ctx):
            found.append(Problem(hit.message, hit.path, level, current.id, hit.suggestion, file))
    if text is not None and found:
        lines = locate_all(text, (p.path for p in found))
        found = [replace(p, line=lines[tuple(p.path)]) for p in found]
    found.sort(key=lambda p: (p.line or 0, SEVERITY_ORDER.get(p.severity, 3), p.code, p.path_text))
    return _dedupe(found)


def _dedupe(found: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for p in found:
        key = (p.code, p.path_text, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def policy_from_file(path: str) -> Policy:
    """Load a policy file, checking rule ids/names and target names."""
    return load_policy(path, aliases(), set(targets.known_targets()) | set(targets.ALIASES))


def has_errors(findings: Iterable[Problem]) -> bool:
    """True if any finding is an error (lint exits 1)."""
    return any(p.severity == "error" for p in findings)


def format_text(findings: list[Problem], file: str) -> str:
    """``FILE:LINE: severity FC302 [name]: PATH: message``, then a summary line."""
    lines = []
    for p in findings:
        where = printable(p.file or file) + (f":{p.line}" if p.line else "")
        text = f"{where}: {p.severity} {p.code} [{RULES[p.code].name}]: "
        text += printable(f"{p.path_text}: {p.message}" if p.path else p.message)
        if p.suggestion:
            text += f" (did you mean `{printable(p.suggestion)}`?)"
        lines.append(text)
    counts = {s: sum(1 for p in findings if p.severity == s) for s in ("error", "warning", "info")}
    summary = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
    lines.append(f"{printable(file)}: {summary or 'no findings'}")
    return "\n".join(lines) + "\n"


def format_json(findings: list[Problem], file: str) -> str:
    """A JSON document: ``{"file", "findings": [{rule, name, severity, message, path, line}]}``."""
    items: list[dict[str, Any]] = []
    for p in findings:
        items.append({"rule": p.code, "name": RULES[p.code].name, "severity": p.severity,
                      "message": p.message, "path": p.path_text, "line": p.line,
                      "suggestion": p.suggestion})
    return json.dumps({"file": file, "findings": items,
                       "errors": sum(1 for p in findings if p.severity == "error")},
                      indent=2, ensure_ascii=False) + "\n"


def rule_table() -> list[Rule]:
    """All rules in id order (for docs and SARIF)."""
    return list(iter_rules())
