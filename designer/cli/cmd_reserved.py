"""Sub-command names reserved for upcoming features; each says it is not available yet."""

from __future__ import annotations

import argparse

from .common import CliError

RESERVED = {
    "import": "import a back-end contract as a data source",
    "export": "export the app for a target platform",
    "render": "render a screen to PNG",
    "lint": "check the model against rules and an IT policy",
    "diff": "semantic diff of two model files",
    "merge": "three-way merge of model files",
    "review": "HTML review report for approval",
    "approve": "record an approval of the model's content",
}


def register(sub: argparse._SubParsersAction) -> None:
    taken = set(sub.choices)
    for name, help_text in RESERVED.items():
        if name in taken:
            continue
        p = sub.add_parser(name, help=f"{help_text} (not available yet)", add_help=True)
        p.add_argument("args", nargs=argparse.REMAINDER)
        p.set_defaults(handler=lambda ns, n=name: _unavailable(n))


def _unavailable(name: str) -> int:
    raise CliError(f"`fieldcraft {name}` is not available in this version yet", code=2)
