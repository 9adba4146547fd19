"""Binding data to widgets (Qt-free): what a field or entity dropped on the canvas becomes.

The canvas calls these and pushes the result as one undo step::

    plan = widget_for_field(doc, screen, "crm", "Customer", "email", parent_id=target_id)
    controller.push(plan.macro(target_id, index))

* ``widget_for_field`` → ``DropPlan`` with one bound widget (string → text input, enum →
  dropdown, date → date input, boolean → switch, image → image, geo → map, reference → label,
  list → list with an item template), bound to the right root: the enclosing list's item, a
  record variable, a single-record query or parameter of that entity — or a new record variable
  (returned in ``plan.screen_changes``).
* ``widgets_for_entity`` → a list screen part (list + data query) or an edit form.
* ``screen_for_entity_detail`` → a detail screen (``customerId`` parameter + ``mode=one`` query)
  and the navigate action on a list's ``item_tap``.
* ``sample_data`` → deterministic realistic sample rows per entity.
"""

from __future__ import annotations

from .detail import DetailPlan, build_form, key_parameter_name, navigate_action, screen_for_entity_detail
from .factory import FIELD_WIDGET, display_field, display_for, input_for, label_of, list_for
from .plan import (DropPlan, collection_root, find_detail_screen, record_root, widget_for_field,
                   widgets_for_entity)
from .sample_data import fill_missing_samples, sample_rows

__all__ = ["DetailPlan", "DropPlan", "FIELD_WIDGET", "build_form", "collection_root",
           "display_field", "display_for", "fill_missing_samples", "find_detail_screen",
           "input_for", "key_parameter_name", "label_of", "list_for", "navigate_action",
           "record_root", "sample_rows", "screen_for_entity_detail", "widget_for_field",
           "widgets_for_entity"]
