"""Small spreadsheet shapes: money, decimal marks, short dates, codes, enums and keys."""

from __future__ import annotations

import pytest

from designer.importers import import_csv, import_json
from designer.model import App
from designer.model.validate import validate_app


def _csv(tmp_path, text: str, name: str = "t.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = import_csv(path)
    app = App(id="app1", name="T", data_sources=[result.source])
    assert [p.format() for p in validate_app(app) if p.severity == "error"] == []
    return result


def _column(result, name: str):
    entity = result.source.entities[0]
    field = entity.field(name)
    assert field is not None, [f.name for f in entity.fields]
    return field, [r[name] for r in entity.sample_rows]


@pytest.mark.parametrize("cells, values", [
    (['"$32,370.00 "', '" $-   "', '"($1,200.00)"', "-$5.50", "$0.99"],
     [32370.0, 0.0, -1200.0, -5.5, 0.99]),
    (['"$1,618.50"', "$20", '"(1,200.00)"', "$ 3"], [1618.5, 20.0, -1200.0, 3.0]),
    (["12.50 EUR", "3 EUR", "-0.5 EUR"], [12.5, 3.0, -0.5]),
])
def test_money_is_a_currency_decimal(tmp_path, cells, values) -> None:
    result = _csv(tmp_path, "total\n" + "\n".join(cells) + "\n")
    field, got = _column(result, "total")
    assert (field.type, field.format, field.enum_values) == ("decimal", "currency", [])
    assert got == values


def test_euro_money_and_european_decimals_in_a_semicolon_file(tmp_path) -> None:
    result = _csv(tmp_path, "Preis;Menge;Anteil;Einwohner;Gewicht\n"
                            "€1.234,56;12,5;12,5 %;1.234.567;0,75\n"
                            "12,50 €;3;50 %;12;1.000\n"
                            "(€3,00);1.000,25;7 %;1.000;2\n")
    price, prices = _column(result, "Preis")
    assert (price.type, price.format) == ("decimal", "currency")
    assert prices == [1234.56, 12.5, -3.0]
    amount, amounts = _column(result, "Menge")
    assert amount.type == "decimal" and amounts == [12.5, 3.0, 1000.25]
    share, shares = _column(result, "Anteil")
    assert (share.type, share.format) == ("decimal", "percent") and shares == [12.5, 50.0, 7.0]
    people, counts = _column(result, "Einwohner")
    assert people.type == "integer" and counts == [1234567, 12, 1000]   # `.` groups thousands
    weight, weights = _column(result, "Gewicht")
    assert weight.type == "decimal" and weights == [0.75, 1000.0, 2.0]


def test_the_decimal_mark_is_the_one_every_cell_fits(tmp_path) -> None:
    semi = _csv(tmp_path, "a;b\n12.5;1,234.5\n3.25;2\n", "semi.csv")
    assert _column(semi, "a") == (_column(semi, "a")[0], [12.5, 3.25])   # only `.` fits
    assert _column(semi, "b")[1] == [1234.5, 2.0]
    comma = _csv(tmp_path, 'a,b\n"1,234.5",7\n"2,000",8\n', "comma.csv")
    assert _column(comma, "a")[1] == [1234.5, 2000.0]
    mixed = _csv(tmp_path, "a;b\n1,234.5;x\n1.234,5;y\n", "mixed.csv")
    assert _column(mixed, "a")[0].type == "string"              # no single convention fits
    assert _column(mixed, "a")[1] == ["1,234.5", "1.234,5"]


@pytest.mark.parametrize("cells, expected, warned", [
    (["01-01-14", "15-03-14"], ["2014-01-01", "2014-03-15"], False),      # 15 > 12: day first
    (["03-15-14", "01-01-14"], ["2014-03-15", "2014-01-01"], False),      # month first
    (["22.07.21", "08.12.99"], ["2021-07-22", "1999-12-08"], False),      # d.m.yy, 99 → 1999
    (["1/1/2014", "1/2/2014"], ["2014-01-01", "2014-02-01"], True),       # ambiguous: d/m/y
    (["2014/1/5", "2014-12-31"], ["2014-01-05", "2014-12-31"], False),
])
def test_short_dates_take_the_order_the_column_allows(tmp_path, cells, expected, warned) -> None:
    result = _csv(tmp_path, "when\n" + "\n".join(cells) + "\n")
    field, got = _column(result, "when")
    assert field.type == "date" and got == expected
    warnings = [p for p in result.warnings if p.code == "import.date"]
    assert bool(warnings) == warned
    if warned:
        assert "`when`" in warnings[0].message and "day/month/year" in warnings[0].message


@pytest.mark.parametrize("cells", [["13/01/2014", "01/13/2014"], ["31.02.21", "30.02.21"]])
def test_dates_no_order_fits_stay_text(tmp_path, cells) -> None:
    field, got = _column(_csv(tmp_path, "when\n" + "\n".join(cells) + "\n"), "when")
    assert field.type == "string" and got == cells


def test_short_date_times(tmp_path) -> None:
    field, got = _column(_csv(tmp_path, "at\n1/2/2014 10:30 PM\n13/2/2014 09:05\n"), "at")
    assert field.type == "datetime" and got == ["2014-02-01T22:30:00", "2014-02-13T09:05:00"]


def test_codes_stay_text(tmp_path) -> None:
    rows = ["Kundennr,PLZ,zip,Order Number,Month Number,Barcode,Revenue,Phone",
            "00123,50569,02134,645612,1,3.65275E+11,3.5E8,4930123456",
            "00456,80331,10001,731645,12,4.6347E+11,5.0E7,4989123456"]
    result = _csv(tmp_path, "\n".join(rows) + "\n")
    for name, text in (("Kundennr", "00123"), ("PLZ", "50569"), ("zip", "02134"),
                       ("Order_Number", "645612"), ("Barcode", "3.65275E+11"),
                       ("Phone", "4930123456")):
        field, got = _column(result, name)
        assert field.type == "string" and got[0] == text, name
    assert _column(result, "Month_Number")[0].type == "integer"
    revenue, amounts = _column(result, "Revenue")
    assert (revenue.type, revenue.format) == ("decimal", "currency") and amounts[0] == 3.5e8
    assert any(p.code == "import.type" and "`Barcode`" in p.message and "3.65275E+11"
               in p.message for p in result.warnings)


def _labels(n: int, values: list[str]) -> str:
    return "\n".join(values[i % len(values)] for i in range(n))


@pytest.mark.parametrize("header, values, enum", [
    ("status", ["open", "done", "late"], True),
    ("customer_id", ["C1", "C2", "C3"], False),                      # ids are never choices
    ("owner", ["0054W00000AuCYfQAN", "0054W00000AuCYfQAB"], False),  # opaque ids
    ("tracking", ["830150301360", "830150301420"], False),            # digits: codes
    ("plugs", ["AC Typ 2", "AC Typ 2, CHAdeMO", "CCS"], False),       # a list, not a choice
    ("note", ["x" * 60, "y" * 60], False),                            # free text
])
def test_enums_only_for_short_repeated_labels(tmp_path, header, values, enum) -> None:
    path = tmp_path / "t.json"
    import json

    path.write_text(json.dumps([{header: v} for v in
                                _labels(12, values).split("\n")]), encoding="utf-8")
    field = import_json(path).source.entities[0].fields[0]
    assert (field.type == "enum") == enum, field
    quoted = [f'"{v}"' for v in values]
    csv_field, _ = _column(_csv(tmp_path, header + "\n" + _labels(12, quoted) + "\n"), header)
    assert (csv_field.type == "enum") == enum, csv_field


def test_key_must_be_unique_over_every_scanned_row(tmp_path) -> None:
    rows = "".join(f"{i % 250},n{i}\n" for i in range(300))           # repeats after row 250
    result = _csv(tmp_path, "id,name\n" + rows)
    assert len(result.source.entities[0].sample_rows) == 200          # all unique in the sample
    assert result.source.entities[0].key == []
    unique = _csv(tmp_path, "Customer ID,Status\n" + "".join(
        f"C{i},{('a', 'b')[i % 2]}\n" for i in range(300)), "u.csv")
    entity = unique.source.entities[0]
    assert entity.key == ["Customer_ID"] and entity.field("Customer_ID").required
    assert entity.field("Customer_ID").type == "string"


def test_json_strings_keep_their_wire_type(tmp_path) -> None:
    path = tmp_path / "orders.json"
    path.write_text('[{"no": "645612", "zip": "02134", "total": "12.50", "paid": "true", '
                    '"on": "22.07.21", "qty": 3, "price": 9}]', encoding="utf-8")
    entity = import_json(path).source.entities[0]
    types = {f.name: (f.type, f.format) for f in entity.fields}
    assert types == {"no": ("string", ""), "zip": ("string", ""), "total": ("string", ""),
                     "paid": ("string", ""), "on": ("date", ""), "qty": ("integer", ""),
                     "price": ("decimal", "currency")}
    assert entity.sample_rows[0] == {"no": "645612", "zip": "02134", "total": "12.50",
                                     "paid": "true", "on": "2021-07-22", "qty": 3, "price": 9.0}


def test_salesforce_attributes_name_the_entity_but_json_api_attributes_are_data(tmp_path) -> None:
    sf = tmp_path / "export.json"
    sf.write_text('{"records": [{"attributes": {"type": "Account", "url": "/x/1"}, "Id": "001"},'
                  ' {"attributes": {"type": "Account", "url": "/x/2"}, "Id": "002"}]}')
    result = import_json(sf)
    assert [e.name for e in result.source.entities] == ["Account"]
    assert [f.name for f in result.source.entities[0].fields] == ["Id"]
    assert result.source.entities[0].key == ["Id"]
    assert any(p.code == "import.metadata" for p in result.warnings)
    api = tmp_path / "articles.json"
    api.write_text('{"data": [{"type": "articles", "id": "1", "attributes": {"type": "news", '
                   '"title": "Hi"}}]}')
    entity = import_json(api).source.entities[0]
    assert entity.name == "Article" and entity.field("attributes").type == "reference"


def test_columns_that_fit_one_mark_decide_the_file(tmp_path) -> None:
    us = _csv(tmp_path, "units\tprice\n1,321\t$3.00\n2,178\t$15.50\n", "us.tsv")   # tab file
    assert _column(us, "units")[1] == [1321, 2178] and _column(us, "units")[0].type == "integer"
    eu = _csv(tmp_path, "Menge\tPreis\n1,321\t3,00 €\n2,178\t15,50 €\n", "eu.tsv")
    assert _column(eu, "Menge")[1] == [1.321, 2.178]


def test_long_cells_are_text_and_coffee_is_not_money(tmp_path) -> None:
    long = "1" * 5000
    result = _csv(tmp_path, f"a,coffee\n{long},2\n7,3\n")
    assert _column(result, "a")[0].type == "string"
    assert _column(result, "coffee")[0].format == ""


def test_dates_with_month_names(tmp_path) -> None:
    field, got = _column(_csv(tmp_path, 'on\n05-Jan-14\n"Mar 7, 2024"\n5. März 2024\n'), "on")
    assert field.type == "date" and got == ["2014-01-05", "2024-03-07", "2024-03-05"]
    text, cells = _column(_csv(tmp_path, "on\n05-Foo-14\n31-Feb-14\n", "bad.csv"), "on")
    assert text.type == "string" and cells == ["05-Foo-14", "31-Feb-14"]


@pytest.mark.parametrize("cells, values", [
    (['"$(1,234.50)"', '"-$1,234.50"', '" $-   "'], [-1234.5, -1234.5, 0.0]),
    (['"₹1,23,456.00"', '"1,23,45,678"', "₹500"], [123456.0, 12345678.0, 500.0]),   # lakh
    (['"100 kr"', '"1 250,50 kr"', '"kr 3"'], [100.0, 1250.5, 3.0]),
    (['"CHF 1\'234.50"', "CHF 12"], [1234.5, 12.0]),
    (['"1.234,56 €"', '"-   €"', '"-12,00 €"'], [1234.56, 0.0, -12.0]),      # German accounting
])
def test_more_money_shapes(tmp_path, cells, values) -> None:
    result = _csv(tmp_path, "total\n" + "\n".join(cells) + "\n")
    field, got = _column(result, "total")
    assert (field.type, field.format) == ("decimal", "currency")
    assert got == values


def test_the_currency_is_noted_and_mixed_currencies_are_warned(tmp_path) -> None:
    result = _csv(tmp_path, "price;cost\n€1,50;$3\n€2,00;12 €\n")
    notes = [p.message for p in result.warnings]
    assert any("money columns" in m and "`price` in `€`" in m and '"EUR"' in m for m in notes)
    assert any("`cost` holds amounts in more than one currency" in m for m in notes)


def test_excel_errors_and_na_cells_are_empty_in_a_typed_column(tmp_path) -> None:
    result = _csv(tmp_path, "qty,when,ok,note\n3,2024-01-05,yes,n/a\n#N/A,n/a,-,x\n"
                            "#DIV/0!,2024-02-01,no,-\n")
    qty, qtys = _column(result, "qty")
    assert (qty.type, qty.required, qtys) == ("integer", False, [3, None, None])
    when, dates = _column(result, "when")
    assert when.type == "date" and dates == ["2024-01-05", None, "2024-02-01"]
    assert _column(result, "ok")[1] == [True, None, False]
    assert _column(result, "note")[1] == ["n/a", "x", "-"]           # text keeps what it says
    warned = [p for p in result.warnings if "`qty` has 2 cells with no value" in p.message]
    assert warned and warned[0].path == ("row 3",) and "`#N/A` at row 3" in warned[0].message


def test_a_cell_that_breaks_a_column_type_is_named_with_its_row(tmp_path) -> None:
    rows = "\n".join(str(i) for i in range(1, 30))
    result = _csv(tmp_path, f"count\n{rows}\nabout 30\n31\n")
    field, values = _column(result, "count")
    assert field.type == "string" and values[29] == "about 30" and len(values) == 31
    note = next(p for p in result.warnings if "`count` is kept as text" in p.message)
    assert note.path == ("row 31",) and "`about 30`" in note.message and "30 other" in note.message


def test_phone_numbers_with_a_plus_are_not_numbers(tmp_path) -> None:
    field, values = _column(_csv(tmp_path, "contact\n+49 221 123456\n+1 555 0100\n"), "contact")
    assert field.type == "string" and values == ["+49 221 123456", "+1 555 0100"]


def test_ambiguous_dates_follow_the_other_date_columns_then_the_locale(tmp_path) -> None:
    text = "ordered,shipped\n01/02/2020,03/04/2020\n02/13/2020,05/06/2020\n"
    shipped = _column(_csv(tmp_path, text), "shipped")[1]
    assert shipped == ["2020-03-04", "2020-05-06"]          # `ordered` has a 13th: month first
    path = tmp_path / "amb.csv"
    path.write_text("when\n01/02/2020\n03/04/2020\n", encoding="utf-8")
    us, de, plain = (import_csv(path, locale=loc) for loc in ("en-US", "de_DE", None))
    assert [r["when"] for r in us.source.entities[0].sample_rows] == ["2020-01-02", "2020-03-04"]
    assert [r["when"] for r in de.source.entities[0].sample_rows] == ["2020-02-01", "2020-04-03"]
    assert plain.source.entities[0].sample_rows == de.source.entities[0].sample_rows
    assert any("month/day/year (the locale `en-US`" in p.message for p in us.warnings)
    assert any("day/month/year (the default" in p.message for p in plain.warnings)


def test_two_digit_years_pivot_like_excel(tmp_path) -> None:
    field, values = _column(_csv(tmp_path, "when\n31.12.29\n01.01.30\n15.06.00\n"), "when")
    assert values == ["2029-12-31", "1930-01-01", "2000-06-15"]


def test_a_unique_code_or_number_column_is_the_key_and_never_an_enum(tmp_path) -> None:
    codes = "\n".join(f"P{i:03d},{'AB'[i % 2]}" for i in range(20))
    result = _csv(tmp_path, f"ProductCode,Grade\n{codes}\n")
    entity = result.source.entities[0]
    assert entity.key == ["ProductCode"] and entity.field("ProductCode").type == "string"
    assert entity.field("Grade").type == "enum"
    repeated = "\n".join(f"{'XY'[i % 2]}1,{i}" for i in range(20))
    other = _csv(tmp_path, f"Status Code,Order Number\n{repeated}\n", "o.csv").source.entities[0]
    assert other.field("Status_Code").type == "string"                  # a code, not a choice
    assert other.key == ["Order_Number"]
    postal = "\n".join(f"{50000 + i}" for i in range(20))
    assert _csv(tmp_path, f"Postal Number\n{postal}\n", "p.csv").source.entities[0].key == []


def test_excel_shortened_numbers_never_make_a_key(tmp_path) -> None:
    result = _csv(tmp_path, "sku\n3.65275E+11\n4.6347E+11\n")
    assert result.source.entities[0].key == []


def test_why_a_column_stayed_text_is_said_with_the_rows(tmp_path) -> None:
    result = _csv(tmp_path, "item;n;d\n01234;1,234.5;31/01/2020\n12345;1.234,5;01/31/2020\n")
    said = {p.message.split("`")[1]: (p.path, p.message) for p in result.warnings}
    assert said["item"][0] == ("row 2",) and "leading zeros (first: `01234`" in said["item"][1]
    assert said["n"][0] == ("row 3",) and "both `.` and `,`" in said["n"][1]
    assert "no day/month order fits" in said["d"][1] and "row 2 and row 3" in said["d"][1]
    for name in ("item", "n", "d"):
        assert _column(result, name)[0].type == "string"


def test_json_values_that_break_a_field_type_are_named_by_pointer(tmp_path) -> None:
    path = tmp_path / "items.json"
    path.write_text('{"items": [{"sku": "A-1", "price": 12.5, "ean": "4006381333931"},'
                    ' {"sku": "A-2", "price": "12.5", "ean": "3.65275E+11"},'
                    ' {"sku": "A-3", "price": 3, "ean": "4006381333932"}]}', encoding="utf-8")
    result = import_json(path)
    entity = result.source.entities[0]
    assert entity.key == ["sku"]
    assert [entity.field(n).type for n in ("price", "ean")] == ["string", "string"]
    assert [r["price"] for r in entity.sample_rows] == ["12.5", "12.5", "3"]    # nothing lost
    by_path = {p.path: p.message for p in result.warnings}
    assert "the string `12.5` where 2 other values are numbers" in by_path[("#/items/1/price",)]
    assert "Excel shortened" in by_path[("#/items/1/ean",)]


def test_excel_day_numbers_in_a_date_column_are_dates(tmp_path) -> None:
    result = _csv(tmp_path, 'Order Date;Lieferdatum;Count\n44197;44200;44197\n44562;45000;3\n')
    assert _column(result, "Order_Date") == (_column(result, "Order_Date")[0],
                                             ["2021-01-01", "2022-01-01"])
    assert _column(result, "Lieferdatum")[1] == ["2021-01-04", "2023-03-15"]
    assert _column(result, "Order_Date")[0].type == "date"
    assert _column(result, "Count")[0].type == "integer"                     # not named a date
    assert any("Excel day numbers (`44197` at row 2 is 2021-01-01)" in p.message
               for p in result.warnings)
    small = _csv(tmp_path, "day\n1\n2\n", "d.csv")
    assert _column(small, "day")[0].type == "integer"                         # 1900: not a date
