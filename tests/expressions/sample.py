"""Tiny typed scope and matching sample data shared by the expression tests."""

from __future__ import annotations

from typing import Any

from designer.expressions import (BOOLEAN, DATE, DATETIME, DECIMAL, GEO, IMAGE, INTEGER, STRING,
                                  DictScope, EnumType, ListType, RecordType)

CUSTOMER = RecordType("Customer", lambda: {
    "name": STRING, "first_name": STRING, "last_name": STRING, "city": STRING,
    "country": STRING, "email": STRING, "phone": STRING, "blocked": BOOLEAN, "photo": IMAGE,
    "location": GEO, "status": EnumType(("active", "inactive")), "orders": ListType(ORDER),
    "since": DATE,
})
ORDER = RecordType("Order", lambda: {
    "total": DECIMAL, "discount": INTEGER, "quantity": INTEGER, "customer": CUSTOMER,
    "placed_on": DATE, "updated_at": DATETIME, "note": STRING,
})


def scope(**extra: Any) -> DictScope:
    """Roots customer, order, orders, counts (+extra); text keys greeting and farewell."""
    roots = {"customer": CUSTOMER, "order": ORDER, "orders": ListType(ORDER),
             "counts": ListType(INTEGER), **extra}
    return DictScope(roots, ("greeting", "farewell"))


def env() -> dict[str, Any]:
    """Sample data for ``scope()``."""
    ada = {"name": "Ada", "first_name": "Ada", "last_name": "Lovelace", "city": "london",
           "country": "UK", "email": "ada@example.org", "phone": None, "blocked": False,
           "status": "active", "since": "2020-02-29"}
    orders = [{"total": 100.0, "discount": 5, "quantity": 2, "placed_on": "2024-03-05"},
              {"total": 20.5, "discount": 0, "quantity": 1, "placed_on": "2024-04-01"}]
    ada["orders"] = orders
    return {"customer": ada, "order": {**orders[0], "customer": ada}, "orders": orders,
            "counts": [1, 2, 3]}
