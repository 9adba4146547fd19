"""The widget catalog: one plain record per widget kind, and the ``AnyWidget`` union built from it.

Adding a widget type = one class in ``leaves``/``containers`` + one ``WidgetType`` entry here
(+ one canvas painter + one template per exporter).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Iterator, Union

from pydantic import Field, TypeAdapter

from . import base as _base_module
from . import containers as _containers_module
from .base import ContainerBase, WidgetBase
from .containers import CONTAINER_KINDS, RESTRICTED_CHILDREN
from .leaves import LEAF_KINDS

CATEGORIES: tuple[str, ...] = ("Layout", "Text & media", "Inputs", "Actions", "Field work", "Data")


@dataclass(frozen=True)
class WidgetType:
    """A catalog entry: what the palette shows and how a new instance is made."""

    id: str
    name: str
    category: str
    icon: str
    model: type[WidgetBase]
    description: str
    defaults: dict[str, Any] = field(default_factory=dict)

    @property
    def container(self) -> bool:
        """True if instances hold child widgets."""
        return self.model.IS_CONTAINER

    @property
    def events(self) -> tuple[str, ...]:
        """Events this kind raises (actions can be attached to them)."""
        return self.model.EVENTS

    @property
    def bindable(self) -> tuple[str, ...]:
        """Properties that can be bound to an expression."""
        return self.model.BINDABLE

    def data(self, id: str, name: str, **overrides: Any) -> dict[str, Any]:
        """The plain data of a new default instance (validate it where it is placed)."""
        return {**self.defaults, **overrides, "kind": self.id, "id": id, "name": name}

    def create(self, id: str, name: str, **overrides: Any) -> WidgetBase:
        """A new default instance, like the one dropped from the palette."""
        return self.model.model_validate(self.data(id, name, **overrides))


class DuplicateWidgetTypeError(ValueError):
    """A catalog refuses a second entry with the same id."""


class WidgetRegistry:
    """Ordered widget types by id; refuses duplicates."""

    def __init__(self) -> None:
        self._types: dict[str, WidgetType] = {}

    def register(self, wtype: WidgetType) -> None:
        """Add ``wtype``; raise DuplicateWidgetTypeError if its id is taken."""
        if wtype.id in self._types:
            raise DuplicateWidgetTypeError(f"widget type {wtype.id!r} is already registered")
        if wtype.category not in CATEGORIES:
            raise ValueError(f"widget type {wtype.id!r}: unknown category {wtype.category!r}")
        self._types[wtype.id] = wtype

    def get(self, kind: str) -> WidgetType:
        """The type for ``kind``; KeyError if unknown."""
        return self._types[kind]

    def __contains__(self, kind: object) -> bool:
        return kind in self._types

    def __iter__(self) -> Iterator[WidgetType]:
        return iter(self._types.values())

    def __len__(self) -> int:
        return len(self._types)

    def ids(self) -> list[str]:
        """All kinds in catalog order."""
        return list(self._types)

    def by_category(self) -> dict[str, list[WidgetType]]:
        """Types grouped by category, in palette order."""
        groups: dict[str, list[WidgetType]] = {c: [] for c in CATEGORIES}
        for t in self:
            groups[t.category].append(t)
        return {c: ts for c, ts in groups.items() if ts}

    def allows_child(self, parent_kind: str, child_kind: str) -> bool:
        """True if a ``parent_kind`` container may hold a ``child_kind`` widget."""
        parent = self.get(parent_kind).model
        if not parent.IS_CONTAINER:
            return False
        required_parent = RESTRICTED_CHILDREN.get(child_kind)
        if required_parent is not None and required_parent != parent_kind:
            return False
        allowed = getattr(parent, "ALLOWED_CHILDREN", None)
        return allowed is None or child_kind in allowed


def _entries() -> list[WidgetType]:
    def t(kind: str, name: str, category: str, icon: str, description: str, **defaults: Any
          ) -> WidgetType:
        return WidgetType(kind, name, category, icon, MODELS[kind], description, defaults)

    return [
        t("column", "Column", "Layout", "mdi6.view-sequential", "Stacks children vertically."),
        t("row", "Row", "Layout", "mdi6.view-column", "Places children side by side."),
        t("card", "Card", "Layout", "mdi6.card-outline", "A raised group with an optional title.",
          padding={"top": 12, "right": 12, "bottom": 12, "left": 12}),
        t("scroll", "Scroll area", "Layout", "mdi6.arrow-up-down", "Scrolls its content."),
        t("tabs", "Tabs", "Layout", "mdi6.tab", "Switches between tab pages."),
        t("tab_page", "Tab page", "Layout", "mdi6.tab-plus", "One page of a Tabs container."),
        t("free", "Free layout", "Layout", "mdi6.vector-square",
          "Places children at exact positions, with snapping."),
        t("list", "List", "Data", "mdi6.format-list-bulleted",
          "Repeats its item template for every record of a collection."),
        t("chart", "Chart", "Data", "mdi6.chart-bar", "Bar, line or pie chart of a collection."),
        t("label", "Label", "Text & media", "mdi6.format-text", "A line or paragraph of text."),
        t("heading", "Heading", "Text & media", "mdi6.format-header-1", "A title."),
        t("image", "Image", "Text & media", "mdi6.image", "A picture from the app or a URL."),
        t("icon", "Icon", "Text & media", "mdi6.star", "A symbol."),
        t("divider", "Divider", "Text & media", "mdi6.minus", "A thin separating line."),
        t("spacer", "Spacer", "Text & media", "mdi6.arrow-expand-vertical", "Empty space."),
        t("web_link", "Web link", "Actions", "mdi6.link-variant", "Opens a web page."),
        t("button", "Button", "Actions", "mdi6.gesture-tap-button", "Runs actions when tapped."),
        t("text_input", "Text field", "Inputs", "mdi6.form-textbox",
          "Text, e-mail, phone, multi-line or password entry.", label="Text"),
        t("number_input", "Number field", "Inputs", "mdi6.numeric", "Numeric entry.",
          label="Number"),
        t("date_input", "Date", "Inputs", "mdi6.calendar", "Date picker.", label="Date"),
        t("time_input", "Time", "Inputs", "mdi6.clock-outline", "Time picker.", label="Time"),
        t("dropdown", "Dropdown", "Inputs", "mdi6.form-dropdown", "Pick one of several options.",
          label="Choice", options=[{"value": "a", "label": "Option A"},
                                   {"value": "b", "label": "Option B"}]),
        t("checkbox", "Checkbox", "Inputs", "mdi6.checkbox-marked-outline", "Yes/no tick box.",
          label="Checkbox"),
        t("switch", "Switch", "Inputs", "mdi6.toggle-switch", "On/off toggle.", label="Switch"),
        t("radio_group", "Radio group", "Inputs", "mdi6.radiobox-marked",
          "Pick one option, all visible.", label="Choose one",
          options=[{"value": "a", "label": "Option A"}, {"value": "b", "label": "Option B"}]),
        t("slider", "Slider", "Inputs", "mdi6.tune-variant", "Pick a number on a scale.",
          label="Amount"),
        t("camera_photo", "Photo", "Field work", "mdi6.camera", "Takes photos with the camera.",
          label="Photo"),
        t("barcode_scanner", "Barcode", "Field work", "mdi6.barcode-scan",
          "Scans a barcode or QR code (manual entry as fallback).", label="Barcode"),
        t("signature", "Signature", "Field work", "mdi6.draw", "Captures a signature.",
          label="Signature"),
        t("location", "Location", "Field work", "mdi6.crosshairs-gps",
          "Captures the current GPS position.", label="Location"),
        t("map", "Map", "Field work", "mdi6.map", "Shows an address or coordinates."),
    ]


MODELS: dict[str, type[WidgetBase]] = {
    cls.TAG: cls for cls in (*CONTAINER_KINDS, *LEAF_KINDS)
}

#: Any widget, discriminated on ``kind``.
AnyWidget = Annotated[Union[tuple(MODELS.values())], Field(discriminator="kind")]  # type: ignore[valid-type]

# Containers refer to ``"AnyWidget"`` by name: make it resolvable where they are defined, and let
# pydantic complete each schema when first needed (building all of them eagerly, each with the
# whole recursive union, cost ~150 ms at every start).
_base_module.AnyWidget = AnyWidget  # type: ignore[attr-defined]
_containers_module.AnyWidget = AnyWidget  # type: ignore[attr-defined]

CATALOG = WidgetRegistry()
for _entry in _entries():
    CATALOG.register(_entry)

WIDGET_ADAPTER: TypeAdapter[Any] = TypeAdapter(AnyWidget, config={"defer_build": True})


def is_container(widget: WidgetBase) -> bool:
    """True for container widgets."""
    return isinstance(widget, ContainerBase)
