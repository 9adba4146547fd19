"""Leaf widget kinds: text, media, inputs, actions and field-work capture widgets."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from designer.model.base import Model, Text

from .base import InputBase, WidgetBase


class Option(Model):
    """One choice of a dropdown or radio group."""

    value: str = Field(max_length=1000)
    label: Text = ""


class Label(WidgetBase):
    kind: Literal["label"]
    BINDABLE = ("text",)
    text: Text = "Label"
    max_lines: int = Field(default=0, ge=0, le=1000)


class Heading(WidgetBase):
    kind: Literal["heading"]
    BINDABLE = ("text",)
    text: Text = "Heading"
    level: int = Field(default=1, ge=1, le=3)


class Image(WidgetBase):
    kind: Literal["image"]
    BINDABLE = ("src",)
    EVENTS = ("tap",)
    src: str = Field(default="", max_length=2048, description="Asset name or https URL.")
    fit: Literal["contain", "cover"] = "cover"
    alt: Text = ""


class Icon(WidgetBase):
    kind: Literal["icon"]
    EVENTS = ("tap",)
    icon: str = Field(default="star", pattern=r"^[a-z0-9_]{1,40}$")
    size: float = Field(default=24, ge=8, le=256)


class TextInput(InputBase):
    kind: Literal["text_input"]
    input_type: Literal["text", "email", "phone", "multiline", "password"] = "text"
    placeholder: Text = ""


class NumberInput(InputBase):
    kind: Literal["number_input"]
    placeholder: Text = ""
    decimals: int = Field(default=0, ge=0, le=10)
    step: float = Field(default=1, gt=0)


class DateInput(InputBase):
    kind: Literal["date_input"]


class TimeInput(InputBase):
    kind: Literal["time_input"]


class Dropdown(InputBase):
    kind: Literal["dropdown"]
    BINDABLE = ("value", "label", "enabled", "options")
    options: list[Option] = Field(default_factory=list)
    placeholder: Text = "Select…"


class Checkbox(InputBase):
    kind: Literal["checkbox"]


class Switch(InputBase):
    kind: Literal["switch"]


class RadioGroup(InputBase):
    kind: Literal["radio_group"]
    BINDABLE = ("value", "label", "enabled", "options")
    options: list[Option] = Field(default_factory=list)


class Slider(InputBase):
    kind: Literal["slider"]
    min: float = 0
    max: float = 100
    step: float = Field(default=1, gt=0)


class Button(WidgetBase):
    kind: Literal["button"]
    BINDABLE = ("text", "enabled")
    EVENTS = ("tap",)
    text: Text = "Button"
    variant: Literal["primary", "secondary", "danger", "text"] = "primary"
    icon: str = Field(default="", pattern=r"^[a-z0-9_]{0,40}$")


class Divider(WidgetBase):
    kind: Literal["divider"]


class Spacer(WidgetBase):
    kind: Literal["spacer"]
    size: float = Field(default=16, ge=0, le=2000)


class CameraPhoto(InputBase):
    kind: Literal["camera_photo"]
    max_photos: int = Field(default=1, ge=1, le=20)


class BarcodeScanner(InputBase):
    kind: Literal["barcode_scanner"]
    formats: list[Literal["qr_code", "ean_13", "ean_8", "code_128", "code_39", "upc_a",
                          "data_matrix"]] = Field(default_factory=lambda: ["qr_code", "ean_13"])


class Signature(InputBase):
    kind: Literal["signature"]
    pen_color: str = Field(default="#000000", pattern=r"^#[0-9a-fA-F]{6}$")


class Location(InputBase):
    kind: Literal["location"]
    high_accuracy: bool = True


class Map(WidgetBase):
    kind: Literal["map"]
    BINDABLE = ("address", "coordinates")
    EVENTS = ("tap",)
    address: Text = ""
    zoom: int = Field(default=14, ge=1, le=20)
    height: float = Field(default=180, ge=40, le=2000)


class Chart(WidgetBase):
    kind: Literal["chart"]
    BINDABLE = ("items", "title")
    chart_type: Literal["bar", "line", "pie"] = "bar"
    title: Text = ""
    label_field: str = Field(default="", max_length=64)
    value_field: str = Field(default="", max_length=64)
    height: float = Field(default=200, ge=40, le=2000)


class WebLink(WidgetBase):
    kind: Literal["web_link"]
    BINDABLE = ("text", "url")
    EVENTS = ("tap",)
    text: Text = "Open link"
    url: str = Field(default="https://example.com", max_length=2048)


LEAF_KINDS: tuple[type[WidgetBase], ...] = (
    Label, Heading, Image, Icon, TextInput, NumberInput, DateInput, TimeInput, Dropdown, Checkbox,
    Switch, RadioGroup, Slider, Button, Divider, Spacer, CameraPhoto, BarcodeScanner, Signature,
    Location, Map, Chart, WebLink,
)
