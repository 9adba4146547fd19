// Records created offline whose key the server assigns get a temporary key, so that other
// records can point at them before they are sent (an order's items); the server's key
// replaces it everywhere once the parent is created, and a temporary key never goes on the
// wire. The Dart port of those rules of exporters/runtime_ts/src/sync.ts, held to the same
// rows of the runtime case table.

import 'dart:convert';

import 'rt.dart';

final RegExp _tempKey =
    RegExp(r'^local-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$');

/// Whether `value` is a temporary key this device gave a record created offline.
bool isTempKey(Object? value) => value is String && _tempKey.hasMatch(value);

/// The record's key as text (its key fields' values), or null when a key field is empty.
String? keyOf(List<String> keyFields, Object? rec) {
  if (keyFields.isEmpty || rec is! Map) return null;
  final values = [for (final k in keyFields) rec[k]];
  return values.any((v) => v == null || v == '') ? null : jsonEncode(values);
}

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
