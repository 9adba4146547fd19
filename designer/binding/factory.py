"""Bound widgets for entity fields: which widget kind fits a field, and how it is bound.

Pure construction helpers (no document changes): ``input_for``, ``display_for``, ``list_for``.
Every widget gets a fresh id (``new_id``) and a name unique in ``taken`` (which is updated).
"""

from __future__ import annotations

import re
from typing import Any

from designer.expressions import STRING, Literal, unparse
from designer.model.base import new_id, unique_name
from designer.model.data import DataField, DataSource, Entity
from widgets import CATALOG, WidgetBase

#: Widget kind for a field type when the user drops a field (the issue's mapping).
FIELD_WIDGET: dict[str, str] = {
    "string": "text_input", "integer": "number_input", "decimal": "number_input",
    "boolean": "switch", "date": "date_input", "datetime": "date_input", "enum": "dropdown",
    "image": "image", "geo": "map", "reference": "label", "list": "list",
}
_MULTILINE = re.compile(r"(?i)note|comment|descr|remark|message|body|summary|text$")


def camel(name: str) -> str:
    """``Customer`` → ``customer``, ``SalesOrder`` → ``salesOrder``, ``order_line`` → ``orderLine``."""
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", name) if p]
    if not parts:
        return "item"
    head = parts[0]
    run = len(re.match(r"^[A-Z]*", head).group(0))  # type: ignore[union-attr]
    if run == len(head) or run <= 1:
        head = head.lower() if run == len(head) else head[:1].lower() + head[1:]
    else:
        head = head[: run - 1].lower() + head[run - 1:]
    out = head + "".join(p[:1].upper() + p[1:] for p in parts[1:])
    return out if re.match(r"^[A-Za-z_]", out) else "_" + out


def label_of(field: DataField) -> str:
    """The label a user sees for a field (the source's label, else the name made readable)."""
    if field.label:
        return field.label
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", field.name).replace("_", " ").strip()
    return spaced[:1].upper() + spaced[1:].lower() if spaced else field.name


def display_field(entity: Entity) -> DataField | None:
    """The field that best names a record (``name``/``title``/first text field)."""
    texts = [f for f in entity.fields if f.type in ("string", "enum")]
    for pattern in (r"^(display_?name|name|title|full_?name|label|subject)$", r"name|title"):
        hit = next((f for f in texts if re.search(pattern, f.name, re.I)), None)
        if hit:
            return hit
    non_key = [f for f in texts if f.name not in entity.key]
    return (non_key or texts or [f for f in entity.fields if f.type not in ("list", "reference")]
            or [None])[0]


def text_expr(field: DataField, path: str) -> str:
    """An expression showing ``path`` (a field of type ``field.type``) as text."""
    if field.type == "decimal":
        return f"format_number({path}, 2)"
    if field.type == "integer":
        return f"format_number({path})"
    if field.type in ("date", "datetime"):
        return f"format_date({path})"
    if field.type == "boolean":
        return f'if({path}, "Yes", "No")'
    return path


def _make(kind: str, base: str, taken: set[str], **overrides: Any) -> WidgetBase:
    name = unique_name(base, taken)
    taken.add(name)
    return CATALOG.get(kind).create(new_id("w"), name, **overrides)


def input_for(field: DataField, path: str, taken: set[str], editing: bool = False,
              source: DataSource | None = None) -> WidgetBase:
    """The widget for dropping ``field`` (bound at ``path``, e.g. ``customer.email``).

    Uses ``FIELD_WIDGET``; with ``editing`` (a form for a writable record) images become a
    photo input and geo a location input, so the form can capture them.
    """
    kind = FIELD_WIDGET.get(field.type, "text_input")
    stem = camel(field.name)
    label = label_of(field)
    if editing and not field.read_only and field.type == "image":
        kind = "camera_photo"
    if editing and not field.read_only and field.type == "geo":
        kind = "location"
    if kind == "list":
        target = source.entity(field.entity) if source is not None and field.entity else None
        return list_for(target, path, taken, stem)
    if kind == "label":                      # reference: show the referenced record's name
        target = source.entity(field.entity) if source is not None and field.entity else None
        shown = display_field(target) if target is not None else None
        if shown is None and target is not None:
            # a record holding only lists (a payment summary of invoices[] and payments[]):
            # its first list, never the whole record as text
            inner = next((f for f in target.fields if f.type == "list"), None)
            if inner is not None and source is not None:
                return list_for(source.entity(inner.entity) if inner.entity else None,
                                f"{path}.{inner.name}", taken, stem)
        if shown is None:
            return _make("label", stem + "Label", taken, text=label)
        return _make("label", stem + "Label", taken, text=label,
                     bindings={"text": text_expr(shown, f"{path}.{shown.name}")})
    if kind == "image":
        return _make("image", stem + "Image", taken, alt=label, bindings={"src": path})
    if kind == "map":
        return _make("map", stem + "Map", taken, a11y_label=label,
                     bindings={"coordinates": path})
    overrides: dict[str, Any] = {"label": label, "bindings": {"value": path},
                                 "read_only": field.read_only}
    if field.required and not field.read_only:
        overrides["validation"] = [{"rule": "required"}]
    if kind == "text_input":
        input_type = {"email": "email", "phone": "phone"}.get(field.format, "text")
        if input_type == "text" and _MULTILINE.search(field.name):
            input_type = "multiline"
        overrides["input_type"] = input_type
        suffix = "Input"
    elif kind == "number_input":
        overrides["decimals"] = 2 if field.type == "decimal" else 0
        suffix = "Input"
    elif kind == "dropdown":
        overrides["options"] = [{"value": v, "label": _option_label(v)} for v in field.enum_values]
        suffix = "Dropdown"
    else:
        suffix = {"switch": "Switch", "date_input": "Date", "camera_photo": "Photo",
                  "location": "Location"}.get(kind, "Input")
    return _make(kind, stem + suffix, taken, **overrides)


def display_for(field: DataField, path: str, taken: set[str],
                source: DataSource | None = None) -> WidgetBase:
    """A read-only widget showing ``field`` (labels for text and numbers, image, map, list)."""
    if field.type in ("image", "geo", "list", "reference"):
        return input_for(field, path, taken, False, source)
    return _make("label", camel(field.name) + "Label", taken, text=label_of(field),
                 bindings={"text": f"concat({string_literal(label_of(field) + ': ')}, "
                                   f"{text_expr(field, path)})"})


def list_for(entity: Entity | None, items: str, taken: set[str], stem: str = "items",
             alias: str = "item") -> WidgetBase:
    """A list bound to ``items`` whose item template shows the record's main fields."""
    lst = _make("list", stem + "List", taken, item_alias=alias, bindings={"items": items})
    if entity is None:
        return lst
    row = _make("row", stem + "Item", taken)
    text = _make("column", stem + "Text", taken, gap=2, layout={"grow": 1})
    title = display_field(entity)
    rest = [f for f in entity.fields if f is not title and f.type in
            ("string", "enum", "date", "datetime") and f.name not in entity.key][:1]
    trailing = next((f for f in entity.fields if f.type in ("decimal", "integer", "enum")
                     and f is not title and f not in rest and f.name not in entity.key), None)
    if title is not None:
        text.children.append(_make("label", camel(title.name) + "Title", taken, text=label_of(title),  # type: ignore[attr-defined]
                                   style={"font_weight": "bold"},
                                   bindings={"text": text_expr(title, f"{alias}.{title.name}")}))
    for f in rest:
        text.children.append(_make("label", camel(f.name) + "Line", taken, text=label_of(f),  # type: ignore[attr-defined]
                                   bindings={"text": text_expr(f, f"{alias}.{f.name}")}))
    row.children.append(text)  # type: ignore[attr-defined]
    if trailing is not None:
        row.children.append(_make("label", camel(trailing.name) + "Value", taken,  # type: ignore[attr-defined]
                                  text=label_of(trailing), layout={"width": "hug"},
                                  bindings={"text": text_expr(trailing,
                                                              f"{alias}.{trailing.name}")}))
    lst.children.append(row)  # type: ignore[attr-defined]
    lst.searchable = True  # type: ignore[attr-defined]
    lst.search_placeholder = f"Search {entity.label or entity.name}".strip()[:200]  # type: ignore[attr-defined]
    return lst


def _option_label(value: str) -> str:
    spaced = re.sub(r"[_-]+", " ", value).strip()
    return spaced[:1].upper() + spaced[1:] if spaced else value


def string_literal(text: str) -> str:
    """``text`` as an expression-language string literal (escaped by the language's printer)."""
    return unparse(Literal(text, STRING))
