"""The Flutter data layer makes the calls real APIs declare (issue 13 §3), checked on the parse
trees of exports of real contracts (no Dart SDK here): SAP Gateway v2 (CSRF, ETags, d.results,
d.__next) and TripPin v4 (OData-Version, @odata.nextLink, a contained entity read with its
parent's key from the screen) imported from shared/contracts and scaffolded as a user would, and
a REST source with query and header parameters (one from run-time configuration) and cursor
paging. The operations' specs are the ones exporters/params.py gives the JS targets; the rules
that interpret them (lib/runtime/request.dart) are held to the request case table in
tests/runtime; here the data layer is shown to call them where a request is made."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tree_sitter import Node

from designer.cli import main
from designer.importers import import_odata
from designer.model import App, load, save
from exporters import get
from exporters.params import operation_spec
from exporters.wire import wire_path
from tests.importers.helpers import shared_contracts

from .dart_api import calls, check_project
from .dart_parse import parse_tree, parser

CONTRACTS = shared_contracts()


def _text(node: Node) -> str:
    return " ".join(node.text.decode("utf-8").split())


def _value(node: Node) -> str:
    """A named argument's whole value (the node and what follows it in the argument)."""
    arg = node.parent
    return " ".join(arg.text[node.start_byte - arg.start_byte:].decode("utf-8").split())


def _scaffolded(tmp_path: Path, contract: str, base_url: str, *entities: str) -> App:
    """The contract imported into a new app and its entities scaffolded (fieldcraft scaffold)."""
    assert CONTRACTS is not None, "shared/contracts is missing beside the checkout (CI has it)"
    source = import_odata(CONTRACTS / contract).source
    source.base_url = base_url
    app = App.model_validate({"id": "app_req", "name": "Requests", "screens": [
        {"id": "s_home", "name": "home", "root": {"kind": "column", "id": "w_root",
                                                  "name": "root"}}]})
    app.data_sources.append(source)
    model = tmp_path / "model.json"
    save(app, model)
    for entity in entities:
        assert main(["scaffold", str(model), "--source", source.name, "--entity", entity]) == 0
    return load(model)


def _export(app: App, out: Path) -> Path:
    """Export to Flutter; the project parses and passes the API-signature check."""
    get("flutter").export(app, out)
    assert {n: p.errors for n, p in parse_tree(out).items() if p.errors} == {}
    assert check_project(out) == []
    return out


def _root(path: Path) -> Node:
    return parser().parse(path.read_bytes()).root_node


def _source_file(out: Path, name: str) -> Path:
    files = [p for p in (out / "lib" / "data").glob("*.dart")
             if f"name: '{name}'," in p.read_text("utf-8")]
    assert len(files) == 1, files
    return files[0]


def _entities(out: Path, source: str) -> dict[str, dict[str, Any]]:
    """Per entity of a generated repository: its EntityMeta named arguments (source text) and
    its Operation constants as (positional, named) source texts."""
    root = _root(_source_file(out, source))
    found: dict[str, dict[str, Any]] = {}
    for call in calls(root):
        if call.callee != "EntityMeta":
            continue
        name = _value(call.named["name"]).strip("'")
        ops = [([_text(a) for a in c.positional], {k: _value(v) for k, v in c.named.items()})
               for c in calls(call.named["operations"].parent) if c.callee == "Operation"]
        found[name] = {"meta": {k: _value(v) for k, v in call.named.items()}, "ops": ops}
    return found


def _repository(out: Path, source: str) -> dict[str, str]:
    """The named arguments of the generated repository's super(...) call."""
    root = _root(_source_file(out, source))
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "redirecting_factory_constructor_signature" or (
                node.type == "initializers" and b"super" in node.text):
            args = next(n for n in _walk(node) if n.type == "arguments")
            return {_text(a.children[0].children[0]): _value(a.children[1])
                    for a in args.children if a.type == "named_argument"}
        stack.extend(node.children)
    raise AssertionError("no super(...) call")


def _walk(node: Node) -> list[Node]:
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(reversed(n.children))
    return out


def _op(entity: dict[str, Any], kind: str) -> tuple[list[str], dict[str, str]]:
    found = [o for o in entity["ops"] if o[0][0] == f"'{kind}'"]
    assert found, (kind, entity["ops"])
    return found[0]


def _body(root: Node, name: str) -> str:
    """The body of the function or method `name` (top level or in a class), flattened."""
    found = [sig for sig in _walk(root) if sig.type == "function_signature" and any(
        c.type == "identifier" and c.text == name.encode() for c in sig.children)]
    assert len(found) == 1, (name, len(found))
    holder = found[0].parent if found[0].parent.type == "method_signature" else found[0]
    body = holder.next_sibling
    assert body is not None and body.type == "function_body", name
    return _text(body)


def _core(out: Path) -> Node:
    return _root(out / "lib" / "data" / "core.dart")


def _before(text: str, *parts: str) -> None:
    """Each of `parts` is in `text`, in this order."""
    at = -1
    for part in parts:
        found = text.find(part, at + 1)
        assert found > at, f"{part!r} not after the previous part in {text[:200]}…"
        at = found


# -- SAP Gateway (OData v2) ---------------------------------------------------------------------

def test_sap_v2_writes_fetch_a_csrf_token_and_send_if_match(tmp_path: Path) -> None:
    app = _scaffolded(tmp_path, "sap_gwsample_basic_v2.xml",
                      "https://sapes5.sapdevcenter.com/sap/opu/odata/iwbep/GWSAMPLE_BASIC",
                      "BusinessPartner", "SalesOrder")
    out = _export(app, tmp_path / "app")
    name = app.data_sources[0].name
    repo = _repository(out, name)
    assert (repo["kind"], repo["odataVersion"], repo["csrf"]) == ("'odata'", "'2.0'", "true")
    entities = _entities(out, name)
    partner = entities["BusinessPartner"]
    assert partner["meta"]["concurrency"] == "'etag'"
    pos, named = _op(partner, "list")
    assert pos == ["'list'", "'GET'", "'/BusinessPartnerSet'"]
    assert named["result"] == "<String>['d', 'results']"
    assert named["paging"] == "PagingSpec('next_link', next: <String>['d', '__next'], " \
        "pageSize: 50, firstPage: 1, maxPages: 20, maxRows: 1000)"
    pos, named = _op(partner, "update")
    assert pos == ["'update'", "'PUT'", "'/BusinessPartnerSet(\\'{BusinessPartnerID}\\')'"]
    assert named["params"] == "[ParamSpec('path', 'BusinessPartnerID', required: true, " \
        "field: 'BusinessPartnerID')]"
    assert named["result"] == "<String>['d']"
    order = entities["SalesOrder"]
    assert "concurrency" not in order["meta"]
    assert order["meta"]["createOnly"] == "['Note', 'CustomerID', 'CurrencyCode']"

    core = _core(out)
    call = _body(core, "_call")
    # v2 headers come from the source's version; a write to a csrf source gets the token first
    assert "...protocolHeaders(kind, odataVersion)," in call
    assert "'OData-Version'" not in call
    _before(call, "final withToken = needsCsrf(csrf, op.method);",
            "if (withToken) sent['x-csrf-token'] = await _csrf(op, sent, renew: false);",
            "var response = await _send(op.method, Uri.parse(target), sent, payload);",
            "if (withToken && csrfRefused(response.statusCode, response.headers['x-csrf-token'])) {",
            "sent['x-csrf-token'] = await _csrf(op, sent, renew: true);",
            "response = await _send(op.method, Uri.parse(target), sent, payload);",
            "throw HttpFailure(")
    assert call.count("_send(") == 2                           # sent once more, only once
    fetch = _body(core, "_csrf")
    _before(fetch, "if (!renew && known != null) return known;",
            "Operation(op.kind, 'GET', '/', server: op.server)",
            "'x-csrf-token': 'Fetch'", "..remove('Content-Type')",
            "await _send('GET', root, ask, null);", "response.headers['x-csrf-token'];",
            "_csrfToken = token;")
    # ETag: the record's version is kept and sent as If-Match; a 412 goes to the policy
    assert "final tag = entity.concurrency == 'etag' ? etagOf(rec) : null;" in \
        _body(core, "fromWire")
    deliver = _body(core, "_deliver")
    _before(deliver, "final etags = entity.concurrency == 'etag';",
            "final tag = etags && e['op'] != 'create' ? e['etag'] ?? record[r'$etag'] : null;",
            "extra: tag is String && tag.isNotEmpty ? {'If-Match': tag} : const {}",
            "await send();",
            "if (!(etags && err.status == 412 && base != null && getOp != null)) rethrow;",
            "final copy = await _serverCopy(entity, getOp, record);",
            "final outcome = _decide(entity, e, record, base, copy.server, copy.serverTime);",
            "if (outcome != null) return outcome;", "await send();")
    assert "'If-Match': tag" in _body(core, "write")           # online-only writes too
    body = _body(core, "_bodyFor")
    assert "entity.createOnly.contains(e.key)" in body and "op.kind == 'update'" in body


# -- TripPin (OData v4) -------------------------------------------------------------------------

def test_trippin_v4_pages_by_next_link_and_reads_trips_with_the_screen_parameter(
        tmp_path: Path) -> None:
    app = _scaffolded(tmp_path, "odata_trippin_v4.xml",
                      "https://services.odata.org/V4/TripPinService", "Person", "Trip")
    out = _export(app, tmp_path / "app")
    name = app.data_sources[0].name
    repo = _repository(out, name)
    assert repo["odataVersion"] == "'4.0'" and "csrf" not in repo
    entities = _entities(out, name)
    people = entities["Person"]
    assert people["meta"]["concurrency"] == "'etag'"
    pos, named = _op(people, "list")
    assert named["result"] == "<String>['value']"
    assert named["paging"].startswith("PagingSpec('next_link', next: <String>['@odata.nextLink'],")
    assert "maxPages: 20, maxRows: 1000)" in named["paging"]
    pos, named = _op(entities["Trip"], "list")
    assert pos[2] == "'/People(\\'{person_user_name}\\')/Trips'"
    assert named["params"] == "[ParamSpec('path', 'person_user_name', required: true, " \
        "scope: 'person_user_name')]"
    # the trip list screen passes its scope (where person_user_name is) to the repository
    screen = (out / "lib" / "screens" / "trip_list_screen.dart").read_text("utf-8")
    assert f".list('Trip', scope: s)" in " ".join(screen.split())
    core = _core(out)
    call = _body(core, "_call")
    _before(call, "final parts = paramParts(op.params, values, scope, config);",
            "if (parts.missing.isNotEmpty) {", "throw UrlFailure(",
            "_requestUri(op, {...values, ...parts.path})", "[...parts.query, ...query]",
            "...parts.headers,")
    request = (out / "lib" / "runtime" / "request.dart").read_text("utf-8")
    assert "return {'OData-Version': '4.0', 'OData-MaxVersion': '4.0'};" in request
    assert "if (odataVersion == '2.0') return {'DataServiceVersion': '2.0', " \
        "'MaxDataServiceVersion': '2.0'};" in request


# -- REST: query and header parameters, cursor paging --------------------------------------------

def _rest_app() -> App:
    """A source as an OpenAPI contract with a tenant header, query parameters and cursor paging
    declares it (`GET /v2/customers?status=&limit=&after=` answering `{data: {customers: []},
    meta: {next_cursor}}`, `GET /v2/customers/{customer_id}`)."""
    return App.model_validate({
        "id": "app_rest", "name": "Rest", "data_sources": [{
            "id": "ds_crm", "name": "crm", "base_url": "https://api.example.com",
            "entities": [{"name": "Customer", "key": ["id"], "fields": [
                {"name": "id", "read_only": True}, {"name": "name"}, {"name": "status"}],
                "operations": [
                    {"kind": "list", "path": "/v2/customers", "result": ["data", "customers"],
                     "params": [
                         {"name": "tenant", "wire_name": "X-Tenant-Id", "location": "header",
                          "required": True, "config": "tenant"},
                         {"name": "status", "location": "query", "value": "status"},
                         {"name": "expand", "location": "query", "value": '"owner"'}],
                     "paging": {"style": "cursor", "next": ["meta", "next_cursor"],
                                "param": "after", "size_param": "limit", "page_size": 20,
                                "max_pages": 5, "max_rows": 100}},
                    {"kind": "get", "path": "/v2/customers/{customer_id}", "result": ["data"],
                     "params": [{"name": "customer_id", "location": "path", "required": True,
                                 "value": "record.id"},
                                {"name": "tenant", "wire_name": "X-Tenant-Id",
                                 "location": "header", "required": True, "config": "tenant"}]},
                ]}]}],
        "screens": [{"id": "s_c", "name": "customers",
                     "variables": [{"name": "status", "type": "string", "initial": '"active"'}],
                     "data": [{"name": "customers", "source": "crm", "entity": "Customer"}],
                     "root": {"kind": "column", "id": "w_root", "name": "root", "children": [
                         {"kind": "list", "id": "w_l", "name": "rows",
                          "bindings": {"items": "customers"}, "children": [
                              {"kind": "label", "id": "w_n", "name": "n",
                               "bindings": {"text": "item.name"}}]}]}}]})


def test_rest_parameters_and_cursor_paging_are_the_specs_the_js_targets_get(
        tmp_path: Path) -> None:
    app = _rest_app()
    out = _export(app, tmp_path / "app")
    customer = _entities(out, "crm")["Customer"]
    pos, named = _op(customer, "list")
    assert pos == ["'list'", "'GET'", "'/v2/customers'"]
    assert named["params"] == ("[ParamSpec('header', 'X-Tenant-Id', required: true, "
                               "config: 'tenant'), ParamSpec('query', 'status', scope: 'status'), "
                               "ParamSpec('query', 'expand', literal: 'owner')]")
    assert named["result"] == "<String>['data', 'customers']"
    assert named["paging"] == ("PagingSpec('cursor', next: <String>['meta', 'next_cursor'], "
                               "param: 'after', sizeParam: 'limit', pageSize: 20, firstPage: 1, "
                               "maxPages: 5, maxRows: 100)")
    pos, named = _op(customer, "get")
    assert named["params"].startswith("[ParamSpec('path', 'customer_id', required: true, "
                                      "field: 'id'),")
    # one description: the same spec as the JS data layers get, value for value
    entity = app.data_sources[0].entities[0]
    spec = operation_spec(entity.operations[0], wire_path(entity.operations[0].path, entity,
                                                          False, app.data_sources[0]), "x")
    assert [p.get("config") or p.get("scope") or p.get("literal") for p in spec["params"]] == \
        ["tenant", "status", "owner"]
    # the tenant comes from run-time configuration, never compiled in
    repo = _repository(out, "crm")
    assert repo["config"] == "const { 'tenant': String.fromEnvironment('fieldcraft.crm.tenant'), }"
    assert "import '../runtime/request.dart';" in _source_file(out, "crm").read_text("utf-8")
    readme = (out / "README.md").read_text("utf-8")
    assert "- crm, tenant: `--dart-define=fieldcraft.crm.tenant=...`" in readme
    assert "CrmRepository.instance.config['name'] = 'value';" in readme
    screen = " ".join((out / "lib/screens/customers_screen.dart").read_text("utf-8").split())
    assert ".list('Customer', scope: s)" in screen

    core = _core(out)
    rows = _body(core, "_listRows")
    _before(rows, "var answer = await _call(op, {}, scope: scope, query: firstPage(paging));",
            "for (var index = 0;; index++) {", "final page = rowsAt(answer.body, op.result);",
            "final most = paging == null ? null : paging.maxRows ?? 1000;",
            "if (most != null && rows.length >= most) {", "rows.removeRange(most, rows.length);",
            "break;",
            "final next = nextPage(paging, index, page.length, rows.length, answer.body, "
            "answer.link);",
            "if (next == null) break;",
            "url = pageUrl(link, answer.url, op.server ?? baseUrl);", "if (url == null) break;",
            "answer = await _call(op, {}, scope: scope, query: next.query ?? const [], url: url);")
    assert "await _listRows(op, scope)" in _body(core, "_list")
    assert "recordOf(op, (await _call(op, _pathValues(entity, values), scope: scope)).body)" in \
        _body(core, "one")
    # the bound is in the rule the loop asks: max_pages and max_rows end the list
    request = _root(out / "lib" / "runtime" / "request.dart")
    _before(_body(request, "nextPage"),
            "if (paging == null || paging.style == 'none' || got == 0) return null;",
            "if (index + 1 >= (paging.maxPages ?? 20) || total >= (paging.maxRows ?? 1000)) "
            "return null;")
