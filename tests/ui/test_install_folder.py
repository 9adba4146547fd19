"""The designer never writes into the installation or a read-only folder (issue 18, item 9c).

Opening the bundled example used to put ``.field_sales.fieldcraft.json.lock`` into the
installed ``assets/examples/``; in a read-only install the example opened read-only.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from designer.cli.common import example_path
from designer.model import load


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_bundled_example_opens_without_writing_into_the_install(make_window, tmp_path, qtbot):
    example = example_path()
    before, content = _listing(example.parent), example.read_bytes()
    window = make_window(example)
    assert not window.controller.read_only and window.errors == []
    assert _listing(example.parent) == before                      # no lock beside it
    assert window.io.lock is not None and window.io.lock.path.is_file()
    assert not window.io.lock.path.resolve().is_relative_to(example.parent.resolve())
    second = make_window(example)                                  # the lock still works
    assert second.controller.read_only
    window.grab().save(str(tmp_path / "example.png"))

    window.select_all()
    window.delete()
    target = tmp_path / "mine.fieldcraft.json"
    asked: list[bool] = []
    window.io.choose_save_path = lambda: asked.append(True) or str(target)
    assert window.io.save()                                        # "Save" asks where
    assert asked == [True] and window.controller.path == target
    assert load(target).model_dump() == window.controller.app.model_dump()
    assert example.read_bytes() == content and _listing(example.parent) == before

    window.io.choose_save_path = lambda: str(example)              # not into the install
    assert not window.io.save_as() and "installation" in window.errors[-1][1]
    assert example.read_bytes() == content and _listing(example.parent) == before


def test_a_read_only_install_copy_opens_editable_and_stays_untouched(make_window, tmp_path):
    folder = tmp_path / "ro"
    shutil.copytree(example_path().parent, folder)
    model = folder / example_path().name
    folder.chmod(0o555)
    try:
        before = _listing(folder)
        window = make_window(model)
        assert window.errors == [] and not window.controller.read_only
        window.select_all()
        window.delete()
        target = tmp_path / "saved.fieldcraft.json"
        window.io.choose_save_path = lambda: str(target)
        assert window.io.save() and window.errors == []
        assert target.is_file() and _listing(folder) == before
        window.io.shutdown()
        assert _listing(folder) == before
    finally:
        folder.chmod(0o755)


def test_recovery_files_stay_private_while_model_files_follow_the_umask(tmp_path):
    """Unsaved work in the recovery folder is 0600; only real saves follow the umask."""
    import os
    import stat

    from designer.model import save
    from designer.ui.document_io import RecoveryStore

    app = load(example_path())
    old = os.umask(0o022)
    try:
        recovery = RecoveryStore(tmp_path).write(app, None)
        save(app, tmp_path / "saved.fieldcraft.json")
    finally:
        os.umask(old)
    assert stat.S_IMODE(recovery.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "saved.fieldcraft.json").stat().st_mode) == 0o644
