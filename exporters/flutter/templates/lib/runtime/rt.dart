// Fieldcraft expression runtime: the `rt` object compiled binding expressions call.
// Mirrors designer/expressions/runtime.py: operations never throw; odd data gives null.

/// A record (entity row, screen state).
typedef Rec = Map<String, Object?>;

const _months = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December',
];
const _weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const _currencySymbols = {'EUR': '€', 'USD': r'$', 'GBP': '£', 'JPY': '¥', 'INR': '₹', 'CNY': '¥'};
const _zeroDecimal = {'JPY', 'KRW', 'VND', 'CLP', 'ISK'};
final _isoRe = RegExp(
    r'^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$');

/// A date or date-time value produced by today()/now(); reads as ISO text.
class FcDate {
  const FcDate(this.y, this.m, this.d, [this.time]);

  final int y;
  final int m;
  final int d;
  final FcTime? time;

  bool get hasTime => time != null;

  String iso() {
    String p(int n, [int w = 2]) => n.toString().padLeft(w, '0');
    final date = '${p(y, 4)}-${p(m)}-${p(d)}';
    final t = time;
    return t == null ? date : '${date}T${p(t.h)}:${p(t.min)}:${p(t.s)}${t.frac}${t.tz}';
  }

  int key() {
    final t = time;
    return DateTime.utc(y, m, d, t?.h ?? 0, t?.min ?? 0, t?.s ?? 0).millisecondsSinceEpoch +
        (t?.fracMs ?? 0);
  }

  @override
  String toString() => iso();

  String toJson() => iso();
}

class FcTime {
  const FcTime(this.h, this.min, this.s, {this.frac = '', this.fracMs = 0, this.tz = ''});

  final int h;
  final int min;
  final int s;
  final String frac;
  final int fracMs;
  final String tz;
}

FcDate? asDate(Object? v) {
  if (v is FcDate) return v;
  if (v is! String) return null;
  final m = _isoRe.firstMatch(v);
  if (m == null) return null;
  final y = int.parse(m[1]!), mo = int.parse(m[2]!), d = int.parse(m[3]!);
  final probe = DateTime.utc(y, mo, d);
  if (probe.month != mo || probe.day != d) return null;
  if (v.length == 10) return FcDate(y, mo, d);
  if (m[4] == null) return null;
  final frac = m[7] ?? '';
  final time = FcTime(int.parse(m[4]!), int.parse(m[5]!), int.parse(m[6] ?? '0'),
      frac: frac, fracMs: frac.isEmpty ? 0 : (double.parse(frac) * 1000).round(), tz: m[8] ?? '');
  if (time.h > 23 || time.min > 59 || time.s > 59) return null;
  return FcDate(y, mo, d, time);
}

num? number(Object? v) => v is num && v.isFinite ? v : null;

bool isRecord(Object? v) => v is Map;

/// How a value reads inside text: null is empty, 2.0 reads 2; lists and records give null.
String? text(Object? v) {
  if (v == null) return '';
  if (v is String) return v;
  if (v is bool) return v ? 'true' : 'false';
  if (v is int) return v.toString();
  if (v is double) {
    if (!v.isFinite) return null;
    if (v == v.truncateToDouble() && v.abs() < 1e21) return v.toInt().toString();
    return v.toString();
  }
  if (v is FcDate) return v.iso();
  return null;
}

/// A value shown in the UI (lists and records read as empty).
String str(Object? v) => text(v) ?? '';

/// The records of a bound collection (anything else is an empty list).
List<Rec> list(Object? v) =>
    v is List ? [for (final item in v) if (item is Map) Map<String, Object?>.from(item)] : <Rec>[];

num? _arith(Object? a, Object? b, num? Function(num x, num y) op) {
  final x = number(a), y = number(b);
  if (x == null || y == null) return null;
  final r = op(x, y);
  return r == null || !r.isFinite ? null : r;
}

int? _compare(Object? a, Object? b) {
  final x = number(a), y = number(b);
  if (x != null && y != null) return x.compareTo(y).sign;
  if (a is String && b is String) return a.compareTo(b).sign;
  if (a is FcDate || b is FcDate) {
    final da = asDate(a), db = asDate(b);
    if (da == null || db == null) return null;
    final ta = da.time, tb = db.time;
    if (ta != null && tb != null && ta.tz.isEmpty != tb.tz.isEmpty) return null;
    return da.key().compareTo(db.key()).sign;
  }
  return null;
}

bool _deepEqual(Object? a, Object? b) {
  if (identical(a, b)) return true;
  if (a is List && b is List) {
    if (a.length != b.length) return false;
    for (var i = 0; i < a.length; i++) {
      if (!rt.eq(a[i], b[i])) return false;
    }
    return true;
  }
  if (a is Map && b is Map) {
    if (a.length != b.length) return false;
    return a.keys.every((k) => b.containsKey(k) && rt.eq(a[k], b[k]));
  }
  return a == b;
}

class _Rounded {
  const _Rounded(this.whole, this.frac);

  final String whole;
  final String frac;
}

/// Round the shortest decimal representation half away from zero (2.675 -> 2.68).
_Rounded? _roundHalfUp(num value, int decimals) {
  if (!value.isFinite) return null;
  final parts = value.abs().toDouble().toStringAsExponential().split('e');
  final digits = parts[0].replaceAll('.', '');
  final point = 1 + int.parse(parts[1]);
  String whole, frac;
  if (point <= 0) {
    whole = '0';
    frac = '0' * -point + digits;
  } else if (point >= digits.length) {
    whole = digits + '0' * (point - digits.length);
    frac = '';
  } else {
    whole = digits.substring(0, point);
    frac = digits.substring(point);
  }
  frac = frac.padRight(decimals + 1, '0');
  final kept = (whole + frac.substring(0, decimals)).split('').map(int.parse).toList();
  if (frac.codeUnitAt(decimals) >= '5'.codeUnitAt(0)) {
    var i = kept.length - 1;
    while (i >= 0 && kept[i] == 9) {
      kept[i] = 0;
      i--;
    }
    if (i < 0) {
      kept.insert(0, 1);
    } else {
      kept[i] += 1;
    }
  }
  final all = kept.join();
  final intPart = all.substring(0, all.length - decimals).replaceFirst(RegExp(r'^0+(?=\d)'), '');
  return _Rounded(intPart.isEmpty ? '0' : intPart,
      decimals > 0 ? all.substring(all.length - decimals) : '');
}

String? _grouped(num value, int decimals) {
  final r = _roundHalfUp(value, decimals);
  if (r == null) return null;
  final whole = r.whole.replaceAllMapped(RegExp(r'\B(?=(\d{3})+(?!\d))'), (m) => ',');
  // Like the reference (Python's Decimal): a negative value keeps its sign even when it
  // rounds to zero (-0.001 → '-0.00').
  final sign = value.isNegative ? '-' : '';
  return sign + whole + (decimals > 0 ? '.${r.frac}' : '');
}

int? _intArg(Object? v, [int high = 20]) => v is int && v >= 0 && v <= high ? v : null;

/// The numbers of a list (or of a field of its records); a missing list (null) has none.
List<num>? _numbersOf(Object? items, Object? field) {
  if (items == null) return [];
  if (items is! List) return null;
  final values = field is String ? items.map((i) => rt.get(i, [field])) : items;
  return [for (final v in values) if (number(v) != null) number(v)!];
}

/// The runtime compiled expressions call (`rt.add(...)`, `rt.fnFormatDate(...)`).
class Runtime {
  Runtime._();

  Map<String, String> strings = const {};
  DateTime Function() clock = DateTime.now;

  /// Set the active string table (locale already resolved) and the clock (tests may fix it).
  void configure({Map<String, String>? strings, DateTime Function()? clock}) {
    if (strings != null) this.strings = strings;
    if (clock != null) this.clock = clock;
  }

  Object? get(Object? root, List<String> parts) {
    Object? cur = root;
    for (final part in parts) {
      if (cur is! Map || !cur.containsKey(part)) return null;
      cur = cur[part];
    }
    return cur;
  }

  bool truthy(Object? v) => v == true;

  Object? add(Object? a, Object? b) {
    if (a is String || b is String) {
      final l = text(a), r = text(b);
      return l == null || r == null ? null : l + r;
    }
    return _arith(a, b, (x, y) => x + y);
  }

  num? sub(Object? a, Object? b) => _arith(a, b, (x, y) => x - y);
  num? mul(Object? a, Object? b) => _arith(a, b, (x, y) => x * y);
  num? div(Object? a, Object? b) => _arith(a, b, (x, y) => y == 0 ? null : x / y);
  num? mod(Object? a, Object? b) => _arith(a, b, (x, y) => y == 0 ? null : ((x % y) + y) % y);

  num? neg(Object? a) {
    final x = number(a);
    return x == null ? null : -x;
  }

  bool eq(Object? a, Object? b) {
    if (a == null || b == null) return a == null && b == null;
    if (a is bool || b is bool) return a is bool && b is bool && a == b;
    if ((a is num && b is num) || a is FcDate || b is FcDate) return _compare(a, b) == 0;
    return _deepEqual(a, b);
  }

  bool ne(Object? a, Object? b) => !eq(a, b);

  bool lt(Object? a, Object? b) => (_compare(a, b) ?? 0) < 0;
  bool le(Object? a, Object? b) {
    final c = _compare(a, b);
    return c != null && c <= 0;
  }

  bool gt(Object? a, Object? b) => (_compare(a, b) ?? 0) > 0;
  bool ge(Object? a, Object? b) {
    final c = _compare(a, b);
    return c != null && c >= 0;
  }

  String? fnFormatCurrency(Object? value, Object? code) {
    final x = number(value);
    if (x == null || code is! String) return null;
    final amount = _grouped(x.abs(), _zeroDecimal.contains(code) ? 0 : 2);
    if (amount == null) return null;
    final sign = x < 0 && RegExp('[1-9]').hasMatch(amount) ? '-' : '';
    final symbol = _currencySymbols[code];
    return symbol != null ? '$sign$symbol$amount' : '$sign$amount $code';
  }

  String? fnFormatNumber(Object? value, Object? decimals) {
    final x = number(value), places = _intArg(decimals);
    return x == null || places == null ? null : _grouped(x, places);
  }

  String? fnFormatDate(Object? value, Object? pattern) {
    final d = asDate(value);
    if (d == null || (pattern != 'short' && pattern != 'long' && pattern != 'iso')) return null;
    if (pattern == 'iso') return d.iso();
    final t = d.time;
    final at = t == null
        ? ''
        : ' ${t.h.toString().padLeft(2, '0')}:${t.min.toString().padLeft(2, '0')}';
    if (pattern == 'short') return '${d.d} ${_months[d.m - 1].substring(0, 3)} ${d.y}$at';
    final weekday = _weekdays[DateTime.utc(d.y, d.m, d.d).weekday - 1];
    return '$weekday, ${d.d} ${_months[d.m - 1]} ${d.y}$at';
  }

  String? fnUpper(Object? s) => s is String ? s.toUpperCase() : null;
  String? fnLower(Object? s) => s is String ? s.toLowerCase() : null;
  String? fnTrim(Object? s) => s is String ? s.trim() : null;

  String? fnMask(Object? s, Object? visible) {
    if (s is! String || visible is! int || visible < 0) return null;
    final chars = s.runes.toList();
    final hidden = chars.length > visible ? chars.length - visible : 0;
    return '\u2022' * hidden + String.fromCharCodes(chars.sublist(hidden));
  }

  String? fnConcat(List<Object?> values) {
    final parts = values.map(text).toList();
    return parts.contains(null) ? null : parts.join();
  }

  Object? fnIf(Object? cond, Object? a, Object? b) => cond == true ? a : b;

  Object? fnCoalesce(List<Object?> values) =>
      values.firstWhere((v) => v != null, orElse: () => null);

  int? fnLen(Object? v) => v is String ? v.runes.length : (v is List ? v.length : null);

  num? fnSum(Object? items, Object? field) {
    final xs = _numbersOf(items, field);
    return xs?.fold<num>(0, (a, b) => a + b);
  }

  num? fnAvg(Object? items, Object? field) {
    final xs = _numbersOf(items, field);
    return xs == null || xs.isEmpty ? null : xs.fold<num>(0, (a, b) => a + b) / xs.length;
  }

  int? fnCount(Object? items) => items == null ? 0 : (items is List ? items.length : null);

  num? fnMin(Object? a, Object? b) {
    final x = number(a), y = number(b);
    return x == null || y == null ? null : (x < y ? x : y);
  }

  num? fnMax(Object? a, Object? b) {
    final x = number(a), y = number(b);
    return x == null || y == null ? null : (x > y ? x : y);
  }

  num? fnRound(Object? value, Object? decimals) {
    final x = number(value), places = _intArg(decimals);
    if (x == null || places == null) return null;
    final r = _roundHalfUp(x, places);
    if (r == null) return null;
    final n = num.parse(places > 0 ? '${r.whole}.${r.frac}' : r.whole);
    final signed = x < 0 ? -n : n;
    return x is int ? signed.toInt() : signed.toDouble();
  }

  bool? fnContains(Object? s, Object? part) =>
      s is String && part is String ? s.contains(part) : null;

  FcDate fnToday() {
    final n = clock();
    return FcDate(n.year, n.month, n.day);
  }

  FcDate fnNow() {
    final n = clock();
    return FcDate(n.year, n.month, n.day, FcTime(n.hour, n.minute, n.second));
  }

  String? fnT(Object? key) => key is String ? (strings[key] ?? key) : null;
}

/// The one runtime instance generated screens use.
final rt = Runtime._();

/// A JSON-safe copy of a value (dates become ISO text) for storing and sending.
Object? plain(Object? v) {
  if (v is FcDate) return v.iso();
  if (v is List) return [for (final item in v) plain(item)];
  if (v is Map) return {for (final e in v.entries) e.key.toString(): plain(e.value)};
  return v;
}

/// A new scope: the parent's roots plus `extra`.
Rec scope(Rec parent, Rec extra) => {...parent, ...extra};

/// A copy of `root` with `value` written at `parts` (records created on the way).
Rec setPath(Rec root, List<String> parts, Object? value) {
  if (parts.isEmpty) return {...root};
  final head = parts.first;
  final child = root[head];
  return {
    ...root,
    head: parts.length == 1
        ? value
        : setPath(child is Map ? Map<String, Object?>.from(child) : <String, Object?>{},
            parts.sublist(1), value),
  };
}

/// Conversions for typed navigation parameters.
String? asString(Object? v) => v == null ? null : text(v);
num? asNumber(Object? v) => number(v);
bool? asBool(Object? v) => v is bool ? v : null;
