"""The app IR's node types: immutable, Qt-free, built once per export by ``build.build_app``.

Printers read these instead of the pydantic model. Plain values stay plain (str, numbers,
bools); lists become tuples, nested models ``Record``s, expressions ``Expr`` (compiled per
language on demand, once per text and state variable).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from .reads import Props, note_read

Loc = tuple[str | int, ...]
Language = Literal["js", "ts", "dart"]


class Record:
    """A frozen record with attribute access (a nested model value, an action, a rule …).

    Not a mapping, so a field can be called ``values`` or ``items``; user-keyed maps (headers,
    navigation parameters) are read-only mappings instead (``MappingProxyType``).
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any] | None = None, **more: Any) -> None:
        object.__setattr__(self, "_values", {**(values or {}), **more})

    def __getattr__(self, name: str) -> Any:
        try:
            return object.__getattribute__(self, "_values")[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("IR records are read-only")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._values == other._values  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(tuple(self._values))

    def _asdict(self) -> dict[str, Any]:
        """The record's fields and values (a copy)."""
        return dict(self._values)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._values!r})"


@lru_cache(maxsize=8192)
def _compile(text: str, language: Language, var: str, loc: Loc) -> str:
    from ..bindings import compile_binding
    return compile_binding(text, language, var, loc)


@dataclass(frozen=True)
class Expr:
    """A binding expression and where it is in the model; empty when ``text`` is blank."""

    text: str
    loc: Loc = ()

    def __bool__(self) -> bool:
        return bool(self.text.strip())

    def code(self, language: Language, var: str = "s") -> str:
        """The expression compiled for ``language`` over state ``var`` (ExportFailed names loc)."""
        return _compile(self.text, language, var, self.loc)

    @property
    def path(self) -> tuple[str, ...] | None:
        """The field path if the expression is a plain path (what a two-way binding writes)."""
        from ..bindings import plain_path
        parts = plain_path(self.text) if self else None
        return tuple(parts) if parts is not None else None

    @property
    def user_claims(self) -> frozenset[str]:
        """The ``user.<claim>`` names the expression reads ("" for a bare ``user``): a printer
        that emits it must give the state a ``user`` object with those claims."""
        from designer.model.user import user_refs
        return frozenset(claim for claim, _, _ in user_refs(self.text)) if self else frozenset()


def plain(value: Any, expr: Callable[[Expr], Any] = lambda e: e.text) -> Any:
    """``value`` as JSON-like data: records → dicts, tuples → lists, ``Expr`` → ``expr(e)``."""
    if isinstance(value, Expr):
        return expr(value)
    if isinstance(value, Record):
        return {k: plain(v, expr) for k, v in value._asdict().items()}
    if isinstance(value, Props):
        return {k: plain(v, expr) for k, v in value.raw().items()}
    if isinstance(value, Mapping):
        return {k: plain(v, expr) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v, expr) for v in value]
    return value


@dataclass(frozen=True)
class Placement:
    """Resolved layout: how a widget sits in its parent (one place for the rules, shared with
    ``designer.layout_engine``: ``fill`` along the main axis counts as ``grow`` 1)."""

    parent: str | None = None      # the parent's kind (None for a screen root)
    horizontal: bool = False       # the parent's main axis is horizontal (row, horizontal scroll)
    wrap: bool = False             # the parent is a wrapping row
    absolute: bool = False         # placed at ``layout.frame`` inside a ``free`` container
    flex: float = 0.0              # share of the parent's free main-axis space (0 = none)
    int_flex: int = 0              # ``flex`` as an integer with sibling ratios kept (Flutter)
    kind: str = ""                 # the widget's kind (for the read log)

    def __getattribute__(self, name: str) -> Any:
        derived = _PLACEMENT_SOURCES.get(name)
        if derived:
            kind = object.__getattribute__(self, "kind")
            for prop in derived:
                note_read(kind, prop)
        return object.__getattribute__(self, name)


#: Placement fields → the layout properties they are resolved from (a read of one is a read
#: of those, for the capability check).
_PLACEMENT_SOURCES: dict[str, tuple[str, ...]] = {
    "flex": ("layout.grow",), "int_flex": ("layout.grow",), "absolute": ("layout.frame",),
}


@dataclass(frozen=True, eq=False)
class Widget:
    """One widget with every property it has; ``w.<prop>`` reads ``w.props.<prop>`` (logged)."""

    kind: str
    id: str
    name: str
    props: Props
    layout: Props
    style: Props
    place: Placement
    loc: Loc
    visible_when: Expr
    a11y_label: str = ""
    bindings: Mapping[str, Expr] = field(default_factory=dict)
    actions: Mapping[str, tuple[Record, ...]] = field(default_factory=dict)
    children: tuple["Widget", ...] = ()
    is_container: bool = False
    changed: frozenset[str] = frozenset()   # props set to something other than their default
    layout_set: tuple[str, ...] = ()        # layout fields written in the model file
    style_set: tuple[str, ...] = ()         # style fields written in the model file

    def __getattr__(self, name: str) -> Any:
        props = self.__dict__.get("props")
        if props is None or name.startswith("__"):
            raise AttributeError(name)
        return getattr(props, name)

    def binding(self, name: str) -> Expr:
        """The binding of ``name`` (an empty ``Expr`` when unbound)."""
        return self.bindings.get(name) or Expr("", (*self.loc, "bindings", name))

    def walk(self) -> Iterator["Widget"]:
        """This widget and every descendant, depth first in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, eq=False)
class Screen:
    """One screen: parameters, variables, queries, on-load actions, the widget tree, needs."""

    id: str
    name: str
    title: str
    kind: str
    index: int
    parameters: tuple[Record, ...]
    variables: tuple[Record, ...]          # name, type, entity, initial (Expr)
    data: tuple[Record, ...]               # name, source, entity, mode, key, filter (Expr), sort
    on_load: tuple[Record, ...]
    root: Widget
    needs: frozenset[str] = frozenset()    # device features: camera, location, signature
    requires_role: str | None = None       # a role of sign_in.roles needed to open it

    @property
    def loc(self) -> Loc:
        return ("screens", self.index)


@dataclass(frozen=True, eq=False)
class AssetRef:
    """A model asset a printer may copy: its name and where it is referenced."""

    name: str
    loc: Loc


@dataclass(frozen=True, eq=False)
class App:
    """The whole app as every printer sees it."""

    id: str
    name: str
    version: str
    description: str
    default_locale: str
    start_screen: str | None
    theme: Record
    mobile: Record                                      # native build settings (app id, usage texts)
    store_id: str                                       # the reverse-DNS id, set or derived
    screens: tuple[Screen, ...]
    data_sources: tuple[Any, ...]                      # data.Source
    string_tables: Mapping[str, Mapping[str, str]]      # locale → key → text (built-ins merged)
    assets: tuple[AssetRef, ...] = ()
    needs: frozenset[str] = frozenset()
    sign_in: Record | None = None                      # the model's sign_in (None: no sign-in)
    #: Where expressions read the signed-in user: (claim, location of the expression).
    user_reads: tuple[tuple[str, Loc], ...] = ()

    def app_id(self) -> str:
        """The reverse-DNS store id (iOS bundle id and Android package)."""
        return self.store_id

    def screen(self, name: str) -> Screen | None:
        """The screen called ``name`` or None."""
        return next((s for s in self.screens if s.name == name), None)

    def source(self, name: str) -> Any:
        """The data source called ``name`` or None."""
        return next((s for s in self.data_sources if s.name == name), None)

    @property
    def start(self) -> str | None:
        """The start screen's name: the declared one if it exists, else the first screen."""
        if self.start_screen and self.screen(self.start_screen):
            return self.start_screen
        return self.screens[0].name if self.screens else None

    def widgets(self) -> Iterator[Widget]:
        """Every widget of every screen, in document order."""
        for screen in self.screens:
            yield from screen.root.walk()
