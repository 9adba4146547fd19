"""Actions run on widget/screen events, and validation rules on inputs."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, Union

from pydantic import Field

from .base import Expr, Model, Name, SortedDict, Tagged, Text

EventName = Literal["tap", "load", "change", "submit", "item_tap"]


class ActionBase(Tagged, Model):
    """Common part of every action; ``type`` is the discriminator."""

    TAG_FIELD: ClassVar[str] = "type"
    type: str
    requires_role: Name | None = Field(default=None, description=(
        "A role of `sign_in.roles` the signed-in user needs; without it the action does not run "
        "(and its widget's tap is refused)."))


class Navigate(ActionBase):
    """Open another screen, passing parameters as expressions."""

    type: Literal["navigate"]
    screen: Name
    params: SortedDict[Name, Expr] = Field(default_factory=dict)


class GoBack(ActionBase):
    """Return to the previous screen."""

    type: Literal["go_back"]


class SubmitForm(ActionBase):
    """Validate the screen's inputs and create/update a record through a source operation."""

    type: Literal["submit_form"]
    source: Name
    entity: Name
    operation: Literal["create", "update"] = "create"
    record: Expr = Field(default="", description="The record to send (a variable or loaded record).")
    then_navigate: Name | None = None


class DeleteRecord(ActionBase):
    """Delete a record after the user confirms."""

    type: Literal["delete"]
    source: Name
    entity: Name
    key: Expr
    confirm: bool = True
    confirm_text: Text = "Delete this record?"


class CallOperation(ActionBase):
    """Call a named ``call`` operation of an entity (an OData bound action or function import
    such as ``SalesOrder_Confirm``) while online; ``record`` fills its ``record.<field>``
    parameters, ``args`` give its other parameters by name, ``target`` keeps the answer."""

    type: Literal["call_operation"]
    source: Name
    entity: Name
    operation: Name = Field(description="The `name` of the entity's call operation.")
    record: Expr = Field(default="", description="The record the call is about.")
    args: SortedDict[Name, Expr] = Field(default_factory=dict,
                                         description="Values of the operation's parameters.")
    target: str = Field(default="", pattern=r"^([A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,8})?$",
                        description="A screen variable that receives the answer (optional).")


class Refresh(ActionBase):
    """Reload data of the current screen (optionally one entity) from the back end."""

    type: Literal["refresh"]
    source: Name | None = None
    entity: Name | None = None


class CallPhone(ActionBase):
    """Open the dialer (``tel:``)."""

    type: Literal["call_phone"]
    number: Expr


class SendEmail(ActionBase):
    """Open the mail app (``mailto:``)."""

    type: Literal["send_email"]
    to: Expr
    subject: Expr = ""


class OpenMap(ActionBase):
    """Open directions to an address or coordinates."""

    type: Literal["open_map"]
    address: Expr


class OpenUrl(ActionBase):
    """Open a web page."""

    type: Literal["open_url"]
    url: Expr


class TakePhoto(ActionBase):
    """Capture a photo into a screen variable."""

    type: Literal["take_photo"]
    target: Name


class ScanBarcode(ActionBase):
    """Scan a barcode into a screen variable."""

    type: Literal["scan_barcode"]
    target: Name


class ShowMessage(ActionBase):
    """Show a short message (toast/snackbar)."""

    type: Literal["show_message"]
    text: Expr
    level: Literal["info", "success", "warning", "error"] = "info"


#: A screen variable or a field of one, e.g. ``order`` or ``order.customer_id``.
VarPath = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,8}$")]


class SetVariable(ActionBase):
    """Assign an expression's value to a screen variable (or a field of a record variable)."""

    type: Literal["set_variable"]
    name: VarPath
    value: Expr


class AppendItem(ActionBase):
    """Append a record built from field expressions to a list variable (e.g. order lines)."""

    type: Literal["append_item"]
    target: VarPath
    values: SortedDict[Name, Expr] = Field(default_factory=dict)


class SyncNow(ActionBase):
    """Flush the offline outbox and refresh caches."""

    type: Literal["sync_now"]


Action = Annotated[
    Union[Navigate, GoBack, SubmitForm, DeleteRecord, CallOperation, Refresh, CallPhone,
          SendEmail, OpenMap, OpenUrl, TakePhoto, ScanBarcode, ShowMessage, SetVariable, AppendItem, SyncNow],
    Field(discriminator="type"),
]
ACTION_TYPES: dict[str, type[ActionBase]] = {
    cls.TAG: cls
    for cls in (Navigate, GoBack, SubmitForm, DeleteRecord, CallOperation, Refresh, CallPhone, SendEmail,
                OpenMap, OpenUrl, TakePhoto, ScanBarcode, ShowMessage, SetVariable, AppendItem,
                SyncNow)
}


#: The fields of each action kind that name a screen (kept in step by a screen rename).
SCREEN_FIELDS: dict[type[ActionBase], tuple[str, ...]] = {
    Navigate: ("screen",), SubmitForm: ("then_navigate",),
}


def screen_fields(action: ActionBase, name: str) -> list[str]:
    """The fields of ``action`` that name screen ``name``."""
    return [f for f in SCREEN_FIELDS.get(type(action), ()) if getattr(action, f) == name]


class RuleBase(Tagged, Model):
    """Common part of validation rules; ``rule`` is the discriminator."""

    TAG_FIELD: ClassVar[str] = "rule"
    rule: str
    message: Text = ""


class Required(RuleBase):
    """The input must have a value."""

    rule: Literal["required"]


class MinValue(RuleBase):
    """A number must be at least ``value``."""

    rule: Literal["min"]
    value: float


class MaxValue(RuleBase):
    """A number must be at most ``value``."""

    rule: Literal["max"]
    value: float


class Length(RuleBase):
    """Text length bounds."""

    rule: Literal["length"]
    min: int = Field(default=0, ge=0)
    max: int | None = Field(default=None, ge=0)


class Pattern(RuleBase):
    """Text must match a regular expression (portable subset: JS and Dart syntax agree)."""

    rule: Literal["pattern"]
    pattern: str = Field(max_length=1000)


class CustomRule(RuleBase):
    """A boolean expression that must hold, e.g. ``value <= order.credit_limit``."""

    rule: Literal["expression"]
    expression: Expr


Rule = Annotated[Union[Required, MinValue, MaxValue, Length, Pattern, CustomRule],
                 Field(discriminator="rule")]
