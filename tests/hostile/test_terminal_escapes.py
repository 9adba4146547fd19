"""Model text never reaches the terminal raw (issue 18, item 6).

Every CLI command runs as a real process on hostile models: keys and strings (locale keys,
string keys, header names, unknown property names, values) and the file name itself hold
``ESC [2K CR`` (erase the line, go back to its start), a bidi override, a C1 control and DEL.
Nothing of it may reach stdout or stderr raw; JSON and SARIF output stay valid JSON that means
the same text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from designer.model.printable import escape_stream_text, printable
from tests.conftest import EXAMPLE

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "\x1b[2K\r\u202e\u2066\x85\x7f"
RAW = [c.encode() for c in ("\x1b", "\r", "\u202e", "\u2066", "\x85", "\x7f")]


def _hostile(value: object, keys: bool) -> object:
    """``value`` with HOSTILE appended to every string (and, if ``keys``, every key except
    ``schema_version``, so the file is still read as a model)."""
    if isinstance(value, dict):
        return {(k + HOSTILE if keys and k != "schema_version" else k): _hostile(v, keys)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_hostile(v, keys) for v in value]
    return value + HOSTILE if isinstance(value, str) else value


def _valid_hostile() -> dict:
    """A model that validates, with hostile text wherever the model accepts any text (keys
    and header values refuse control characters: the "keys" file has those)."""
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["name"] += HOSTILE
    data["description"] += HOSTILE
    for table in data["strings"].values():
        table["k"] = "v" + HOSTILE
    data["data_sources"][0]["headers"] = {"X-H": "v\u202e\u2066\x85"}
    data["screens"][0]["title"] = "T" + HOSTILE
    return data


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    example = json.loads(EXAMPLE.read_text("utf-8"))
    out = {"example": folder / "example.fieldcraft.json",
           "keys": folder / "keys.fieldcraft.json",
           "valid": folder / f"valid{HOSTILE}.fieldcraft.json",
           "theirs": folder / "theirs.fieldcraft.json"}
    out["example"].write_text(json.dumps(example, indent=2), "utf-8")
    out["keys"].write_text(json.dumps(_hostile(example, keys=True), ensure_ascii=False), "utf-8")
    valid = _valid_hostile()
    out["valid"].write_text(json.dumps(valid, ensure_ascii=False, indent=2), "utf-8")
    for table in valid["strings"].values():        # conflicts with "valid" on hostile keys
        table["k"] = "theirs" + HOSTILE
    out["theirs"].write_text(json.dumps(valid, ensure_ascii=False, indent=2), "utf-8")
    csv = folder / f"c{HOSTILE}.csv"
    csv.write_bytes(f"id,na{HOSTILE}me\n1,x{HOSTILE}\n".encode())
    out["csv"] = csv
    out["policy"] = folder / "policy.yaml"
    out["policy"].write_text(f'"x{HOSTILE}": 1\nallowed_hosts: ["a{HOSTILE}"]\n', "utf-8")
    out["policy2"] = folder / "policy2.yaml"
    out["policy2"].write_text(f"unknown\u202e_key: 1\nblocked_kinds: [x\u202e]\n", "utf-8")
    return out


def fieldcraft(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "designer", *map(str, args)], cwd=cwd or ROOT,
                          capture_output=True, env=env, timeout=240)


def _commands(f: dict[str, Path], tmp: Path) -> list[list[str | Path]]:
    copy = tmp / "import.fieldcraft.json"
    copy.write_bytes(f["valid"].read_bytes())
    return [
        ["validate", f["keys"], f["valid"], tmp / f"missing{HOSTILE}.fieldcraft.json"],
        ["validate", f["keys"], "--strict"],
        ["lint", f["keys"], f["valid"]],
        ["lint", "--format", "json", f["keys"]],
        ["lint", "--policy", f["policy"], f["valid"]],
        ["lint", "--policy", f["policy2"], f["valid"]],
        ["review", f["valid"], "--no-images", "-o", tmp / "r3.html", "--policy", f["policy2"]],
        ["lint", "--format", "sarif", f["keys"], f["valid"]],
        ["diff", f["example"], f["valid"]],
        ["diff", f["example"], f["keys"]],
        ["diff", "--format", "json", f["example"], f["valid"]],
        ["diff", "--textconv", f["valid"]],
        ["diff", "--textconv", f["keys"]],
        ["diff", f"path{HOSTILE}", f["example"], "0" * 40, "100644", f["valid"], "1" * 40,
         "100644"],
        ["merge", f["example"], f["valid"], f["theirs"], "-o", tmp / "merged.fieldcraft.json"],
        ["merge", f["example"], f["keys"], f["valid"], "-o", tmp / "merged2.fieldcraft.json"],
        ["approve", "--by", "reviewer", f["valid"]],
        ["approve", "--check", f["keys"]],
        ["review", f["valid"], "--no-images", "-o", tmp / "r.html", "--against", f["example"]],
        ["review", f["keys"], "--no-images", "-o", tmp / "r2.html"],
        ["render", f["keys"], "--screen", f"customers{HOSTILE}", "--out", tmp / "s.png"],
        ["render", f["valid"], "--screen", f"nope{HOSTILE}", "--out", tmp / "s.png"],
        ["export", f["valid"], "-t", "pwa", "-o", tmp / "pwa", "--allow-partial"],
        ["export", f["keys"], "-t", "pwa", "-o", tmp / "pwa2"],
        ["export", f["valid"], "-t", f"pwa{HOSTILE}", "-o", tmp / "pwa3"],
        ["import", "--csv", f["csv"], copy],
        ["import", "--csv", f["keys"], copy],
        ["new", tmp / f"new{HOSTILE}.fieldcraft.json"],
        ["new", f["valid"]],
        [f"bogus{HOSTILE}"],
    ]


def test_no_command_prints_raw_control_characters(files: dict[str, Path], tmp_path: Path) -> None:
    seen_hostile_escaped = 0
    for args in _commands(files, tmp_path):
        run = fieldcraft(*args)
        where = " ".join(map(str, args))
        for name, stream in (("stdout", run.stdout), ("stderr", run.stderr)):
            assert not [c for c in RAW if c in stream], f"{where}: raw control in {name}: {stream[-600:]!r}"
            assert b"Traceback" not in stream and b"internal error" not in stream, f"{where}: {stream!r}"
        seen_hostile_escaped += (run.stdout + run.stderr).count(b"\\u001b[2K\\r\\u202e")
        if "json" in args or "sarif" in args:
            json.loads(run.stdout)                   # still valid JSON
    assert seen_hostile_escaped > 50                 # the hostile text was shown, escaped


def test_json_output_keeps_the_text_it_escapes(files: dict[str, Path]) -> None:
    run = fieldcraft("lint", "--format", "sarif", files["keys"])
    messages = [r["message"]["text"] for r in json.loads(run.stdout)["runs"][0]["results"]]
    assert any(f"id{HOSTILE}" in m for m in messages)


def test_a_newline_in_a_key_cannot_forge_an_output_line(tmp_path: Path) -> None:
    data = json.loads(EXAMPLE.read_text("utf-8"))
    data["strings"]["en"]["k\nfieldcraft diff: 0 changes"] = "v"
    model = tmp_path / "m.fieldcraft.json"
    model.write_text(json.dumps(data), "utf-8")
    diff = fieldcraft("diff", EXAMPLE, model).stdout.decode()
    assert "+ strings en.k\\nfieldcraft diff: 0 changes added" in diff
    assert len(diff.splitlines()) == 2                  # the head and the string
    textconv = fieldcraft("diff", "--textconv", model).stdout.decode().splitlines()
    assert not any(line.startswith("fieldcraft diff") for line in textconv)
    data["bogus\nmodel.fieldcraft.json: ok"] = 1
    model.write_text(json.dumps(data), "utf-8")
    out = fieldcraft("validate", model).stdout.decode()
    assert len(out.splitlines()) == 1 and "bogus\\nmodel" in out


def test_progress_bar_escapes_model_text_but_keeps_its_carriage_return() -> None:
    """The bar is the one writer allowed a raw ``\\r``: it writes past the stream net."""
    from designer.cli import _EscapingStream
    from designer.cli.cmd_export import _Bar

    class Tty:
        def __init__(self) -> None:
            self.text = ""

        def write(self, text: str) -> None:
            self.text += text

        def isatty(self) -> bool:
            return True

        def flush(self) -> None:
            pass

    tty = Tty()
    saved = sys.stderr
    sys.stderr = _EscapingStream(tty)  # type: ignore[assignment]
    try:
        _Bar(True)(1, 2, f"screens/x{HOSTILE}.js")
    finally:
        sys.stderr = saved
    assert tty.text.startswith("\r[") and "\x1b" not in tty.text and "\\u001b" in tty.text


def test_helpers() -> None:
    assert printable(f"a{HOSTILE}\n\tb") == "a\\u001b[2K\\r\\u202e\\u2066\\u0085\\u007f\\n\\tb"
    assert escape_stream_text("a\x1b\n\tb\u2069") == "a\\u001b\n\tb\\u2069"
    assert printable("Grüße, مرحبا, 日本") == "Grüße, مرحبا, 日本"
