"""Opening and saving documents: recent files, crash recovery, a lock per file, external changes.

* Autosave writes a *recovery file* (never the user's file) 2 s after the first unsaved change
  (later changes in those 2 s go along; steady typing never postpones it); a normal save
  removes it. On start, a recovery left by a process that is gone is offered.
* A ``QLockFile`` next to the model marks it as being edited; a second instance opens it
  read-only. The lock records the pid, so a lock left by a crashed designer is taken over.
  Nothing is written into the installation (the bundled example) or a read-only folder: the
  lock of such a file lives in the user's runtime folder, and "Save" asks where to save.
* Before saving, the file on disk is compared with what was loaded/saved last: a change by
  another program is never overwritten silently.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QLockFile, QObject, QSettings, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from designer.model import App, ModelFileError, SaveError, dumps, load, loads, save
from designer.model.fileio import write_atomic

from .controller import DocumentController
from designer.model.gc_pause import gc_paused

AUTOSAVE_DELAY_MS = 2_000
MAX_RECENT = 10
FILE_FILTER = "Fieldcraft models (*.fieldcraft.json);;JSON files (*.json);;All files (*)"


def error_text(exc: BaseException) -> str:
    """The same text the CLI prints for a model file error: one line per problem."""
    problems = getattr(exc, "problems", None)
    if problems:
        return "\n".join(p.format() for p in problems)
    return str(exc)


def state_dir() -> Path:
    """Where recovery files live (``FIELDCRAFT_STATE_DIR`` overrides, e.g. in tests)."""
    override = os.environ.get("FIELDCRAFT_STATE_DIR")
    if override:
        folder = Path(override)
    else:
        base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        folder = Path(base or Path.home() / ".fieldcraft") / "recovery"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class Recovery:
    """An autosaved state: the recovery file and the document it belongs to."""

    file: Path
    original: Path | None
    saved_at: float
    pid: int


class RecoveryStore:
    """Recovery files: ``<key>.fieldcraft.json`` plus ``<key>.meta.json`` in ``state_dir()``."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or state_dir()

    def _key(self, original: Path | None) -> str:
        if original is None:
            return f"untitled-{os.getpid()}"
        return hashlib.sha1(str(original.resolve()).encode("utf-8")).hexdigest()[:16]

    def file_for(self, original: Path | None) -> Path:
        return self.folder / f"{self._key(original)}.fieldcraft.json"

    def write(self, app: App, original: Path | None) -> Path:
        target = self.file_for(original)
        write_atomic(target, dumps(app), backup=False, new_mode=0o600)   # unsaved work: private
        meta = {"original": str(original.resolve()) if original else None,
                "saved_at": time.time(), "pid": os.getpid()}
        write_atomic(target.with_suffix("").with_suffix(".meta.json"),
                     json.dumps(meta).encode("utf-8"), backup=False)
        return target

    def remove(self, original: Path | None) -> None:
        target = self.file_for(original)
        for path in (target, target.with_suffix("").with_suffix(".meta.json")):
            try:
                path.unlink()
            except FileNotFoundError:
                pass

    def untitled_orphan(self) -> Recovery | None:
        """The newest recovery of a never-saved app left by a process that is gone."""
        found = []
        for meta_path in self.folder.glob("untitled-*.meta.json"):
            try:
                meta = json.loads(meta_path.read_text("utf-8"))
            except (OSError, ValueError):
                continue
            pid = int(meta.get("pid") or 0)
            target = meta_path.with_name(meta_path.name.replace(".meta.json", ".fieldcraft.json"))
            if pid != os.getpid() and not _pid_alive(pid) and target.exists():
                found.append(Recovery(target, None, float(meta.get("saved_at") or 0), pid))
        return max(found, key=lambda r: r.saved_at, default=None)

    def discard(self, recovery: Recovery) -> None:
        """Remove a recovery file and its meta file."""
        for path in (recovery.file, recovery.file.with_suffix("").with_suffix(".meta.json")):
            try:
                path.unlink()
            except FileNotFoundError:
                pass

    def file_orphans(self) -> list[Recovery]:
        """Recoveries of saved files left by processes that are gone, newest first (files
        that no longer exist are skipped: nothing to open them over)."""
        found = []
        for meta_path in self.folder.glob("*.meta.json"):
            if meta_path.name.startswith("untitled-"):
                continue
            try:
                original = json.loads(meta_path.read_text("utf-8")).get("original")
            except (OSError, ValueError, AttributeError):
                continue
            if isinstance(original, str) and Path(original).is_file():
                recovery = self.orphan_for(Path(original))
                if recovery is not None:
                    found.append(recovery)
        return sorted(found, key=lambda r: r.saved_at, reverse=True)

    def orphan_for(self, original: Path | None) -> Recovery | None:
        """A recovery of ``original`` left by a process that is no longer running."""
        if original is None:
            return None
        target = self.file_for(original)
        meta_path = target.with_suffix("").with_suffix(".meta.json")
        if not target.exists() or not meta_path.exists():
            return None
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        pid = int(meta.get("pid") or 0)
        if pid == os.getpid() or _pid_alive(pid):
            return None
        return Recovery(target, original, float(meta.get("saved_at") or 0), pid)


@dataclass(frozen=True)
class DiskState:
    """What the file on disk looked like when last loaded or saved."""

    size: int
    digest: str

    @classmethod
    def of(cls, path: Path) -> "DiskState | None":
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return cls(len(data), hashlib.sha256(data).hexdigest())


def install_folder() -> Path:
    """The installed ``assets`` package (bundled example, device frames): never written."""
    return Path(str(resources.files("assets"))).resolve()


def keep_out(path: Path) -> bool:
    """True for a file whose folder we must not write into: inside the installation, or a
    folder that is not writable (no write permission bits at all counts, even for root)."""
    folder = path.resolve().parent
    try:
        no_write_bits = not folder.stat().st_mode & 0o222
    except OSError:
        return True
    return (folder.is_relative_to(install_folder()) or no_write_bits
            or not os.access(folder, os.W_OK))


def lock_path(path: Path) -> Path:
    """``.<name>.lock`` beside the model, or for a ``keep_out`` file one in the user's
    runtime folder (XDG_RUNTIME_DIR) named by the file's resolved path."""
    if not keep_out(path):
        return path.with_name(f".{path.name}.lock")
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation)
    folder = Path(base or tempfile.gettempdir()) / "fieldcraft-locks"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogateescape")).hexdigest()
    return folder / f"{key[:32]}.lock"


class FileLock:
    """Marks a model file as being edited (see ``lock_path`` for where the lock lives)."""

    def __init__(self, path: Path) -> None:
        self.path = lock_path(path)
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)  # never stale by age; only when its process is gone

    def acquire(self) -> bool:
        """True if we hold the lock; False if another running designer holds it."""
        if self._lock.tryLock(0):
            return True
        if self._lock.error() == QLockFile.LockError.LockFailedError and \
                self._lock.removeStaleLockFile():
            return self._lock.tryLock(0)
        return False

    def reason(self) -> str:
        """Why the lock was not taken, as the end of "… so it is read-only here"."""
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            return "is open in another Fieldcraft window"
        if self._lock.error() == QLockFile.LockError.PermissionError:
            return "is in a folder Fieldcraft cannot write to (a read-only folder)"
        return "could not be locked for editing"

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()


class DocumentIO(QObject):
    """File operations of one designer window. Dialogs go through overridable hooks."""

    recent_changed = Signal(list)
    external_change = Signal(str)
    message = Signal(str)

    def __init__(self, controller: DocumentController, parent_widget: QWidget | None = None
                 ) -> None:
        super().__init__(parent_widget)
        self.controller = controller
        self.parent_widget = parent_widget
        self.recovery = RecoveryStore()
        self.lock: FileLock | None = None
        self.disk: DiskState | None = None
        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_DELAY_MS)
        self.autosave.timeout.connect(self.write_recovery)
        controller.changed.connect(self._on_edit)
        # Dialog hooks (tests replace them).
        self.ask: Callable[[str, str, list[str]], str] = self._ask
        self.show_error: Callable[[str, str], None] = self._show_error
        self.choose_open_path: Callable[[], str] = self._choose_open_path
        self.choose_save_path: Callable[[], str] = self._choose_save_path

    # ------------------------------------------------------------ dialogs
    def _ask(self, title: str, text: str, buttons: list[str]) -> str:
        box = QMessageBox(self.parent_widget)
        box.setWindowTitle(title)
        box.setText(text)
        made = {box.addButton(b, QMessageBox.ButtonRole.ActionRole): b for b in buttons}
        box.exec()
        return made.get(box.clickedButton(), buttons[-1])

    def _show_error(self, title: str, text: str) -> None:
        QMessageBox.critical(self.parent_widget, title, text)

    def _choose_open_path(self) -> str:
        return QFileDialog.getOpenFileName(self.parent_widget, "Open model", "", FILE_FILTER)[0]

    def _choose_save_path(self) -> str:
        path = QFileDialog.getSaveFileName(self.parent_widget, "Save model as", "",
                                           FILE_FILTER)[0]
        if path and not path.endswith(".json"):
            path += ".fieldcraft.json"
        return path

    # ------------------------------------------------------------- opening
    def offer_file_recovery_at_start(self, opening: Path | None) -> bool:
        """On start: a crash left unsaved changes of a saved file (other than ``opening``,
        which asks when it opens): offer to open that file with them restored."""
        others = [r for r in self.recovery.file_orphans()
                  if opening is None or r.original != opening.resolve()]
        if not others:
            return False
        found = others[0]
        assert found.original is not None
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(found.saved_at))
        answer = self.ask("Recover unsaved changes?",
                          f"Fieldcraft closed unexpectedly while editing {found.original.name} "
                          f"({found.original.parent}). Unsaved changes from {when} were "
                          "recovered. Open the file with them?", ["Open", "Later"])
        if answer != "Open":
            return False  # kept: offered again when the file is opened
        return self.open_path(found.original, restore=True)

    def open_path(self, path: str | Path, restore: bool = False) -> bool:
        """Load ``path`` into the window (errors shown like the CLI prints them); ``restore``:
        take a crashed session's recovery of it without asking (the user just chose it)."""
        file = Path(path)
        with gc_paused(freeze=True):    # the model and its canvas items live until the next open
            try:
                app = load(file)
            except ModelFileError as exc:
                self.show_error("Cannot open model", error_text(exc))
                return False
            self._release()
            self.controller.replace_app(app, file)
        self.disk = DiskState.of(file)
        lock = FileLock(file)
        read_only = not lock.acquire()
        self.lock = None if read_only else lock
        self.controller.set_read_only(read_only, lock.reason() if read_only else "")
        self.add_recent(file)
        if not read_only:
            self.offer_recovery(file, restore)
        return True

    def offer_recovery(self, file: Path, restore: bool = False) -> bool:
        """If a crashed session left a recovery for ``file``, offer to restore it."""
        found = self.recovery.orphan_for(file)
        if found is None:
            return False
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(found.saved_at))
        answer = "Restore" if restore else self.ask(
            "Recover unsaved changes?",
            f"Fieldcraft closed unexpectedly while editing {file.name}. "
            f"Unsaved changes from {when} were recovered.", ["Restore", "Discard"])
        if answer != "Restore":
            self.recovery.remove(file)
            return False
        app = self._load_recovery(found)
        if app is None:
            return False
        self.controller.replace_app(app, file)
        # the restored state is unsaved: mark the stack dirty with a no-op clean index
        self.controller.undo_stack.resetClean()
        self.controller.file_state_changed.emit()
        self.write_recovery()
        return True

    def offer_untitled_recovery(self) -> bool:
        """On start: if a crashed session left a never-saved app, offer to restore it."""
        found = self.recovery.untitled_orphan()
        if found is None:
            return False
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(found.saved_at))
        answer = self.ask("Recover unsaved changes?",
                          "Fieldcraft closed unexpectedly while editing an app that was never "
                          f"saved. Its state from {when} was recovered.", ["Restore", "Discard"])
        if answer != "Restore":
            self.recovery.discard(found)
            return False
        app = self._load_recovery(found)
        if app is None:
            return False
        self.new_document(app)
        self.controller.undo_stack.resetClean()  # unsaved until the user saves it
        self.controller.file_state_changed.emit()
        self.write_recovery()  # now ours (this pid) until saved
        self.recovery.discard(found)
        return True

    def _load_recovery(self, found: Recovery) -> App | None:
        """The app a recovery file holds; None, after telling the user, if it cannot be read."""
        try:
            with gc_paused():
                return loads(found.file.read_bytes(), str(found.file))
        except (OSError, ModelFileError) as exc:
            self.show_error("Cannot restore", error_text(exc))
            return None

    def new_document(self, app: App) -> None:
        self._release()
        self.controller.replace_app(app, None)
        self.controller.set_read_only(False)
        self.disk = None

    def revert(self) -> bool:
        path = self.controller.path
        if path is None:
            return False
        try:
            with gc_paused():
                app = load(path)
        except ModelFileError as exc:
            self.show_error("Cannot revert", error_text(exc))
            return False
        self.controller.replace_app(app, path)
        self.disk = DiskState.of(path)
        self.recovery.remove(path)
        return True

    # -------------------------------------------------------------- saving
    def save(self) -> bool:
        """Save to the current path (Save As when there is none, the file is read-only, or
        it must not be written: the bundled example, a read-only folder)."""
        path = self.controller.path
        if path is None or self.controller.read_only or keep_out(path):
            return self.save_as()
        if not self._confirm_overwrite(path):
            return False
        return self._write(path)

    def save_as(self, path: str | Path | None = None) -> bool:
        target = Path(path) if path else None
        if target is None:
            chosen = self.choose_save_path()
            if not chosen:
                return False
            target = Path(chosen)
        if target.resolve().parent.is_relative_to(install_folder()):
            self.show_error("Cannot save", f"{target} is inside the Fieldcraft installation; "
                                           "save your copy in another folder")
            return False
        lock = FileLock(target)
        if target != self.controller.path or self.controller.read_only:
            if not lock.acquire():
                self.show_error("Cannot save", f"{target} is open in another Fieldcraft window")
                return False
        else:
            lock = self.lock  # type: ignore[assignment]
        old_path = self.controller.path
        if not self._write(target):
            if lock is not self.lock and lock is not None:
                lock.release()
            return False
        if lock is not self.lock:
            self._release()
            self.lock = lock
        if old_path is None:
            self.recovery.remove(None)
        self.controller.set_read_only(False)
        self.add_recent(target)
        return True

    def _confirm_overwrite(self, path: Path) -> bool:
        now = DiskState.of(path)
        if self.disk is None or now is None or now == self.disk:
            return True
        answer = self.ask("File changed on disk",
                          f"{path.name} was changed by another program since you opened it. "
                          "Overwrite those changes, reload the file (losing yours), or cancel?",
                          ["Overwrite", "Reload", "Cancel"])
        if answer == "Reload":
            self.revert()
            return False
        return answer == "Overwrite"

    def _write(self, path: Path) -> bool:
        try:
            save(self.controller.app, path)
        except SaveError as exc:
            self.show_error("Cannot save", str(exc))
            return False
        self.disk = DiskState.of(path)
        self.recovery.remove(path)
        self.autosave.stop()
        self.controller.mark_saved(path)
        self.message.emit(f"Saved {path}")
        return True

    def maybe_save(self) -> bool:
        """Before closing/replacing: True if it is fine to discard the document now."""
        if not self.controller.dirty or self.controller.read_only:
            return True
        name = self.controller.path.name if self.controller.path else "Untitled"
        answer = self.ask("Unsaved changes", f"Save the changes to {name} before closing?",
                          ["Save", "Discard", "Cancel"])
        if answer == "Save":
            return self.save()
        return answer == "Discard"

    # ------------------------------------------------------------ recovery
    def _on_edit(self, _change: object) -> None:
        if not self.controller.read_only and not self.autosave.isActive():
            self.autosave.start()  # not restarted: a crash loses at most ~2 s of edits

    def write_recovery(self) -> Path | None:
        """Autosave now (to the recovery file, never the user's file)."""
        if self.controller.read_only or not self.controller.dirty:
            return None
        try:
            return self.recovery.write(self.controller.app, self.controller.path)
        except SaveError as exc:
            self.message.emit(f"Autosave failed: {exc}")
            return None

    def shutdown(self) -> None:
        """The window closes normally: drop recovery and lock."""
        self.autosave.stop()
        self._release()

    def _release(self) -> None:
        if not self.controller.read_only:
            self.recovery.remove(self.controller.path)
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # -------------------------------------------------------------- recent
    def settings(self) -> QSettings:
        return QSettings("Fieldcraft", "Fieldcraft Designer")

    def recent_files(self) -> list[str]:
        value = self.settings().value("recent_files", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [p for p in items if isinstance(p, str)]

    def add_recent(self, path: Path) -> None:
        full = str(path.resolve())
        items = [full] + [p for p in self.recent_files() if p != full]
        self.settings().setValue("recent_files", items[:MAX_RECENT])
        self.recent_changed.emit(items[:MAX_RECENT])
