"""Generate ``docs/lint-rules.md`` from the rule registry (``python -m designer.review.docs``)."""

from __future__ import annotations

import sys

from .lint import rule_table

_POLICY_NOTE = {
    "allowed_hosts": "Active only when the policy lists `allowed_hosts`.",
    "blocked_source_kinds": "Active only when the policy lists `blocked_source_kinds`.",
    "pii.offline": "Active when the policy sets `pii.offline` to `forbid` or `encrypted`.",
    "pii.display": "Active when the policy sets `pii.display: masked`.",
    "export_targets": "Active for the targets in the policy's `export_targets` or given with "
                      "`fieldcraft lint --target`.",
}


def lint_rules_markdown() -> str:
    """The rule reference as Markdown (a test keeps the committed file in sync)."""
    rules = rule_table()
    out = [
        "# Lint rules",
        "",
        "<!-- Generated from designer/review/rules.py and checks_*.py by "
        "`python -m designer.review.docs > docs/lint-rules.md`; do not edit by hand. -->",
        "",
        "`fieldcraft lint FILE [--policy POLICY.yaml] [--format text|json|sarif]` checks a model "
        "against these rules. Ids are stable: a rule keeps its id and meaning, and a retired id "
        "is never reused. A policy file can change any rule's severity (`error`, `warning`, "
        "`info`) or turn it `off`, by id or by name; lint exits 1 when any finding is an error.",
        "",
        "```yaml",
        "# fieldcraft-policy.yaml",
        "allowed_hosts: [api.example-crm.com, \"*.corp.example\"]",
        "blocked_source_kinds: [sqlite, csv]",
        "pii:",
        "  offline: encrypted   # allow | encrypted | forbid",
        "  display: masked      # allow | masked",
        "export_targets: [pwa, flutter]",
        "rules:",
        "  FC402: error",
        "  small-touch-target: off",
        "disable: [FC202]",
        "```",
        "",
        "| Id | Name | Default | Title |",
        "| --- | --- | --- | --- |",
    ]
    out += [f"| [{r.id}](#{r.id.lower()}) | `{r.name}` | {r.severity} | {r.title} |" for r in rules]
    for r in rules:
        out += ["", f"## {r.id}", "", f"**{r.title}** · name `{r.name}` · default severity "
                f"**{r.severity}** · category {r.category}", "", r.rationale, "",
                f"**Fix:** {r.fix}"]
        if r.codes:
            out += ["", "Reported by the model validator as: " +
                    ", ".join(f"`{c}`" for c in r.codes) + "."]
        if r.needs_policy:
            out += ["", _POLICY_NOTE.get(r.needs_policy, f"Needs the policy setting "
                                                          f"`{r.needs_policy}`.")]
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(lint_rules_markdown())
