"""The ``fieldcraft`` command line behind ``designer.cli.main``: parsing, dispatch and the exit
codes (0 success, 1 invalid input or findings, 2 usage error, 70 internal error); each
sub-command lives in its own module."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from typing import Any, Callable, Iterable, Sequence, TextIO

from designer.model.errors import ModelError, ModelFileError, SaveError
from designer.model.printable import escape_stream_text, printable

from .common import CliError, __version__

#: Modules that add sub-commands: each has ``register(subparsers) -> None``; handlers are set
#: with ``parser.set_defaults(handler=func)`` and return an exit code.
COMMAND_MODULES: tuple[str, ...] = (
    "designer.cli.cmd_model",
    "designer.cli.cmd_open",
    "designer.cli.cmd_render",
    "designer.cli.cmd_lint",
    "designer.cli.cmd_diff",
    "designer.cli.cmd_merge",
    "designer.cli.cmd_approve",
    "designer.cli.cmd_review",
    "designer.cli.cmd_import",
    "designer.cli.cmd_scaffold",
    "designer.cli.cmd_export",
    "designer.cli.cmd_serve",
    "designer.cli.cmd_reserved",
)

#: Every sub-command with its module and one-line help, so ``fieldcraft --help`` lists them
#: without importing any (the model and its pydantic schemas load only for the command that
#: runs). tests/cli/test_cli_fast_paths.py checks this table against what the modules register.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("designer.cli.cmd_model", "check model files (exit 1 if any is invalid)"),
    "new": ("designer.cli.cmd_model", "create a new model file with one empty screen"),
    "schema": ("designer.cli.cmd_model", "print the model file's JSON Schema"),
    "open": ("designer.cli.cmd_open", "open the designer (on the bundled example by default)"),
    "render": ("designer.cli.cmd_render", "render a screen to PNG at device size"),
    "lint": ("designer.cli.cmd_lint", "check model files against lint rules and an IT policy "
             "(exit 1 on any error-level finding)"),
    "diff": ("designer.cli.cmd_diff", "semantic diff of two model files (screens, widgets, "
             "bindings, actions, data sources, endpoints, policies)"),
    "merge": ("designer.cli.cmd_merge", "three-way merge of model files; exit 1 with a conflict "
              "report (OURS untouched) on true conflicts"),
    "approve": ("designer.cli.cmd_approve", "record an approval of the model's content hash"),
    "review": ("designer.cli.cmd_review", "write an HTML review report for approval"),
    "import": ("designer.cli.cmd_import", "import a back-end contract or sample file as a data "
               "source"),
    "scaffold": ("designer.cli.cmd_scaffold", "add list, detail and edit screens for an entity"),
    "export": ("designer.cli.cmd_export", "export the app for a target platform (pwa, …)"),
    "serve": ("designer.cli.cmd_serve", "preview the app (PWA) with a mock back end and live "
              "reload"),
}

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser. Without ``command``, every sub-command is registered by its module;
    with one, only that command's module is imported and the others are listed by name and
    help (enough for ``--help`` and "invalid choice" messages)."""
    parser = _Parser(prog="fieldcraft", description="Design offline-first mobile field apps.")
    parser.add_argument("--version", action="version", version=f"fieldcraft {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    if command is None:
        for name in COMMAND_MODULES:
            importlib.import_module(name).register(sub)
        return parser
    real = argparse.ArgumentParser(add_help=False)
    real_sub = real.add_subparsers(parser_class=_Parser)
    module = COMMANDS.get(command, ("", ""))[0]
    if module:
        importlib.import_module(module).register(real_sub)
    for name, (_, help_text) in COMMANDS.items():
        if name in real_sub.choices:
            sub._name_parser_map[name] = real_sub.choices[name]
            sub._choices_actions.append(sub._ChoicesPseudoAction(name, (), help_text))
        else:
            sub.add_parser(name, help=help_text)
    return parser


def parse(parser: argparse.ArgumentParser, args: list[str]) -> argparse.Namespace:
    """Parse ``args``; a sub-command's options may sit between its file arguments
    (``diff A --format json B``), so the sub-command's own parser reads them intermixed."""
    subs = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
    sub = subs.choices.get(args[0]) if subs is not None and args else None
    if sub is None or any(a.nargs == argparse.REMAINDER for a in sub._actions):
        return parser.parse_args(args)
    ns = sub.parse_intermixed_args(args[1:])
    ns.command = args[0]
    return ns


def _closed_pipe() -> int:
    """The reader of stdout went away (``fieldcraft schema | head``): end quietly, as Unix tools
    do, with 128 + SIGPIPE; stdout now points at /dev/null so the exit-time flush stays silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    return 141


class _EscapingStream:
    """A text stream whose writes show control characters as escapes (newlines and tabs kept):
    the net under ``printable`` for text that reaches stdout/stderr some other way (argparse,
    warnings, a message that forgot it). Binary writes (``.buffer``: model and schema bytes)
    and ``raw_text`` (the export progress bar's ``\\r``) are not escaped."""

    def __init__(self, stream: TextIO) -> None:
        self.raw_text = stream

    def write(self, text: str) -> int:
        self.raw_text.write(escape_stream_text(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw_text, name)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``fieldcraft`` console script."""
    out, errors = sys.stdout, sys.stderr
    if out is not None:
        sys.stdout = _EscapingStream(out)  # type: ignore[assignment]
    if errors is not None:
        sys.stderr = _EscapingStream(errors)  # type: ignore[assignment]
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, errors


def _main(argv: Sequence[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in args if not a.startswith("-")), "open" if not args else "")
    parser = build_parser(first)
    ns = parse(parser, args or ["open"])
    handler: Callable[[argparse.Namespace], int] | None = getattr(ns, "handler", None)
    if handler is None:
        parser.print_usage(sys.stderr)
        return EXIT_USAGE
    try:
        return handler(ns)
    except CliError as exc:
        for line in str(exc).splitlines() or [""]:
            print(f"fieldcraft: {printable(line)}", file=sys.stderr)
        return exc.code
    except BrokenPipeError:
        return _closed_pipe()
    except (ModelFileError, ModelError, SaveError) as exc:
        problems = getattr(exc, "problems", None)
        if problems:
            for problem in problems:
                print(problem.format(), file=sys.stderr)
        else:
            print(printable(exc), file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("fieldcraft: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - last-resort guard: never a bare traceback
        if os.environ.get("FIELDCRAFT_DEBUG"):
            traceback.print_exc()
        print(f"fieldcraft: internal error: {type(exc).__name__}: {exc} "
              "(set FIELDCRAFT_DEBUG=1 for details, and please report it)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
