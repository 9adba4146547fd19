// What screen actions do besides changing state: records, device features, links and messages.

import 'package:flutter/material.dart';
import 'package:url_launcher/url_launcher.dart';

import '../data/core.dart';
import '../l10n/strings.dart';
import 'rt.dart';
import 'screen_state.dart';

const _safeSchemes = {'https', 'http', 'mailto', 'tel'};

/// A URL the app may open: http(s), mailto or tel only; null for anything else.
Uri? safeUrl(String value) {
  final uri = Uri.tryParse(value.trim());
  return uri != null && _safeSchemes.contains(uri.scheme.toLowerCase()) ? uri : null;
}

/// Show a short message at the bottom of the screen.
void showMessage(BuildContext context, Object? value, String level) {
  final colors = {
    'success': const Color(0xFF2E7D32),
    'warning': const Color(0xFFA15C00),
    'error': const Color(0xFFB00020),
  };
  ScaffoldMessenger.of(context).showSnackBar(
    SnackBar(content: Text(str(value)), backgroundColor: colors[level]),
  );
}

bool _failed(BuildContext context, Object error) {
  final message = error is OfflineFailure
      ? AppStrings.t('fc.needs_online')
      : error is ReadOnlyFailure
          ? AppStrings.t('fc.read_only')
      : error is CallFailure
          ? AppStrings.format('fc.call_invalid', {'names': error.names.join(', ')})
      : error is HttpFailure
          ? AppStrings.format('fc.server_refused', {'status': error.status})
          : AppStrings.t('fc.action_failed');
  showMessage(context, message, 'error');
  return false;
}

/// Run call operation `name` about `record` with `args`: its answer into the screen variable
/// at `target` (else a "Done" message); false stops the action chain.
Future<bool> callOperation(BuildContext context, ScreenState screen, String source, String entity,
    String name, Object? record, Rec args, Rec scope, List<String>? target) async {
  try {
    final value = await Repository.registry[source]!.runCall(entity, name, record, args, scope);
    if (target != null) {
      screen.set(target, value);
    } else if (context.mounted) {
      showMessage(context, AppStrings.t('fc.call_done'), 'success');
    }
    return true;
  } on Exception catch (e) {
    return context.mounted && _failed(context, e);
  }
}

/// Validate the screen's inputs, then create/update `record`; false stops the action chain.
Future<bool> submitForm(BuildContext context, ScreenState screen, String source, String entity,
    String kind, Object? record) async {
  if (!screen.validate()) {
    showMessage(context, AppStrings.t('fc.fix_errors'), 'warning');
    return false;
  }
  try {
    await Repository.registry[source]!.write(entity, kind, record is Map ? record : const {});
    return true;
  } on Exception catch (e) {
    return context.mounted && _failed(context, e);
  }
}

/// Delete the record with `key` (a key value or a record) after the user confirms.
Future<bool> deleteRecord(BuildContext context, String source, String entity, String keyField,
    Object? key, String? question) async {
  if (question != null) {
    final yes = await showDialog<bool>(
      context: context,
      builder: (context) => AlertDialog(
        content: Text(question),
        actions: [
          TextButton(onPressed: () => Navigator.pop(context, false), child: Text(AppStrings.t('fc.cancel'))),
          TextButton(onPressed: () => Navigator.pop(context, true), child: Text(AppStrings.t('fc.ok'))),
        ],
      ),
    );
    if (yes != true) return false;
  }
  final value = plain(key);
  try {
    await Repository.registry[source]!.write(entity, 'delete', value is Map ? value : {keyField: value});
    return true;
  } on Exception catch (e) {
    return context.mounted && _failed(context, e);
  }
}

Future<bool> _open(Uri? uri) async =>
    uri != null && await launchUrl(uri, mode: LaunchMode.externalApplication);

Future<bool> callPhone(Object? number) {
  final digits = str(number).replaceAll(RegExp(r'[^0-9+*#]'), '');
  return _open(digits.isEmpty ? null : Uri(scheme: 'tel', path: digits));
}

Future<bool> sendEmail(Object? to, Object? subject) {
  final address = str(to).trim();
  if (address.isEmpty || RegExp(r'[\s<>"]').hasMatch(address)) return Future.value(false);
  final topic = str(subject);
  return _open(Uri(scheme: 'mailto', path: address, query: topic.isEmpty ? null : 'subject=${Uri.encodeComponent(topic)}'));
}

Future<bool> openMap(Object? address) {
  final q = str(address).trim();
  return _open(q.isEmpty ? null : Uri.https('www.google.com', '/maps/search/', {'api': '1', 'query': q}));
}

Future<bool> openUrl(Object? url) => _open(safeUrl(str(url)));

/// Append a record to a list variable.
Rec appendItem(ScreenState screen, List<String> parts, Rec row) {
  final items = rt.get(screen.s, parts);
  return screen.set(parts, [...(items is List ? items : const []), plain(row)]);
}

/// Deliver the outbox now, then reload the screen's data.
Future<bool> syncNow(ScreenState screen) async {
  await Repository.flushAll(force: true);
  await screen.reload();
  return true;
}
