"""Real spreadsheet exports and a Salesforce JSON export (``shared/contracts``, see SOURCES.md):
each named column is typed the way a spreadsheet user reads it, and the import fits a model."""

from __future__ import annotations

import pytest

from designer.importers import import_csv, import_json
from designer.model import App, load, save
from designer.model.data import DataField, Entity
from designer.model.validate import validate_app

from .helpers import shared_contracts

CONTRACTS = shared_contracts()


def _import(name: str, **options: int):
    assert CONTRACTS is not None, "shared/contracts is missing beside the checkout (CI has it)"
    path = CONTRACTS / name
    return (import_json if name.endswith(".json") else import_csv)(path, **options)


def _field(entity: Entity, name: str) -> DataField:
    found = entity.field(name)
    assert found is not None, f"no field {name}; have {[f.name for f in entity.fields]}"
    return found


def _shape(entity: Entity, name: str) -> tuple[str, str]:
    f = _field(entity, name)
    return f.type, f.format


def test_financial_sample_money_short_dates_and_labels() -> None:
    result = _import("csv_financial_sample_excel.csv", max_rows=1000)        # all 700 rows
    entity = result.source.entities[0]
    for money in ("Manufacturing_Price", "Sale_Price", "Gross_Sales", "Discounts", "Sales",
                  "COGS", "Profit"):
        assert _shape(entity, money) == ("decimal", "currency"), money
        assert not _field(entity, money).enum_values
    rows = entity.sample_rows
    assert len(rows) == 700
    assert rows[0]["Gross_Sales"] == 32370.0 and rows[0]["Discounts"] == 0.0      # " $-   "
    assert any(r["Profit"] < 0 for r in rows)                                   # ($4,533.75)
    for r in rows:         # the parsed money adds up as the spreadsheet computed it (to the cent)
        assert abs(r["Gross_Sales"] - r["Discounts"] - r["Sales"]) < 0.011
        assert abs(r["Sales"] - r["COGS"] - r["Profit"]) < 0.011
    assert _shape(entity, "Date") == ("date", "")
    assert all(int(r["Date"][5:7]) == r["Month_Number"] and r["Date"][:4] == str(r["Year"])
               for r in rows)                                  # 01-06-14 is 1 June 2014
    assert any(p.code == "import.date" and "`Date`" in p.message and "the default" in p.message
               for p in result.warnings)                  # no day above 12 anywhere: d/m/y
    money = [p.message for p in result.warnings if p.code == "import.currency"]
    assert len(money) == 1 and "`Profit` in `$`" in money[0] and '"USD"' in money[0]
    assert not [p for p in result.warnings if "kept as text" in p.message]
    assert _shape(entity, "Units_Sold") == ("decimal", "")
    assert _shape(entity, "Month_Number") == ("integer", "")
    assert _shape(entity, "Year") == ("integer", "")
    assert _field(entity, "Segment").type == "enum"
    assert "Channel Partners" in _field(entity, "Segment").enum_values
    assert _field(entity, "Product").label == "Product"                  # " Product " trimmed
    assert entity.key == []                                              # no id column


def test_ladesaeulen_koeln_decimal_comma_dotted_dates_and_postal_codes() -> None:
    result = _import("csv_ladesaeulen_koeln.csv")
    entity = result.source.entities[0]
    rows = entity.sample_rows
    assert _shape(entity, "Postleitzahl") == ("string", "")
    assert rows[0]["Postleitzahl"] == "50569"
    assert _shape(entity, "Breitengrad") == ("decimal", "")
    assert rows[0]["Breitengrad"] == 50.937417 and rows[0]["Langengrad"] == 6.97069
    assert _shape(entity, "Inbetriebnahmedatum") == ("date", "")
    assert rows[0]["Inbetriebnahmedatum"] == "2021-07-22"                        # 22.07.21
    assert _field(entity, "Anschlussleistung").type == "decimal"
    assert _field(entity, "Anzahl_Ladepunkte").type == "integer"
    assert _field(entity, "Hausnummer").type == "string"
    assert not [p for p in result.warnings if "kept as text" in p.message]   # "18-24" is normal
    assert not [p for p in result.warnings if p.code == "import.date"]      # 22.07.21 decides
    kind = _field(entity, "Art_der_Ladeeinrichung")
    assert kind.type == "enum" and sorted(kind.enum_values) == ["Normalladeeinrichtung",
                                                               "Schnellladeeinrichtung"]
    for plugs in ("Steckertypen1", "Steckertypen2", "Steckertypen3"):   # "A, B" lists
        assert _field(entity, plugs).type == "string", plugs


def test_salesforce_account_export_key_codes_and_amounts() -> None:
    result = _import("csv_salesforce_account_dataloader.csv")
    entity = result.source.entities[0]
    rows = entity.sample_rows
    assert entity.key == ["ID"] and _field(entity, "ID").required
    assert _field(entity, "ID").type == "string"
    assert _field(entity, "OWNERID").type == "string"                      # an id, not a choice
    assert _shape(entity, "ANNUALREVENUE") == ("decimal", "currency")
    assert rows[0]["ANNUALREVENUE"] == 350_000_000.0                             # "3.5E8"
    assert _field(entity, "BILLINGPOSTALCODE").type == "string"
    assert rows[0]["BILLINGPOSTALCODE"] == "27215"
    assert _field(entity, "SLASERIALNUMBER_C").type == "string"
    assert _field(entity, "NUMBEROFEMPLOYEES").type == "integer"
    assert _field(entity, "SLAEXPIRATIONDATE_C").type == "date"
    priority = _field(entity, "CUSTOMERPRIORITY_C")
    assert priority.type == "enum" and set(priority.enum_values) == {"Low", "Medium", "High"}
    assert not priority.required
    assert _shape(entity, "PHONE") == ("string", "phone")
    assert "\n" in rows[2]["BILLINGSTREET"]                             # quoted newlines kept
    upsell = _field(entity, "UPSELLOPPORTUNITY_C")                     # Yes / No / Maybe
    assert upsell.type == "string" and "Maybe" in [r["UPSELLOPPORTUNITY_C"] for r in rows]
    assert any("`UPSELLOPPORTUNITY__C` is kept as text" in p.message and "`Maybe`" in p.message
               for p in result.warnings)
    assert _field(entity, "ACCOUNTNUMBER").type == "string"            # a number, not the key


def test_shopify_template_keeps_excel_shortened_barcodes_as_text() -> None:
    result = _import("csv_shopify_product_template.csv")
    entity = result.source.entities[0]
    for code in ("Variant_Barcode", "Google_Shopping_MPN"):
        assert _field(entity, code).type == "string", code
    assert entity.sample_rows[0]["Variant_Barcode"] == "3.65275E+11"
    assert any(p.code == "import.type" and "`Variant Barcode`" in p.message
               for p in result.warnings)
    handle = _field(entity, "Handle")                 # repeated per variant: not a key
    assert handle.type == "string" and not handle.enum_values and entity.key == []
    assert _shape(entity, "Variant_Price") == ("decimal", "currency")
    assert _field(entity, "Variant_Grams").type == "decimal"
    assert _field(entity, "Variant_Inventory_Qty").type == "integer"
    assert _field(entity, "Published").type == "boolean"
    assert _field(entity, "Image_Src").type == "image"
    assert _field(entity, "Variant_SKU").type == "string"


def test_salesforce_tree_json_is_named_after_its_records() -> None:
    result = _import("json_salesforce_opportunity_tree.json")
    assert [e.name for e in result.source.entities] == ["Opportunity"]
    entity = result.source.entities[0]
    assert entity.field("attributes") is None
    assert _shape(entity, "Amount") == ("decimal", "currency")
    assert entity.sample_rows[0]["Amount"] == 235000.0
    assert _field(entity, "CloseDate").type == "date"
    assert _field(entity, "IsPrivate").type == "boolean"
    assert _field(entity, "Probability").type == "integer"
    assert _field(entity, "OrderNumber_c").type == "string"          # "645612" on the wire
    assert entity.sample_rows[0]["OrderNumber_c"] == "645612"
    assert _field(entity, "TrackingNumber_c").type == "string"
    assert _field(entity, "StageName").type == "enum"
    assert _field(entity, "MainCompetitors_c").type == "string"      # "A, B, C" lists
    assert _field(entity, "OrderNumber_c").wire == "OrderNumber__c"


def test_every_real_table_import_fits_a_model(tmp_path) -> None:
    app = App(id="app1", name="T")
    for name in ("csv_financial_sample_excel.csv", "csv_ladesaeulen_koeln.csv",
                 "csv_salesforce_account_dataloader.csv", "csv_shopify_product_template.csv",
                 "json_salesforce_opportunity_tree.json"):
        app.data_sources.append(_import(name).source)
    save(app, tmp_path / "t.fieldcraft.json")
    loaded = load(tmp_path / "t.fieldcraft.json")
    assert [p.format() for p in validate_app(loaded) if p.severity == "error"] == []
    for source in loaded.data_sources:
        for entity in source.entities:
            for f in entity.fields:
                if f.type == "enum":
                    assert all(r.get(f.name) in (None, *f.enum_values) for r in entity.sample_rows)
