"""Operation parameters as the exported data layers take them (``exporters.params``)."""

from __future__ import annotations

import pytest

from designer.model.operations import Operation, OperationParam, Paging
from exporters.base import ExportFailed
from exporters.params import param_spec, param_specs, paging_spec


def _spec(**kw: object) -> dict[str, object]:
    return param_spec(OperationParam(**kw), "here")


def test_each_value_source_is_classified() -> None:
    assert _spec(name="n", value="record.number") == {
        "in": "path", "name": "n", "required": True, "field": "number"}
    assert _spec(name="customer", location="query", value="customerId") == {
        "in": "query", "name": "customer", "required": False, "scope": "customerId"}
    assert _spec(name="top", wire_name="$top", location="query", value="50") == {
        "in": "query", "name": "$top", "required": False, "literal": 50}
    assert _spec(name="lang", location="query", value='"en"')["literal"] == "en"
    assert _spec(name="rate", location="query", value="1.5")["literal"] == 1.5
    assert _spec(name="on", location="query", value="true")["literal"] is True
    assert _spec(name="t", wire_name="X-Tenant-Id", location="header", required=True,
                 config="tenant") == {"in": "header", "name": "X-Tenant-Id", "required": True,
                                      "config": "tenant"}


def test_a_path_parameter_without_a_value_is_the_record_field_of_its_name() -> None:
    assert _spec(name="id")["field"] == "id"
    assert "field" not in _spec(name="q", location="query")


@pytest.mark.parametrize("value", ["record.customer.name", "a + b", "upper(name)"])
def test_other_expressions_are_refused_with_the_location(value: str) -> None:
    op = Operation(kind="list", path="/x", params=[OperationParam(name="q", location="query",
                                                                  value=value)])
    with pytest.raises(ExportFailed, match=r"^data_sources\.0\.operations\.0\.params\.0: "):
        param_specs(op, "data_sources.0.operations.0")


def test_paging_spec() -> None:
    assert paging_spec(Operation(kind="list")) is None
    spec = paging_spec(Operation(kind="list", paging=Paging(style="cursor", next=["m", "c"],
                                                            param="after", page_size=2)))
    assert spec == {"style": "cursor", "next": ["m", "c"], "param": "after", "size_param": "",
                    "page_size": 2, "first_page": 1, "max_pages": 20, "max_rows": 1000}
