"""The designer's main window: builds and wires the canvas, palette, screens and side panels."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (QComboBox, QDockWidget, QLabel, QMainWindow, QMenu, QToolBar,
                               QVBoxLayout, QWidget)

from designer.commands import AddWidget
from designer.model import App, Screen, new_id, unique_name
from widgets import CATALOG, ContainerBase

from . import clipboard, panels
from .canvas import context_menu
from .canvas import edit_actions as ops
from .canvas.devices import load_devices
from .canvas.run_mode import Runner
from .canvas.scene import CanvasScene
from .canvas.view import CanvasView
from .controller import DocumentController
from .document_io import DocumentIO
from .help_menu import build_help_menu
from .icons import icon as named_icon
from .palette import WidgetPalette
from .panels.problems import ProblemsPanel
from .screens_panel import ScreensPanel, new_screen

KEY = QKeySequence.StandardKey
RIGHT_DOCK_MIN_WIDTH = 310
RIGHT_DOCK_WIDTH = 380


def app_icon() -> QIcon:
    """Fieldcraft's icon (assets/icons/fieldcraft.svg)."""
    import assets
    return QIcon(str(Path(assets.__file__).parent / "icons" / "fieldcraft.svg"))


def empty_app(name: str = "Untitled app") -> App:
    """A new app with one empty screen."""
    screen = new_screen(set(), "home")
    return App(id=new_id("app"), name=name, start_screen=screen.name, screens=[screen])


class MainWindow(QMainWindow):
    """One open document: canvas in the centre, palette/screens left, panels right."""

    def __init__(self, controller: DocumentController | None = None) -> None:
        super().__init__()
        self.controller = controller or DocumentController(empty_app())
        self.setWindowTitle("Fieldcraft")
        self.setWindowIcon(app_icon())
        self.resize(1440, 920)
        self.scene = CanvasScene(self.controller, self)
        self.view = CanvasView(self.scene, self)
        self.io = DocumentIO(self.controller, self)
        self.banner = QLabel(self)
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setStyleSheet("#readOnlyBanner { background: #fff4ce; color: #5c4400;"
                                  " padding: 6px 12px; border-bottom: 1px solid #e0c46c; }")
        self.banner.setVisible(False)
        central = QWidget(self)
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.banner)
        box.addWidget(self.view, 1)
        self.setCentralWidget(central)
        self.palette = WidgetPalette(self)
        self.screens = ScreensPanel(self.controller, self)
        self.docks: dict[str, QDockWidget] = {}
        self._dock("palette", "Widgets", self.palette, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._dock("screens", "Screens", self.screens, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.properties = panels.PropertyEditor(self.controller, self)
        self.outline = panels.OutlinePanel(self.controller, self)
        self.data_panel = panels.DataPanel(self.controller, self)
        self.actions_editor = panels.ActionsEditor(self.controller, self)
        # questions before deleting what others point at go through the I/O's (test) hook
        self.screens.ask = self.data_panel.ask = lambda *question: self.io.ask(*question)
        self._dock("outline", "Outline", self.outline, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("properties", "Properties", self.properties,
                   Qt.DockWidgetArea.RightDockWidgetArea)
        # Data and Actions go straight into tabs, and the first tab group is settled before
        # the second is made: otherwise Qt leaves a stale second "Outline | Data" tab bar
        # visible behind the outline
        self._dock("data", "Data", self.data_panel, None)
        self._dock("actions", "Actions", self.actions_editor, None)
        self.tabifyDockWidget(self.docks["properties"], self.docks["actions"])
        self.layout().activate()
        self.tabifyDockWidget(self.docks["outline"], self.docks["data"])
        self.problems = ProblemsPanel(self.controller, self)
        self._dock("problems", "Problems", self.problems, None)
        self.tabifyDockWidget(self.docks["data"], self.docks["problems"])
        self.docks["properties"].raise_()
        self.docks["outline"].raise_()
        for key in ("outline", "properties", "data", "actions", "problems"):
            # the property editor's label column plus its widest editors (four padding
            # fields, a number with its unit) fit without being cut off at the right edge
            self.docks[key].setMinimumWidth(RIGHT_DOCK_MIN_WIDTH)
        self.resizeDocks([self.docks["palette"], self.docks["outline"]],
                         [230, RIGHT_DOCK_WIDTH], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["outline"], self.docks["properties"]], [2, 3],
                         Qt.Orientation.Vertical)  # more room for the property editor
        self.acts: dict[str, QAction] = {}
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        context_menu.install(self)
        self.zoom_label = QLabel("100%")
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{round(z * 100)}%"))
        self.palette.activated.connect(self.insert_kind)
        self.controller.file_state_changed.connect(self.update_title)
        self.controller.changed.connect(self._on_app_renamed)
        self.controller.error.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.controller.selection_changed.connect(self._update_edit_actions)
        self.controller.undo_stack.canUndoChanged.connect(self._update_edit_actions)
        self.io.message.connect(lambda m: self.statusBar().showMessage(m, 6000))
        self.scene.status_message.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.io.recent_changed.connect(self._fill_recent)
        self.update_title()
        self._update_edit_actions()

    def _dock(self, key: str, title: str, widget: QWidget,
              area: Qt.DockWidgetArea | None) -> None:
        """A dock for ``widget`` in ``area`` (None: the caller tabs it onto another dock)."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{key}")
        dock.setWidget(widget)
        if area is not None:
            self.addDockWidget(area, dock)
        self.docks[key] = dock

    # ------------------------------------------------------------ actions
    def _act(self, key: str, text: str, slot: Callable[..., Any], shortcut: Any = None,
             icon: str | None = None, checkable: bool = False, tip: str = "") -> QAction:
        action = QAction(text, self)
        if icon:
            action.setIcon(named_icon(icon))
        if shortcut is not None:
            action.setShortcut(shortcut if isinstance(shortcut, QKeySequence)
                               else QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(checkable)
        action.setToolTip(tip or text.replace("&", ""))
        action.triggered.connect(slot)
        self.addAction(action)
        self.acts[key] = action
        return action

    def _build_actions(self) -> None:
        a = self._act
        a("new", "&New", self.file_new, KEY.New, "mdi6.file-outline")
        a("open", "&Open…", self.file_open, KEY.Open, "mdi6.folder-open-outline")
        a("save", "&Save", self.io.save, KEY.Save, "mdi6.content-save-outline")
        a("save_as", "Save &As…", lambda: self.io.save_as(), KEY.SaveAs)
        a("revert", "&Revert", self.file_revert)
        a("export", "&Export…", self.export_app, None, "mdi6.export")
        a("quit", "&Quit", self.close, KEY.Quit)
        undo = self.controller.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(KEY.Undo)
        undo.setIcon(named_icon("mdi6.undo"))
        redo = self.controller.undo_stack.createRedoAction(self, "&Redo")
        # Ctrl+Y as on Windows and Ctrl+Shift+Z as on macOS/Linux, whatever the platform says
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        redo.setIcon(named_icon("mdi6.redo"))
        self.acts["undo"], self.acts["redo"] = undo, redo
        self.addAction(undo)  # window-wide keys, also while the menu bar is hidden or native
        self.addAction(redo)
        a("cut", "Cu&t", self.cut, KEY.Cut, "mdi6.content-cut")
        a("copy", "&Copy", self.copy, KEY.Copy, "mdi6.content-copy")
        a("paste", "&Paste", self.paste, KEY.Paste, "mdi6.content-paste")
        a("duplicate", "D&uplicate", self.duplicate, "Ctrl+D")
        a("delete", "&Delete", self.delete, KEY.Delete, "mdi6.delete-outline")
        a("select_all", "Select &All", self.select_all, KEY.SelectAll)
        for edge, label, icon in (
                ("left", "Align Left", "align-horizontal-left"),
                ("hcenter", "Align Centre", "align-horizontal-center"),
                ("right", "Align Right", "align-horizontal-right"),
                ("top", "Align Top", "align-vertical-top"),
                ("vcenter", "Align Middle", "align-vertical-center"),
                ("bottom", "Align Bottom", "align-vertical-bottom")):
            a(f"align_{edge}", label, lambda _=False, e=edge: self.align(e), icon=f"mdi6.{icon}")
        a("distribute_h", "Distribute Horizontally", lambda: self.distribute(True),
          icon="mdi6.distribute-horizontal-center")
        a("distribute_v", "Distribute Vertically", lambda: self.distribute(False),
          icon="mdi6.distribute-vertical-center")
        for key, dx, dy, seq in (("left", -1, 0, "Left"), ("right", 1, 0, "Right"),
                                 ("up", 0, -1, "Up"), ("down", 0, 1, "Down")):
            a(f"nudge_{key}", f"Nudge {key}", lambda _=False, x=dx, y=dy: self.nudge(x, y), seq)
            a(f"nudge_{key}_big", f"Nudge {key} by the grid",
              lambda _=False, x=dx, y=dy: self.nudge(x * 8, y * 8), f"Shift+{seq}")
        for key in ("cut", "copy", "paste", "duplicate", "delete", "select_all",
                    *(k for k in self.acts if k.startswith("nudge_"))):
            # canvas-scoped, so text fields and trees keep their own keys
            self.acts[key].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(self.acts[key])
        a("zoom_in", "Zoom &In", self.view.zoom_in, KEY.ZoomIn, "mdi6.magnify-plus-outline")
        a("zoom_out", "Zoom &Out", self.view.zoom_out, KEY.ZoomOut, "mdi6.magnify-minus-outline")
        a("zoom_fit", "&Fit Screen", self.view.fit, "Ctrl+0", "mdi6.fit-to-screen-outline")
        a("zoom_100", "Actual Size", self.view.zoom_reset, "Ctrl+1")
        a("grid", "Show &Grid", self.toggle_grid, "Ctrl+'", "mdi6.grid", checkable=True)
        a("landscape", "&Landscape", self.toggle_landscape, "Ctrl+L",
          "mdi6.phone-rotate-landscape", checkable=True)
        a("preview", "&Preview", self.toggle_preview, "Ctrl+P", "mdi6.eye-outline",
          checkable=True, tip="Preview with sample data")
        a("run", "&Run", self.toggle_run, "Ctrl+R", "mdi6.play", checkable=True,
          tip="Run: buttons navigate, forms validate")
        a("preview_device", "Preview on &Device…", self.preview_on_device, "Ctrl+Shift+R",
          "mdi6.cellphone-wireless", tip="Serve the app to a phone (QR code, mock back end)")
        a("add_screen", "&Add Screen", self.screens.add_screen, "Ctrl+Shift+N",
          "mdi6.file-document-plus-outline")
        a("duplicate_screen", "&Duplicate Screen", self.screens.duplicate_current)
        a("delete_screen", "Delete Screen", self.screens.delete_current)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        for key in ("new", "open"):
            file.addAction(self.acts[key])
        self.recent_menu = QMenu("Open &Recent", self)
        file.addMenu(self.recent_menu)
        self._fill_recent(self.io.recent_files())
        file.addSeparator()
        for key in ("save", "save_as", "revert", "export"):
            file.addAction(self.acts[key])
        file.addSeparator()
        file.addAction(self.acts["quit"])
        edit = bar.addMenu("&Edit")
        for key in ("undo", "redo", None, "cut", "copy", "paste", "duplicate", "delete", None,
                    "select_all"):
            edit.addSeparator() if key is None else edit.addAction(self.acts[key])
        arrange = bar.addMenu("&Arrange")
        for key in ("align_left", "align_hcenter", "align_right", None, "align_top",
                    "align_vcenter", "align_bottom", None, "distribute_h", "distribute_v"):
            arrange.addSeparator() if key is None else arrange.addAction(self.acts[key])
        view = bar.addMenu("&View")
        for key in ("zoom_in", "zoom_out", "zoom_fit", "zoom_100", None, "grid", "landscape",
                    None, "preview", "run"):
            view.addSeparator() if key is None else view.addAction(self.acts[key])
        view.addSeparator()
        for dock in self.docks.values():
            view.addAction(dock.toggleViewAction())
        run = bar.addMenu("&Run")
        for key in ("run", "preview_device"):
            run.addAction(self.acts[key])
        screen = bar.addMenu("&Screen")
        for key in ("add_screen", "duplicate_screen", "delete_screen"):
            screen.addAction(self.acts[key])
        self.help_menu = build_help_menu(bar, self, lambda url: self.open_url(url))

    def open_url(self, url: object) -> None:
        """Open a help document (tests replace this)."""
        from PySide6.QtGui import QDesktopServices
        QDesktopServices.openUrl(url)  # type: ignore[arg-type]

    def _build_toolbar(self) -> None:
        tb = QToolBar("Main", self)
        tb.setObjectName("main_toolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.addToolBar(tb)
        for key in ("new", "open", "save", None, "undo", "redo", None, "add_screen", None):
            tb.addSeparator() if key is None else tb.addAction(self.acts[key])
        self.device_combo = QComboBox(self)
        self.device_combo.setToolTip("Device")
        for profile in load_devices().values():
            self.device_combo.addItem(f"{profile.name}  {int(profile.width)}×{int(profile.height)}",
                                      profile.id)
        self._sync_device_combo()
        self.device_combo.currentIndexChanged.connect(self._on_device_chosen)
        tb.addWidget(self.device_combo)
        for key in ("landscape", None, "zoom_out", "zoom_fit", "zoom_in", "grid", None):
            tb.addSeparator() if key is None else tb.addAction(self.acts[key])
        modes = QActionGroup(self)
        modes.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        modes.addAction(self.acts["preview"])
        modes.addAction(self.acts["run"])
        tb.addAction(self.acts["preview"])
        tb.addAction(self.acts["run"])
        tb.addSeparator()
        for key in ("align_left", "align_hcenter", "align_right", "align_top", "align_vcenter",
                    "align_bottom", "distribute_h", "distribute_v"):
            tb.addAction(self.acts[key])

    def _fill_recent(self, files: list[str]) -> None:
        self.recent_menu.clear()
        for path in files:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_file(p))
        self.recent_menu.setEnabled(bool(files))

    # ---------------------------------------------------------- file
    def update_title(self) -> None:
        c = self.controller
        name = c.path.name if c.path else "Untitled"
        suffix = " (read-only)" if c.read_only else ""
        self.setWindowTitle(f"{name}[*]{suffix} — {c.app.name} — Fieldcraft")
        self.setWindowModified(c.dirty)
        self.banner.setVisible(c.read_only)
        if c.read_only:
            why = c.read_only_reason or "is open in another Fieldcraft window"
            self.banner.setText(f"{name} {why}, so it is read-only here. Use Save As to keep a "
                                "copy of your changes.")
        self.acts["revert"].setEnabled(c.path is not None and c.dirty)
        self._sync_device_combo()

    def _on_app_renamed(self, change: Any) -> None:
        """The title names the app: follow a rename at once, not at the next save."""
        if change.kind in ("app_changed", "reset") and (
                change.kind == "reset" or change.detail.get("prop") == "name"):
            self.update_title()

    def open_file(self, path: str) -> bool:
        if not self.io.maybe_save():
            return False
        ok = self.io.open_path(path)
        if ok:
            self.scene.device_override = None
            self.view.fit()
        return ok

    def file_open(self) -> None:
        path = self.io.choose_open_path()
        if path:
            self.open_file(path)

    def file_new(self) -> None:
        if self.io.maybe_save():
            self.io.new_document(empty_app())
            self.view.fit()

    def export_app(self) -> None:
        from .export_dialog import ExportDialog
        ExportDialog(self.controller, self).exec()

    def preview_on_device(self) -> None:
        """Serve the saved model to phones; unsaved changes are saved first (live reload
        follows later saves)."""
        if (self.controller.path is None or self.controller.dirty) and not self.io.save():
            return
        from .preview_dialog import PreviewDialog
        PreviewDialog(Path(self.controller.path), self).exec()

    def file_revert(self) -> None:
        if self.io.ask("Revert", "Discard all unsaved changes?", ["Revert", "Cancel"]) == "Revert":
            self.io.revert()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.io.maybe_save():
            self.io.shutdown()
            event.accept()
        else:
            event.ignore()

    # ---------------------------------------------------------- editing
    def _push(self, made: Any, message: str = "") -> bool:
        if made is None:
            if message:
                self.statusBar().showMessage(message, 5000)
            return False
        command, ids = made if isinstance(made, tuple) else (made, None)
        return self.controller.push(command, selection_after=ids)

    def _update_edit_actions(self, *_: Any) -> None:
        doc = self.controller.doc
        has = any(i in doc and doc.parent_of(i) is not None for i in self.controller.selection)
        for key in ("cut", "copy", "duplicate", "delete"):
            self.acts[key].setEnabled(has)

    def copy(self) -> bool:
        payload = ops.copy_payload(self.controller.doc, self.controller.selection)
        if payload is None:
            return False
        clipboard.put_widgets(payload)
        return True

    def cut(self) -> None:
        if self.copy():
            self.delete()

    def paste(self) -> None:
        text = clipboard.read_text()
        screen = self.controller.current_screen()
        made = ops.paste_command(self.controller.doc, ops.parse_payload(text),
                                 self.controller.selection, screen.root if screen else None)
        if self._push(made, "Nothing to paste"):
            self._report_kept(made, "Pasted")

    def duplicate(self) -> None:
        made = ops.duplicate_command(self.controller.doc, self.controller.selection)
        if self._push(made):
            self._report_kept(made, "Duplicated")

    def _report_kept(self, made: Any, verb: str) -> None:
        """Name the references a paste/duplicate kept that do not resolve where they landed."""
        message = ops.kept_references_message(self.controller.doc, made[0], verb)
        if message:
            self.statusBar().showMessage(message, 15000)

    def delete(self) -> None:
        if self.scene.text_editor is not None:
            return
        self._push(ops.delete_command(self.controller.doc, self.controller.selection))

    def select_all(self) -> None:
        screen = self.controller.current_screen()
        if screen is not None and isinstance(screen.root, ContainerBase):
            self.controller.select([c.id for c in screen.root.children])

    def nudge(self, dx: float, dy: float) -> None:
        self._push(ops.nudge_command(self.controller.doc, self.controller.selection, dx, dy),
                   "Nudging moves widgets inside a free layout")

    def align(self, edge: str) -> None:
        self._push(ops.align_command(self.controller.doc, self.controller.selection, edge),
                   "Select two or more widgets in a free layout to align them")

    def distribute(self, horizontal: bool) -> None:
        self._push(ops.distribute_command(self.controller.doc, self.controller.selection,
                                          horizontal),
                   "Select three or more widgets in a free layout to distribute them")

    def insert_kind(self, kind: str) -> None:
        """Palette double-click: add ``kind`` after the selection (or at the end of the root)."""
        screen: Screen | None = self.controller.current_screen()
        if screen is None:
            return
        target = ops.paste_target(self.controller.doc, self.controller.selection, screen.root,
                                  [kind])
        if target is None:
            self.statusBar().showMessage(f"No place for a {kind} here", 5000)
            return
        widget = CATALOG.get(kind).create(new_id("w"), unique_name(
            kind, self.controller.doc.names_in_screen(screen)))
        self.controller.push(AddWidget(target[0], target[1], widget), selection_after=[widget.id])

    # ---------------------------------------------------------- view
    def _sync_device_combo(self) -> None:
        wanted = self.scene.device_override or self.controller.app.device
        index = self.device_combo.findData(wanted) if hasattr(self, "device_combo") else -1
        if index >= 0 and index != self.device_combo.currentIndex():
            self.device_combo.blockSignals(True)
            self.device_combo.setCurrentIndex(index)
            self.device_combo.blockSignals(False)

    def _on_device_chosen(self, index: int) -> None:
        self.scene.set_device(self.device_combo.itemData(index))
        self.view.fit()

    def toggle_landscape(self, on: bool) -> None:
        self.scene.set_device(self.scene.device_override, landscape=on)
        self.view.fit()

    def toggle_grid(self, on: bool) -> None:
        self.view.grid_visible = on
        self.view.viewport().update()

    def toggle_preview(self, on: bool) -> None:
        self.scene.runner = None
        self.scene.params = None
        self.controller.select([])
        self.scene.set_preview(on or self.acts["run"].isChecked())

    def toggle_run(self, on: bool) -> None:
        self.controller.select([])
        self.scene.params = None
        self.scene.run_paths.clear()
        self.scene.ctx.run_values.clear()
        self.scene.ctx.touched.clear()
        self.scene.runner = Runner(self.scene, lambda m: self.statusBar().showMessage(m, 6000)) \
            if on else None
        self.scene.set_preview(on or self.acts["preview"].isChecked())
