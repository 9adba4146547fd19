"""``fieldcraft --version`` and ``--help`` answer without loading the model (pydantic, the widget
catalog): the light commands stay light. Each command imports only its own module, and the
help table the top-level parser lists matches what the modules register."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from designer.cli import COMMANDS, build_parser


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, str]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {choice.dest: choice.help or "" for choice in action._choices_actions}


def test_the_help_table_matches_what_each_module_registers() -> None:
    registered = _subcommands(build_parser())
    assert registered == {name: help_text for name, (_, help_text) in COMMANDS.items()}


def test_a_command_gets_its_modules_real_parser() -> None:
    parser = build_parser("diff")
    ns = parser.parse_args(["diff", "a.json", "b.json", "--format", "json"])
    assert ns.handler.__module__ == "designer.cli.cmd_diff"
    assert _subcommands(parser) == _subcommands(build_parser())


def _imported(*args: str) -> tuple[str, set[str]]:
    code = ("import atexit, sys; from designer.cli import main; "
            "atexit.register(lambda: print('\\n'.join(sorted(sys.modules)), file=sys.stderr)); "
            "sys.exit(main(sys.argv[1:]))")
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout, set(out.stderr.split())


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["-h"]])
def test_light_commands_load_no_model(args: list[str]) -> None:
    stdout, modules = _imported(*args)
    assert "fieldcraft" in stdout
    heavy = {m for m in modules if m.split(".")[0] in ("pydantic", "widgets", "orjson", "PySide6")
             or m.startswith(("designer.model.app", "designer.cli.cmd_"))}
    assert not heavy, sorted(heavy)[:10]


def test_a_sub_command_help_loads_only_that_command() -> None:
    stdout, modules = _imported("schema", "--help")
    assert "--output" in stdout
    commands = {m for m in modules if m.startswith("designer.cli.cmd_")}
    assert commands == {"designer.cli.cmd_model"}


def test_an_unknown_command_lists_every_command() -> None:
    out = subprocess.run([sys.executable, "-m", "designer", "exprot"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 2
    assert "invalid choice: 'exprot'" in out.stderr and "'export'" in out.stderr


def _modules_after(*argv: str) -> set[str]:
    code = ("import atexit, sys; "
            "atexit.register(lambda: print('\\n'.join(sorted(sys.modules)), file=sys.stderr))")
    out = subprocess.run([sys.executable, "-c", f"{code}; import runpy; sys.argv[1:] = "
                          f"{list(argv)!r}; runpy.run_module('designer', run_name='__main__')"]
                         if argv else [sys.executable, "-c", code],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return set(out.stderr.split())


def test_version_imports_nothing_beyond_the_interpreter_start() -> None:
    """``python -m designer --version`` (what ``fieldcraft --version`` runs) loads only the
    ``designer`` and ``designer.cli`` package modules on top of what ``python -c`` loads: no
    argparse, pathlib, typing, the CLI's parser or the model (issue 17: 87 ms vs 61 ms)."""
    floor = _modules_after()
    extra = _modules_after("--version") - floor - {"runpy", "pkgutil", "importlib.machinery"}
    assert extra <= {"designer", "designer.cli", "designer.__main__"}, sorted(extra)
