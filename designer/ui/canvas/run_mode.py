"""Run mode: the preview reacts to taps — buttons navigate between screens, forms validate.

Nothing is sent anywhere: ``submit_form`` checks the screen's required inputs and reports what
would be sent; data-changing actions are described in the status bar.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QPointF

from widgets import InputBase, WidgetBase

from .painters_inputs import validation_error
from .run_inputs import activate_input


class Runner:
    """Executes the actions of tapped widgets on a preview canvas."""

    def __init__(self, scene: Any, notify: Callable[[str], None]) -> None:
        self.scene = scene
        self.notify = notify
        self.back: list[tuple[str, dict[str, Any] | None]] = []

    @property
    def controller(self) -> Any:
        return self.scene.controller

    def click(self, pos: QPointF) -> bool:
        """Run the actions of the tappable widget under ``pos``; True if something ran."""
        editor = self.scene.text_editor
        if editor is not None and hasattr(editor, "commit"):
            editor.commit(True)  # a tap elsewhere leaves the field being typed into
        frame = self.scene.frame
        if frame.back and frame.back_rect().contains(
                frame.mapFromScene(self.scene.content.mapToScene(pos))):
            self.go_back()
            return True
        for item in self.scene.items_at(pos):
            widget = item.widget
            if isinstance(widget, InputBase) and activate_input(self.scene, item):
                return True
            event = "tap" if "tap" in widget.actions else None
            if event is None and widget.kind == "list" and "item_tap" in widget.actions:
                event = "item_tap"
            if event is not None:
                env = dict(item.env or {})
                if event == "item_tap":
                    env = self.row_env(widget, env, pos)
                    if env is None:
                        return False
                enabled = widget.bindings.get("enabled")
                if enabled and self.scene.ctx.sample.evaluate(enabled, env) is not True:
                    self.notify(f"{getattr(widget, 'text', '') or widget.name} is disabled "
                                f"until {enabled}")
                    return True
                self.run(widget, widget.actions[event], env)
                return True
        return False

    def row_env(self, lst: WidgetBase, env: dict[str, Any], pos: QPointF
                ) -> dict[str, Any] | None:
        """``env`` with the list's item alias set to the row under ``pos`` (None: no row)."""
        scene = self.scene
        box = scene.box_rect(lst.id)
        rows = scene.ctx.list_row_rects.get(lst.id, [])
        items = scene.ctx.sample.list_items(lst, env)
        if box is None:
            return None
        local = pos - box.topLeft()
        index = next((i for i, r in enumerate(rows) if r.contains(local)), None)
        if index is None or index >= len(items):
            return None
        return {**env, getattr(lst, "item_alias", "item"): items[index]}

    def run(self, widget: WidgetBase, actions: list[Any], env: dict[str, Any]) -> None:
        sample = self.scene.ctx.sample
        for action in actions:
            kind = action.type
            if kind == "navigate":
                params = {k: sample.evaluate(v, env) for k, v in action.params.items()}
                self.go(action.screen, params)
                return
            if kind == "go_back":
                self.go_back()
                return
            if kind == "submit_form":
                missing, wrong = self.validate()
                if missing or wrong:
                    parts = [f"Please complete: {', '.join(missing)}"] if missing else []
                    parts += [f"Please correct: {', '.join(wrong)}"] if wrong else []
                    self.notify("; ".join(parts))
                    return
                self.notify(f"Would send {action.entity} to {action.source} (preview: nothing "
                            "was sent)")
                if action.then_navigate:
                    self.go(action.then_navigate, {})
                    return
            elif kind == "set_variable":
                self.scene.run_paths[action.name] = sample.evaluate(action.value, env)
                self.scene.relayout()
            elif kind == "show_message":
                text = sample.evaluate(action.text, env)
                self.notify(str(text if text is not None else action.text))
            else:
                self.notify(f"{kind.replace('_', ' ')} runs in the exported app")

    def validate(self) -> tuple[list[str], list[str]]:
        """Turn on validation display; the labels of inputs missing a required value, and of
        inputs whose value breaks another rule."""
        scene = self.scene
        scene.ctx.validate = True
        missing, wrong = [], []
        for wid, item in scene.item_for_widget.items():
            w = item.widget
            if not isinstance(w, InputBase) or not item.isVisible():
                continue
            error = validation_error(w, scene.ctx, item.env)
            if error:
                required = any(getattr(r, "rule", "") == "required" for r in w.validation)
                value = scene.ctx.value(w, "value", item.env) \
                    if ("value" in w.bindings or w.id in scene.ctx.run_values) else None
                empty = value in (None, "", [], {})
                (missing if required and empty else wrong).append(w.label or w.name)
        scene.relayout()
        scene.update()
        return missing, wrong

    def go(self, screen_name: str, params: dict[str, Any] | None) -> None:
        screen = self.controller.app.screen(screen_name)
        if screen is None:
            self.notify(f"No screen named {screen_name}")
            return
        current = self.controller.current_screen()
        if current is not None:
            self.back.append((current.id, self.scene.params))
        self._show(screen.id, params)
        self.notify(f"Opened {screen.title or screen.name}")

    def go_back(self) -> None:
        """Back to the screen that opened this one (the start screen when run began here)."""
        if not self.back:
            start = self.controller.app.screen(self.controller.app.start_screen)
            current = self.controller.current_screen()
            if start is None or (current is not None and current.id == start.id):
                self.notify("Nothing to go back to")
                return
            self._show(start.id, None)
            return
        screen_id, params = self.back.pop()
        self._show(screen_id, params)

    def _show(self, screen_id: str, params: dict[str, Any] | None) -> None:
        self.scene.params = params
        self.scene.ctx.validate = False
        self.scene.ctx.run_values.clear()
        self.scene.ctx.touched.clear()
        self.scene.run_paths.clear()
        if self.controller.current_screen() and self.controller.current_screen().id == screen_id:
            self.scene.relayout()
        else:
            self.controller.set_current_screen(screen_id)
