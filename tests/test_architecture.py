"""Layering: the model, catalog, commands, importers, review tools, CLI and exporters never load Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
QT_MODULES = ("PySide6", "shiboken6", "qtawesome", "qtpy", "PyQt5", "PyQt6")

SCRIPT = r"""
import importlib, json, pkgutil, sys
def walk(path, prefix):
    for info in pkgutil.iter_modules(path, prefix):
        if info.name.startswith("designer.ui") or info.name == "designer.__main__":
            continue
        yield info.name
        if info.ispkg:
            yield from walk([p + "/" + info.name.rsplit(".", 1)[1] for p in path], info.name + ".")
loaded, failed, culprit = [], [], []
for root in ["designer", "widgets", "exporters"]:
    pkg = importlib.import_module(root)
    for name in walk(list(pkg.__path__), root + "."):
        try:
            importlib.import_module(name)
            loaded.append(name)
            if not culprit and any(m.split(".")[0] in %r for m in sys.modules):
                culprit.append(name)
        except Exception as exc:
            failed.append(f"{name}: {type(exc).__name__}: {exc}")
qt = sorted(m for m in sys.modules if m.split(".")[0] in %r)
print(json.dumps({"loaded": loaded, "failed": failed, "qt": qt, "culprit": culprit}))
""" % (QT_MODULES, QT_MODULES)


def test_qt_free_packages_import_no_qt() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["failed"] == []
    assert "designer.model.document" in report["loaded"]
    assert "widgets.catalog" in report["loaded"]
    assert "designer.cli" in report["loaded"]
    assert report["qt"] == [], f"{report['culprit']} loaded Qt: {report['qt'][:3]}"


def test_no_qt_import_statements_outside_ui() -> None:
    offenders = []
    for folder in ("designer", "widgets", "exporters"):
        for path in (ROOT / folder).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if rel.startswith("designer/ui/"):
                continue
            for line in path.read_text("utf-8").splitlines():
                stripped = line.strip()
                if stripped.startswith(("import ", "from ")) and any(
                        f" {m}" in stripped or f" {m}." in stripped for m in QT_MODULES):
                    offenders.append(f"{rel}: {stripped}")
    assert offenders == []


def test_void_qt_calls_do_not_corrupt_none_refcount() -> None:
    """PySide6 6.12.0 on CPython 3.11 decrefs None on void calls and aborts; guard the pin."""
    script = (
        "from PySide6.QtCore import QObject, QCoreApplication\n"
        "app = QCoreApplication([])\n"
        "o = QObject()\n"
        "for i in range(20000):\n"
        "    o.setObjectName('x')\n"
        "    o.blockSignals(False)\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"


def test_each_package_imports_on_its_own() -> None:
    """No circular import depends on which package a tool happens to import first."""
    for module in ("widgets", "designer.model", "designer.commands", "designer.cli", "exporters",
                   "designer.model.document", "widgets.catalog"):
        out = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True,
                             text=True, cwd=ROOT, timeout=60)
        assert out.returncode == 0, f"import {module}: {out.stderr[-500:]}"


PRINTERS = ("exporters/pwa", "exporters/react_native", "exporters/flutter")
#: What a printer must not load: the pydantic model and the widget classes (it reads the IR).
MODEL_PACKAGES = ("designer.model", "widgets")


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports (relative imports resolved against its package), with
    line numbers, plus dotted string literals naming a model module (``importlib`` by name;
    a bare ``"widgets"`` is a word in notes and paths)."""
    import ast

    rel = path.relative_to(ROOT).with_suffix("")
    package = list(rel.parts[:-1] if rel.name != "__init__" else rel.parts[:-1])
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{a.name}") for a in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                node.value == "designer.model"
                or any(node.value.startswith(m + ".") for m in MODEL_PACKAGES)):
            found.append((node.lineno, node.value))
    return found


def _model_imports(folders: tuple[str, ...]) -> list[str]:
    offenders = []
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for line, module in _imported_modules(path):
                if any(module == m or module.startswith(m + ".") for m in MODEL_PACKAGES):
                    offenders.append(f"{path.relative_to(ROOT)}:{line}: {module}")
    return offenders


def test_printers_read_only_the_ir() -> None:
    """exporters/pwa, react_native and flutter print the app IR (exporters/ir): none of them
    imports the pydantic model or the widget classes, directly, relatively or by name."""
    assert _model_imports(PRINTERS) == []


def test_the_printer_check_sees_model_imports(tmp_path: Path, monkeypatch: Any) -> None:
    """The check is not vacuous: the IR builder does import the model, and a printer module
    with a (relative, function-local) model import is caught."""
    assert any("designer.model" in o for o in _model_imports(("exporters/ir",)))
    fake = ROOT / "exporters" / "flutter" / "_arch_probe.py"
    fake.write_text("def f():\n    from ...widgets import CATALOG\n    return CATALOG\n", "utf-8")
    try:
        assert _model_imports(PRINTERS) == ["exporters/flutter/_arch_probe.py:2: widgets",
                                            "exporters/flutter/_arch_probe.py:2: widgets.CATALOG"]
    finally:
        fake.unlink()


def _context_model_reads(folders: tuple[str, ...]) -> list[str]:
    """Places where a printer reaches the pydantic model through the export context
    (``ctx.app`` / ``self.ctx.app``) instead of the IR (``ctx.ir``)."""
    import ast

    found = []
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
                if not (isinstance(node, ast.Attribute) and node.attr == "app"):
                    continue
                owner = node.value
                name = owner.id if isinstance(owner, ast.Name) else (
                    owner.attr if isinstance(owner, ast.Attribute) else "")
                if name == "ctx":
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_printers_do_not_read_the_model_through_the_context() -> None:
    """The context carries the pydantic model for the export framework (checks, marker); a
    printer that reads ``ctx.app`` bypasses the IR as surely as an import would."""
    assert _context_model_reads(PRINTERS) == []


def test_the_context_check_sees_ctx_app(tmp_path: Path) -> None:
    fake = ROOT / "exporters" / "pwa" / "_arch_probe.py"
    fake.write_text("def f(self, ctx):\n    return ctx.app, self.ctx.app.screens\n", "utf-8")
    try:
        assert _context_model_reads(PRINTERS) == ["exporters/pwa/_arch_probe.py:2",
                                                  "exporters/pwa/_arch_probe.py:2"]
    finally:
        fake.unlink()
