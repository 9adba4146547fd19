"""Long strings must not blow up memory: peak RSS ≤ 3× the file size + 150 MB, under an
address-space cap so a regression fails with MemoryError instead of eating the machine.

Each command runs as a real ``fieldcraft`` process; its peak comes from the kernel (``wait4``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from bench.measure import fieldcraft
from tests.conftest import EXAMPLE

MB = 2**20
CAP = 2048 * MB          # address space; the old line locator needed 5–7 GB resident


def budget(path: Path) -> int:
    return 3 * path.stat().st_size + 150 * MB


def big_model(tmp: Path, name: str, edit: Any) -> Path:
    data = json.loads(EXAMPLE.read_text("utf-8"))
    edit(data)
    path = tmp / f"{name}.fieldcraft.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), "utf-8")
    return path


def first_text_widget(node: dict[str, Any]) -> dict[str, Any]:
    todo = [node]
    while todo:
        widget = todo.pop(0)
        if widget.get("kind") in ("label", "heading") and "text" in widget:
            return widget
        todo.extend(widget.get("children", []))
    raise AssertionError("the example has a label")


@pytest.fixture(scope="module")
def sample_row_40mb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def edit(data: dict[str, Any]) -> None:
        data["data_sources"][0]["entities"][0]["sample_rows"][0]["address"] = "x" * 40 * 10**6
    return big_model(tmp_path_factory.mktemp("mem"), "sample40", edit)


@pytest.fixture(scope="module")
def widget_text_50mb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def edit(data: dict[str, Any]) -> None:
        first_text_widget(data["screens"][0]["root"])["text"] = "é" * 25 * 10**6
    return big_model(tmp_path_factory.mktemp("mem"), "text50", edit)


def check_run(args: list[str], path: Path) -> tuple[int, str]:
    run = fieldcraft(args, address_space=CAP)
    output = run.stdout + run.stderr
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]
    assert run.peak <= budget(path), (f"{args[0]}: peak {run.peak_mb:.0f} MB > "
                                      f"{budget(path) / MB:.0f} MB")
    return run.code, output


def test_a_40mb_sample_string_validates_lints_and_exports_in_bounded_memory(
        sample_row_40mb: Path, tmp_path: Path) -> None:
    code, out = check_run(["validate", str(sample_row_40mb)], sample_row_40mb)
    assert code == 0 and ": ok (" in out
    code, out = check_run(["lint", str(sample_row_40mb)], sample_row_40mb)
    # the example's personal data without sign-in / idle lock: IT's warnings (FC307/FC308)
    assert code == 0 and " error" not in out and set(re.findall(r"FC\d+", out)) <= {
        "FC307", "FC308"}, out
    dest = tmp_path / "pwa"
    code, out = check_run(["export", str(sample_row_40mb), "-t", "pwa", "-o", str(dest), "-q"],
                          sample_row_40mb)
    assert code == 0 and (dest / "index.html").is_file(), out


@pytest.mark.parametrize("command", ["validate", "lint", "export"])
def test_a_50mb_widget_text_is_refused_with_a_located_message_in_bounded_memory(
        widget_text_50mb: Path, tmp_path: Path, command: str) -> None:
    args = [command, str(widget_text_50mb)]
    if command == "export":
        args += ["-t", "flutter", "-o", str(tmp_path / "out"), "-q"]
    code, out = check_run(args, widget_text_50mb)
    assert code == 1, out
    assert "at most 10000 characters" in out
    assert re.search(rf"{re.escape(str(widget_text_50mb))}:\d+: .*screens\[0\].*\.text", out), out
