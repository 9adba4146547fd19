"""``review``: a self-contained HTML report for IT approval (screens, data flow, lint, diff)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from designer.model import load
from designer.model.printable import printable

from .common import CliError, headless_qt, write_output


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help="write an HTML review report for approval")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--against", metavar="OLD", help="older model file: add the semantic diff and "
                                                    "before/after images of changed screens")
    p.add_argument("-o", "--output", required=True, metavar="REPORT.html")
    p.add_argument("--policy", metavar="POLICY.yaml", help="IT policy for the lint section")
    p.add_argument("--target", action="append", default=[], metavar="TARGET",
                   help="export target whose support lint checks; repeatable")
    p.add_argument("--sample-data", action="store_true",
                   help="show screens filled with the sources' sample rows")
    p.add_argument("--no-images", action="store_true", help="skip rendering screen images")
    p.set_defaults(handler=cmd_review)


def _renderer(sample_data: bool) -> Any:
    """``designer.ui.render.render_screen`` (Qt, imported only here), or None if Qt is missing."""
    headless_qt()
    try:
        from designer.ui.render import render_screen
    except ImportError as exc:
        print(f"fieldcraft review: screen images skipped, the renderer is unavailable ({exc})",
              file=sys.stderr)
        return None
    return lambda app, name: render_screen(app, name, sample_data=sample_data)


def cmd_review(ns: argparse.Namespace) -> int:
    from designer.review.approval import ApprovalError, read_approvals
    from designer.review.lint import lint, policy_from_file
    from designer.review.policy import Policy, PolicyError
    from designer.review.report import build_report

    try:
        policy = policy_from_file(ns.policy) if ns.policy else Policy()
    except PolicyError as exc:
        raise CliError(str(exc), 2) from None
    app = load(ns.file)
    against = load(ns.against) if ns.against else None
    findings = lint(app, policy, ns.file, Path(ns.file).read_bytes(), ns.target)
    try:
        approvals = read_approvals(ns.file)
    except ApprovalError as exc:
        print(f"fieldcraft review: {printable(exc)}", file=sys.stderr)
        approvals = []
    renderer = None if ns.no_images else _renderer(ns.sample_data)
    html = build_report(app, ns.file, findings, renderer, against, ns.against or "", approvals)
    write_output(ns.output, html, "the review report")
    errors = sum(1 for p in findings if p.severity == "error")
    print(f"wrote {printable(ns.output)}: {_count(len(app.screens), 'screen')}, "
          f"{_count(len(findings), 'lint finding')} ({_count(errors, 'error')})")
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
