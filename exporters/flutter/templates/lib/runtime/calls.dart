// A call operation's request (an OData bound action or function, a function/action import):
// an action is a POST with its parameters as a JSON body, a function a GET with its parameters
// in the URL as OData literals (v4 `@p` aliases, v2 function-import query options); a value
// that is not a literal of its type is refused, not sent. The Dart port of the shared
// runtime's runtime_ts/src/calls.ts, held to the same cases (test/runtime_cases_test.dart).

import 'request.dart';
import 'rt.dart';

/// The method and parameters of a call operation.
class CallSpec {
  const CallSpec(this.method, [this.params = const []]);

  final String method;
  final List<ParamSpec> params;
}

/// Everything a call sends.
class CallParts {
  CallParts(this.method) : body = method == 'GET' ? null : <String, Object?>{};

  final String method;
  final Rec path = {};
  final Pairs query = [];
  final Map<String, String> headers = {};

  /// the JSON body of a call that is not a GET (an action with no parameters sends `{}`)
  final Rec? body;

  /// needed parameters that got no value
  final List<String> missing = [];

  /// parameters whose value is not a literal of their type
  final List<String> invalid = [];

  Rec toJson() => {
        'method': method,
        'path': path,
        'query': query,
        'headers': headers,
        'body': body,
        'missing': missing,
        'invalid': invalid
      };
}

final _date = RegExp(r'^\d{4}-\d{2}-\d{2}$');
final _dateTime = RegExp(
    r'^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)(Z|[+-]\d{2}:\d{2})?$');
final _numeric = RegExp(r'^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$');
final _offset = RegExp(r'(Z|[+-]\d{2}:\d{2})$');
const _marker = Object();

num? _number(Object? value) {
  if (value is num) return value.isFinite ? value : null;
  if (value is String && _numeric.hasMatch(value)) return num.parse(value.trim());
  return null;
}

/// A whole double as an int (so it prints as the JS runtime prints it).
num _tidy(num n) => n is double && n == n.truncateToDouble() && n.abs() < 9007199254740992
    ? n.toInt()
    : n;

/// `value` as a JSON value of `type` (a body member), or [_marker] when it is not one.
Object? _typed(Object? value, String? type) {
  switch (type) {
    case 'integer':
      final n = _number(value);
      return n != null && n == n.truncateToDouble() && n.abs() < 9007199254740992
          ? n.toInt()
          : _marker;
    case 'decimal':
      final n = _number(value);
      return n == null ? _marker : _tidy(n);
    case 'boolean':
      if (value is bool) return value;
      return value == 'true' ? true : (value == 'false' ? false : _marker);
    case 'date':
      final s = value is String ? value : '';
      final m = _dateTime.firstMatch(s);
      return _date.hasMatch(s) ? s : (m != null ? m.group(1) : _marker);
    case 'datetime':
      final s = value is String ? value : '';
      final m = _dateTime.firstMatch(s);
      if (m != null) {
        final time = m.group(2)!;
        return '${m.group(1)}T${time.length == 5 ? '$time:00' : time}${m.group(3) ?? 'Z'}';
      }
      return _date.hasMatch(s) ? '${s}T00:00:00Z' : _marker;
    default:
      if (value == null || value is Map || value is List) return _marker;
      return str(value);
  }
}

/// `value` as a JSON value of `type`, or null when it is not one.
Object? typedValue(Object? value, String? type) {
  final v = _typed(value, type);
  return identical(v, _marker) ? null : v;
}

/// `value` written as an OData URL literal of `type` (v4, or v2 with `version` "2.0"), or
/// null when the value is not a literal of that type. The caller percent-encodes the result.
String? odataLiteral(Object? value, String? type, String? version) {
  final v = _typed(value, type);
  if (identical(v, _marker)) return null;
  final v2 = version == '2.0';
  switch (type) {
    case 'integer':
      return '$v';
    case 'decimal':
      return v2 ? '${v}M' : '$v';
    case 'boolean':
      return v == true ? 'true' : 'false';
    case 'date':
      return v2 ? "datetime'${v}T00:00:00'" : '$v';
    case 'datetime':
      return v2 ? "datetime'${'$v'.replaceFirst(_offset, '')}'" : '$v';
    default:
      return "'${'$v'.replaceAll("'", "''")}'";
  }
}

final _lineBreak = RegExp('[\r\n\u0000]');

/// Everything a call sends: path values, query pairs (OData literals for an OData source,
/// `odata` its version, else plain text), headers and, for a method other than GET, the JSON
/// body of its body parameters. `args` give the parameters without a value of their own.
CallParts callParts(CallSpec op, Rec? record, Rec? args, Rec? scope, Rec? config, String? odata) {
  final out = CallParts(op.method.isEmpty ? 'POST' : op.method.toUpperCase());
  for (final p in op.params) {
    Object? v;
    if (p.arg != null) {
      v = args != null && args.containsKey(p.arg) ? args[p.arg] : null;
      if (v == '') v = null;
    } else {
      v = paramValue(p, record, scope, config);
    }
    if (v == null && p.location == 'path' && record != null && record.containsKey(p.name)) {
      v = record[p.name];
    }
    if (v == null) {
      if (p.required || p.location == 'path') out.missing.add(p.name);
      continue;
    }
    if (p.location == 'body') {
      final typed = _typed(v, p.type);
      if (identical(typed, _marker)) {
        out.invalid.add(p.name);
      } else {
        out.body![p.name] = typed;
      }
      continue;
    }
    if (p.location == 'path') {
      out.path[p.name] = v;
      continue;
    }
    final Object? written = p.location == 'query' && odata != null
        ? odataLiteral(v, p.type, odata)
        : typedValue(v, p.type ?? 'string');
    if (written == null || (p.location == 'header' && _lineBreak.hasMatch('$written'))) {
      out.invalid.add(p.name);
    } else if (p.location == 'query') {
      out.query.add([p.name, '$written']);
    } else {
      out.headers[p.name] = '$written';
    }
  }
  return out;
}

/// The answer of a call: the value at its result path (an OData `value`, v2 `d`), else the
/// body; OData annotations left out of a record.
Object? callResult(Object? body, List<String> result) {
  var v = body;
  for (final key in result) {
    if (v is! Map || !v.containsKey(key)) return null;
    v = v[key];
  }
  if (v is! Map) return v;
  return <String, Object?>{
    for (final e in v.entries)
      if (!'${e.key}'.startsWith('@') && e.key != '__metadata') '${e.key}': e.value
  };
}
