"""``lint``: check model files against the rules and an IT policy (text, JSON or SARIF)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from designer.model import load
from designer.model.errors import ModelFileError
from designer.model.problems import Problem

from .common import CliError, __version__, write_output


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lint", help="check model files against lint rules and an IT policy "
                                    "(exit 1 on any error-level finding)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--policy", metavar="POLICY.yaml", help="IT policy: severities, allowed hosts, "
                                                           "blocked source kinds, pii rules")
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    p.add_argument("--target", action="append", default=[], metavar="TARGET",
                   help="export target whose support to check (see `fieldcraft export "
                        "--list-targets`); repeatable")
    p.add_argument("-o", "--output", metavar="OUT", help="write the report to OUT")
    p.set_defaults(handler=cmd_lint)


def cmd_lint(ns: argparse.Namespace) -> int:
    from designer.review.lint import (format_json, format_text, has_errors, lint,
                                      policy_from_file, rule_table)
    from designer.review.policy import Policy, PolicyError
    from designer.review.targets import canonical_target, known_targets

    try:
        policy = policy_from_file(ns.policy) if ns.policy else Policy()
    except PolicyError as exc:
        raise CliError(str(exc), 2) from None
    for target in ns.target:
        if canonical_target(target) not in known_targets():
            raise CliError(f"unknown export target {target!r} (known: "
                           f"{', '.join(known_targets())})", 2)
    results: list[tuple[str, list[Problem]]] = []
    for file in ns.files:
        try:
            app = load(file)
        except ModelFileError as exc:
            where = exc.path_tuple if len(exc.path_tuple) <= 12 else ()
            problems = exc.problems or [Problem(exc.message, where, "error", "", exc.suggestion,
                                                file, exc.line)]
            results.append((file, [Problem(p.message, p.path, "error", "FC001", p.suggestion,
                                           file, p.line) for p in problems]))
            continue
        results.append((file, lint(app, policy, file, Path(file).read_bytes(), ns.target)))
    if ns.format == "sarif":
        from designer.review.sarif import format_sarif
        report = format_sarif(results, rule_table(), __version__)
    elif ns.format == "json":
        report = "".join(format_json(found, file) for file, found in results) if len(results) == 1 \
            else "[\n" + ",\n".join(format_json(f, n).rstrip() for n, f in results) + "\n]\n"
    else:
        report = "".join(format_text(found, file) for file, found in results)
    if ns.output:
        write_output(ns.output, report, "the lint report")
    else:
        sys.stdout.write(report)
    return 1 if any(has_errors(found) for _, found in results) else 0
