// What an operation sends and where its answer is: declared parameters (path, query, header),
// the rows at the operation's result path, and the next page by its paging style, within its
// bounds; OData protocol headers per version, SAP Gateway CSRF and ETags. The Dart port of the
// shared runtime's request rules (runtime_ts/src/request.ts), function by function, held to the
// same behaviour cases (test/runtime_cases_test.dart). lib/data/core.dart only sends requests.

import 'dart:convert';

import 'rt.dart';

/// Where a parameter's value comes from, as the exporter classified its expression.
class ParamSpec {
  const ParamSpec(this.location, this.name,
      {this.required = false,
      this.field,
      this.scope,
      this.config,
      this.literal,
      this.arg,
      this.type});

  /// 'path', 'query' or 'header' ('body' for a call's JSON body member).
  final String location;

  /// The placeholder (path) or the back end's name (query key, header name).
  final String name;
  final bool required;

  /// `record.<field>`
  final String? field;

  /// a screen parameter or variable by name
  final String? scope;

  /// a run-time configuration value by name (`Repository.config`)
  final String? config;
  final Object? literal;

  /// a call's parameter given by the action's `args` under this name
  final String? arg;

  /// string, integer, decimal, boolean, date or datetime (a call's parameters)
  final String? type;
}

/// How a list pages: 'none', 'next_link', 'link_header', 'cursor', 'offset' or 'page'; unset
/// numbers take the shared runtime's defaults (50 rows a page, first page 1, at most 20 pages
/// and 1000 rows).
class PagingSpec {
  const PagingSpec(this.style,
      {this.next = const [],
      this.param,
      this.sizeParam,
      this.pageSize,
      this.firstPage,
      this.maxPages,
      this.maxRows});

  final String style;
  final List<String> next;
  final String? param;
  final String? sizeParam;
  final int? pageSize;
  final int? firstPage;
  final int? maxPages;
  final int? maxRows;
}

/// Query pairs, in order (a key may repeat).
typedef Pairs = List<List<String>>;

/// Path values, query pairs and headers of an operation's parameters.
class Parts {
  final Rec path = {};
  final Pairs query = [];
  final Map<String, String> headers = {};

  /// required parameters that got no value (the call is not made)
  final List<String> missing = [];

  Rec toJson() => {'path': path, 'query': query, 'headers': headers, 'missing': missing};
}

/// What to request after a page: a link (resolve with [pageUrl]) or query pairs.
class NextPage {
  const NextPage({this.link, this.query});

  final String? link;
  final Pairs? query;

  Rec toJson() => {if (link != null) 'link': link, if (query != null) 'query': query};
}

bool _has(Rec? rec, String name) => rec != null && rec.containsKey(name);

String _text(Object? value) {
  if (value == null) return '';
  return value is Map || value is List ? jsonEncode(plain(value)) : str(value);
}

/// The value of one parameter, or null when it has none.
Object? paramValue(ParamSpec p, Rec? record, Rec? scope, Rec? config) {
  Object? v;
  if (p.field != null) {
    v = _has(record, p.field!) ? record![p.field!] : null;
  } else if (p.scope != null) {
    v = _has(scope, p.scope!) ? scope![p.scope!] : null;
  } else if (p.config != null) {
    v = _has(config, p.config!) ? config![p.config!] : null;
  } else {
    v = p.literal;
  }
  return v == '' ? null : v;
}

final _lineBreak = RegExp('[\r\n\u0000]');

/// Path values, query pairs and headers of `params`; `missing` names the required ones that
/// have no value. Path parameters also fall back to the record's own field of that name.
Parts paramParts(List<ParamSpec> params, Rec? record, Rec? scope, Rec? config) {
  final out = Parts();
  for (final p in params) {
    var v = paramValue(p, record, scope, config);
    if (v == null && p.location == 'path' && _has(record, p.name)) v = record![p.name];
    if (v == null) {
      if (p.required || p.location == 'path') out.missing.add(p.name);
      continue;
    }
    if (p.location == 'path') {
      out.path[p.name] = v;
    } else if (p.location == 'query') {
      out.query.add([p.name, _text(v)]);
    } else if (!_lineBreak.hasMatch(_text(v))) {
      out.headers[p.name] = _text(v);
    } else {
      out.missing.add(p.name); // a header value that would split the request
    }
  }
  return out;
}

/// `url` with `pairs` appended as an encoded query string.
String withQuery(String url, Pairs pairs) {
  if (pairs.isEmpty) return url;
  final qs = [
    for (final pair in pairs) '${Uri.encodeComponent(pair[0])}=${Uri.encodeComponent(pair[1])}',
  ].join('&');
  return url + (url.contains('?') ? '&' : '?') + qs;
}

/// The value at a path of JSON keys; `found` is false when a key is missing.
({bool found, Object? value}) at(Object? body, List<String> path) {
  Object? v = body;
  for (final key in path) {
    if (v is! Map || !v.containsKey(key)) return (found: false, value: null);
    v = v[key];
  }
  return (found: true, value: v);
}

List<Rec> _records(Object? v) => list(v);

/// The rows of a list response without a declared result path: the usual envelopes (an array,
/// `value`, `items`, `data`, `results`, `records`, OData v2 `d.results`).
List<Rec> rowsFrom(Object? body) {
  if (body is List) return _records(body);
  if (body is Map) {
    for (final k in ['value', 'items', 'data', 'results', 'records']) {
      if (body[k] is List) return _records(body[k]);
    }
    final d = body['d'];
    if (d is Map && d['results'] is List) return _records(d['results']);
  }
  return [];
}

/// The record of a get/create/update response without a declared result path: the body, or
/// OData v2's `{"d": {…}}`.
Rec? recordFrom(Object? body) {
  if (body is! Map) return null;
  final d = body['d'];
  final rec = body.length == 1 && d is Map && d['results'] is! List ? d : body;
  return Map<String, Object?>.from(rec);
}

/// The rows of a list response: at the declared result path, else the usual envelopes.
List<Rec> rowsAt(Object? body, List<String> result) {
  if (result.isEmpty) return rowsFrom(body);
  final rows = at(body, result).value;
  return rows is List ? _records(rows) : [];
}

/// The record of a response at the declared result path, or null.
Rec? recordAt(Object? body, List<String> result) {
  final rec = result.isEmpty ? body : at(body, result).value;
  return rec is Map ? Map<String, Object?>.from(rec) : null;
}

const _nextLinks = [
  ['@odata.nextLink'],
  ['d', '__next'],
  ['__next'],
  ['next'],
];

final _linkPart = RegExp(r',(?=\s*<)');
final _linkTarget = RegExp(r'^\s*<([^>]*)>\s*;(.*)$');
final _relNext =
    RegExp(r'(?:^|;)\s*rel\s*=\s*"?(?:[^";]*\s)?next(?:\s[^";]*)?"?\s*(?:;|$)', caseSensitive: false);

/// The `rel="next"` target of a `Link` header, or null.
String? linkNext(String? header) {
  for (final part in (header ?? '').split(_linkPart)) {
    final m = _linkTarget.firstMatch(part);
    if (m != null && _relNext.hasMatch(m[2]!)) return m[1];
  }
  return null;
}

/// A query key the spec names ('' names none, as in the JS runtime).
String? _key(String? name) => name == null || name.isEmpty ? null : name;

Pairs _sizePairs(PagingSpec paging) => [
      if (_key(paging.sizeParam) != null) [paging.sizeParam!, '${paging.pageSize ?? 50}'],
    ];

/// Query pairs of the first page request.
Pairs firstPage(PagingSpec? paging) {
  if (paging == null || paging.style == 'none') return [];
  final pairs = _sizePairs(paging);
  final param = _key(paging.param);
  if (paging.style == 'offset' && param != null) pairs.add([param, '0']);
  if (paging.style == 'page' && param != null) pairs.add([param, '${paging.firstPage ?? 1}']);
  return pairs;
}

/// What to request after page `index` (0-based) that gave `got` rows, `total` so far: a
/// `link` (a URL to resolve against the base, still on its origin) or `query` pairs, or null
/// when the list is complete or a bound is reached.
NextPage? nextPage(PagingSpec? paging, int index, int got, int total, Object? body,
    String? linkHeader) {
  if (paging == null || paging.style == 'none' || got == 0) return null;
  if (index + 1 >= (paging.maxPages ?? 20) || total >= (paging.maxRows ?? 1000)) return null;
  final size = paging.pageSize ?? 50;
  final param = _key(paging.param);
  switch (paging.style) {
    case 'next_link':
      for (final path in paging.next.isNotEmpty ? [paging.next] : _nextLinks) {
        final v = at(body, path).value;
        if (v is String && v.isNotEmpty) return NextPage(link: v);
      }
      return null;
    case 'link_header':
      final target = linkNext(linkHeader);
      return target == null ? null : NextPage(link: target);
    case 'cursor':
      final cursor = at(body, paging.next).value;
      if (cursor == null || cursor == '' || cursor == false || param == null) return null;
      return NextPage(query: [..._sizePairs(paging), [param, _text(cursor)]]);
    case 'offset':
      if (got < size || param == null) return null;
      return NextPage(query: [..._sizePairs(paging), [param, '${(index + 1) * size}']]);
    case 'page':
      if (got < size || param == null) return null;
      return NextPage(query: [..._sizePairs(paging), [param, '${(paging.firstPage ?? 1) + index + 1}']]);
    default:
      return null;
  }
}

/// A next-page link resolved against `current`, or null when it leaves the base URL's origin
/// (a page link is data from the server: it never takes the app's credentials elsewhere).
String? pageUrl(String link, String current, String base) {
  try {
    final next = Uri.parse(current).resolve(link);
    final home = Uri.parse(base);
    if (next.scheme != 'https' && next.scheme != 'http') return null;
    if (next.scheme != home.scheme || next.host != home.host || next.port != home.port) return null;
    if (next.userInfo.isNotEmpty) return null;
    return next.toString();
  } on FormatException {
    return null;
  }
}

/// The protocol headers of a source: OData v2 services take DataServiceVersion (and refuse or
/// misread a v4 OData-Version), v4 services OData-Version; other sources none.
Map<String, String> protocolHeaders(String kind, String? odataVersion) {
  if (kind != 'odata') return {};
  if (odataVersion == '2.0') return {'DataServiceVersion': '2.0', 'MaxDataServiceVersion': '2.0'};
  return {'OData-Version': '4.0', 'OData-MaxVersion': '4.0'};
}

/// True when a write needs a CSRF token first (SAP Gateway): a source that declares it, and a
/// method that changes data.
bool needsCsrf(bool csrf, String method) =>
    csrf && !['GET', 'HEAD', 'OPTIONS'].contains(method.toUpperCase());

/// True for the answer SAP Gateway gives a write whose token is missing or expired
/// (403 with `x-csrf-token: Required`): fetch a new token and send once more.
bool csrfRefused(int status, String? tokenHeader) =>
    status == 403 && (tokenHeader ?? '').toLowerCase() == 'required';

/// The ETag a back end put in a record (OData v4 `@odata.etag`, v2 `__metadata.etag`), or
/// null; read before annotations are dropped.
String? etagOf(Object? rec) {
  if (rec is! Map) return null;
  final v4 = rec['@odata.etag'];
  if (v4 is String && v4.isNotEmpty) return v4;
  final meta = rec['__metadata'];
  final v2 = meta is Map ? meta['etag'] : null;
  return v2 is String && v2.isNotEmpty ? v2 : null;
}
