"""``call`` operations (an OData bound action or function import) and the ``call_operation``
action that runs one (issue 13 §2: function imports and actions as a call operation)."""

from __future__ import annotations

import copy
from typing import Any

from designer.model import App
from designer.model.validate import validate_app
from tests.review.helpers import base_app

_CONFIRM = {"kind": "call", "name": "confirm", "operation_id": "SalesOrder_Confirm",
            "method": "POST", "path": "/customers/{id}/confirm", "params": [
                {"name": "id", "location": "path", "required": True, "value": "record.id"},
                {"name": "reason", "location": "body", "required": True},
                {"name": "note", "location": "query"}]}


def _app(action: dict[str, Any] | None = None, op: dict[str, Any] | None = None) -> App:
    data = copy.deepcopy(base_app())
    data["data_sources"][0]["entities"][0]["operations"].append(copy.deepcopy(op or _CONFIRM))
    screen = data["screens"][0]
    screen["variables"] = [{"name": "answer", "type": "string"}]
    if action is not None:
        screen["root"]["children"][1]["children"].append(   # in the list: `item` is a customer
            {"kind": "button", "id": "w_go", "name": "go", "text": "Confirm",
             "actions": {"tap": [{"type": "call_operation", "source": "crm",
                                  "entity": "Customer", **action}]}})
    return App.model_validate(data)


def _found(app: App) -> list[tuple[str, str, str]]:
    return [(p.path_text, p.code, p.message) for p in validate_app(app) if p.severity == "error"]


ACTION = "screens[0].root.children[1].children[1].actions.tap[0]"


def test_a_call_operation_and_an_action_giving_its_parameters_are_clean() -> None:
    assert _found(_app({"operation": "confirm", "record": "item",
                        "args": {"reason": "item.name", "note": '"x"'}, "target": "answer"})) == []
    assert _found(_app()) == []      # the operation alone: its open parameters are the action's


def test_the_action_is_checked_against_the_operation() -> None:
    found = _found(_app({"operation": "confirm", "args": {"reasn": '"x"', "id": '"C-1"'},
                         "target": "nothere"}))
    assert [(path, code) for path, code, _ in found] == [
        (f"{ACTION}.args.reasn", "ref.param"),     # no such parameter (did you mean reason)
        (f"{ACTION}.args.id", "ref.param"),        # id takes its value from the record
        (f"{ACTION}.args", "ref.param"),           # the required body parameter is missing
        (f"{ACTION}.record", "ref.param"),         # a call on a record needs the record
        (f"{ACTION}.target", "ref.variable")]
    assert "needs its body parameter `reason`" in found[2][2]
    unknown = _found(_app({"operation": "confrim"}))
    assert unknown[0][:2] == (f"{ACTION}.operation", "ref.operation"), unknown


def test_an_action_argument_is_an_expression_checked_in_the_screen() -> None:
    found = _found(_app({"operation": "confirm", "record": "item",
                         "args": {"reason": "item.nam"}}))
    assert [(p, c) for p, c, _ in found] == [(f"{ACTION}.args.reason", "binding.type")], found


def test_a_call_needs_a_name_and_only_calls_take_body_parameters() -> None:
    nameless = {**_CONFIRM, "name": ""}
    assert ("data_sources[0].entities[0].operations[3].name", "op.name") in \
        [(p, c) for p, c, _ in _found(_app(op=nameless))]
    create = {"kind": "create", "method": "POST", "path": "/customers",
              "params": [{"name": "reason", "location": "body", "value": '"x"'}]}
    assert [(p, c) for p, c, _ in _found(_app(op=create))] == [
        ("data_sources[0].entities[0].operations[3].params[0].location", "op.param")]
