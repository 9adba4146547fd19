// Conflicts to decide (entities with the ask_user policy): the sync banner's Resolve button opens
// a dialog listing them with "Keep mine" (send this device's version again) and "Use server".

import 'package:flutter/material.dart';

import '../data/core.dart';
import '../l10n/strings.dart';

/// The app's navigator: the sync banner sits above it, so it opens dialogs through this key.
final GlobalKey<NavigatorState> appNavigatorKey = GlobalKey<NavigatorState>();

/// A conflict waiting in one repository's outbox.
typedef OpenConflict = ({Repository repository, int seq, String entity, List<String> fields});

/// Every conflict waiting for the user, across all data sources.
Future<List<OpenConflict>> openConflicts() async {
  final out = <OpenConflict>[];
  for (final repo in Repository.registry.values) {
    for (final c in await repo.conflicts()) {
      out.add((repository: repo, seq: c.seq, entity: c.entity, fields: c.fields));
    }
  }
  return out;
}

/// Open the conflicts dialog over the current screen.
Future<void> showConflicts() async {
  final context = appNavigatorKey.currentContext;
  if (context == null) return;
  await showDialog<void>(context: context, builder: (_) => const ConflictsDialog());
}

/// Lists the conflicts; each is resolved with `Repository.resolve` (mine or the server's).
class ConflictsDialog extends StatefulWidget {
  const ConflictsDialog({super.key});

  @override
  State<ConflictsDialog> createState() => _ConflictsDialogState();
}

class _ConflictsDialogState extends State<ConflictsDialog> {
  List<OpenConflict>? _conflicts;
  bool _busy = false;

  @override
  void initState() {
    super.initState();
    _load();
  }

  Future<void> _load() async {
    final found = await openConflicts();
    if (!mounted) return;
    if (found.isEmpty) {
      Navigator.of(context).pop();
      return;
    }
    setState(() => _conflicts = found);
  }

  Future<void> _resolve(OpenConflict conflict, {required bool mine}) async {
    setState(() => _busy = true);
    try {
      await conflict.repository.resolve(conflict.seq, mine: mine);
    } finally {
      if (mounted) setState(() => _busy = false);
    }
    await _load();
  }

  Widget _item(OpenConflict c) {
    return Padding(
      padding: const EdgeInsets.symmetric(vertical: 8),
      child: Column(
        crossAxisAlignment: CrossAxisAlignment.start,
        children: [
          Text(AppStrings.format('fc.conflict', {'entity': c.entity, 'fields': c.fields.join(', ')})),
          const SizedBox(height: 8),
          Wrap(
            spacing: 8,
            runSpacing: 8,
            children: [
              FilledButton(
                onPressed: _busy ? null : () => _resolve(c, mine: true),
                child: Text(AppStrings.t('fc.keep_mine')),
              ),
              OutlinedButton(
                onPressed: _busy ? null : () => _resolve(c, mine: false),
                child: Text(AppStrings.t('fc.use_server')),
              ),
            ],
          ),
        ],
      ),
    );
  }

  @override
  Widget build(BuildContext context) {
    final conflicts = _conflicts;
    return AlertDialog(
      title: Text(AppStrings.format('fc.conflicts', {'count': conflicts?.length ?? 0})),
      content: SizedBox(
        width: double.maxFinite,
        child: conflicts == null
            ? const Center(child: CircularProgressIndicator())
            : ListView(shrinkWrap: true, children: [for (final c in conflicts) _item(c)]),
      ),
      actions: [
        TextButton(
          onPressed: () => Navigator.of(context).pop(),
          child: Text(AppStrings.t('fc.close')),
        ),
      ],
    );
  }
}
