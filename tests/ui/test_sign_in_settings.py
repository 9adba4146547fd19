"""The app settings' Sign-in section (issue 15) edits sign_in with undo, and the "signed in as"
preview user makes ``user.*`` bindings show sample values on the canvas."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.conftest import EXAMPLE



def type_into(widget, text: str) -> None:
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def _model(tmp_path: Path) -> Path:
    data = json.loads(EXAMPLE.read_text("utf-8"))
    title = data["screens"][0]["root"]["children"][0]["children"][0]
    title["bindings"] = {"text": '"Hello " + user.name + " (" + user.region + ")"'}
    path = tmp_path / "signin.fieldcraft.json"
    path.write_text(json.dumps(data, indent=2), "utf-8")
    return path


def test_sign_in_section_edits_with_undo_and_previews_the_user(make_window, tmp_path, qtbot):
    window = make_window(_model(tmp_path))
    controller, props = window.controller, window.properties
    before = controller.app.model_dump(by_alias=True)
    props.app_section.header.click()
    section, form, _ = props.app_form.nested["sign_in"]
    section.header.click()
    assert not props.preview_user_section.isVisible()      # no sign-in: nothing to preview

    method = form.editors["method"].combo
    steps = controller.undo_stack.count()
    method.activated.emit(method.findData("oidc"))
    assert controller.app.sign_in.method == "oidc"
    assert controller.undo_stack.count() == steps + 1
    type_into(form.editors["issuer"].line, "https://login.example.com/realms/field")
    type_into(form.editors["client_id"].line, "field-sales")
    type_into(form.editors["scopes"].line, "openid, profile, email, offline_access")
    type_into(form.editors["roles"].line, "rep, manager")
    claims = form.editors["claims"]
    claims.add.click()
    card = claims.cards[-1]
    type_into(card.form.editors["name"].line, "region")
    sign_in = controller.app.sign_in
    assert (sign_in.issuer, sign_in.client_id, sign_in.roles) == (
        "https://login.example.com/realms/field", "field-sales", ["rep", "manager"])
    assert sign_in.scopes[-1] == "offline_access" and [c.name for c in sign_in.claims] == ["region"]

    qtbot.waitUntil(props.preview_user_section.isVisible)
    controller.select(["w_customersTitle"])
    qtbot.waitUntil(lambda: "text" in props.binding_editors)
    picker = props.binding_editors["text"]
    picker.show_picker()
    groups = {picker.picker.topLevelItem(i).text(0): [
        picker.picker.topLevelItem(i).child(j).text(0)
        for j in range(picker.picker.topLevelItem(i).childCount())]
        for i in range(picker.picker.topLevelItemCount())}
    assert groups["Signed-in user"] == ["user"] and "List item" not in groups, groups
    picker.menu.hide()
    controller.select([])
    props.preview_user_section.header.click()
    name_edit = props.preview_user.edits["name"][0]
    type_into(name_edit, "Rita Rep")
    type_into(props.preview_user.edits["region"][0], "north")
    assert controller.preview_user == {"name": "Rita Rep", "region": "north"}

    window.toggle_preview(True)
    window.scene.ensure_layout()
    env = window.scene._envs(controller.current_screen())
    title = controller.doc.widget("w_customersTitle")
    assert window.scene.ctx.text(title, "text", env.get(title.id)) == "Hello Rita Rep (north)"
    shot = tmp_path / "sign-in-settings.png"    # docs/screenshots holds a copy
    qtbot.wait(300)                     # let the grown sections lay out before the grab
    assert window.grab().save(str(shot))
    panel = tmp_path / "sign-in-section.png"
    props.resize(380, 1400)
    qtbot.wait(300)
    assert props.scroll.widget().grab().save(str(panel))

    while controller.undo_stack.canUndo() and controller.undo_stack.count() > steps:
        controller.undo_stack.undo()
    assert controller.app.model_dump(by_alias=True) == before
    qtbot.waitUntil(lambda: not props.preview_user_section.isVisible())
