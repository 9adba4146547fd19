// Bundled data: a CSV or JSON source's rows ship inside the app (assets/data/*.json), so a
// price list or a catalogue reads offline from the first start. They are read-only, unless
// the entity's offline mode is offline_read_write: then creates, edits and deletes stay on
// this device (shared preferences, pii fields sealed), laid over the shipped rows by key.
part of 'core.dart';

/// Refused: the entity's rows ship with the app and this device may not change them.
class ReadOnlyFailure implements Exception {
  ReadOnlyFailure(this.message);
  final String message;
  @override
  String toString() => message;
}

final Map<String, Map<String, Object?>> _shipped = {};

extension _Bundled on Repository {
  bool _writable(EntityMeta entity) => entity.offline.mode == 'offline_read_write';

  String _rowId(EntityMeta entity, Rec rec, String fallback) =>
      entity.keyOf(rec) ?? '#$fallback';

  Future<List<Rec>> _shippedRows(EntityMeta entity) async {
    final asset = bundledAsset!;
    final table = _shipped[asset] ??=
        Map<String, Object?>.from(jsonDecode(await rootBundle.loadString(asset)) as Map);
    final rows = table[entity.name];
    return [
      if (rows is List)
        for (final r in rows)
          if (r is Map) Map<String, Object?>.from(r),
    ];
  }

  Future<Map<String, Object?>> _deviceChanges(EntityMeta entity) async {
    final raw = (await SharedPreferences.getInstance()).getString(_storageKey('bundled/${entity.name}'));
    if (raw == null) return {};
    final decoded = jsonDecode(raw);
    return decoded is Map ? Map<String, Object?>.from(decoded) : {};
  }

  /// The entity's rows: as shipped, with this device's own changes laid over them.
  Future<List<Rec>> _bundledRows(EntityMeta entity) async {
    final base = await _shippedRows(entity);
    if (!_writable(entity)) return base;
    final mine = await _deviceChanges(entity);
    final seen = <String>{};
    final out = <Rec>[];
    for (var i = 0; i < base.length; i++) {
      final id = _rowId(entity, base[i], 's$i');
      seen.add(id);
      final change = mine[id];
      if (change is! Map) {
        out.add(base[i]);
      } else if (change['gone'] != true && change['rec'] is Map) {
        out.add(await _crypt(Map<String, Object?>.from(change['rec'] as Map), entity.pii, open: true));
      }
    }
    final added = [
      for (final e in mine.entries)
        if (!seen.contains(e.key) && e.value is Map && (e.value as Map)['gone'] != true &&
            (e.value as Map)['rec'] is Map)
          Map<String, Object?>.from(e.value as Map),
    ]..sort((a, b) => ((a['pos'] as num?) ?? 0).compareTo((b['pos'] as num?) ?? 0));
    for (final c in added) {
      out.add(await _crypt(Map<String, Object?>.from(c['rec'] as Map), entity.pii, open: true));
    }
    return out;
  }

  /// Create, update or delete a shipped record on this device; refused when read-only.
  Future<void> _bundledWrite(EntityMeta entity, String kind, Rec rec) async {
    if (!_writable(entity)) throw ReadOnlyFailure('$name.${entity.name} is read-only');
    if (kind != 'create' && entity.keyOf(rec) == null) {
      throw ArgumentError('$name.${entity.name} has no key: a record of it can\'t be changed');
    }
    final now = DateTime.now().millisecondsSinceEpoch;
    final mine = await _deviceChanges(entity);
    mine[_rowId(entity, rec, 'd$now')] = kind == 'delete'
        ? {'pos': now, 'gone': true}
        : {'pos': now, 'rec': await _crypt(rec, entity.pii, open: false)};
    await (await SharedPreferences.getInstance())
        .setString(_storageKey('bundled/${entity.name}'), jsonEncode(mine));
  }
}
