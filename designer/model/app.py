"""The app document: theme, screens (with their widget trees), data sources and string tables."""

from __future__ import annotations

from typing import Annotated, Any, Iterator, Literal

import re

from pydantic import Field, StringConstraints, field_validator, model_serializer

from widgets import AnyWidget, ContainerBase, WidgetBase

from .actions import Action
from .base import Color, Expr, Id, Model, Name, SortedDict, Text
from .data import DataSource, FieldType
from .device import DevicePolicy
from .signin import SignIn

SCHEMA_VERSION = 4
SCHEMA_URL = "https://fieldcraft.dev/schema/v4/app.schema.json"
ScreenKind = Literal["normal", "list_detail", "form", "tab_root"]
ValueType = FieldType | Literal["record"]


class Theme(Model):
    """App-wide look; widgets override per property through ``style``."""

    primary: Color = "#1565c0"
    secondary: Color = "#00897b"
    background: Color = "#ffffff"
    surface: Color = "#f4f6f9"
    text: Color = "#1b1f24"
    font_family: str = Field(default="Roboto", max_length=100,
                             pattern=r"^[A-Za-z0-9 _-]{1,100}$")
    corner_radius: float = Field(default=8, ge=0, le=64)
    logo: str = Field(default="", max_length=255, description="Asset name of the logo image.")


#: Java keywords (and literals) Android refuses as a package segment.
_JAVA_WORDS = frozenset(
    "abstract assert boolean break byte case catch char class const continue default do double "
    "else enum extends false final finally float for goto if implements import instanceof int "
    "interface long native new null package private protected public return short static "
    "strictfp super switch synchronized this throw throws transient true try void volatile "
    "while".split())
_SEGMENT = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")


def app_id_problem(value: str) -> str | None:
    """Why ``value`` cannot be both the iOS bundle id and the Android package, or None.

    Both stores take one reverse-DNS id: two or more dot-separated segments, each a letter
    then letters or digits (iOS forbids ``_``, Android forbids ``-`` and Java keywords)."""
    parts = value.split(".")
    if len(value) > 150:
        return "is longer than 150 characters"
    if len(parts) < 2:
        return "needs at least two dot-separated segments, like com.example.fieldsales"
    for part in parts:
        if not _SEGMENT.match(part):
            return (f"segment {part!r} must start with a letter and hold only letters and "
                    "digits (no -, _ or spaces)")
        if part in _JAVA_WORDS:
            return f"segment {part!r} is a Java keyword, which Android refuses"
    return None


def default_app_id(app_name: str) -> str:
    """``com.example.<app name in lower-case letters and digits>``: a placeholder to replace
    before publishing."""
    name = re.sub(r"[^a-z0-9]", "", app_name.lower())
    if not name or not name[0].isalpha() or name in _JAVA_WORDS:
        name = "app" + name
    return "com.example." + name[:120]


class MobileSettings(Model):
    """Settings of the native (React Native, Flutter) builds: the store id and the texts the
    phone shows when the app asks for a permission."""

    app_id: str = Field(default="", max_length=150, description=(
        "Reverse-DNS id used as iOS bundle identifier and Android package, e.g. "
        "com.example.fieldsales; empty: derived from the app name."))
    camera_usage: Text = Field(default="", description=(
        "Why the app uses the camera (shown by iOS when asking); empty: a default text."))
    location_usage: Text = Field(default="", description=(
        "Why the app uses the location while in use (shown when asking); empty: a default text."))

    @field_validator("app_id")
    @classmethod
    def _reverse_dns(cls, value: str) -> str:
        problem = app_id_problem(value) if value else None
        if problem:
            raise ValueError(f"app id {value!r} {problem}")
        return value


class Parameter(Model):
    """A value a screen receives when navigated to, e.g. ``customerId: string``."""

    name: Name
    type: ValueType = "string"
    entity: str = Field(default="", description="`source.Entity` for record parameters.")
    required: bool = True


class Variable(Model):
    """Screen state that actions set and inputs bind to (e.g. a draft order)."""

    name: Name
    type: ValueType = "string"
    entity: str = Field(default="", description="`source.Entity` for record/list variables.")
    initial: Expr = ""


class DataQuery(Model):
    """Data a screen loads when opened; its ``name`` becomes a root in binding expressions."""

    name: Name
    source: Name
    entity: Name
    mode: Literal["many", "one"] = "many"
    key: Expr = Field(default="", description="For mode=one: expression giving the record key.")
    filter: Expr = Field(default="", description="Keep rows where this is true; the row is `row`.")
    sort: str = Field(default="", max_length=64, description="Field to sort by; prefix - for descending.")


class Screen(Model):
    """One screen of the app with its widget tree under ``root``."""

    id: Id
    name: Name
    title: Text = ""
    kind: ScreenKind = "normal"
    parameters: list[Parameter] = Field(default_factory=list)
    variables: list[Variable] = Field(default_factory=list)
    data: list[DataQuery] = Field(default_factory=list)
    root: AnyWidget
    on_load: list[Action] = Field(default_factory=list)
    requires_role: Name | None = Field(default=None, description=(
        "A role of `sign_in.roles` the signed-in user needs to open the screen; navigation to it "
        "is hidden or refused for everyone else."))

    def walk(self) -> Iterator[tuple[WidgetBase, ContainerBase | None]]:
        """Every widget of the screen with its parent, depth first, root first."""
        stack: list[tuple[WidgetBase, ContainerBase | None]] = [(self.root, None)]
        while stack:
            widget, parent = stack.pop()
            yield widget, parent
            if isinstance(widget, ContainerBase):
                stack.extend((c, widget) for c in reversed(widget.children))


class App(Model):
    """A Fieldcraft app: the root of a ``*.fieldcraft.json`` model file."""

    schema_: str = Field(default=SCHEMA_URL, alias="$schema")
    schema_version: int = SCHEMA_VERSION
    id: Id
    #: Not ``Text``: its 10,000-character limit would override a ``Field(max_length=200)``.
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    version: str = Field(default="1.0.0", pattern=r"^[0-9A-Za-z.+-]{1,32}$")
    description: Text = ""
    theme: Theme = Field(default_factory=Theme)
    device: str = Field(default="pixel", pattern=r"^[a-z0-9_-]{1,40}$")
    default_locale: str = Field(default="en", pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
    strings: SortedDict[str, SortedDict[str, Text]] = Field(default_factory=dict)
    start_screen: Name | None = None
    mobile: MobileSettings = Field(default_factory=MobileSettings)
    sign_in: SignIn = Field(default_factory=SignIn, description=(
        "How users sign in; data sources with auth scheme `user` send the signed-in user's "
        "access token."))
    device_policy: DevicePolicy = Field(default_factory=DevicePolicy, description=(
        "Idle lock, wipe and screenshot protection of the exported app on the device."))
    data_sources: list[DataSource] = Field(default_factory=list)
    screens: list[Screen] = Field(default_factory=list)

    @model_serializer(mode="wrap")
    def _header_first(self, handler: Any) -> dict[str, Any]:
        data = handler(self)
        data.pop("$schema", None)
        data.pop("schema_version", None)
        return {"$schema": self.schema_, "schema_version": self.schema_version, **data}

    def app_id(self) -> str:
        """The reverse-DNS store id: the model's setting or one derived from the name."""
        return self.mobile.app_id or default_app_id(self.name)

    def screen(self, name: str) -> Screen | None:
        """The screen called ``name`` or None."""
        return next((s for s in self.screens if s.name == name), None)

    def source(self, name: str) -> DataSource | None:
        """The data source called ``name`` or None."""
        return next((d for d in self.data_sources if d.name == name), None)

    def widgets(self) -> Iterator[tuple[Screen, WidgetBase, ContainerBase | None]]:
        """Every widget of every screen with its screen and parent."""
        for screen in self.screens:
            for widget, parent in screen.walk():
                yield screen, widget, parent
