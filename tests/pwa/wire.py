"""The bundled example against a back end with its own field names (``DataField.wire_name``)."""

from __future__ import annotations

from designer.model import App


#: Back-end names that are not identifiers, per entity of the example (model name -> wire name).
WIRE_NAMES = {
    "Customer": {"id": "Customer ID", "name": "company-name", "contact_name": "first-name",
                 "credit_limit": "credit.limit"},
    "Visit": {"customer_id": "Customer ID", "notes": "visit-notes", "signature": "sig:image"},
    "Order": {"customer_id": "Customer ID", "total": "Order Total"},
}


def with_wire_names(app: App) -> App:
    """The example as an OData back end that names fields its own way (``first-name`` …); the
    customer list asks the server to sort by name (``$orderby``, written with model names)."""
    data = app.model_dump(mode="json", by_alias=True)
    for source in data["data_sources"]:
        source["kind"] = "odata"
        for entity in source["entities"]:
            for f in entity["fields"]:
                f["wire_name"] = WIRE_NAMES.get(entity["name"], {}).get(f["name"], "")
            for op in entity["operations"]:
                if entity["name"] == "Customer" and op["kind"] == "list":
                    op["path"] += "?$orderby=name desc,city&$select=id,name,contact_name,city"
    return App.model_validate(data)
