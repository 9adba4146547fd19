"""Golden tree: the export of a small model is compared file by file with a checked-in copy.

Static template files are checked against the templates, not copies (see tests/golden_tree.py).
Regenerate after an intended change with ``FIELDCRAFT_UPDATE_GOLDEN=1 python -m pytest
tests/exporters/test_golden.py`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import exporters.pwa
from exporters import get
from tests.golden_tree import check_golden_tree, golden_files

from .helpers import small_app

GOLDEN = Path(__file__).parent / "golden" / "pwa_small"
TEMPLATES = Path(exporters.pwa.__file__).parent / "templates"


def test_small_model_matches_the_golden_tree(tmp_path: Path) -> None:
    out = tmp_path / "out"
    get("pwa").export(small_app(), out)
    check_golden_tree(out, GOLDEN, TEMPLATES)


def test_golden_tree_shows_sanitized_names_and_compiled_bindings() -> None:
    files = golden_files(GOLDEN)
    # `class` is a reserved word and `Home` differs from `home` only by case: distinct names
    assert "app/model/screens/class_.js" in files
    assert "app/model/screens/Home_2.js" in files
    screens = files["app/model/screens.js"].decode()
    assert '"class": () => import("./screens/class_.js")' in screens
    assert '"Home": () => import("./screens/Home_2.js")' in screens
    home = files["app/model/screens/home.js"].decode()
    assert '(rt, s) => rt.add(rt.add(rt.fn_t("hello"), ", "), rt.fn_upper("field"))' in home
    assert "eval(" not in home and "Function(" not in home
    readme = files["README.md"].decode()
    assert "`app_small`" in readme and "1\\.2\\.0" in readme and "config.json" in readme
    marker = files[".fieldcraft-export.json"].decode()
    assert '"model_id": "app_small"' in marker and '"exporter_version": "1.0.0"' in marker
