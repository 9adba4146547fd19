"""Which data fields an expression reads: resolves binding paths to entity fields (for pii checks
and the review report's data-flow table)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from designer.expressions import INTEGER, Call, ExpressionError, Literal, Node, Path, parse
from designer.expressions.checker import paths as expr_paths
from designer.expressions.nodes import children
from designer.model import App, DataField, DataSource, Entity, Screen
from widgets import ContainerBase, WidgetBase

#: ``mask(text, visible)`` counts as masking when at most this many characters stay visible.
MASK_MAX_VISIBLE = 4


def masks_first_argument(node: Node) -> bool:
    """True for ``mask(x)`` / ``mask(x, n)`` with a literal ``n`` ≤ MASK_MAX_VISIBLE."""
    if not isinstance(node, Call) or node.name != "mask" or not node.args:
        return False
    if len(node.args) == 1:
        return True
    visible = node.args[1]
    return isinstance(visible, Literal) and visible.type == INTEGER and \
        isinstance(visible.value, int) and 0 <= visible.value <= MASK_MAX_VISIBLE


#: A root name of a binding scope bound to records of an entity.
Roots = dict[str, tuple[DataSource, Entity]]


@dataclass(frozen=True)
class FieldUse:
    """A field an expression reads; ``masked`` when every read is the text of a masking call."""

    path: tuple[str, ...]
    source: DataSource
    entity: Entity
    field: DataField
    masked: bool

    @property
    def qualified(self) -> str:
        """``crm.Customer.phone``."""
        return f"{self.source.name}.{self.entity.name}.{self.field.name}"


class FieldResolver:
    """Resolves expressions on a screen (and inside list templates) to entity fields."""

    def __init__(self, app: App) -> None:
        self.app = app

    def entity_ref(self, ref: str) -> tuple[DataSource, Entity] | None:
        """``source.Entity`` → objects, or None."""
        source_name, _, entity_name = ref.partition(".")
        source = self.app.source(source_name)
        entity = source.entity(entity_name) if source else None
        return (source, entity) if source and entity else None

    def screen_roots(self, screen: Screen) -> Roots:
        """Roots of ``screen`` that hold records: queries, record/list parameters and variables."""
        roots: Roots = {}
        for item in (*screen.parameters, *screen.variables):
            if item.entity:
                found = self.entity_ref(item.entity)
                if found:
                    roots[item.name] = found
        for query in screen.data:
            source = self.app.source(query.source)
            entity = source.entity(query.entity) if source else None
            if source and entity:
                roots[query.name] = (source, entity)
        return roots

    def widget_roots(self, screen: Screen) -> dict[str, Roots]:
        """The roots each widget sees (a list's template adds its item alias)."""
        out: dict[str, Roots] = {}
        stack: list[tuple[WidgetBase, Roots]] = [(screen.root, self.screen_roots(screen))]
        while stack:
            widget, roots = stack.pop()
            out[widget.id] = roots
            if not isinstance(widget, ContainerBase):
                continue
            inner = roots
            if widget.kind == "list":
                target = self.collection(widget.bindings.get("items", ""), roots)
                if target:
                    inner = {**roots, getattr(widget, "item_alias", "item"): target}
            stack.extend((child, inner) for child in widget.children)
        return out

    def collection(self, expr: str, roots: Roots) -> tuple[DataSource, Entity] | None:
        """The entity of the records a collection expression (``orders``, ``order.lines``) yields."""
        try:
            node = parse(expr) if expr else None
        except ExpressionError:
            return None
        if not isinstance(node, Path) or node.parts[0] not in roots:
            return None
        source, entity = roots[node.parts[0]]
        for part in node.parts[1:]:
            fld = entity.field(part)
            target = source.entity(fld.entity) if fld and fld.entity else None
            if target is None:
                return None
            entity = target
        return source, entity

    def uses(self, expr: str, roots: Roots) -> list[FieldUse]:
        """Every entity field ``expr`` reads (empty if it does not parse)."""
        if not expr:
            return []
        try:
            node = parse(expr)
        except ExpressionError:
            return []
        masked_paths: set[tuple[str, ...]] = set()
        plain_paths: set[tuple[str, ...]] = set()
        stack = [(node, False)]
        while stack:
            current, masked = stack.pop()
            if isinstance(current, Path):
                (masked_paths if masked else plain_paths).add(current.parts)
            masking = masks_first_argument(current)
            stack.extend((c, masked or (masking and i == 0))
                         for i, c in enumerate(children(current)))
        all_paths = expr_paths(node) | masked_paths
        out: dict[tuple[str, ...], FieldUse] = {}
        for parts in sorted(all_paths):
            for use in self._resolve(parts, roots, parts in masked_paths and parts not in plain_paths):
                key = use.path
                if key not in out or (out[key].masked and not use.masked):
                    out[key] = use
        return list(out.values())

    def widget_uses(self, widget: WidgetBase, roots: Roots) -> list[tuple[str, FieldUse]]:
        """``(property, use)`` for every field the widget reads: bindings, visibility, chart fields."""
        out: list[tuple[str, FieldUse]] = []
        exprs = dict(widget.bindings)
        if widget.visible_when:
            exprs["visible_when"] = widget.visible_when
        for prop, expr in exprs.items():
            out.extend((prop, use) for use in self.uses(expr, roots))
        if widget.kind == "chart":
            target = self.collection(widget.bindings.get("items", ""), roots)
            if target is not None:
                source, entity = target
                for prop in ("label_field", "value_field"):
                    fld = entity.field(getattr(widget, prop, ""))
                    if fld is not None:
                        path = (widget.bindings["items"], fld.name)
                        out.append((prop, FieldUse(path, source, entity, fld, False)))
        return out

    def _resolve(self, parts: tuple[str, ...], roots: Roots, masked: bool) -> Iterator[FieldUse]:
        if parts[0] not in roots:
            return
        source, entity = roots[parts[0]]
        for i, part in enumerate(parts[1:], start=1):
            fld = entity.field(part)
            if fld is None:
                return
            yield FieldUse(parts[: i + 1], source, entity, fld, masked)
            target = source.entity(fld.entity) if fld.entity else None
            if target is None:
                return
            entity = target


#: Bindings whose value a user sees (``items``/``enabled`` only drive structure or state).
SHOWN_BINDINGS = frozenset({"text", "value", "label", "title", "src", "address", "coordinates",
                            "url", "options", "label_field", "value_field"})
