"""SQLite importer: tables, typed columns, keys, foreign keys, bounded samples, read-only."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from designer.importers import SpecError, import_sqlite

SCHEMA = """
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(100),
  created DATETIME, active BOOLEAN, logo BLOB, "weird col" TEXT, misc);
CREATE TABLE orders (order_no TEXT PRIMARY KEY, customer_id INTEGER REFERENCES customers(id),
  total NUMERIC(10,2), due DATE);
CREATE TABLE order_lines (order_no TEXT, pos INTEGER, qty INTEGER, PRIMARY KEY(order_no, pos),
  FOREIGN KEY(order_no) REFERENCES orders(order_no));
CREATE VIEW forever AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)
  SELECT x FROM c;
INSERT INTO customers VALUES (1, 'Alpine', 'a@example.com', '2024-01-05 10:00:00', 1,
  x'89504e47', 'w', '2024-03-01'), (2, 'Nord', NULL, NULL, 0, NULL, NULL, '2024-03-02');
INSERT INTO orders VALUES ('000123', 1, 12.5, '2024-02-01');
INSERT INTO order_lines VALUES ('000123', 1, 3);
"""


@pytest.fixture()
def shop(tmp_path) -> str:
    path = tmp_path / "shop.db"
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    conn.executemany("INSERT INTO order_lines VALUES ('000123', ?, 1)",
                     [(i,) for i in range(2, 400)])
    conn.commit()
    conn.close()
    return str(path)


def test_tables_columns_keys_and_foreign_keys(shop: str) -> None:
    result = import_sqlite(shop)
    source = result.source
    assert (source.kind, source.name) == ("sqlite", "shop")
    assert sorted(e.name for e in source.entities) == ["Customer", "Order", "OrderLine"]
    customer = source.entity("Customer")
    types = {f.name: (f.type, f.format, f.required) for f in customer.fields}
    assert types["id"] == ("integer", "", True) and customer.key == ["id"]
    assert types["name"] == ("string", "", True)
    assert types["email"] == ("string", "email", False)
    assert types["created"][0] == "datetime" and types["active"][0] == "boolean"
    assert types["logo"][0] == "image" and types["weird_col"][0] == "string"
    assert types["misc"][0] == "date"                      # untyped column inferred from values
    order = source.entity("Order")
    assert (order.field("customer_id").type, order.field("customer_id").entity) == \
        ("reference", "Customer")
    assert order.field("total").type == "decimal" and order.field("due").type == "date"
    lines = source.entity("OrderLine")
    assert lines.key == ["order_no", "pos"]
    assert lines.field("order_no").entity == "Order"
    assert customer.sample_rows[0] == {"id": 1, "name": "Alpine", "email": "a@example.com",
                                       "created": "2024-01-05T10:00:00", "active": True,
                                       "logo": "", "weird_col": "w", "misc": "2024-03-01"}
    assert order.sample_rows[0]["customer_id"] == 1 and order.sample_rows[0]["order_no"] == "000123"
    assert len(lines.sample_rows) == 200                   # bounded
    assert any(p.code == "import.blob" for p in result.warnings)


def test_database_is_not_modified_and_views_are_not_run(shop: str) -> None:
    before = hashlib.sha256(open(shop, "rb").read()).hexdigest()
    result = import_sqlite(shop)                           # would hang if the view were queried
    assert hashlib.sha256(open(shop, "rb").read()).hexdigest() == before
    skipped = [p for p in result.warnings if p.code == "import.view"]
    assert len(skipped) == 1 and "views are not imported" in skipped[0].message


def test_step_budget_stops_runaway_queries(shop: str, monkeypatch) -> None:
    import designer.importers.sqlite as module

    monkeypatch.setattr(module, "MAX_STEPS_K", 0)
    with pytest.raises(SpecError, match="too long"):
        import_sqlite(shop)


def test_empty_database(tmp_path) -> None:
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with pytest.raises(SpecError, match="not a SQLite"):
        import_sqlite(path)
    conn = sqlite3.connect(tmp_path / "none.db")
    conn.execute("CREATE VIEW v AS SELECT 1")
    conn.close()
    with pytest.raises(SpecError, match="no tables"):
        import_sqlite(tmp_path / "none.db")
