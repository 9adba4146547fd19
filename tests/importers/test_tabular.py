"""CSV / JSON sample importers: delimiter, encodings, quirky headers, type inference."""

from __future__ import annotations

import pytest

from designer.importers import SpecError, import_csv, import_json
from designer.importers.tabular import sniff_delimiter


def write(tmp_path, name: str, content: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return str(path)


def fields(result) -> dict[str, tuple[str, str]]:
    entity = result.source.entities[0]
    return {f.name: (f.type, f.format) for f in entity.fields}


QUIRKY = (
    "\ufeffKundennr;Name;;Name;Umsatz;Seit;Aktiv;Notiz;PLZ;E-Mail\r\n"
    "00123;Müller GmbH;x;A;1.234,50;05.01.2024;ja;\"Zeile 1\r\nZeile 2; mit Semikolon\";01067;"
    "a@example.com\r\n"
    "00456;\"Bauer \"\"&\"\" Söhne\";;B;99,9;2024-02-01;nein;;80331;b@example.com\r\n"
    "10789;Café;;C;-5;31.12.2023;ja;;10115;\r\n"
)


def test_semicolon_bom_quoted_newlines_leading_zeros_and_headers(tmp_path) -> None:
    result = import_csv(write(tmp_path, "kunden.csv", QUIRKY))
    entity = result.source.entities[0]
    assert (result.source.kind, result.source.name, entity.name) == ("csv", "kunden", "Kunden")
    names = [f.name for f in entity.fields]
    assert names == ["Kundennr", "Name", "column_3", "Name_2", "Umsatz", "Seit", "Aktiv", "Notiz",
                     "PLZ", "E_Mail"]
    assert entity.fields[0].label == "Kundennr"            # BOM stripped from the first header
    assert entity.fields[9].label == "E-Mail"               # label keeps the original header
    types = fields(result)
    assert types["Kundennr"] == ("string", "")              # leading zeros stay text
    assert types["PLZ"] == ("string", "")
    assert types["Umsatz"][0] == "decimal"                  # 1.234,50 with decimal comma
    assert types["Seit"][0] == "date"                       # mixed 05.01.2024 / 2024-02-01
    assert types["Aktiv"][0] == "boolean"
    assert types["E_Mail"] == ("string", "email")
    rows = entity.sample_rows
    assert len(rows) == 3
    assert rows[0]["Kundennr"] == "00123" and rows[0]["PLZ"] == "01067"
    assert rows[0]["Umsatz"] == 1234.5 and rows[2]["Umsatz"] == -5.0
    assert [r["Seit"] for r in rows] == ["2024-01-05", "2024-02-01", "2023-12-31"]
    assert rows[0]["Notiz"] == "Zeile 1\r\nZeile 2; mit Semikolon"
    assert rows[1]["Name"] == 'Bauer "&" Söhne'
    assert rows[1]["Notiz"] is None and rows[2]["E_Mail"] is None        # empty cells
    assert entity.field("Kundennr").required and not entity.field("Notiz").required
    messages = [p.format() for p in result.warnings]
    assert any("row 1: column 3 has no header" in m for m in messages)
    assert any("`Name` appears more than once" in m for m in messages)


def test_latin1_file_is_detected_with_a_warning(tmp_path) -> None:
    path = write(tmp_path, "latin.csv", "id,name,city\n1,Café Müller,Köln\n2,Bar,Zürich\n"
                 .encode("cp1252"))
    result = import_csv(path)
    assert result.source.entities[0].sample_rows[0]["name"] == "Café Müller"
    warning = next(p for p in result.warnings if p.code == "import.encoding")
    assert warning.line == 2 and "not UTF-8" in warning.message


def test_utf16_with_bom_and_tabs(tmp_path) -> None:
    path = write(tmp_path, "export.tsv", "sku\tqty\tprice\n000123\t4\t9.5\n".encode("utf-16"))
    result = import_csv(path)
    assert fields(result) == {"sku": ("string", ""), "qty": ("integer", ""),
                              "price": ("decimal", "currency")}   # named like money


@pytest.mark.parametrize("dates, expected", [
    (["13/01/2024", "02/03/2024"], ["2024-01-13", "2024-03-02"]),     # day first (13 > 12)
    (["01/13/2024", "03/02/2024"], ["2024-01-13", "2024-03-02"]),     # month first
])
def test_slash_dates_pick_the_order_that_fits(tmp_path, dates, expected) -> None:
    content = "when\n" + "\n".join(dates) + "\n"
    result = import_csv(write(tmp_path, "d.csv", content))
    entity = result.source.entities[0]
    assert entity.fields[0].type == "date"
    assert [r["when"] for r in entity.sample_rows] == expected


def test_ambiguous_slash_dates_warn(tmp_path) -> None:
    result = import_csv(write(tmp_path, "d.csv", "when\n01/02/2024\n03/04/2024\n"))
    assert result.source.entities[0].sample_rows[0]["when"] == "2024-02-01"
    assert any(p.code == "import.date" for p in result.warnings)


def test_datetimes_urls_images_enums_and_key(tmp_path) -> None:
    lines = ["id,at,site,photo,status,score"]
    for i in range(12):
        lines.append(f"{i + 1},2024-01-0{i % 9 + 1}T10:1{i % 10}:00Z,https://ex.com/{i},"
                     f"https://img.ex.com/{i}.jpg,{('open', 'done', 'late')[i % 3]},{i * 1.5}")
    result = import_csv(write(tmp_path, "visits.csv", "\n".join(lines)))
    entity = result.source.entities[0]
    assert entity.name == "Visit" and entity.key == ["id"]
    types = fields(result)
    assert types["at"][0] == "datetime"
    assert types["site"] == ("string", "uri")
    assert types["photo"][0] == "image"
    assert types["status"][0] == "enum"
    assert entity.field("status").enum_values == ["open", "done", "late"]
    assert types["score"][0] == "decimal"
    assert entity.sample_rows[0]["at"] == "2024-01-01T10:10:00Z"


def test_rows_limit_and_ragged_rows(tmp_path, monkeypatch) -> None:
    import designer.importers.tabular as tabular

    monkeypatch.setattr(tabular, "MAX_SCANNED_ROWS", 50)
    content = "a,b\n" + "".join(f"{i},{i}\n" for i in range(300)) + "1,2,3\n"
    result = import_csv(write(tmp_path, "big.csv", content))
    assert len(result.source.entities[0].sample_rows) == 50
    assert any("only the first 50 rows" in p.message and p.path == ("row 52",)
               for p in result.warnings)
    ragged = import_csv(write(tmp_path, "r.csv", "a,b\n1,2,3\n4\n"))
    assert ragged.source.entities[0].sample_rows == [{"a": 1, "b": 2}, {"a": 4, "b": None}]
    assert any(p.path == ("row 2",) and "3 cells" in p.message for p in ragged.warnings)


def test_sample_rows_are_capped(tmp_path) -> None:
    content = "n\n" + "".join(f"{i}\n" for i in range(1000))
    result = import_csv(write(tmp_path, "n.csv", content))
    assert len(result.source.entities[0].sample_rows) == 200


def test_secret_columns_are_scrubbed(tmp_path) -> None:
    from designer.importers import import_file

    content = "user,token\nann,ghp_abcdefghijklmnopqrstuvwxyz0123456789AB\nbob,none\n"
    result = import_file("csv", write(tmp_path, "users.csv", content))
    rows = result.source.entities[0].sample_rows
    assert rows[0]["token"] is None and rows[1]["token"] == "none"
    assert any(p.code == "import.secret" for p in result.warnings)


@pytest.mark.parametrize("content, message, location", [
    (b"", "empty", "1"),
    (b"  \n\n", "empty", "1"),
    (b"a,b\n\"" + b"x" * 200_000 + b"\"\n", "invalid CSV", "row 2"),
    (b"a,b\x00c\n1,2\n", "binary", ""),
])
def test_bad_csv(tmp_path, content: bytes, message: str, location: str) -> None:
    with pytest.raises(SpecError) as info:
        import_csv(write(tmp_path, "bad.csv", content))
    assert message in info.value.message and info.value.location == location


def test_sniffer() -> None:
    assert sniff_delimiter("a;b;c\n1;2,5;3\n") == ";"
    assert sniff_delimiter("a,b\n1,2\n") == ","
    assert sniff_delimiter("a\tb\n1\t2\n") == "\t"
    assert sniff_delimiter("a|b|c\n1|2|3\n") == "|"
    assert sniff_delimiter("single\nvalue\n") == ","


# --------------------------------------------------------------------------- JSON
def test_json_object_of_arrays_nested_objects_and_lists(tmp_path) -> None:
    content = """{"customers": [
      {"id": "C1", "name": "Alpine", "since": "2024-01-05", "zip": "06020", "rating": 4.5,
       "address": {"city": "Innsbruck"}, "orders": [{"no": "0001", "total": 12.5}],
       "tags": ["a", "b"]},
      {"id": "C2", "name": "Nord", "since": "05.02.2024", "zip": "80331", "rating": 3,
       "address": {"city": "Munich"}, "orders": [], "tags": []}],
     "products": [{"sku": "000123", "price": 9.9, "active": true}],
     "total": 2}"""
    result = import_json(write(tmp_path, "crm.json", content))
    source = result.source
    assert source.kind == "json"
    assert [e.name for e in source.entities] == ["Customer", "CustomerAddress", "CustomerOrder",
                                                 "Product"]
    customer = source.entity("Customer")
    assert customer.key == ["id"]
    types = {f.name: (f.type, f.entity) for f in customer.fields}
    assert types["since"] == ("date", "") and types["zip"] == ("string", "")
    assert types["rating"] == ("decimal", "")
    assert types["address"] == ("reference", "CustomerAddress")
    assert types["orders"] == ("list", "CustomerOrder")
    assert types["tags"] == ("string", "")
    row = customer.sample_rows[1]
    assert row["since"] == "2024-02-05" and row["address"] == {"city": "Munich"}
    assert customer.sample_rows[0]["orders"] == [{"no": "0001", "total": 12.5}]
    assert source.entity("Product").key == ["sku"]
    assert source.entity("Product").sample_rows[0] == {"sku": "000123", "price": 9.9,
                                                        "active": True}
    assert any("tags" in p.path_text for p in result.warnings)


def test_json_array_single_object_and_json_lines(tmp_path) -> None:
    arr = import_json(write(tmp_path, "visits.json", '[{"a": 1}, {"a": 2.5, "b": null}]'))
    assert [(f.name, f.type) for f in arr.source.entities[0].fields] == [("a", "decimal"),
                                                                          ("b", "string")]
    one = import_json(write(tmp_path, "settings.json", '{"theme": "dark", "size": 3}'))
    assert one.source.entities[0].sample_rows == [{"size": 3, "theme": "dark"}]
    lines = import_json(write(tmp_path, "events.jsonl", '{"x": 1}\n{"x": 2}\n'))
    assert len(lines.source.entities[0].sample_rows) == 2


@pytest.mark.parametrize("content, message, location", [
    ('{"a": 1,}', "not valid JSON", "1:"),
    ('"just a string"', "expected an array", "#"),
    ('[1, 2, 3]', "no objects", "#"),
    ('{"x": 1}\n{"x": }\n', "JSON Lines", "2:"),
])
def test_bad_json(tmp_path, content: str, message: str, location: str) -> None:
    with pytest.raises(SpecError) as info:
        import_json(write(tmp_path, "bad.json", content))
    assert message in info.value.message
    assert info.value.location.startswith(location)


def test_json_service_payloads_are_unwrapped_and_named_after_the_file(tmp_path) -> None:
    from designer.importers import import_json

    v4 = tmp_path / "customers.json"
    v4.write_text('{"@odata.context": "$metadata#Customers", "value": ['
                  '{"ID": "C1", "@odata.etag": "W/1"}, {"ID": "C2", "@odata.etag": "W/2"}]}')
    source = import_json(v4).source
    assert [e.name for e in source.entities] == ["Customer"]           # not "Value"
    assert [f.wire for f in source.entities[0].fields] == ["ID", "@odata.etag"]
    v2 = tmp_path / "orders.json"
    v2.write_text('{"d": {"results": [{"__metadata": {"uri": "x", "type": "Z.Order"}, '
                  '"Vbeln": "0000004711", "ToItems": {"results": [{"Posnr": "000010"}]}, '
                  '"ToCustomer": {"__deferred": {"uri": "x/ToCustomer"}}}]}}')
    result = import_json(v2)
    order = result.source.entities[0]
    assert order.name == "Order"
    assert [f.name for f in order.fields] == ["Vbeln", "ToItems", "ToCustomer"]
    assert order.field("ToItems").type == "list"
    assert order.sample_rows[0]["Vbeln"] == "0000004711"                # leading zeros kept
    assert order.sample_rows[0]["ToItems"] == [{"Posnr": "000010"}]
    assert order.sample_rows[0]["ToCustomer"] is None
