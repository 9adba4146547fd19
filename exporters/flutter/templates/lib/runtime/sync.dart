// The outbox's rules: record keys, what a write sends, how queued changes lie over server rows,
// when a failed delivery is retried, conflict decisions per entity policy, which changes wait
// behind a refused one, the sync indicator's state and the server's refusal message. The Dart
// port of the shared runtime's sync rules (runtime_ts/src/sync.ts), function by function, held
// to the same behaviour cases (test/runtime_cases_test.dart). lib/data/core.dart stores and sends.
// Records created offline whose key the server assigns get a temporary key, so that other records
// can point at them before they are sent; the server's key replaces it everywhere once the parent
// is created, and a temporary key never goes on the wire.

import 'dart:convert';
import 'dart:math' as math;

import 'rt.dart';

/// A queued change as the rules see it: 'create', 'update' or 'delete'; 'pending', 'conflict'
/// or 'failed'.
class Queued {
  const Queued(this.op, this.status, this.record);

  final String op;
  final String status;
  final Rec record;
}

/// The record's key as text (its key fields' values), or null when a key field is empty.
String? keyOf(List<String> keyFields, Object? rec) {
  if (keyFields.isEmpty || rec is! Map) return null;
  final values = [for (final k in keyFields) rec[k]];
  if (values.any((v) => v == null || v == '')) return null;
  return jsonEncode(plain(values));
}

/// Server rows with this device's not-yet-delivered changes laid over them, in queue order:
/// updates replace their row, deletes remove it, new records come last marked `$pending`;
/// failed entries are left out.
List<Rec> overlay(List<Rec> rows, List<Queued> entries, List<String> keyFields) {
  final out = List<Rec>.of(rows);
  for (final e in entries) {
    if (e.status == 'failed') continue;
    final key = keyOf(keyFields, e.record);
    final at = key == null ? -1 : out.indexWhere((r) => keyOf(keyFields, r) == key);
    if (e.op == 'delete') {
      if (at >= 0) out.removeAt(at);
    } else if (at >= 0) {
      out[at] = e.record;
    } else {
      out.add({...e.record, r'$pending': true});
    }
  }
  return out;
}

bool _same(Object? a, Object? b) => jsonEncode(plain(a)) == jsonEncode(plain(b));

/// The fields a write sends (model names): no `$` keys and no temporary keys; a create leaves
/// read-only fields out; a PATCH with a base sends only the fields that changed since the base.
Rec bodyFor(String kind, String method, List<String> readOnly, Rec rec, Rec? base) {
  final Rec out = {};
  rec.forEach((k, v) {
    if (k.startsWith(r'$') || isTempKey(v)) return;
    if (kind == 'create' && readOnly.contains(k)) return;
    if (kind == 'update' && method == 'PATCH' && base != null && base.containsKey(k) &&
        _same(base[k], v)) {
      return;
    }
    out[k] = v;
  });
  return out;
}

const _modifiedFields = [
  'updated_at', 'modified_at', 'last_modified', 'updatedAt', 'modifiedAt', 'lastModified'
];

const _months = [
  'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'
];
final _httpDate =
    RegExp(r'^[A-Za-z]{3}, (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$');

final _dateOnly = RegExp(r'^\d{4}-\d{2}-\d{2}$');

/// An HTTP date (RFC 9110 IMF-fixdate, what Last-Modified carries) in ms, or null.
int? httpDate(String text) {
  final m = _httpDate.firstMatch(text.trim());
  final month = m == null ? -1 : _months.indexOf(m.group(2)!);
  if (m == null || month < 0) return null;
  int n(int i) => int.parse(m.group(i)!);
  return DateTime.utc(n(3), month + 1, n(1), n(4), n(5), n(6)).millisecondsSinceEpoch;
}

/// When the server last changed `rec` (ms): a modified-at field, else the Last-Modified header.
int? modifiedAt(Rec rec, String? header) {
  for (final f in _modifiedFields) {
    final v = rec[f];
    // a date alone is midnight UTC, as JavaScript's Date.parse reads it
    final parsed =
        v is String ? DateTime.tryParse(_dateOnly.hasMatch(v) ? '${v}T00:00:00Z' : v) : null;
    if (parsed != null) return parsed.millisecondsSinceEpoch;
  }
  return header == null ? null : httpDate(header);
}

/// The model fields whose values differ between `a` and `b` (missing reads as null).
List<String> changedFields(List<String> fields, Rec a, Rec b) =>
    [for (final f in fields) if (!_same(a[f], b[f])) f];

/// What to do with a queued update when the server's record is `server`: 'send' it, keep the
/// 'server''s version (drop the change), or 'ask' the user. Only a real conflict — the server
/// changed since `base` and differs from `mine` — goes to the entity's policy.
String conflictChoice(String policy, List<String> fields, Rec? base, Rec mine, Rec? server,
    int? serverTime, int queuedAt) {
  if (base == null || server == null) return 'send';
  if (changedFields(fields, server, base).isEmpty || changedFields(fields, server, mine).isEmpty) {
    return 'send';
  }
  if (policy == 'server_wins') return 'server';
  if (policy == 'ask_user') return 'ask';
  if (policy == 'last_write_wins' && serverTime != null && serverTime > queuedAt) return 'server';
  return 'send';
}

/// Whether a failed delivery is tried again later: no connection, a timeout, rate limiting or
/// a server error. Anything else (4xx) fails the entry for the user to see.
bool retryable(bool offline, int? status) =>
    offline || (status != null && (status == 408 || status == 429 || status >= 500));

/// Milliseconds before attempt `attempts + 1`: doubling from 2 s, at most 5 min, ±25 % jitter
/// (`random` in [0, 1)).
int retryDelay(int attempts, [double? random]) {
  final r = random ?? math.Random().nextDouble();
  final base = attempts >= 30 ? 300000 : math.min(300000, 1000 * (1 << attempts));
  return (base * (0.75 + r / 2)).floor();
}

/// Whether a cache filled at `fetched` is still usable (`maxAgeHours` 0: no limit).
bool fresh(int fetched, num maxAgeHours, int now) =>
    maxAgeHours == 0 || now - fetched <= maxAgeHours * 3600 * 1000;

/// What a list gives when the back end cannot be reached: the device cache ('cache') only for
/// an entity kept offline that was synced at least once (`fetched`: ms, or null when never);
/// else it fails ('fail') — an empty cache never stands in for data the device never had.
String offlineRead(String mode, int? fetched) =>
    mode != 'online_only' && fetched != null ? 'cache' : 'fail';

/// What the data layer knows about syncing (see the shared runtime's SyncFacts).
class SyncFacts {
  const SyncFacts(
      {required this.online,
      this.syncing = false,
      this.pending = 0,
      this.conflicts = 0,
      this.failed = 0,
      this.lastSync,
      this.loadFailed = false});

  final bool online;
  final bool syncing;
  final int pending;
  final int conflicts;
  final int failed;
  final int? lastSync;
  final bool loadFailed;

  factory SyncFacts.fromJson(Rec j) => SyncFacts(
      online: j['online'] == true,
      syncing: j['syncing'] == true,
      pending: (j['pending'] as num?)?.toInt() ?? 0,
      conflicts: (j['conflicts'] as num?)?.toInt() ?? 0,
      failed: (j['failed'] as num?)?.toInt() ?? 0,
      lastSync: (j['lastSync'] as num?)?.toInt(),
      loadFailed: j['loadFailed'] == true);
}

/// The state a sync indicator shows, most urgent first: 'conflict', 'offline', 'syncing',
/// 'failed', 'load_failed', 'pending', 'never' or 'synced' (only when the back end was
/// reached, nothing failed to load and nothing waits).
String syncState(SyncFacts s) {
  if (s.conflicts > 0) return 'conflict';
  if (!s.online) return 'offline';
  if (s.syncing) return 'syncing';
  if (s.failed > 0) return 'failed';
  if (s.loadFailed) return 'load_failed';
  if (s.pending > 0) return 'pending';
  return s.lastSync == null ? 'never' : 'synced';
}

/// A queued change as the hold-back rule sees it: the record it changes and the records its
/// reference fields point at (row keys).
class Ordered {
  const Ordered(this.status, this.rowKey, [this.refs = const []]);

  final String status;
  final String rowKey;
  final List<String> refs;

  factory Ordered.fromJson(Rec j) => Ordered(j['status'] as String, j['rowKey'] as String,
      [for (final r in (j['refs'] as List?) ?? const []) r as String]);
}

/// Which queued changes wait, per entry in queue order. A change the server refused, or one
/// waiting for the user's conflict choice, holds back every later change to the same record and
/// to records pointing at it, down the chain: nothing is sent past a change the server has not
/// taken.
List<bool> heldBack(List<Ordered> entries) {
  final blocked = <String>{};
  final out = <bool>[];
  for (final e in entries) {
    if (e.status != 'pending') {
      blocked.add(e.rowKey);
      out.add(false);
      continue;
    }
    final held = blocked.contains(e.rowKey) || e.refs.any(blocked.contains);
    if (held) blocked.add(e.rowKey);
    out.add(held);
  }
  return out;
}

/// How the pending-changes screen shows a queued change: 'waiting', 'held' (behind a refused
/// change), 'refused' (by the server) or 'conflict' (waiting for the user's choice).
String changeState(String status, bool held) {
  if (status == 'failed') return 'refused';
  if (status == 'conflict') return 'conflict';
  return held ? 'held' : 'waiting';
}

const List<List<Object>> _messagePaths = [
  ['error', 'message', 'value'], // OData v2 (SAP Gateway)
  ['error', 'message'], // OData v4, Microsoft Graph, Google APIs
  ['error', 'details', 0, 'message'],
  ['error_description'], // OAuth 2.0
  ['detail'], // RFC 9457 problem details
  ['title'],
  ['message'],
  ['errors', 0, 'message'], // GraphQL, JSON:API (detail), many REST APIs
  ['errors', 0, 'detail'],
  ['errors', 0],
  ['error'],
];

Object? _at(Object? value, List<Object> path) {
  var v = value;
  for (final step in path) {
    if (step is int) {
      v = v is List && step < v.length ? v[step] : null;
    } else {
      v = v is Map && v.containsKey(step) ? v[step] : null;
    }
  }
  return v;
}

final _controls = RegExp('[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+');
final _spaces = RegExp(r'\s+');
final _markup = RegExp(r'^\s*<');

/// The message a server gave with a refusal (`body`: its parsed JSON, or its text), as one
/// line of at most 300 characters without control characters; null when it gave none (an
/// empty body, an HTML error page).
String? serverMessage(Object? body) {
  Object? text;
  if (body is String) {
    text = _markup.hasMatch(body) ? null : body;
  } else {
    for (final path in _messagePaths) {
      final v = _at(body, path);
      if (v is String && v.trim().isNotEmpty) {
        text = v;
        break;
      }
    }
  }
  if (text is! String) return null;
  final line = text.replaceAll(_controls, ' ').replaceAll(_spaces, ' ').trim();
  if (line.isEmpty) return null;
  return line.length > 300 ? '${line.substring(0, 299)}…' : line;
}

/// A queued change re-based after an earlier change to its record was delivered: this
/// change's own edits (where `mine` differs from its old `base`) laid over what the server now
/// holds (`server`), which becomes its new base.
Rec rebase(Rec base, Rec mine, Rec server) {
  final Rec out = {...server};
  for (final k in {...base.keys, ...mine.keys}) {
    if (k.startsWith(r'$') || _same(base[k], mine[k])) continue;
    if (mine.containsKey(k)) {
      out[k] = mine[k];
    } else {
      out.remove(k);
    }
  }
  return out;
}

final RegExp _tempKey =
    RegExp(r'^local-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$');

/// Whether `value` is a temporary key this device gave a record created offline.
bool isTempKey(Object? value) => value is String && _tempKey.hasMatch(value);

/// `rec` as queued for a create: its only key field, when empty, holds the temporary key
/// `local-<id>` (`id`: a UUID) until the server gives the record its own; else unchanged.
Rec withTempKey(List<String> keyFields, Rec rec, String id) {
  if (keyFields.length != 1 || keyOf(keyFields, rec) != null) return rec;
  final key = 'local-${id.toLowerCase()}';
  return isTempKey(key) ? {...rec, keyFields.first: key} : rec;
}

/// A record with temporary keys replaced, and the temporary keys still without a server key.
class Resolved {
  const Resolved(this.record, this.missing);

  final Rec record;
  final List<String> missing;

  Map<String, Object?> toJson() => {'record': record, 'missing': missing};
}

Object? _swap(Object? value, Map<String, Object?> aliases, Set<String> missing) {
  if (!isTempKey(value)) return value;
  final key = value as String;
  if (aliases.containsKey(key)) return aliases[key];
  missing.add(key);
  return value;
}

/// `rec` with the temporary keys in `fields` (key and reference fields: a value, or a value
/// of a referenced record) replaced by the server's keys `aliases` maps them to; `missing`
/// lists those still without one — a change carrying one waits, it is never sent.
Resolved resolveKeys(Rec rec, List<String> fields, Map<String, Object?> aliases) {
  final missing = <String>{};
  final record = Map<String, Object?>.of(rec);
  for (final f in fields) {
    if (!rec.containsKey(f)) continue;
    final v = rec[f];
    record[f] = v is Map
        ? <String, Object?>{
            for (final e in v.entries) e.key as String: _swap(e.value, aliases, missing),
          }
        : _swap(v, aliases, missing);
  }
  return Resolved(record, missing.toList());
}

/// What a screen holds (`value`: parameters, variables, loaded records, deeply) with every
/// temporary key `aliases` maps replaced by the server's key.
Object? replaceKeys(Object? value, Map<String, Object?> aliases) {
  if (value is List) return [for (final v in value) replaceKeys(v, aliases)];
  if (value is Map) {
    return <String, Object?>{
      for (final e in value.entries) e.key as String: replaceKeys(e.value, aliases),
    };
  }
  return isTempKey(value) && aliases.containsKey(value) ? aliases[value] : value;
}
