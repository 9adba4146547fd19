"""The designer window end to end: build a screen, run it, save, reopen, undo; file safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QIcon
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolBar

from designer.model import dumps, load
from designer.model.actions import Navigate
from designer.ui.document_io import RecoveryStore, error_text
from designer.ui.screens_panel import ID_ROLE

from .helpers import centre, click, drop_from_palette, mouse_drag

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def dump(window) -> dict:
    return window.controller.app.model_dump(by_alias=True)


def type_into(line, text: str) -> None:
    line.setFocus()
    QTest.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(line, text)
    QTest.keyClick(line, Qt.Key.Key_Return)


def test_build_run_save_reopen_and_undo_everything(make_window, model_file, qtbot):
    window = make_window(model_file)
    c = window.controller
    original = dump(window)
    start_screen = c.current_screen()
    root = start_screen.root
    # 1. drag a label and a text field from the palette onto the screen
    first = window.scene.box_rect(root.children[0].id)
    drop_from_palette(window, "label", [QPointF(first.center().x(), first.top() - 6)])
    label = root.children[0]
    assert label.kind == "label"
    last = window.scene.box_rect(root.id)
    drop_from_palette(window, "text_input", [QPointF(last.center().x(), last.bottom() - 4)])
    field = root.children[-1]
    assert field.kind == "text_input"
    # 2. edit a property in the property editor
    c.select([label.id])
    type_into(window.properties._form.editors["text"].line, "Welcome back")
    assert c.doc.widget(label.id).text == "Welcome back"
    # 3. a free layout from the palette, two buttons dropped into it at the pointer
    last = window.scene.box_rect(root.id)
    drop_from_palette(window, "free", [QPointF(last.center().x(), last.bottom() - 4)])
    free = root.children[-1]
    assert free.kind == "free"
    area = window.scene.box_rect(free.id)
    drop_from_palette(window, "button", [QPointF(area.left() + 20, area.top() + 20)])
    drop_from_palette(window, "button", [QPointF(area.left() + 150, area.top() + 90)])
    b0, b1 = (w.id for w in c.doc.widget(free.id).children)
    # 4. move b1 in the free layout: dropped 3 px right of b0's left edge, it snaps to it
    r0, r1 = window.scene.box_rect(b0), window.scene.box_rect(b1)
    start = r1.center()
    mouse_drag(window, start, QPointF(start.x() + r0.left() + 3 - r1.left(), start.y() + 21))
    f0, f1 = c.doc.widget(b0).layout.frame, c.doc.widget(b1).layout.frame
    assert f1.x == f0.x and f1.y % 8 == 0 and f1.y != f0.y
    # 5. multi-select (click, ctrl-click) and align their tops with the toolbar button
    click(window, centre(window, b1))
    click(window, centre(window, b0), Qt.KeyboardModifier.ControlModifier)
    assert c.selection == [b1, b0]
    toolbar = window.findChild(QToolBar, "main_toolbar")
    QTest.mouseClick(toolbar.widgetForAction(window.acts["align_top"]), Qt.MouseButton.LeftButton)
    assert c.doc.widget(b0).layout.frame.y == c.doc.widget(b1).layout.frame.y
    # 6. add a screen (screens panel button) and a button that navigates to it (actions panel)
    window.screens.buttons["add"].click()
    new_screen = c.current_screen()
    assert new_screen.id != start_screen.id and window.scene.screen_id == new_screen.id
    c.set_current_screen(start_screen.id)
    window.scene.ensure_layout()
    last = window.scene.box_rect(root.id)
    drop_from_palette(window, "button", [QPointF(last.center().x(), last.bottom() - 4)])
    button = c.doc.widget(c.selection[0])
    assert button.kind == "button" and c.doc.parent_of(button.id).id == root.id
    window.docks["actions"].raise_()
    tap = window.actions_editor.lists["tap"]
    next(a for a in tap.add.menu().actions() if a.text() == "Navigate").trigger()
    combo = tap.cards[-1].form.editors["screen"].combo
    combo.setFocus()
    while combo.currentData() != new_screen.name:
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert c.doc.widget(button.id).actions["tap"] == [Navigate(screen=new_screen.name)]
    # 7. run mode: tapping the button opens the new screen
    window.acts["run"].trigger()
    window.scene.ensure_layout()
    click(window, centre(window, button.id))
    assert c.current_screen().id == new_screen.id
    window.acts["run"].trigger()
    assert window.scene.runner is None and not window.scene.ctx.preview
    # 8. save, reopen in a new window → the same model
    assert window.windowTitle().startswith(model_file.name) and window.isWindowModified()
    assert window.io.save()
    assert not window.isWindowModified()
    saved = dump(window)
    assert load(model_file).model_dump(by_alias=True) == saved
    edited = dump(window)
    # 9. undo everything → the original model
    while c.undo_stack.canUndo():
        c.undo_stack.undo()
    assert dump(window) == original
    while c.undo_stack.canRedo():
        c.undo_stack.redo()
    assert dump(window) == edited
    window.io.shutdown()
    other = make_window(model_file)
    assert dump(other) == saved


def test_forms_validate_in_run_mode(make_window, model_file):
    window = make_window(model_file)
    c = window.controller
    c.set_current_screen(c.app.screen("visitCheckIn").id)
    window.acts["run"].trigger()
    window.scene.ensure_layout()
    messages = []
    window.statusBar().messageChanged.connect(messages.append)
    click(window, centre(window, "w_saveVisit"))
    assert any("Please complete" in m and "Notes" in m and "Customer signature" in m
               for m in messages)
    assert window.scene.ctx.validate


def test_unsaved_changes_ask_before_closing(make_window, model_file):
    window = make_window(model_file, answers={"Unsaved changes": "Cancel"})
    window.select_all()
    window.delete()
    assert window.isWindowModified()
    assert not window.close()
    assert window.asked and window.asked[-1][0] == "Unsaved changes"
    assert window.isVisible()


def test_bad_file_shows_the_cli_message(make_window, tmp_path):
    bad = tmp_path / "bad.fieldcraft.json"
    bad.write_text('{"schema_version": 99, "id": "x", "name": "x"}', "utf-8")
    window = make_window()
    assert not window.io.open_path(bad)
    cli = subprocess.run([sys.executable, "-m", "designer", "validate", str(bad)],
                         capture_output=True, text=True, cwd=ROOT)
    title, text = window.errors[-1]
    assert "version 99" in text
    assert text.strip() in (cli.stdout + cli.stderr)
    try:
        load(bad)
    except Exception as exc:  # noqa: BLE001
        assert error_text(exc) == text


def test_external_change_is_detected_before_saving(make_window, model_file):
    window = make_window(model_file, answers={"File changed on disk": "Cancel"})
    window.select_all()
    window.delete()
    model_file.write_text(model_file.read_text("utf-8").replace("Field Sales", "Changed"),
                          "utf-8")
    on_disk = model_file.read_bytes()
    assert not window.io.save()
    assert window.asked[-1][0] == "File changed on disk"
    assert model_file.read_bytes() == on_disk


def test_second_instance_opens_read_only_with_banner(make_window, model_file):
    first = make_window(model_file)
    second = make_window(model_file)
    assert not first.controller.read_only
    assert second.controller.read_only
    assert second.banner.isVisible() and "read-only" in second.banner.text()
    before = dump(second)
    second.select_all()
    second.delete()
    assert dump(second) == before
    first.io.shutdown()
    third = make_window(model_file)
    assert not third.controller.read_only


def test_lock_of_a_crashed_designer_is_taken_over(make_window, model_file):
    script = textwrap.dedent(f"""
        import os, sys, time
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QCoreApplication
        app = QCoreApplication([])
        from designer.ui.document_io import FileLock
        lock = FileLock(__import__("pathlib").Path({str(model_file)!r}))
        assert lock.acquire()
        print("locked", flush=True)
        time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        held = make_window(model_file)
        assert held.controller.read_only
        held.close()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    window = make_window(model_file)
    assert not window.controller.read_only


def test_recovery_after_a_crash_is_offered_and_restored(make_window, model_file, state_dir):
    # a designer edits the file, autosaves to the recovery file, then dies without saving
    script = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from designer.model import load
        from designer.ui.document_io import RecoveryStore
        app = load({str(model_file)!r})
        app.name = "Recovered edits"
        RecoveryStore(Path({str(state_dir)!r})).write(app, Path({str(model_file)!r}))
        os._exit(9)
    """)
    state_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=False,
                   env={**os.environ, "FIELDCRAFT_STATE_DIR": str(state_dir)})
    original_bytes = model_file.read_bytes()
    window = make_window(model_file, answers={"Recover unsaved changes?": "Restore"})
    assert window.asked[0][0] == "Recover unsaved changes?"
    assert window.controller.app.name == "Recovered edits"
    assert window.controller.dirty and window.isWindowModified()
    assert model_file.read_bytes() == original_bytes  # the user's file is untouched
    assert window.io.save()
    assert not RecoveryStore(state_dir).file_for(model_file).exists()


def test_never_saved_app_is_offered_on_start_after_a_crash(qtbot, model_file, state_dir,
                                                          monkeypatch):
    from designer.ui.app import open_window
    from designer.ui.document_io import DocumentIO
    script = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from designer.model import load
        from designer.ui.document_io import RecoveryStore
        app = load({str(model_file)!r})
        app.name = "Never saved"
        RecoveryStore(Path({str(state_dir)!r})).write(app, None)
        os._exit(9)
    """)
    state_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=False,
                   env={**os.environ, "FIELDCRAFT_STATE_DIR": str(state_dir)})
    left = RecoveryStore(state_dir).untitled_orphan()
    assert left is not None
    asked = []
    monkeypatch.setattr(DocumentIO, "_ask",
                        lambda self, title, text, buttons: asked.append(title) or "Restore")
    window = open_window(str(model_file))  # as `fieldcraft open FILE` starts
    qtbot.addWidget(window)
    try:
        assert asked == ["Recover unsaved changes?"]
        assert window.controller.app.name == "Never saved" and window.controller.path is None
        assert window.isWindowModified() and window.windowTitle().startswith("Untitled")
        assert not left.file.exists()  # the crashed session's copy is now this window's
        assert RecoveryStore(state_dir).untitled_orphan() is None
    finally:
        window.io.shutdown()
        window.controller.undo_stack.setClean()
        window.close()
    assert not list(state_dir.glob("untitled-*"))


def test_autosave_writes_recovery_not_the_users_file(make_window, model_file, state_dir):
    window = make_window(model_file)
    original = model_file.read_bytes()
    window.select_all()
    window.delete()
    assert window.io.autosave.isActive()
    assert window.io.autosave.interval() == 2_000
    recovery = window.io.write_recovery()
    assert recovery is not None and recovery.exists()
    assert recovery.read_bytes() == dumps(window.controller.app)
    assert model_file.read_bytes() == original
    # the live designer's own recovery is not offered to another instance
    assert RecoveryStore(state_dir).orphan_for(model_file) is None
    assert window.io.save()
    assert not recovery.exists()


def test_revert_and_recent_files(make_window, model_file):
    window = make_window(model_file, answers={"Revert": "Revert"})
    before = dump(window)
    window.select_all()
    window.delete()
    window.file_revert()
    assert dump(window) == before
    assert str(model_file.resolve()) == window.io.recent_files()[0]
    assert window.recent_menu.actions()[0].text() == model_file.name


def test_save_as_moves_the_lock_and_title(make_window, model_file, tmp_path):
    window = make_window(model_file)
    target = tmp_path / "copy.fieldcraft.json"
    assert window.io.save_as(target)
    assert window.controller.path == target and window.windowTitle().startswith(target.name)
    assert load(target).model_dump() == window.controller.app.model_dump()
    other = make_window(target)
    assert other.controller.read_only


def test_thumbnails_drawn_before_a_crash_restore_show_the_restored_screens(
        make_window, model_file, state_dir, qtbot):
    """The recovery question is modal: thumbnails of the file on disk are drawn while it is
    open; after Restore the screens panel shows the recovered screens, not those."""
    script = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from designer.model import load
        from designer.ui.document_io import RecoveryStore
        app = load({str(model_file)!r})
        app.screen("customers").root.children.clear()
        RecoveryStore(Path({str(state_dir)!r})).write(app, Path({str(model_file)!r}))
        os._exit(9)
    """)
    state_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=False,
                   env={**os.environ, "FIELDCRAFT_STATE_DIR": str(state_dir)})
    window = make_window()
    panel = window.screens

    def ask(title: str, text: str, buttons: list[str]) -> str:
        customers = window.controller.app.screen("customers").id
        qtbot.waitUntil(lambda: customers in panel._thumbs, timeout=5000)  # drawn meanwhile
        return "Restore"

    window.io.ask = ask
    assert window.io.open_path(model_file)
    screen = window.controller.app.screen("customers")
    assert screen.root.children == []  # restored
    qtbot.waitUntil(lambda: screen.id in panel._thumbs, timeout=5000)
    row = next(panel.list.item(i) for i in range(panel.list.count())
               if panel.list.item(i).data(ID_ROLE) == screen.id)
    shown = row.icon().pixmap(panel.list.iconSize()).toImage()
    fresh = QIcon(panel.thumbnail(screen.id)).pixmap(panel.list.iconSize()).toImage()
    assert shown == fresh


def test_autosave_follows_a_mouse_edit_within_seconds_even_while_editing_goes_on(
        make_window, model_file, state_dir, qtbot):
    import time as _time
    from designer.commands import SetAppProperty
    window = make_window(model_file)
    c = window.controller
    c.set_current_screen(c.app.screen("visitCheckIn").id)
    window.scene.ensure_layout()
    target = "w_visitNotes"
    click(window, centre(window, target))  # select with the mouse, delete with the key
    assert window.controller.selection == [target] or target in window.controller.selection
    window.delete()
    assert target not in window.controller.doc
    started = _time.monotonic()
    recovery = RecoveryStore(state_dir).file_for(model_file)
    names = iter(f"Edit {i}" for i in range(100))
    while not recovery.exists():  # an edit every 300 ms never postpones the autosave
        assert _time.monotonic() - started < 3.0, "no recovery file 3 s after the first edit"
        window.controller.push(SetAppProperty("name", next(names)))
        qtbot.wait(300)
    assert _time.monotonic() - started < 3.0
    assert target not in recovery.read_text("utf-8")  # the deletion is in the recovery


def test_a_saved_files_recovery_is_offered_at_start_up(qtbot, model_file, state_dir,
                                                       monkeypatch):
    """Not only when that file is reopened: starting the designer on nothing offers it."""
    from designer.ui.app import open_window
    from designer.ui.document_io import DocumentIO
    script = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from designer.model import load
        from designer.ui.document_io import RecoveryStore
        app = load({str(model_file)!r})
        app.name = "Edits before the crash"
        RecoveryStore(Path({str(state_dir)!r})).write(app, Path({str(model_file)!r}))
        os._exit(9)
    """)
    state_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=False,
                   env={**os.environ, "FIELDCRAFT_STATE_DIR": str(state_dir)})
    asked = []
    monkeypatch.setattr(DocumentIO, "_ask",
                        lambda self, title, text, buttons: asked.append(text) or "Open")
    original = model_file.read_bytes()
    window = open_window(None)  # as `fieldcraft open` with no file starts
    qtbot.addWidget(window)
    try:
        assert len(asked) == 1 and model_file.name in asked[0]  # one question, naming it
        assert window.controller.path == model_file.resolve() or \
            window.controller.path == model_file
        assert window.controller.app.name == "Edits before the crash"
        assert window.isWindowModified() and model_file.read_bytes() == original
    finally:
        window.io.shutdown()
        window.controller.undo_stack.setClean()
        window.close()
