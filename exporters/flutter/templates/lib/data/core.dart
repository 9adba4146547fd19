// The data layer shared by every source: reads (network first, device cache per the offline
// policy), writes through an outbox delivered in order with backoff and an idempotency key, and
// conflict resolution per entity policy (server_wins, client_wins, last_write_wins, ask_user).
// Fields marked pii go through `Repository.sealer` (lib/data/secure.dart) before being stored.
// What each request sends and where its answer is (parameters, result paths, paging, OData
// protocol headers, CSRF, ETags) follows the shared request rules (lib/runtime/request.dart).

import 'dart:async';
import 'dart:convert';
import 'dart:math';

import 'package:flutter/foundation.dart';
import 'package:flutter/services.dart' show rootBundle;
import 'package:http/http.dart' as http;
import 'package:shared_preferences/shared_preferences.dart';

import '../runtime/calls.dart';
import '../runtime/request.dart';
import '../runtime/request.dart' as rules show recordFrom, rowsFrom;
import '../runtime/rt.dart';
import '../runtime/sync.dart' as sync;

part 'bundled.dart';

/// One call of an entity, as the contract declares it.
class Operation {
  const Operation(this.kind, this.method, this.path,
      {this.name,
      this.isDefault = false,
      this.server,
      this.result = const [],
      this.body = 'json',
      this.params = const [],
      this.paging});

  final String kind;
  final String method;
  final String path;

  /// The contract's operation id, when it has one.
  final String? name;

  /// The one used for its kind when the entity has several.
  final bool isDefault;

  /// The operation's own base URL, when not the source's.
  final String? server;

  /// Path of JSON keys to the rows (list) or the record in the response.
  final List<String> result;

  /// 'json', 'form' or 'multipart' (only JSON bodies are sent yet).
  final String body;
  final List<ParamSpec> params;
  final PagingSpec? paging;
}

class OfflinePolicy {
  const OfflinePolicy(this.mode, this.conflict, this.maxAgeHours);

  final String mode;
  final String conflict;
  final int maxAgeHours;
}

class EntityMeta {
  const EntityMeta({
    required this.name,
    required this.key,
    required this.fields,
    required this.readOnly,
    this.createOnly = const [],
    this.concurrency = 'none',
    this.pii = const [],
    this.refs = const [],
    this.wire = const {},
    this.nested = const {},
    required this.operations,
    required this.offline,
  });

  final String name;
  final List<String> key;
  final List<String> fields;
  final List<String> readOnly;

  /// Sent on create, never on update.
  final List<String> createOnly;

  /// 'etag': the back end checks versions — writes send If-Match, a 412 is a conflict.
  final String concurrency;

  /// Fields marked pii: encrypted at rest.
  final List<String> pii;

  /// Reference fields: what a change points at (a record created offline holds them back).
  final List<String> refs;

  /// Where a temporary key can be: the record's own key and what it points at.
  List<String> get keyed => [...key, ...refs];

  /// Model name -> the back end's name, for fields the back end names differently.
  final Map<String, String> wire;

  /// Field -> item entity, for list/reference fields whose nested records are renamed too.
  final Map<String, String> nested;
  final List<Operation> operations;
  final OfflinePolicy offline;

  /// The operation of a kind: the one marked default, else the first.
  Operation? op(String kind) {
    Operation? first;
    for (final o in operations) {
      if (o.kind != kind) continue;
      if (o.isDefault) return o;
      first ??= o;
    }
    return first;
  }

  Map<String, String> get fromWireNames => {for (final e in wire.entries) e.value: e.key};

  String? keyOf(Object? rec) => sync.keyOf(key, rec);
}

/// rt.dart's `list` (inside Repository the name means its `list` method).
List<Rec> _records(Object? v) => list(v);

/// What a request answered: its parsed body, Last-Modified (ms), Link header and URL.
typedef Answer = ({Object? body, int? modified, String? link, String url});

/// Encrypts pii fields of a record before it is stored and decrypts them after reading.
abstract interface class PiiSealer {
  Future<Rec> seal(Rec record, List<String> pii);
  Future<Rec> unseal(Rec record, List<String> pii);
}

/// Credentials are never part of the export: the app sets them at run time.
class Credentials {
  const Credentials({this.token, this.username, this.password, this.key});

  final String? token;
  final String? username;
  final String? password;
  final String? key;
}

class HttpFailure implements Exception {
  HttpFailure(this.status, this.message);

  final int status;
  final String message;

  @override
  String toString() => message;
}

/// A request the app refuses to send: its URL could reach a host other than the base URL's.
class UrlFailure implements Exception {
  UrlFailure(this.message);

  final String message;

  @override
  String toString() => message;
}

/// A base URL the app sends requests to: a plain absolute http(s) address (no user info,
/// backslash, whitespace, query or fragment). The same pattern as designer/model/urls.py.
final _baseUrlPattern = RegExp(
    r'^https?://(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?(?:/[^\s\x00-\x1f\x7f\\?#]*)?$');

/// A call that cannot be sent as it stands: a parameter has no value or not one of its type.
class CallFailure implements Exception {
  CallFailure(this.names);

  final List<String> names;

  @override
  String toString() => 'cannot send ${names.join(', ')}';
}

class OfflineFailure implements Exception {
  @override
  String toString() => 'offline';
}

class SyncStatus {
  const SyncStatus({this.online = true, this.syncing = false, this.pending = 0, this.conflicts = 0, this.failed = 0});

  final bool online;
  final bool syncing;
  final int pending;
  final int conflicts;
  final int failed;

  SyncStatus copyWith({bool? online, bool? syncing, int? pending, int? conflicts, int? failed}) =>
      SyncStatus(
        online: online ?? this.online,
        syncing: syncing ?? this.syncing,
        pending: pending ?? this.pending,
        conflicts: conflicts ?? this.conflicts,
        failed: failed ?? this.failed,
      );
}

/// One data source: its endpoints, entities and this device's cache and outbox.
class Repository {
  Repository({
    required this.appId,
    required this.name,
    required this.kind,
    required this.baseUrl,
    required this.authScheme,
    required this.authHeader,
    required this.headers,
    required this.entities,
    this.odataVersion = '',
    this.csrf = false,
    this.bundledAsset,
    Map<String, String> config = const {},
  }) : config = {...config} {
    registry[name] = this;
  }

  static final Map<String, Repository> registry = {};
  static final ValueNotifier<SyncStatus> status = ValueNotifier(const SyncStatus());
  static final StreamController<String> changes = StreamController.broadcast();

  /// Temporary keys of records created offline → the server's, as each create is confirmed:
  /// screens holding a temporary key (in their parameters or variables) switch to the server's.
  static final StreamController<Map<String, Object?>> rekeys = StreamController.broadcast();
  static Duration requestTimeout = const Duration(seconds: 15);

  /// Set by main() when the model has pii fields (lib/data/secure.dart).
  static PiiSealer? sealer;

  final String appId;
  final String name;
  final String kind;
  final String baseUrl;
  final String authScheme;
  final String authHeader;
  final Map<String, String> headers;
  final Map<String, EntityMeta> entities;

  /// The OData protocol version ('2.0': DataServiceVersion headers).
  final String odataVersion;

  /// Writes first fetch an x-csrf-token (SAP Gateway).
  final bool csrf;

  /// The asset holding the rows shipped with the app (a CSV or JSON source), else null.
  final String? bundledAsset;

  /// Run-time values of parameters bound to configuration (a tenant header): from
  /// `--dart-define=fieldcraft.<source>.<name>=…`, or set by the app before the first call.
  Rec config;
  Credentials credentials = const Credentials();
  String? _csrfToken;
  Future<void> _queue = Future.value();

  String _storageKey(String part) => 'fc/$appId/$name/$part';

  EntityMeta _entity(String entity) {
    final meta = entities[entity];
    if (meta == null) throw ArgumentError('unknown entity $name.$entity');
    return meta;
  }

  Map<String, String> _authHeaders() {
    final c = credentials;
    if ((authScheme == 'bearer' || authScheme == 'oauth2') && c.token != null) {
      return {'Authorization': 'Bearer ${c.token}'};
    }
    if (authScheme == 'basic' && (c.username != null || c.password != null)) {
      final pair = base64Encode(utf8.encode('${c.username ?? ''}:${c.password ?? ''}'));
      return {'Authorization': 'Basic $pair'};
    }
    if (authScheme == 'api_key' && c.key != null) {
      return {authHeader.isEmpty ? 'X-API-Key' : authHeader: c.key!};
    }
    return {};
  }

  String _fillPath(String path, Rec values) =>
      path.replaceAllMapped(RegExp(r'\{([A-Za-z_][A-Za-z0-9_]*)\}'), (m) {
        final text = str(values[m[1]]);
        return Uri.encodeComponent(kind == 'odata' ? text.replaceAll("'", "''") : text);
      });

  /// The join rule: base URL (the operation's own server, else the source's) without trailing
  /// "/" + operation path ("" or starting with "/"), placeholders filled with encoded values;
  /// so the request stays on the base URL's host.
  Uri _requestUri(Operation op, Rec values) {
    final base = op.server ?? baseUrl;
    if (!_baseUrlPattern.hasMatch(base)) {
      throw UrlFailure('$name: the base URL is not a plain absolute http(s) address');
    }
    if (op.path.isNotEmpty && !op.path.startsWith('/')) {
      throw UrlFailure('$name: an operation path must start with "/"');
    }
    return Uri.parse(base.replaceFirst(RegExp(r'/+$'), '') + _fillPath(op.path, values));
  }

  /// One call of `op`: its declared parameters filled from `values` (the record), `scope` (the
  /// screen's parameters and variables) and [config]; `query` adds pairs (paging), `url` is an
  /// already checked next-page link. Writes to a CSRF source carry the service's token (fetched
  /// first, fetched again once on 403 "Required").
  Future<Answer> _call(Operation op, Rec values,
      {Rec? body,
      String? idempotencyKey,
      Rec? scope,
      Pairs query = const [],
      String? url,
      Map<String, String> extra = const {}}) async {
    final parts = paramParts(op.params, values, scope, config);
    if (parts.missing.isNotEmpty) {
      throw UrlFailure('$name: ${op.kind} needs ${parts.missing.join(', ')}');
    }
    final target = url ??
        withQuery(_requestUri(op, {...values, ...parts.path}).toString(), [...parts.query, ...query]);
    final sent = <String, String>{
      'Accept': 'application/json', ...headers, ...parts.headers, ...extra, ..._authHeaders(),
      ...protocolHeaders(kind, odataVersion),
    };
    if (idempotencyKey != null) sent['Idempotency-Key'] = idempotencyKey;
    final payload = body == null ? null : jsonEncode(body);
    if (payload != null) sent['Content-Type'] = 'application/json';
    final withToken = needsCsrf(csrf, op.method);
    if (withToken) sent['x-csrf-token'] = await _csrf(op, sent, renew: false);
    var response = await _send(op.method, Uri.parse(target), sent, payload);
    if (withToken && csrfRefused(response.statusCode, response.headers['x-csrf-token'])) {
      // the token expired (a session ended): fetch a new one and send once more
      sent['x-csrf-token'] = await _csrf(op, sent, renew: true);
      response = await _send(op.method, Uri.parse(target), sent, payload);
    }
    Object? parsed;
    try {
      parsed = response.body.isEmpty ? null : jsonDecode(response.body);
    } on FormatException {
      parsed = null;
    }
    if (response.statusCode >= 400) {
      throw HttpFailure(response.statusCode, '${op.kind} $name: HTTP ${response.statusCode}');
    }
    final header = response.headers['last-modified'];
    return (
      body: parsed,
      modified: header == null ? null : sync.httpDate(header),
      link: response.headers['link'],
      url: target,
    );
  }

  /// One HTTP exchange; a request that gets no answer means offline, an answer online.
  Future<http.Response> _send(String method, Uri uri, Map<String, String> sent, String? payload) async {
    final request = http.Request(method, uri);
    request.headers.addAll(sent);
    if (payload != null) request.body = payload;
    http.Response response;
    try {
      response = await http.Response.fromStream(await request.send().timeout(requestTimeout));
    } on Exception {
      status.value = status.value.copyWith(online: false);
      throw OfflineFailure();
    }
    status.value = status.value.copyWith(online: true);
    return response;
  }

  /// The CSRF token of a SAP Gateway service: fetched with a GET of the service root carrying
  /// `x-csrf-token: Fetch`, kept until the service refuses it.
  Future<String> _csrf(Operation op, Map<String, String> sent, {required bool renew}) async {
    final known = _csrfToken;
    if (!renew && known != null) return known;
    final root = _requestUri(Operation(op.kind, 'GET', '/', server: op.server), const {});
    final ask = {...sent, 'x-csrf-token': 'Fetch'}
      ..remove('Content-Type')
      ..remove('Idempotency-Key');
    final response = await _send('GET', root, ask, null);
    final token = response.headers['x-csrf-token'];
    if (token == null || token.isEmpty || token.toLowerCase() == 'required') {
      throw HttpFailure(response.statusCode, '$name: the service gave no CSRF token');
    }
    _csrfToken = token;
    return token;
  }

  /// The record of a get/create/update response: the body, or OData v2's `{"d": {…}}`.
  static Rec? recordFrom(Object? body) => rules.recordFrom(body);

  /// The rows of a list response without a declared result path (the usual envelopes).
  static List<Rec> rowsFrom(Object? body) => rules.rowsFrom(body);

  /// The record in a get/create/update response: at the operation's result path, else the
  /// body (or OData v2's `d`).
  static Rec? recordOf(Operation op, Object? body) =>
      op.result.isNotEmpty ? recordAt(body, op.result) : recordFrom(body);

  /// Nested records deeper than this are passed through as they are.
  static const _maxDepth = 8;

  /// OData control information and annotations (v2 `__metadata`, unexpanded `__deferred`
  /// links, v4 `@odata.*` and `Name@…`): never cached, shown or sent back.
  static bool _annotation(String key, Object? value) =>
      key == '__metadata' ||
      key.contains('@') ||
      (value is Map && value.length == 1 && value.containsKey('__deferred'));

  /// `rec` with keys renamed (dropping the other name of a renamed field) and nested records
  /// of list/reference fields renamed through their own entity, recursively.
  Rec _renamed(EntityMeta entity, Rec rec, {required bool toWire, int depth = 0}) {
    final odata = kind == 'odata';
    if (!odata && entity.wire.isEmpty && entity.nested.isEmpty) return rec;
    final names = toWire ? entity.wire : entity.fromWireNames;
    final shadowed = toWire ? entity.fromWireNames : entity.wire;
    final out = <String, Object?>{};
    for (final e in rec.entries) {
      if (odata && _annotation(e.key, e.value)) continue;
      final name = names[e.key];
      if (name == null && shadowed.containsKey(e.key)) continue; // the other name would collide
      final key = name ?? e.key;
      final item = entities[entity.nested[toWire ? e.key : key]];
      Object? inner(Object? x) => item != null && x is Map && depth < _maxDepth
          ? _renamed(item, Map<String, Object?>.from(x), toWire: toWire, depth: depth + 1)
          : x;
      final v = e.value;
      out[key] = v is List ? [for (final x in v) inner(x)] : inner(v);
    }
    return out;
  }

  /// A record as the back end names its fields (payloads sent).
  Rec toWire(EntityMeta entity, Rec rec) => _renamed(entity, rec, toWire: true);

  /// A record from the back end under the model's field names (before cache and screens); an
  /// ETag-checked entity keeps the back end's version as `$etag` (never shown or sent).
  Rec fromWire(EntityMeta entity, Rec rec) {
    final out = _renamed(entity, rec, toWire: false);
    final tag = entity.concurrency == 'etag' ? etagOf(rec) : null;
    return tag == null ? out : {...out, r'$etag': tag};
  }

  /// Values for a path's `{placeholders}`: model names, and wire names the path may use.
  Rec _pathValues(EntityMeta entity, Rec rec) =>
      entity.wire.isEmpty ? rec : {...toWire(entity, rec), ...rec};

  List<String> _piiOf(Object? entity) => entities[entity]?.pii ?? const [];

  /// `record` with its pii fields sealed for storage (`open: false`) or opened after reading.
  Future<Rec> _crypt(Rec record, List<String> pii, {required bool open}) async {
    final s = sealer;
    if (s == null || pii.isEmpty) return record;
    return open ? s.unseal(record, pii) : s.seal(record, pii);
  }

  /// An outbox entry with its record, base and server copies sealed or opened.
  Future<Rec> _cryptEntry(Rec e, {required bool open}) async {
    final pii = _piiOf(e['entity']);
    if (sealer == null || pii.isEmpty) return e;
    final out = Map<String, Object?>.of(e);
    for (final part in ['record', 'base', 'server']) {
      final value = e[part];
      if (value is Map) {
        out[part] = await _crypt(Map<String, Object?>.from(value), pii, open: open);
      }
    }
    return out;
  }

  Future<List<Map<String, Object?>>> _outbox() async {
    final prefs = await SharedPreferences.getInstance();
    final raw = prefs.getString(_storageKey('outbox'));
    if (raw == null) return [];
    final entries = [for (final e in _records(jsonDecode(raw))) await _cryptEntry(e, open: true)];
    return entries..sort((a, b) => (a['seq'] as int).compareTo(b['seq'] as int));
  }

  Future<void> _saveOutbox(List<Rec> entries) async {
    final prefs = await SharedPreferences.getInstance();
    final sealed = [for (final e in entries) await _cryptEntry(e, open: false)];
    await prefs.setString(_storageKey('outbox'), jsonEncode(sealed));
  }

  /// Run outbox read-modify-write steps one at a time.
  Future<T> _serial<T>(Future<T> Function() task) {
    final next = _queue.then((_) => task());
    _queue = next.then((_) {}, onError: (Object _) {});
    return next;
  }

  /// Server rows with this device's not-yet-delivered changes laid over them.
  Future<List<Rec>> _overlay(EntityMeta entity, List<Rec> rows) async => sync.overlay(rows, [
        for (final e in await _outbox())
          if (e['entity'] == entity.name)
            sync.Queued(e['op'] as String, e['status'] as String,
                Map<String, Object?>.from(e['record'] as Map))
      ], entity.key);

  Future<List<Rec>> _readCache(EntityMeta entity) async {
    final prefs = await SharedPreferences.getInstance();
    final raw = prefs.getString(_storageKey('rows/${entity.name}'));
    final cached = raw == null ? null : jsonDecode(raw) as Map<String, Object?>;
    final maxAge = entity.offline.maxAgeHours * 3600 * 1000;
    final fetched = cached?['fetched'] as int? ?? 0;
    final fresh = cached != null &&
        (maxAge == 0 || DateTime.now().millisecondsSinceEpoch - fetched <= maxAge);
    final rows = [
      if (fresh)
        for (final r in _records(cached?['rows'])) await _crypt(r, entity.pii, open: true),
    ];
    return _overlay(entity, rows);
  }

  /// Every row of a list, page after page as the operation pages, within its bounds; a next
  /// link off the back end's origin is not followed.
  Future<List<Rec>> _listRows(Operation op, Rec? scope) async {
    final paging = op.paging;
    var answer = await _call(op, {}, scope: scope, query: firstPage(paging));
    final rows = <Rec>[];
    for (var index = 0;; index++) {
      final page = rowsAt(answer.body, op.result);
      rows.addAll(page);
      final most = paging == null ? null : paging.maxRows ?? 1000;
      if (most != null && rows.length >= most) {
        rows.removeRange(most, rows.length);
        break;
      }
      final next = nextPage(paging, index, page.length, rows.length, answer.body, answer.link);
      if (next == null) break;
      String? url;
      final link = next.link;
      if (link != null) {
        url = pageUrl(link, answer.url, op.server ?? baseUrl);
        if (url == null) break;
      }
      answer = await _call(op, {}, scope: scope, query: next.query ?? const [], url: url);
    }
    return rows;
  }

  /// All rows of an entity: from the back end when reachable, else from the device cache.
  /// `scope` (the screen's parameters and variables) fills parameters that name them.
  Future<List<Rec>> list(String entityName, {Rec? scope}) => _list(_entity(entityName), scope);

  Future<List<Rec>> _list(EntityMeta entity, Rec? scope) async {
    if (bundledAsset != null) return _bundledRows(entity);
    final cached = entity.offline.mode != 'online_only';
    final op = entity.op('list');
    if (op != null) {
      try {
        final rows = [for (final r in await _listRows(op, scope)) fromWire(entity, r)];
        if (cached) {
          final sealed = [for (final r in rows) await _crypt(r, entity.pii, open: false)];
          final prefs = await SharedPreferences.getInstance();
          await prefs.setString(_storageKey('rows/${entity.name}'),
              jsonEncode({'fetched': DateTime.now().millisecondsSinceEpoch, 'rows': sealed}));
        }
        return _overlay(entity, rows);
      } on OfflineFailure {
        if (!cached) rethrow;
      }
    }
    if (!cached) throw OfflineFailure();
    return _readCache(entity);
  }

  /// `rec` with a copy of itself as loaded (`$base`; `$` keys are never sent): [write] takes
  /// it as the base of an update, for the conflict check and a PATCH of only changed fields.
  static Rec? _loaded(Rec? rec) => rec == null || rec[r'$pending'] == true
      ? rec
      : {
          ...rec,
          r'$base': {for (final e in rec.entries) if (!e.key.startsWith(r'$')) e.key: e.value},
        };

  /// The device's last copy of the server's record with `rec`'s key (no local changes).
  Future<Rec?> _cachedRow(EntityMeta entity, Rec rec) async {
    final key = entity.keyOf(rec);
    final raw = (await SharedPreferences.getInstance()).getString(_storageKey('rows/${entity.name}'));
    if (key == null || raw == null) return null;
    for (final r in _records((jsonDecode(raw) as Map<String, Object?>)['rows'])) {
      if (entity.keyOf(r) == key) return _crypt(r, entity.pii, open: true);
    }
    return null;
  }

  /// One record by key (the key value, or a record holding the key fields); null if none. The
  /// record carries its loaded copy (`$base`) for a later update.
  Future<Rec?> one(String entityName, Object? key, {Rec? scope}) async {
    final entity = _entity(entityName);
    final Rec given = key is Map
        ? Map<String, Object?>.from(key)
        : {for (final k in entity.key.take(1)) k: key};
    // a record created offline: the server's key once it has one; else only on this device
    final resolved = sync.resolveKeys(given, entity.key, await _aliases());
    final values = resolved.record;
    final op = entity.op('get');
    if (op != null && resolved.missing.isEmpty) {
      try {
        final body = recordOf(op, (await _call(op, _pathValues(entity, values), scope: scope)).body);
        if (body != null) return _loaded((await _overlay(entity, [fromWire(entity, body)])).first);
      } on HttpFailure catch (e) {
        if (e.status == 404) return null;
        rethrow;
      } on OfflineFailure {
        if (entity.offline.mode == 'online_only') rethrow;
      }
    }
    final wanted = entity.keyOf(values);
    List<Rec> rows;
    try {
      rows = await _list(entity, scope);
    } on Exception {
      rows = await _readCache(entity);
    }
    for (final r in rows) {
      if (entity.keyOf(r) == wanted) return _loaded(r);
    }
    return null;
  }

  /// The fields a write sends: no `$` keys; a create leaves read-only fields out, an update
  /// also create-only ones; a PATCH with a base only the fields that changed.
  Rec _bodyFor(EntityMeta entity, Operation op, Rec rec, Rec? base) => toWire(entity, {
        for (final e in rec.entries)
          if (!e.key.startsWith(r'$') &&
              !sync.isTempKey(e.value) &&
              !(op.kind == 'create' && entity.readOnly.contains(e.key)) &&
              !(op.kind == 'update' &&
                  (entity.readOnly.contains(e.key) || entity.createOnly.contains(e.key))) &&
              !(op.method == 'PATCH' && base != null && jsonEncode(base[e.key]) == jsonEncode(e.value)))
            e.key: e.value,
      });

  /// Run call operation `name` of `entityName` about `record` with the action's `args` (an
  /// OData action or function: lib/runtime/calls.dart builds what is sent); its answer at the
  /// operation's result path. Online only here: offline it fails as needing a connection.
  Future<Object?> runCall(String entityName, String name, Object? record, Rec args, Rec? scope) async {
    final entity = _entity(entityName);
    Operation? op;
    for (final o in entity.operations) {
      if (o.kind == 'call' && o.name == name) op = o;
    }
    if (op == null) throw ArgumentError('${this.name}.$entityName has no call operation $name');
    final rec = Map<String, Object?>.from((plain(record is Map ? record : {}) as Map));
    final parts = callParts(CallSpec(op.method, op.params), rec, Map<String, Object?>.from(plain(args) as Map), scope, config,
        kind == 'odata' ? (odataVersion.isEmpty ? '4.0' : odataVersion) : null);
    final refused = [...parts.missing, ...parts.invalid];
    if (refused.isNotEmpty) throw CallFailure(refused);
    final send = Operation('call', parts.method, op.path, name: op.name, server: op.server);
    final answer = await _call(send, {..._pathValues(entity, rec), ...parts.path},
        body: parts.body, query: parts.query, extra: parts.headers);
    return callResult(answer.body, op.result);
  }

  /// Create, update or delete a record; offline-capable entities go through the outbox. An
  /// update's base (what the user started from: `base`, the record's `$base` as loaded by
  /// [one], else the cached server copy) decides conflicts and which fields a PATCH sends.
  Future<bool> write(String entityName, String kind, Object? record, {Rec? base}) async {
    final entity = _entity(entityName);
    final rec = Map<String, Object?>.from((plain(record is Map ? record : {}) as Map))
      ..remove(r'$pending');
    final given = rec.remove(r'$base');
    if (bundledAsset != null) {
      await _bundledWrite(entity, kind, rec);
      changes.add('$name/$entityName');
      return false;
    }
    final op = entity.op(kind);
    if (op == null) throw ArgumentError('$name.$entityName has no $kind operation');
    if (entity.offline.mode != 'offline_read_write') {
      final tag = entity.concurrency == 'etag' && kind != 'create' ? rec[r'$etag'] : null;
      await _call(op, _pathValues(entity, rec),
          body: kind == 'delete' ? null : _bodyFor(entity, op, rec, null),
          extra: tag is String && tag.isNotEmpty ? {'If-Match': tag} : const {});
      changes.add('$name/$entityName');
      return false;
    }
    final from = base ??
        (given is Map ? Map<String, Object?>.from(given) : null) ??
        (kind == 'update' ? await _cachedRow(entity, rec) : null);
    final id = _uuid();
    // a new record whose key the server assigns: a temporary one other records can point at
    final queued = kind == 'create' ? sync.withTempKey(entity.key, rec, id) : rec;
    await _serial(() async {
      final entries = await _outbox();
      final seq = entries.fold<int>(0, (m, e) => max(m, e['seq'] as int)) + 1;
      entries.add({
        'seq': seq, 'id': id, 'entity': entityName, 'op': kind, 'status': 'pending',
        'record': queued, 'base': from == null ? null : plain(from),
        'ts': DateTime.now().millisecondsSinceEpoch, 'attempts': 0, 'nextTry': 0,
      });
      await _saveOutbox(entries);
    });
    await refreshCounts();
    changes.add('$name/$entityName');
    unawaited(flushAll());
    return true;
  }

  static String _uuid() {
    final r = Random.secure();
    final hex = List.generate(32, (_) => r.nextInt(16).toRadixString(16)).join();
    return '${hex.substring(0, 8)}-${hex.substring(8, 12)}-4${hex.substring(13, 16)}-'
        '${hex.substring(16, 20)}-${hex.substring(20)}';
  }


  /// The server's copy of a record (null when it is gone) and when it was last changed.
  Future<({Rec? server, int? serverTime})> _serverCopy(EntityMeta entity, Operation getOp, Rec record) async {
    Answer? current;
    try {
      current = await _call(getOp, _pathValues(entity, record));
    } on HttpFailure catch (err) {
      if (err.status != 404) rethrow;
    }
    final found = current == null ? null : recordOf(getOp, current.body);
    final server = found == null ? null : fromWire(entity, found);
    return (server: server, serverTime: server == null ? null : sync.modifiedAt(server, null) ?? current?.modified);
  }

  /// The entity's conflict policy against the server's copy: an outcome, or null to send
  /// (over the server's version, when it has one).
  String? _decide(EntityMeta entity, Rec e, Rec record, Rec base, Rec? server, int? serverTime) {
    final choice = sync.conflictChoice(entity.offline.conflict, entity.fields, base, record, server,
        serverTime, e['ts'] as int);
    if (choice == 'server') return 'done';
    if (choice == 'ask') {
      e['status'] = 'conflict';
      e['server'] = server;
      return 'conflict';
    }
    _overTheirs(e, server);
    return null;
  }

  /// Mine wins: the change is sent over the version of the server's copy it was compared with
  /// (`server`, else the copy kept for the user's choice).
  static void _overTheirs(Rec e, [Object? server]) {
    final copy = server ?? e['server'];
    final tag = copy is Map ? copy[r'$etag'] : null;
    if (tag is String && tag.isNotEmpty) e['etag'] = tag;
  }

  /// 'done', 'conflict' (kept for the user), or throws for the caller to retry or fail. An
  /// ETag-checked entity sends If-Match with the version the change was made on, and the
  /// server's 412 sends it to the conflict policy; other entities compare with a fresh copy first.
  Future<String> _deliver(EntityMeta entity, Rec e) async {
    final record = Map<String, Object?>.from(e['record'] as Map);
    final base = e['base'] is Map ? Map<String, Object?>.from(e['base'] as Map) : null;
    final getOp = entity.op('get');
    final etags = entity.concurrency == 'etag';
    if (e['op'] == 'update' && base != null && getOp != null && !etags && e['force'] != true) {
      // no version check on the server: compare with its copy before sending
      final copy = await _serverCopy(entity, getOp, record);
      final outcome = _decide(entity, e, record, base, copy.server, copy.serverTime);
      if (outcome != null) return outcome;
    }
    final op = entity.op(e['op'] as String)!;
    Future<void> send() async {
      final tag = etags && e['op'] != 'create' ? e['etag'] ?? record[r'$etag'] : null;
      final answer = await _call(op, _pathValues(entity, record),
          body: e['op'] == 'delete' ? null : _bodyFor(entity, op, record, base),
          idempotencyKey: e['id'] as String,
          extra: tag is String && tag.isNotEmpty ? {'If-Match': tag} : const {});
      final created = e['op'] == 'create' ? recordOf(op, answer.body) : null;
      if (created != null) e['created'] = fromWire(entity, created);
    }

    try {
      try {
        await send();
      } on HttpFailure catch (err) {
        // the server's version check failed: someone changed the record since it was loaded
        if (!(etags && err.status == 412 && base != null && getOp != null)) rethrow;
        final copy = await _serverCopy(entity, getOp, record);
        final outcome = _decide(entity, e, record, base, copy.server, copy.serverTime);
        if (outcome != null) return outcome;
        await send();
      }
    } on HttpFailure catch (err) {
      if (!(e['op'] == 'delete' && err.status == 404)) rethrow;
    }
    return 'done';
  }

  /// Temporary keys of records created offline → the keys the server gave them.
  Future<Map<String, Object?>> _aliases() async {
    final raw = (await SharedPreferences.getInstance()).getString(_storageKey('keys'));
    return raw == null ? {} : Map<String, Object?>.from(jsonDecode(raw) as Map);
  }

  /// The outbox entry `e` with the server's keys for temporary ones (true when any changed).
  static bool _rekey(EntityMeta entity, Rec e, Map<String, Object?> aliases) {
    final record = Map<String, Object?>.from(e['record'] as Map);
    final next = sync.resolveKeys(record, entity.keyed, aliases).record;
    if (jsonEncode(next) == jsonEncode(record)) return false;
    e['record'] = next;
    final base = e['base'];
    if (base is Map) e['base'] = sync.resolveKeys(Map<String, Object?>.from(base), entity.keyed, aliases).record;
    return true;
  }

  /// Whether `e` can be sent: not while it points at a record the server has not created
  /// (its own temporary key goes with a create: the server assigns the real one).
  static bool _ready(EntityMeta entity, Rec e) {
    final record = Map<String, Object?>.from(e['record'] as Map);
    final own = e['op'] == 'create' ? record[entity.key.isEmpty ? '' : entity.key.first] : null;
    return sync.resolveKeys(record, entity.keyed, const {}).missing.every((k) => k == own);
  }

  /// After a create: the server's key for the record's temporary one, kept (a change still
  /// carrying it finds it after a restart) and put into the queued changes.
  Future<void> _keyed(EntityMeta entity, Rec e) async {
    final temp = entity.key.length == 1 ? (e['record'] as Map)[entity.key.first] : null;
    final created = e['created'];
    final given = created is Map && entity.key.length == 1 ? created[entity.key.first] : null;
    if (!sync.isTempKey(temp) || given == null || given == '' || sync.isTempKey(given)) return;
    final aliases = {...await _aliases(), temp as String: given};
    final prefs = await SharedPreferences.getInstance();
    await prefs.setString(_storageKey('keys'), jsonEncode(aliases));
    await _serial(() async {
      final entries = await _outbox();
      for (final later in entries) {
        final other = entities[later['entity']];
        if (other != null && _rekey(other, later, {temp: given})) {
          changes.add('$name/${later['entity']}');
        }
      }
      await _saveOutbox(entries);
    });
    rekeys.add({temp: given});
  }

  Future<void> flush({bool force = false}) async {
    for (final queued in await _outbox()) {
      if (queued['status'] != 'pending' ||
          (!force && (queued['nextTry'] as int) > DateTime.now().millisecondsSinceEpoch)) {
        continue;
      }
      // re-read: an earlier delivery may have given it the server's key for a temporary one
      final e = (await _outbox()).firstWhere((x) => x['seq'] == queued['seq'], orElse: () => queued);
      final entity = entities[e['entity']];
      if (entity != null) {
        final aliases = await _aliases();
        if (_rekey(entity, e, aliases)) {
          await _serial(() async => _saveOutbox([
                for (final x in await _outbox()) x['seq'] == e['seq'] ? e : x,
              ]));
        }
        if (!_ready(entity, e)) continue; // waits for the record it points at
      }
      String outcome;
      try {
        outcome = entity == null ? 'failed' : await _deliver(entity, e);
      } on OfflineFailure {
        outcome = 'retry';
      } on HttpFailure catch (err) {
        outcome = sync.retryable(false, err.status) ? 'retry' : 'failed';
        e['error'] = err.message;
      }
      await _serial(() async {
        final entries = (await _outbox()).where((x) => x['seq'] != e['seq']).toList();
        if (outcome == 'retry') {
          final attempts = (e['attempts'] as int) + 1;
          e['attempts'] = attempts;
          e['nextTry'] = DateTime.now().millisecondsSinceEpoch + sync.retryDelay(attempts);
        } else if (outcome == 'failed') {
          e['status'] = 'failed';
        }
        if (outcome != 'done') entries.add(e);
        await _saveOutbox(entries);
      });
      if (outcome == 'done' && entity != null) await _keyed(entity, e);
      if (outcome == 'done') changes.add('$name/${e['entity']}');
      if (outcome == 'retry' && !status.value.online) return;
    }
  }

  /// Conflicts waiting for the user: (seq, entity, names of the fields that differ).
  Future<List<({int seq, String entity, List<String> fields})>> conflicts() async => [
        for (final e in await _outbox())
          if (e['status'] == 'conflict' && e['server'] is Map)
            (
              seq: e['seq'] as int,
              entity: e['entity'] as String,
              fields: [
                for (final f in entities[e['entity']]?.fields ?? const <String>[])
                  if (jsonEncode((e['record'] as Map)[f]) != jsonEncode((e['server'] as Map)[f])) f,
              ],
            ),
      ];

  /// Resolve a conflict: keep this device's version (`mine`) or the server's.
  Future<void> resolve(int seq, {required bool mine}) async {
    await _serial(() async {
      final entries = await _outbox();
      final at = entries.indexWhere((e) => e['seq'] == seq);
      if (at < 0) return;
      if (mine) {
        // Keep mine: send the fields this device changed (against the original base), so the
        // server's other changes stay.
        _overTheirs(entries[at]); // over the version the user saw
        entries[at]
          ..['status'] = 'pending'
          ..['force'] = true
          ..remove('server')
          ..['nextTry'] = 0;
      } else {
        entries.removeAt(at);
      }
      await _saveOutbox(entries);
    });
    await refreshCounts();
    await flushAll(force: true);
  }

  static Future<void> refreshCounts() async {
    var pending = 0, conflicts = 0, failed = 0;
    for (final repo in registry.values) {
      for (final e in await repo._outbox()) {
        if (e['status'] == 'pending') pending++;
        if (e['status'] == 'conflict') conflicts++;
        if (e['status'] == 'failed') failed++;
      }
    }
    status.value = status.value.copyWith(pending: pending, conflicts: conflicts, failed: failed);
  }

  static Future<void>? _flushing;

  /// Deliver every outbox in order; `force` ignores backoff (reconnect, "Sync now").
  static Future<void> flushAll({bool force = false}) {
    return _flushing ??= () async {
      status.value = status.value.copyWith(syncing: true);
      try {
        for (final repo in registry.values) {
          await repo.flush(force: force);
        }
      } finally {
        _flushing = null;
        await refreshCounts();
        status.value = status.value.copyWith(syncing: false);
      }
    }();
  }

  static Timer? _timer;

  /// Background sync: now and every `interval` (the app also flushes when resumed).
  static void startSync({Duration interval = const Duration(seconds: 30)}) {
    _timer ??= Timer.periodic(interval, (_) => flushAll());
    unawaited(refreshCounts().then((_) => flushAll(force: true)));
  }
}
