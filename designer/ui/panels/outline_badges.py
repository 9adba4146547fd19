"""The outline's badges: which widgets show data through a binding, and which show pii.

``pii_widgets`` follows each binding's paths through the screen's queries, parameters and list
items to the data source fields they read; ``BadgeDelegate`` paints the badges of a row.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from designer.expressions import ExpressionError, parse, paths
from designer.model.app import App, Screen
from widgets import ContainerBase, WidgetBase

from .style import icon


def _entity_of_path(app: App, source_entity: tuple[str, str], parts: tuple[str, ...]
                    ) -> tuple[tuple[str, str] | None, bool]:
    """Follow ``parts`` from an entity; returns (final entity, True if any field is pii)."""
    current: tuple[str, str] | None = source_entity
    pii = False
    for part in parts:
        if current is None:
            return None, pii
        source = app.source(current[0])
        entity = source.entity(current[1]) if source else None
        field = entity.field(part) if entity else None
        if field is None:
            return None, pii
        pii = pii or field.pii
        current = (current[0], field.entity) if field.entity else None
    return current, pii


def pii_widgets(app: App, screen: Screen) -> set[str]:
    """Ids of widgets on ``screen`` whose bindings read a field marked pii."""
    roots: dict[str, tuple[str, str]] = {}
    for query in screen.data:
        roots[query.name] = (query.source, query.entity)
    for decl in (*screen.parameters, *screen.variables):
        if "." in decl.entity:
            src, _, ent = decl.entity.partition(".")
            roots[decl.name] = (src, ent)
    found: set[str] = set()
    stack: list[tuple[WidgetBase, dict[str, tuple[str, str]]]] = [(screen.root, roots)]
    while stack:
        widget, scope = stack.pop()
        read: list[tuple[str, ...]] = []
        for expr in widget.bindings.values():
            try:
                read.extend(paths(parse(expr)))
            except ExpressionError:
                continue
        for parts in read:
            if parts and parts[0] in scope and _entity_of_path(app, scope[parts[0]], parts[1:])[1]:
                found.add(widget.id)
        if isinstance(widget, ContainerBase):
            inner = scope
            items = widget.bindings.get("items", "") if widget.kind == "list" else ""
            if items:
                try:
                    item_paths = [p for p in paths(parse(items)) if p and p[0] in scope]
                except ExpressionError:
                    item_paths = []
                if item_paths:
                    target, _ = _entity_of_path(app, scope[item_paths[0][0]], item_paths[0][1:])
                    if target is not None:
                        inner = {**scope, widget.item_alias: target}  # type: ignore[attr-defined]
            stack.extend((child, inner) for child in widget.children)
    return found


BADGES_ROLE = Qt.ItemDataRole.UserRole + 1


class BadgeDelegate(QStyledItemDelegate):
    """Paints the binding/pii badges of a row, right-aligned."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        badges = index.data(BADGES_ROLE) or ()
        rect = option.rect  # type: ignore[attr-defined]
        x = rect.right() - 4
        for name, color in reversed(badges):
            x -= 16
            icon(name, color).paint(painter, QRect(x, rect.center().y() - 8, 16, 16))
            x -= 3
