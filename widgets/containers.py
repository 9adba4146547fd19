"""Container widget kinds: flex column/row, card, scroll, tabs, repeating list and free placement."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from designer.model.base import Name, Text

from .base import ContainerBase

#: Kinds that only live inside a specific parent.
RESTRICTED_CHILDREN: dict[str, str] = {"tab_page": "tabs"}


class Column(ContainerBase):
    kind: Literal["column"]


class Row(ContainerBase):
    kind: Literal["row"]
    wrap: bool = False


class Card(ContainerBase):
    kind: Literal["card"]
    BINDABLE = ("title",)
    EVENTS = ("tap",)
    title: Text = ""
    elevation: int = Field(default=1, ge=0, le=5)


class Scroll(ContainerBase):
    kind: Literal["scroll"]
    direction: Literal["vertical", "horizontal"] = "vertical"


class Tabs(ContainerBase):
    kind: Literal["tabs"]
    ALLOWED_CHILDREN: ClassVar[frozenset[str] | None] = frozenset({"tab_page"})


class TabPage(ContainerBase):
    kind: Literal["tab_page"]
    title: Text = "Tab"
    icon: str = Field(default="", pattern=r"^[a-z0-9_]{0,40}$")


class ListView(ContainerBase):
    """Repeats its children (the item template) for every item of the bound ``items`` collection.

    Inside the template the current item is ``item_alias`` (``item`` by default).
    """

    kind: Literal["list"]
    BINDABLE = ("items",)
    EVENTS = ("item_tap",)
    item_alias: Name = "item"
    searchable: bool = False
    search_placeholder: Text = "Search"
    empty_text: Text = "Nothing here yet"
    divider: bool = True


class Free(ContainerBase):
    """Children placed at absolute ``layout.frame`` x/y/w/h, snapping to a grid in the designer."""

    kind: Literal["free"]
    height: float = Field(default=400, ge=40, le=100_000)
    grid: float = Field(default=8, ge=1, le=200)


CONTAINER_KINDS: tuple[type[ContainerBase], ...] = (
    Column, Row, Card, Scroll, Tabs, TabPage, ListView, Free,
)
