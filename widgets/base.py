"""Common widget properties: identity, layout in the parent, style overrides, bindings, actions."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_serializer

from designer.model.actions import Action, EventName, Rule
from designer.model.base import Color, Expr, Id, Model, Name, SortedDict, Tagged, Text

SizePolicy = Literal["fill", "hug", "fixed"]

#: Bindable properties with no literal counterpart: they only exist as bindings.
#: ``items`` (collection of a list/chart), ``value`` (two-way input value), ``enabled``,
#: ``coordinates`` (geo of a map).
BINDING_ONLY_PROPS = frozenset({"items", "value", "enabled", "coordinates"})
Align = Literal["start", "center", "end", "stretch"]


class Edges(Model):
    """Spacing on four sides, in device-independent pixels."""

    top: float = Field(default=0, ge=0, le=1000)
    right: float = Field(default=0, ge=0, le=1000)
    bottom: float = Field(default=0, ge=0, le=1000)
    left: float = Field(default=0, ge=0, le=1000)


class Rect(Model):
    """Absolute placement inside a ``free`` container."""

    x: float = Field(default=0, ge=-10_000, le=100_000)
    y: float = Field(default=0, ge=-10_000, le=100_000)
    w: float = Field(default=120, ge=1, le=100_000)
    h: float = Field(default=40, ge=1, le=100_000)

    @model_serializer(mode="plain")
    def _all_four(self) -> dict[str, float]:
        return {"x": self.x, "y": self.y, "w": self.w, "h": self.h}


class Layout(Model):
    """How a widget sits in its container (flex) or where it is (``frame``, inside ``free``)."""

    width: SizePolicy = "fill"
    height: SizePolicy = "hug"
    fixed_width: float | None = Field(default=None, ge=0, le=100_000)
    fixed_height: float | None = Field(default=None, ge=0, le=100_000)
    min_width: float | None = Field(default=None, ge=0, le=100_000)
    max_width: float | None = Field(default=None, ge=0, le=100_000)
    min_height: float | None = Field(default=None, ge=0, le=100_000)
    max_height: float | None = Field(default=None, ge=0, le=100_000)
    grow: float = Field(default=0, ge=0, le=100)
    margin: Edges = Field(default_factory=Edges)
    align: Align = "stretch"
    frame: Rect | None = None


class Style(Model):
    """Per-widget overrides of the theme; unset means "from the theme"."""

    background: Color | None = None
    text_color: Color | None = None
    border_color: Color | None = None
    border_width: float | None = Field(default=None, ge=0, le=50)
    corner_radius: float | None = Field(default=None, ge=0, le=500)
    font_size: float | None = Field(default=None, ge=4, le=200)
    font_weight: Literal["normal", "medium", "bold"] | None = None
    padding: float | None = Field(default=None, ge=0, le=500)
    text_align: Literal["start", "center", "end"] | None = None


class WidgetBase(Tagged, Model):
    """Every widget: identity, visibility, layout, style, accessibility, bindings and actions.

    ``bindings`` maps a bindable property (see ``BINDABLE``) to an expression; a bound property
    shows the expression's value instead of its literal. For inputs, ``value`` is two-way and
    must be a field path.
    """

    BINDABLE: ClassVar[tuple[str, ...]] = ()
    EVENTS: ClassVar[tuple[str, ...]] = ()
    IS_CONTAINER: ClassVar[bool] = False

    TAG_FIELD: ClassVar[str] = "kind"

    kind: str
    id: Id
    name: Name
    visible_when: Expr = ""
    layout: Layout = Field(default_factory=Layout)
    style: Style = Field(default_factory=Style)
    a11y_label: Text = Field(default="", description="Accessibility label read by screen readers.")
    bindings: SortedDict[str, Expr] = Field(default_factory=dict)
    actions: SortedDict[EventName, list[Action]] = Field(default_factory=dict)


class InputBase(WidgetBase):
    """A widget the user enters data into; ``value`` binds two-way to a field path."""

    BINDABLE = ("value", "label", "enabled")
    EVENTS = ("change",)

    label: Text = ""
    help_text: Text = ""
    read_only: bool = False
    validation: list[Rule] = Field(default_factory=list)


class ContainerBase(WidgetBase):
    """A widget holding child widgets (see each kind's ``ALLOWED_CHILDREN``)."""

    IS_CONTAINER = True
    #: Child kinds allowed; ``None`` means every kind except those restricted elsewhere.
    ALLOWED_CHILDREN: ClassVar[frozenset[str] | None] = None

    children: list["AnyWidget"] = Field(default_factory=list)  # noqa: F821 (resolved by the catalog)
    gap: float = Field(default=8, ge=0, le=500)
    padding: Edges = Field(default_factory=Edges)
