"""Property editor: typed editors driven like a user would, one undo step per edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from designer.model import fileio
from designer.ui.controller import DocumentController
from designer.ui.panels import PropertyEditor
from designer.ui.panels.editors import BoolEditor, ColorEditor, ExprEditor, LineEditor, NumberEditor
from designer.ui.panels.layout_editors import SizePolicyEditor
from tests.conftest import EXAMPLE


@pytest.fixture
def controller() -> DocumentController:
    return DocumentController(fileio.load(EXAMPLE), EXAMPLE)


@pytest.fixture
def editor(qtbot, controller) -> PropertyEditor:
    panel = PropertyEditor(controller)
    qtbot.addWidget(panel)
    panel.resize(360, 900)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    qtbot.waitActive(panel)
    return panel


def dump(controller: DocumentController) -> dict:
    return controller.app.model_dump(by_alias=True)


def show_screen(controller: DocumentController, name: str) -> None:
    controller.set_current_screen(controller.app.screen(name).id)


def type_into(widget, text: str) -> None:
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(widget, text)


def test_typing_in_a_text_editor_is_one_undo_step(editor, controller):
    show_screen(controller, "customers")
    controller.select(["w_syncButton"])
    before = dump(controller)
    steps = controller.undo_stack.count()
    text_editor = editor._form.editors["text"]
    assert isinstance(text_editor, LineEditor)
    type_into(text_editor.line, "Hello")
    assert controller.doc.widget("w_syncButton").text == "Hello"
    assert controller.undo_stack.count() == steps + 1
    controller.undo_stack.undo()
    assert dump(controller) == before
    assert text_editor.line.text() == before["screens"][0]["root"]["children"][0]["children"][1]["text"]


def test_leaving_the_editor_starts_a_new_undo_step(editor, controller):
    controller.select(["w_syncButton"])
    line = editor._form.editors["text"].line
    steps = controller.undo_stack.count()
    type_into(line, "Hel")
    QTest.keyClick(line, Qt.Key.Key_Return)  # editing finished
    QTest.keyClicks(line, "lo")
    assert controller.doc.widget("w_syncButton").text == "Hello"
    assert controller.undo_stack.count() == steps + 2


def test_multi_selection_edits_shared_property_in_one_step(editor, controller):
    controller.select(["w_customerCity", "w_customerSegment"])
    before = dump(controller)
    assert editor.title.text() == "2 widgets"
    max_lines = editor._form.editors["max_lines"]
    assert isinstance(max_lines, NumberEditor)
    steps = controller.undo_stack.count()
    type_into(max_lines.spin.lineEdit(), "3")
    assert controller.doc.widget("w_customerCity").max_lines == 3
    assert controller.doc.widget("w_customerSegment").max_lines == 3
    assert controller.undo_stack.count() == steps + 1
    controller.undo_stack.undo()
    assert dump(controller) == before


def test_fields_that_differ_show_mixed(editor, controller):
    controller.select(["w_customerCity", "w_customerSegment"])
    name = editor._form.editors["name"]
    assert name.line.text() == ""
    assert name.line.placeholderText() == "(mixed)"


def test_name_is_not_editable_for_several_widgets(editor, controller):
    # names are unique per screen: typing one name for two widgets could only fail
    errors = []
    controller.error.connect(errors.append)
    controller.select(["w_customerCity", "w_customerSegment"])
    name = editor._form.editors["name"]
    assert not name.isEnabled()
    QTest.mouseClick(name.line, Qt.MouseButton.LeftButton)
    QTest.keyClicks(name.line, "same")
    assert not errors and controller.doc.widget("w_customerCity").name == "customerCity"
    controller.select(["w_customerCity"])
    assert editor._form.editors["name"].isEnabled()


def test_checkbox_on_several_inputs(editor, controller):
    show_screen(controller, "visitCheckIn")
    controller.select(["w_visitNotes", "w_visitLocation"])
    read_only = editor._form.editors["read_only"]
    assert isinstance(read_only, BoolEditor)
    steps = controller.undo_stack.count()
    QTest.mouseClick(read_only.check, Qt.MouseButton.LeftButton)
    assert controller.doc.widget("w_visitNotes").read_only is True
    assert controller.doc.widget("w_visitLocation").read_only is True
    assert controller.undo_stack.count() == steps + 1


def test_nested_size_policy_sets_policy_and_size_together(editor, controller):
    controller.select(["w_syncButton"])
    before = dump(controller)
    layout_form = editor._form.nested["layout"][1]
    width = layout_form.editors["width"]
    assert isinstance(width, SizePolicyEditor)
    width.combo.setFocus()
    while width.combo.currentData() != "fixed":
        QTest.keyClick(width.combo, Qt.Key.Key_Down)
    layout = controller.doc.widget("w_syncButton").layout
    assert layout.width == "fixed" and layout.fixed_width == 120
    assert width.size.isEnabled()
    type_into(width.size.lineEdit(), "96")
    assert controller.doc.widget("w_syncButton").layout.fixed_width == 96
    while controller.undo_stack.canUndo() and dump(controller) != before:
        controller.undo_stack.undo()
    assert dump(controller) == before


def test_colour_hex_text_edits_style(editor, controller):
    controller.select(["w_syncButton"])
    style_form = editor._form.nested["style"][1]
    background = style_form.editors["background"]
    assert isinstance(background, ColorEditor)
    steps = controller.undo_stack.count()
    type_into(background.hex, "#ff8800")
    assert controller.doc.widget("w_syncButton").style.background == "#ff8800"
    assert controller.undo_stack.count() == steps + 1


def test_invalid_expression_shows_error_with_position_and_keeps_model(editor, controller):
    show_screen(controller, "customerDetail")
    controller.select(["w_creditLimit"])
    before = dump(controller)
    steps = controller.undo_stack.count()
    visible = editor._form.editors["visible_when"]
    assert isinstance(visible, ExprEditor)
    field = visible.field
    assert field.text() == ""
    type_into(field.text_edit, "customer.blokced")
    assert field.error is not None
    assert field.error_label.isVisible()
    assert "blokced" in field.error_label.text() and "at 1" in field.error_label.text()
    selections = field.text_edit.extraSelections()
    assert len(selections) == 1
    span = selections[0].cursor
    assert (span.selectionStart(), span.selectionEnd()) == (field.error.start, field.error.end)
    assert field.fix_button.isVisible() and "customer.blocked" in field.fix_button.text()
    assert dump(controller) == before
    assert controller.undo_stack.count() == steps
    QTest.mouseClick(field.fix_button, Qt.MouseButton.LeftButton)  # apply the suggestion
    assert field.error is None and not field.error_label.isVisible()
    assert controller.doc.widget("w_creditLimit").visible_when == "customer.blocked"
    assert controller.undo_stack.count() == steps + 1


def test_expression_of_wrong_type_is_refused(editor, controller):
    show_screen(controller, "customerDetail")
    controller.select(["w_blockedNotice"])
    field = editor._form.editors["visible_when"].field
    type_into(field.text_edit, "customer.name")
    assert field.error is not None and "boolean" in field.error.message
    assert controller.doc.widget("w_blockedNotice").visible_when == "customer.blocked"


def test_binding_editor_pushes_bind_field_as_one_step(editor, controller):
    show_screen(controller, "customerDetail")
    controller.select(["w_blockedNotice"])
    binding = editor.binding_editors["text"]
    before = dump(controller)
    steps = controller.undo_stack.count()
    binding.field.text_edit.setFocus()
    QTest.keyClicks(binding.field.text_edit, "customer.city")
    assert controller.doc.widget("w_blockedNotice").bindings == {"text": "customer.city"}
    assert controller.undo_stack.count() == steps + 1
    assert binding.field.type_label.text() == "→ string"
    assert not editor._form.editors["text"].isEnabled()  # bound: literal editor disabled
    controller.undo_stack.undo()
    assert dump(controller) == before


def test_binding_completion_offers_fields(editor, controller):
    show_screen(controller, "customerDetail")
    controller.select(["w_blockedNotice"])
    binding = editor.binding_editors["text"]
    binding.field.text_edit.setFocus()
    QTest.keyClicks(binding.field.text_edit, "customer.ci")
    model = binding.field.completer.model()
    assert [model.index(i, 0).data() for i in range(model.rowCount())] == ["city"]


def test_input_value_binding_must_be_a_path(editor, controller):
    show_screen(controller, "visitCheckIn")
    controller.select(["w_visitNotes"])
    value = editor.binding_editors["value"]
    assert value.field.text() == "visit.notes"
    value.field.text_edit.setFocus()
    QTest.keyClicks(value.field.text_edit, ' + "x"')
    assert value.field.error is not None and "field path" in value.field.error.message
    assert controller.doc.widget("w_visitNotes").bindings["value"] == "visit.notes"


def test_screen_properties_when_nothing_selected(editor, controller):
    show_screen(controller, "customers")
    controller.select([])
    assert editor.screen_form.isVisible()
    before = dump(controller)
    steps = controller.undo_stack.count()
    title = editor.screen_form.editors["title"]
    type_into(title.line, "All customers")
    assert controller.app.screen("customers").title == "All customers"
    assert controller.undo_stack.count() == steps + 1
    controller.undo_stack.undo()
    assert dump(controller) == before


def test_screen_parameter_added_from_list_editor(editor, controller):
    show_screen(controller, "customers")
    controller.select([])
    params = editor.screen_form.editors["parameters"]
    QTest.mouseClick(params.add, Qt.MouseButton.LeftButton)
    screen = controller.app.screen("customers")
    assert [p.name for p in screen.parameters] == ["parameter1"]
    name = params.cards[0].form.editors["name"]
    type_into(name.line, "region")
    QTest.keyClick(name.line, Qt.Key.Key_Return)
    assert [p.name for p in controller.app.screen("customers").parameters] == ["region"]


def test_app_theme_colour(editor, controller):
    editor.app_section.header.click()
    theme = editor.app_form.nested["theme"]
    theme[0].header.click()
    primary = theme[1].editors["primary"]
    steps = controller.undo_stack.count()
    type_into(primary.hex, "#0a7d33")
    assert controller.app.theme.primary == "#0a7d33"
    assert controller.undo_stack.count() == steps + 1


def test_refused_edit_is_reported_and_view_restored(editor, controller, qtbot):
    show_screen(controller, "customers")
    controller.select(["w_syncButton"])
    name = editor._form.editors["name"]
    with qtbot.waitSignal(controller.error):
        type_into(name.line, "customerList")  # taken by another widget on the screen
        QTest.keyClick(name.line, Qt.Key.Key_Return)
    assert controller.doc.widget("w_syncButton").name == "syncButton"
    assert name.line.text() == "syncButton"


def test_binding_field_picker_lists_roots_and_fields_and_binds_on_click(editor, controller):
    from PySide6.QtWidgets import QApplication

    show_screen(controller, "customerDetail")
    controller.select(["w_blockedNotice"])
    binding = editor.binding_editors["text"]
    steps = controller.undo_stack.count()
    QTest.mouseClick(binding.pick_button, Qt.MouseButton.LeftButton)
    picker = binding.picker
    assert binding.menu.isVisible()
    groups = {picker.topLevelItem(i).text(0): picker.topLevelItem(i)
              for i in range(picker.topLevelItemCount())}
    assert "Data" in groups or "Parameters" in groups
    roots = {g.child(i).text(0): g.child(i) for g in groups.values()
             for i in range(g.childCount())}
    customer = roots["customer"]
    assert customer.text(1) == "Customer"                       # the root's type is shown
    customer.setExpanded(True)                                 # fields are added on expand
    fields = {customer.child(i).text(0): customer.child(i) for i in range(customer.childCount())}
    assert {"name", "city", "blocked", "segment"} <= set(fields)
    assert fields["blocked"].text(1) == "boolean"
    picker.scrollToItem(fields["city"])
    QApplication.processEvents()
    QTest.mouseClick(picker.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     picker.visualItemRect(fields["city"]).center())
    assert not binding.menu.isVisible()
    assert controller.doc.widget("w_blockedNotice").bindings == {"text": "customer.city"}
    assert binding.field.text() == "customer.city" and binding.field.error is None
    assert controller.undo_stack.count() == steps + 1
