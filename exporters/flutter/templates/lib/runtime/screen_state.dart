// Screen state for generated screens: parameters, variables and loaded data as one scope that
// compiled expressions read, plus validation of the screen's inputs.

import 'dart:async';

import 'package:flutter/foundation.dart';

import '../data/core.dart';
import '../l10n/strings.dart';
import 'rt.dart';
import 'sync.dart' as sync;

class Query {
  const Query(this.name, this.source, this.entity, this.load);

  final String name;
  final String source;
  final String entity;
  final Future<Object?> Function(Rec s) load;
}

/// One validation rule of an input.
class Rule {
  const Rule.required(this.message) : kind = 'required', value = 0, max = null, pattern = '', test = null;
  const Rule.min(this.value, this.message) : kind = 'min', max = null, pattern = '', test = null;
  const Rule.max(this.value, this.message) : kind = 'max', max = null, pattern = '', test = null;
  const Rule.length(this.value, this.max, this.message) : kind = 'length', pattern = '', test = null;
  const Rule.pattern(this.pattern, this.message) : kind = 'pattern', value = 0, max = null, test = null;
  const Rule.expression(this.test, this.message) : kind = 'expression', value = 0, max = null, pattern = '';

  final String kind;
  final num value;
  final num? max;
  final String pattern;
  final bool Function(Rec s)? test;
  final String message;
}

/// How to check one input: its value, whether it is shown, and its rules.
class Validator {
  const Validator({required this.value, required this.visible, required this.rules});

  final Object? Function(Rec s) value;
  final bool Function(Rec s) visible;
  final List<Rule> rules;
}

bool _isEmpty(Object? v) => v == null || v == '' || (v is List && v.isEmpty);

/// The longest text a pattern is tried on (in runes) unless a `length` rule allows more: a
/// longer text breaks the pattern rule at once, so no pattern can freeze the app on a long input.
const int patternInputMax = 1000;

/// The message of the first rule `value` breaks, or null.
String? check(Object? value, Rec s, List<Rule> rules) {
  var bound = patternInputMax;
  for (final r in rules) {
    final top = r.max;
    if (r.kind == 'length' && top != null && top > bound) bound = top.toInt();
  }
  for (final r in rules) {
    if (r.kind == 'required') {
      if (_isEmpty(value) || value == false) return r.message.isEmpty ? AppStrings.t('fc.required') : r.message;
      continue;
    }
    if (_isEmpty(value) && r.kind != 'expression') continue;
    final n = number(value);
    final t = text(value) ?? '';
    String or(String key, [Map<String, Object> values = const {}]) =>
        r.message.isEmpty ? AppStrings.format(key, values) : r.message;
    if (r.kind == 'min' && (n == null || n < r.value)) return or('fc.min', {'value': r.value});
    if (r.kind == 'max' && (n == null || n > r.value)) return or('fc.max', {'value': r.value});
    if (r.kind == 'length') {
      final length = t.runes.length;
      final top = r.max;
      if (length < r.value || (top != null && length > top)) {
        return top == null ? or('fc.min_length', {'min': r.value}) : or('fc.length', {'min': r.value, 'max': top});
      }
    }
    if (r.kind == 'pattern' && !_matches(r.pattern, t, bound)) return or('fc.pattern');
    if (r.kind == 'expression' && !(r.test?.call(scope(s, {'value': value})) ?? true)) {
      return or('fc.invalid');
    }
  }
  return null;
}

bool _matches(String pattern, String value, int bound) {
  if (value.length > bound && value.runes.length > bound) return false;
  try {
    return RegExp(pattern, unicode: true).hasMatch(value);
  } on FormatException {
    return true;
  }
}

/// Rows of `rows` for which `test` holds, with the row visible as `row`.
List<Rec> where(Object? rows, Rec s, bool Function(Rec r) test) =>
    [for (final row in list(rows)) if (test(scope(s, {'row': row}))) row];

/// Rows sorted by a field; a leading `-` sorts descending. Nulls sort last.
List<Rec> sortBy(Object? rows, String field) {
  final descending = field.startsWith('-');
  final name = descending ? field.substring(1) : field;
  final out = [...list(rows)];
  out.sort((a, b) {
    final x = a[name], y = b[name];
    if (x == null || y == null) return x == y ? 0 : (x == null ? 1 : -1);
    final order = x is num && y is num ? x.compareTo(y) : str(x).compareTo(str(y));
    return descending ? -order : order;
  });
  return out;
}

/// Options of a dropdown bound to data: records with value/label, or plain values.
List<({String value, String label})> optionsOf(Object? v) => [
      for (final o in v is List ? v : const [])
        if (o is Map)
          (value: str(o['value']), label: str(o['label']).isEmpty ? str(o['value']) : str(o['label']))
        else
          (value: str(o), label: str(o)),
    ];

/// The state of one screen; notifies listeners (the screen's State) when it changes.
class ScreenState extends ChangeNotifier {
  ScreenState({
    required Rec params,
    required Rec Function(Rec s) variables,
    required this.queries,
    required this.validators,
  }) : _params = params {
    _vars = variables(scope(params, {}));
  }

  Rec _params;
  final List<Query> queries;
  final Map<String, Validator> validators;
  late Rec _vars;
  Rec _data = {};
  bool loading = true;
  String? error;
  Map<String, String?> errors = {};
  StreamSubscription<String>? _changes;
  StreamSubscription<Map<String, Object?>>? _rekeys;
  final Completer<void> _firstLoad = Completer<void>();

  /// Completes when the screen's data has loaded for the first time.
  Future<void> get firstLoad => _firstLoad.future;

  /// The state to render with (and to read in event handlers).
  Rec get s => scope(scope(_params, _vars), _data);

  void start() {
    final watched = {for (final q in queries) '${q.source}/${q.entity}'};
    _changes = Repository.changes.stream.listen((key) {
      if (watched.contains(key)) reload();
    });
    _rekeys = Repository.rekeys.stream.listen(rekey);
    reload();
  }

  @override
  void dispose() {
    _changes?.cancel();
    _rekeys?.cancel();
    super.dispose();
  }

  Future<void> reload() async {
    final Rec loaded = {};
    String? problem;
    for (final q in queries) {
      try {
        loaded[q.name] = await q.load(scope(scope(_params, _vars), loaded));
      } on Exception {
        loaded[q.name] = null;
        problem = AppStrings.t('fc.load_failed');
      }
    }
    _data = loaded;
    error = problem;
    loading = false;
    if (!_firstLoad.isCompleted) _firstLoad.complete();
    notifyListeners();
  }

  /// A record created offline was confirmed: the server's key replaces its temporary one in
  /// the screen's parameters and variables, and the data is loaded again with it.
  void rekey(Map<String, Object?> aliases) {
    if (!_mentions(_params, aliases) && !_mentions(_vars, aliases)) return;
    _params = sync.replaceKeys(_params, aliases) as Rec;
    _vars = sync.replaceKeys(_vars, aliases) as Rec;
    reload();
  }

  String? _validateOne(String name, Rec s) {
    final v = validators[name];
    return v != null && v.visible(s) ? check(v.value(s), s, v.rules) : null;
  }

  /// Write a screen variable (or a field of one); returns the new state.
  Rec set(List<String> parts, Object? value) {
    _vars = setPath(_vars, parts, value);
    final now = s;
    errors = {for (final e in errors.entries) if (e.value != null) e.key: _validateOne(e.key, now)};
    notifyListeners();
    return now;
  }

  /// Check every visible input; shows the messages and returns whether all passed.
  bool validate() {
    final now = s;
    errors = {for (final name in validators.keys) name: _validateOne(name, now)};
    notifyListeners();
    return errors.values.every((m) => m == null);
  }

  @visibleForTesting
  Rec get variables => _vars;
}

/// The latest screen state with the list aliases of `old` (e.g. `item`) kept in scope.
Rec rescope(Rec next, Rec old, List<String> aliases) =>
    scope(next, {for (final a in aliases) a: old[a]});

/// Whether `value` (deeply) holds one of the temporary keys `aliases` maps.
bool _mentions(Object? value, Map<String, Object?> aliases) {
  if (value is List) return value.any((v) => _mentions(v, aliases));
  if (value is Map) return value.values.any((v) => _mentions(v, aliases));
  return value is String && aliases.containsKey(value);
}
