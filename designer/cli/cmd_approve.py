"""``approve``: record who approved the model's current content (a content-hash sidecar)."""

from __future__ import annotations

import argparse

from designer.model.printable import printable

from .common import CliError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("approve", help="record an approval of the model's content hash")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--by", metavar="NAME", help="who approves (name or e-mail); required unless "
                                                "--check")
    p.add_argument("--check", action="store_true",
                   help="only check that the current content is approved (exit 1 if not)")
    p.set_defaults(handler=cmd_approve)


def cmd_approve(ns: argparse.Namespace) -> int:
    from designer.review.approval import ApprovalError, approve, check_approval, sidecar_path

    if not ns.check and not (ns.by or "").strip():
        raise CliError("approve needs --by NAME (who approves)", 2)
    try:
        if ns.check:
            found = check_approval(ns.file)
            print(printable(f"{ns.file}: approved by {found.by} on {found.at} ({found.hash})"))
            return 0
        approval = approve(ns.file, ns.by)
    except ApprovalError as exc:
        raise CliError(str(exc)) from None
    print(printable(f"{ns.file}: {approval.hash} approved by {approval.by} at {approval.at} "
                    f"(recorded in {sidecar_path(ns.file)})"))
    return 0
