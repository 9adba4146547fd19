"""The ``fieldcraft`` command line: each sub-command lives in its own module.

Exit codes: 0 success, 1 invalid input or findings, 2 usage error, 70 internal error.
This package's own module stays tiny so ``fieldcraft --version`` answers without importing
anything (argparse, pathlib, the model); the parser and dispatch live in ``entry`` and load
for every other command. ``COMMANDS``, ``build_parser`` etc. are ``entry``'s, re-exported.
"""

from __future__ import annotations

import sys

__version__ = "0.1.0"


def main(argv: "list[str] | None" = None) -> int:
    """Entry point of the ``fieldcraft`` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:  # the answer needs nothing imported
        print(f"fieldcraft {__version__}")
        return 0
    from .entry import main as run

    return run(args)


def __getattr__(name: str) -> object:
    """``designer.cli.COMMANDS``, ``build_parser``, …: loaded from ``entry`` when first used."""
    if name.startswith("__") or name == "entry":
        raise AttributeError(name)
    from importlib import import_module

    try:
        return getattr(import_module("designer.cli.entry"), name)
    except AttributeError:
        raise AttributeError(f"module 'designer.cli' has no attribute {name!r}") from None
