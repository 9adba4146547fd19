"""Every lint rule fires on a positive case and stays quiet on a near-identical negative case."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest

from designer.model.problems import Problem
from designer.review.lint import has_errors, lint
from designer.review.policy import Policy
from designer.review.rules import CODE_TO_RULE, RULES

from .helpers import add_widget, build, root_children, with_phone

Edit = Callable[[dict[str, Any]], Any]
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Case:
    positive: Edit
    negative: Edit
    policy: Policy = Policy()
    targets: tuple[str, ...] = ()
    expect: str = ""          # a fragment of the positive finding's message


def _widget(**props: Any) -> Edit:
    return lambda d: add_widget(d, props)


def _source(d: dict[str, Any]) -> dict[str, Any]:
    return d["data_sources"][0]


def _set(path: str, value: Any) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        node: Any = d
        keys = [int(k) if k.isdigit() else k for k in path.split(".")]
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value
    return edit


def _both(*edits: Edit) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        for e in edits:
            e(d)
    return edit


def _noop(d: dict[str, Any]) -> None:
    return None


def _field(field: dict[str, Any]) -> Edit:
    return lambda d: _source(d)["entities"][0]["fields"].append(field)


def _token_url(url: str) -> Edit:
    return lambda d: _source(d)["auth"].update(scheme="oauth2", token_url=url)


def _delete_button(confirm: bool) -> Edit:
    return _widget(kind="button", id="w_del", name="deleteBtn", text="Delete", actions={"tap": [
        {"type": "delete", "source": "crm", "entity": "Customer", "key": "customers",
         "confirm": confirm}]})


def _source_kind(kind: str) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        _source(d)["kind"] = kind
        _source(d)["base_url"] = f"customers.{kind}"
    return edit


def _name_label(expr: str) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        root_children(d)[1]["children"][0]["bindings"]["text"] = expr
    return edit


def _with_input(**props: Any) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        d["screens"][0]["variables"] = [{"name": "note", "type": "string"}]
        add_widget(d, {"kind": "text_input", "id": "w_in", "name": "noteInput", **props})
    return edit


def _second_source(used: bool) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        d["data_sources"].append({"id": "ds2", "name": "erp", "base_url": "https://erp.example.com"})
        if used:
            d["screens"][0]["on_load"] = [{"type": "refresh", "source": "erp"}]
    return edit


CASES: dict[str, Case] = {
    "FC100": Case(_noop, _noop, expect="future check"),  # positive: see test_unknown_validator_code
    "FC101": Case(_set("screens.0.data.0.source", "crmm"), _noop, expect="no data source named"),
    "FC102": Case(_widget(kind="label", id="w_dup", name="title", text="again"),
                  _widget(kind="label", id="w_dup", name="subtitle", text="again"),
                  expect="already used"),
    "FC103": Case(_name_label("item.nmae"), _name_label("item.name"), expect="no field"),
    "FC104": Case(_widget(kind="tab_page", id="w_tp", name="page"),
                  _widget(kind="tabs", id="w_tabs", name="tabs", children=[
                      {"kind": "tab_page", "id": "w_tp", "name": "page"}]),
                  expect="cannot hold"),
    "FC105": Case(_widget(kind="button", id="w_save", name="save", text="Save", actions={"tap": [
        {"type": "submit_form", "source": "crm", "entity": "Customer", "operation": "update",
         "record": "customers"}]}),
                  _widget(kind="button", id="w_save", name="save", text="Save", actions={"tap": [
                      {"type": "refresh", "source": "crm", "entity": "Customer"}]}),
                  expect="no `update` operation"),
    "FC106": Case(lambda d: _source(d)["entities"][0]["fields"].append(
        {"name": "status", "type": "enum"}),
                  lambda d: _source(d)["entities"][0]["fields"].append(
                      {"name": "status", "type": "enum", "enum_values": ["a", "b"]}),
                  expect="no values"),
    "FC107": Case(_set("data_sources.0.entities.0.operations.0.path", ".evil.example/customers"),
                  _noop, expect="must start with `/`"),
    "FC109": Case(_set("data_sources.0.entities.0.operations.1.params", []),
                  _noop, expect="nothing fills the path placeholder `{id}`"),
    "FC108": Case(_set("screens.0.root.children.0.name", "constructor"), _noop,
                  expect="`constructor` is reserved"),
    "FC110": Case(lambda d: _source(d).update(headers={"X-Trace\r\nX-Evil": "1"}),
                  lambda d: _source(d).update(headers={"X-Trace": "a; b=1"}),
                  expect="control character U+000D"),
    "FC111": Case(_set("screens.0.root.children.1.children.0.bindings.text", "user.name"),
                  _set("screens.0.root.children.1.children.0.bindings.text", "item.name"),
                  expect="the app has no sign-in"),
    "FC201": Case(_with_input(label="Note"), _with_input(label="Note", bindings={"value": "note"}),
                  expect="no `value` binding"),
    "FC202": Case(_second_source(used=False), _second_source(used=True),
                  expect="never read or written"),
    "FC203": Case(_delete_button(False), _delete_button(True), expect="without asking"),
    "FC301": Case(lambda d: _source(d).update(headers={"X-Api-Key": "Zx8kQ2mN7pL4vR9tW3yB6cF1hJ5"}),
                  lambda d: _source(d).update(headers={"X-Client": "fieldcraft-mobile-app"}),
                  expect="literal secret"),
    "FC302": Case(_set("data_sources.0.base_url", "http://api.example.com/v1"), _noop,
                  expect="unencrypted http://"),
    "FC303": Case(_noop, _noop, Policy(allowed_hosts=("other.example.org",)),
                  expect="`api.example.com`"),
    "FC304": Case(_noop, _noop, Policy(blocked_source_kinds=("rest",)), expect="policy blocks"),
    "FC305": Case(_both(with_phone, _set("data_sources.0.offline.mode", "cached_read")), with_phone,
                  Policy(pii_offline="forbid"), expect="`phone`"),
    "FC306": Case(_both(with_phone, _name_label("item.phone")),
                  _both(with_phone, _name_label("item.name")), Policy(pii_display="masked"),
                  expect="crm.Customer.phone"),
    "FC307": Case(_field({"name": "email"}), _field({"name": "rating", "type": "integer"}),
                  expect="(`email`) in an app without sign-in"),
    "FC308": Case(with_phone, _both(with_phone, _set("device_policy", {"idle_lock_minutes": 5})),
                  expect="never locks when idle nor wipes"),
    "FC309": Case(_token_url("https://login.example.com/authorize?response_type=token&x=1"),
                  _token_url("https://login.example.com/oauth/token"),
                  expect="implicit flow (response_type=token)"),
    "FC310": Case(_both(_field({"name": "refresh_token"}),
                        _set("data_sources.0.offline.mode", "cached_read")),
                  _field({"name": "refresh_token"}), expect="looks like a credential"),
    "FC401": Case(_with_input(bindings={"value": "note"}),
                  _with_input(bindings={"value": "note"}, a11y_label="Note"),
                  expect="neither a label"),
    "FC402": Case(_widget(kind="label", id="w_faint", name="faint", text="x",
                          style={"text_color": "#b0b0b0"}),
                  _widget(kind="label", id="w_faint", name="faint", text="x",
                          style={"text_color": "#505050"}),
                  expect="below 4.5:1"),
    "FC403": Case(_widget(kind="icon", id="w_ic", name="callIcon", icon="phone", size=24,
                          a11y_label="Call", actions={"tap": [{"type": "go_back"}]}),
                  _widget(kind="icon", id="w_ic", name="callIcon", icon="phone", size=48,
                          a11y_label="Call", actions={"tap": [{"type": "go_back"}]}),
                  expect="×24 dp"),
    "FC501": Case(_source_kind("sqlite"), _source_kind("json"), targets=("pwa",),
                  expect="`sqlite` is not supported by the pwa exporter"),
}
#: Negative cases that differ in the policy or targets rather than the model.
NEGATIVE_CONTEXT: dict[str, tuple[Policy, tuple[str, ...]]] = {
    "FC303": (Policy(allowed_hosts=("*.example.com",)), ()),
    "FC304": (Policy(blocked_source_kinds=("sqlite", "csv")), ()),
    "FC305": (Policy(pii_offline="forbid"), ()),
}
CLI_ONLY = {"FC001"}   # a file that does not load: tests/review/test_cli_lint.py


def _codes(found: list[Problem]) -> set[str]:
    return {p.code for p in found}


def test_every_rule_has_cases() -> None:
    assert set(CASES) | CLI_ONLY == set(RULES)


def test_base_app_is_clean() -> None:
    assert lint(build()) == []


@pytest.mark.parametrize("rule_id", sorted(set(CASES) - {"FC100"}))
def test_rule_positive(rule_id: str) -> None:
    case = CASES[rule_id]
    found = [p for p in lint(build(case.positive), case.policy, targets_=case.targets)
             if p.code == rule_id]
    assert found, f"{rule_id} did not fire"
    assert any(case.expect in p.message for p in found), [p.message for p in found]
    assert all(p.severity == RULES[rule_id].severity for p in found)
    assert all(p.path for p in found)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_negative(rule_id: str) -> None:
    case = CASES[rule_id]
    policy, targets = NEGATIVE_CONTEXT.get(rule_id, (case.policy, case.targets))
    found = lint(build(case.negative), policy, targets_=targets)
    assert rule_id not in _codes(found), [p.format() for p in found]


def test_unknown_validator_code_falls_back_to_fc100(monkeypatch: pytest.MonkeyPatch) -> None:
    import designer.model.validate as validate

    original = validate.validate_app
    monkeypatch.setattr(validate, "validate_app", lambda app, file="": [
        *original(app, file), Problem("a future check failed", ("name",), "warning", "new.code")])
    found = lint(build())
    assert [(p.code, p.severity, p.message) for p in found] == [
        ("FC100", "warning", "a future check failed")]


def test_every_validator_code_maps_to_a_rule() -> None:
    source = "".join((ROOT / "designer" / "model" / name).read_text("utf-8")
                     for name in ("validate.py", "opcheck.py"))
    codes = set(re.findall(r'"((?:ref|id|name|auth|field|query|container|layout|binding|list|'
                           r'action|rule|secret|op|url)\.[a-z_]+)"', source))
    assert codes, "no codes found: the pattern is stale"
    assert codes <= set(CODE_TO_RULE), sorted(codes - set(CODE_TO_RULE))


def test_policy_changes_severity_and_disables() -> None:
    app = build(CASES["FC402"].positive)
    assert not has_errors(lint(app))
    raised = lint(app, Policy(levels={"FC402": "error"}))
    assert [p.severity for p in raised if p.code == "FC402"] == ["error"]
    assert has_errors(raised)
    assert "FC402" not in _codes(lint(app, Policy(levels={"FC402": "off"})))


def test_adopted_validator_rule_can_be_lowered() -> None:
    app = build(_widget(kind="button", id="w_go", name="go", text="Go", actions={"tap": [
        {"type": "navigate", "screen": "hoem"}]}))
    found = lint(app, Policy(levels={"FC101": "info"}))
    assert [p.severity for p in found if p.code == "FC101"] == ["info"]
    assert not has_errors(found)


def test_secrets_found_anywhere_in_the_model() -> None:
    token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
    app = build(_both(_widget(kind="label", id="w_l", name="note", text=f"token {token}"),
                      _set("description", "password=hunter2hunter2")))
    paths = {p.path_text for p in lint(app) if p.code == "FC301"}
    assert paths == {"description", "screens[0].root.children[2].text"}


def test_contrast_of_theme_colours() -> None:
    app = build(_set("theme", {"text": "#9e9e9e", "background": "#ffffff"}))
    found = [p for p in lint(app) if p.code == "FC402"]
    assert {p.path_text: p.message for p in found}.keys() == {"theme.text", "theme.surface"}
    assert any("#9e9e9e on #ffffff" in p.message for p in found)


def test_large_text_needs_only_3_to_1() -> None:
    grey = "#8a8a8a"   # 3.5:1 on white: fails body text, passes large text
    small = build(_widget(kind="label", id="w_g", name="g", text="x", style={"text_color": grey}))
    large = build(_widget(kind="label", id="w_g", name="g", text="x",
                          style={"text_color": grey, "font_size": 24}))
    assert "FC402" in _codes(lint(small))
    assert "FC402" not in _codes(lint(large))


def test_contrast_on_styled_container_background() -> None:
    app = build(lambda d: add_widget(d, {
        "kind": "card", "id": "w_card", "name": "card", "style": {"background": "#1b1f24"},
        "children": [{"kind": "label", "id": "w_in_card", "name": "inCard", "text": "dark on dark"}]}))
    found = [p for p in lint(app) if p.code == "FC402"]
    assert len(found) == 1 and "`inCard`" in found[0].message


def test_touch_target_in_a_crowded_row() -> None:
    buttons = [{"kind": "button", "id": f"w_b{i}", "name": f"b{i}", "text": str(i),
                "layout": {"width": "fill"}} for i in range(12)]
    app = build(_widget(kind="row", id="w_row", name="keys", gap=2, children=buttons))
    found = [p for p in lint(app) if p.code == "FC403"]
    assert len(found) == 12 and "smaller than 48×48" in found[0].message


def test_https_checks_links_and_action_urls() -> None:
    app = build(_widget(kind="button", id="w_web", name="web", text="Web", actions={"tap": [
        {"type": "open_url", "url": '"http://intranet.example.com/help"'}]}))
    found = [p for p in lint(app) if p.code == "FC302"]
    assert [p.path_text for p in found] == ["screens[0].root.children[2].actions.tap[0].url"]


@pytest.mark.parametrize("expr, fires", [
    ("mask(item.phone)", False), ("mask(item.phone, 2)", False), ("mask(item.phone, 0)", False),
    ('"Tel " + mask(item.phone)', False), ("mask(item.phone, 5)", True),
    ("mask(item.phone, len(item.name))", True), ("mask(item.name, len(item.phone))", True),
    ('concat(mask(item.phone), " ", item.phone)', True), ("masked(item.phone)", True),
    ("upper(item.phone)", True)])
def test_pii_masked_through_mask_function(expr: str, fires: bool) -> None:
    found = _codes(lint(build(_both(with_phone, _name_label(expr))), Policy(pii_display="masked")))
    assert ("FC306" in found) is fires
    if expr.startswith("mask("):
        assert "FC103" not in found     # mask is a known function with the right argument types


@pytest.mark.parametrize("input_type, fires", [("password", False), ("phone", True)])
def test_pii_in_inputs(input_type: str, fires: bool) -> None:
    def edit(d: dict[str, Any]) -> None:
        with_phone(d)
        d["screens"][0]["variables"] = [{"name": "cust", "type": "record", "entity": "crm.Customer"}]
        add_widget(d, {"kind": "text_input", "id": "w_p", "name": "phoneInput", "label": "Phone",
                       "input_type": input_type, "bindings": {"value": "cust.phone"}})
    assert ("FC306" in _codes(lint(build(edit), Policy(pii_display="masked")))) is fires


def test_host_allow_list_wildcards() -> None:
    policy = Policy(allowed_hosts=("*.example.com",))
    assert policy.host_allowed("api.example.com")
    assert policy.host_allowed("API.Example.com.")
    assert not policy.host_allowed("example.com")
    assert not policy.host_allowed("evilexample.com")
    assert not policy.host_allowed("api.example.com.evil.org")


def test_pii_offline_encrypted_depends_on_the_targets() -> None:
    app = build(CASES["FC305"].positive)
    found = lint(app, Policy(pii_offline="encrypted"))
    messages = [p.message for p in found if p.code == "FC305"]
    assert messages and "no export target that encrypts its offline store is chosen" in messages[0]
    assert "FC305" not in _codes(lint(app, Policy(pii_offline="encrypted"), targets_=("pwa",)))
    assert "FC305" not in _codes(lint(app, Policy(pii_offline="encrypted"),
                                      targets_=("pwa", "react-native", "flutter")))
    assert "FC305" not in _codes(lint(app, Policy(pii_offline="allow")))
    assert "FC305" in _codes(lint(app, Policy(pii_offline="forbid"), targets_=("pwa",)))


def test_encryption_claims_match_the_exporters() -> None:
    from designer.review.targets import ENCRYPTS_PII_OFFLINE, canonical_target, encrypts_offline
    from exporters import exporter_class

    for target in ENCRYPTS_PII_OFFLINE:
        folder = Path(exporter_class(target).templates_dir)
        sources = "\n".join(p.read_text("utf-8") for p in folder.rglob("*")
                            if p.suffix in (".js", ".ts", ".dart", ".jinja"))
        assert "encrypt" in sources and "pii" in sources and "GCM" in sources
        assert encrypts_offline(target)
    assert {"pwa", "react-native", "flutter"} <= set(ENCRYPTS_PII_OFFLINE)
    assert not encrypts_offline("no-such-target")
    for alias in ("rn", "react_native", "expo", "React-Native"):   # aliases name registered targets
        assert encrypts_offline(alias) and exporter_class(canonical_target(alias)).name == \
            "react-native"


def test_line_index_agrees_with_line_of() -> None:
    import json

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from designer.model.jsonlocate import line_of
    from designer.review.lines import locate_all

    keys = st.text("ab_é", max_size=4)      # line_of compares keys unescaped: no escapes here
    leaves = st.none() | st.booleans() | st.integers() | st.text(max_size=5)
    values = st.recursive(leaves, lambda kids: st.lists(kids, max_size=4)
                          | st.dictionaries(keys, kids, max_size=4), max_leaves=25)

    def paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        out = [path]
        if isinstance(node, dict):
            for k, v in node.items():
                out += paths(v, path + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                out += paths(v, path + (i,))
        return out

    @settings(max_examples=80, deadline=None)
    @given(st.dictionaries(keys, values, max_size=5), st.sampled_from([None, 1, 2]))
    def check(data: dict[str, Any], indent: int | None) -> None:
        text = json.dumps(data, indent=indent, ensure_ascii=False)
        wanted = paths(data) + [("missing", 3)]
        found = locate_all(text, wanted)
        for path in wanted[:-1]:
            assert found[path] == line_of(text, path), (text, path)
        assert found[("missing", 3)] == 1

    check()
    escaped = '{\n  "a\\u0001b": {\n    "x": 1\n  }\n}'
    assert locate_all(escaped, [("a\x01b", "x")]) == {("a\x01b", "x"): 3}
