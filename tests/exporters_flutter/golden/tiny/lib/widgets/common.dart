// Buttons, cards, lists, tabs, charts, links and the sync banner used by generated screens.

import 'package:flutter/material.dart';
import 'package:url_launcher/url_launcher.dart';

import '../data/core.dart';
import '../l10n/strings.dart';
import '../runtime/actions.dart';
import '../runtime/rt.dart';
import 'conflicts.dart';
import 'icons.dart';

class AppButton extends StatelessWidget {
  const AppButton({
    super.key,
    required this.title,
    this.variant = 'primary',
    this.icon = '',
    this.enabled = true,
    this.onPressed,
    this.semanticLabel = '',
  });

  final String title;
  final String variant;
  final String icon;
  final bool enabled;
  final VoidCallback? onPressed;
  final String semanticLabel;

  @override
  Widget build(BuildContext context) {
    final action = enabled ? onPressed : null;
    final label = Text(title);
    final glyph = icon.isEmpty ? null : Icon(iconFor(icon), size: 18);
    final Widget button = switch (variant) {
      'secondary' => glyph == null
          ? OutlinedButton(onPressed: action, child: label)
          : OutlinedButton.icon(onPressed: action, icon: glyph, label: label),
      'text' => glyph == null
          ? TextButton(onPressed: action, child: label)
          : TextButton.icon(onPressed: action, icon: glyph, label: label),
      'danger' => FilledButton(
          onPressed: action,
          style: FilledButton.styleFrom(backgroundColor: Theme.of(context).colorScheme.error),
          child: label,
        ),
      _ => glyph == null
          ? FilledButton(onPressed: action, child: label)
          : FilledButton.icon(onPressed: action, icon: glyph, label: label),
    };
    return semanticLabel.isEmpty ? button : Semantics(label: semanticLabel, button: true, child: button);
  }
}

class AppCard extends StatelessWidget {
  const AppCard({super.key, this.title = '', this.elevation = 1, this.onTap, required this.children});

  final String title;
  final double elevation;
  final VoidCallback? onTap;
  final List<Widget> children;

  @override
  Widget build(BuildContext context) {
    return Card(
      elevation: elevation,
      child: InkWell(
        onTap: onTap,
        child: Padding(
          padding: const EdgeInsets.all(12),
          child: Column(
            crossAxisAlignment: CrossAxisAlignment.stretch,
            mainAxisSize: MainAxisSize.min,
            children: [
              if (title.isNotEmpty)
                Semantics(header: true, child: Text(title, style: Theme.of(context).textTheme.titleMedium)),
              ...children,
            ],
          ),
        ),
      ),
    );
  }
}

/// Repeats its item template for every record; optional search box and tap per item.
class RecordList extends StatefulWidget {
  const RecordList({
    super.key,
    required this.items,
    required this.itemBuilder,
    this.onItemTap,
    this.searchable = false,
    this.searchPlaceholder = '',
    this.emptyText = '',
    this.divider = true,
    this.scrolls = false,
  });

  final List<Rec> items;
  final Widget Function(BuildContext context, Rec item) itemBuilder;
  final void Function(Rec item)? onItemTap;
  final bool searchable;
  final String searchPlaceholder;
  final String emptyText;
  final bool divider;

  /// The list has a bounded height: its items scroll inside it.
  final bool scrolls;

  @override
  State<RecordList> createState() => _RecordListState();
}

class _RecordListState extends State<RecordList> {
  String _query = '';

  bool _matches(Rec item) =>
      item.values.any((v) => v is! Map && (text(v) ?? '').toLowerCase().contains(_query));

  @override
  Widget build(BuildContext context) {
    final shown = _query.isEmpty ? widget.items : widget.items.where(_matches).toList();
    final onTap = widget.onItemTap;
    final rows = [
      for (final (index, item) in shown.indexed) ...[
        if (widget.divider && index > 0) const Divider(height: 1),
        InkWell(
          onTap: onTap == null ? null : () => onTap(item),
          child: Padding(
            padding: const EdgeInsets.symmetric(vertical: 10),
            child: widget.itemBuilder(context, item),
          ),
        ),
      ],
    ];
    return Column(
      crossAxisAlignment: CrossAxisAlignment.stretch,
      mainAxisSize: widget.scrolls ? MainAxisSize.max : MainAxisSize.min,
      children: [
        if (widget.searchable)
          Padding(
            padding: const EdgeInsets.only(bottom: 8),
            child: TextField(
              decoration: InputDecoration(
                prefixIcon: const Icon(Icons.search),
                hintText: widget.searchPlaceholder.isEmpty ? AppStrings.t('fc.search') : widget.searchPlaceholder,
                border: const OutlineInputBorder(),
                isDense: true,
              ),
              onChanged: (q) => setState(() => _query = q.trim().toLowerCase()),
            ),
          ),
        if (shown.isEmpty)
          Padding(
            padding: const EdgeInsets.all(16),
            child: Text(widget.emptyText, textAlign: TextAlign.center),
          ),
        if (widget.scrolls)
          Expanded(child: ListView(children: rows))
        else
          ...rows,
      ],
    );
  }
}

class TabPage {
  const TabPage(this.title, this.icon, this.builder);

  final String title;
  final String icon;
  final WidgetBuilder builder;
}

class TabsView extends StatefulWidget {
  const TabsView({super.key, required this.pages});

  final List<TabPage> pages;

  @override
  State<TabsView> createState() => _TabsViewState();
}

class _TabsViewState extends State<TabsView> {
  int _selected = 0;

  @override
  Widget build(BuildContext context) {
    if (widget.pages.isEmpty) return const SizedBox.shrink();
    final page = widget.pages[_selected.clamp(0, widget.pages.length - 1)];
    return Column(
      crossAxisAlignment: CrossAxisAlignment.stretch,
      mainAxisSize: MainAxisSize.min,
      children: [
        SegmentedButton<int>(
          segments: [
            for (final (i, p) in widget.pages.indexed)
              ButtonSegment(
                value: i,
                label: Text(p.title),
                icon: p.icon.isEmpty ? null : Icon(iconFor(p.icon)),
              ),
          ],
          selected: {_selected},
          onSelectionChanged: (s) => setState(() => _selected = s.first),
        ),
        const SizedBox(height: 8),
        page.builder(context),
      ],
    );
  }
}

/// A horizontal bar chart of `valueField` per `labelField` (line and pie data are drawn as bars).
class ChartView extends StatelessWidget {
  const ChartView({
    super.key,
    required this.title,
    required this.items,
    required this.labelField,
    required this.valueField,
    this.semanticLabel = '',
  });

  final String title;
  final List<Rec> items;
  final String labelField;
  final String valueField;
  final String semanticLabel;

  @override
  Widget build(BuildContext context) {
    final points = [
      for (final item in items) (label: str(item[labelField]), value: number(item[valueField]) ?? 0),
    ];
    final top = points.fold<num>(1, (m, p) => p.value.abs() > m ? p.value.abs() : m);
    final color = Theme.of(context).colorScheme.secondary;
    return Semantics(
      label: semanticLabel.isEmpty ? title : semanticLabel,
      value: points.map((p) => '${p.label}: ${p.value}').join(', '),
      child: Column(
        crossAxisAlignment: CrossAxisAlignment.stretch,
        mainAxisSize: MainAxisSize.min,
        children: [
          if (title.isNotEmpty) Text(title, style: Theme.of(context).textTheme.titleSmall),
          for (final p in points)
            Row(
              children: [
                SizedBox(width: 96, child: Text(p.label, overflow: TextOverflow.ellipsis)),
                Expanded(
                  child: FractionallySizedBox(
                    alignment: Alignment.centerLeft,
                    widthFactor: (p.value.abs() / top).toDouble(),
                    child: Container(height: 12, color: color),
                  ),
                ),
                SizedBox(width: 56, child: Text('${p.value}', textAlign: TextAlign.right)),
              ],
            ),
        ],
      ),
    );
  }
}

/// Where a place is, with a button opening the device's maps app (no embedded map tiles).
class MapPreview extends StatelessWidget {
  const MapPreview({super.key, required this.address, this.coordinates = '', this.height = 180});

  final String address;
  final String coordinates;
  final double height;

  @override
  Widget build(BuildContext context) {
    final query = coordinates.isEmpty ? address : coordinates;
    return Container(
      constraints: BoxConstraints(minHeight: height < 120 ? height : 120),
      padding: const EdgeInsets.all(12),
      decoration: BoxDecoration(
        color: Theme.of(context).colorScheme.surfaceContainerHighest,
        borderRadius: BorderRadius.circular(8),
      ),
      child: Column(
        mainAxisAlignment: MainAxisAlignment.center,
        children: [
          Icon(Icons.place, size: 32, color: Theme.of(context).colorScheme.primary),
          Text(query, textAlign: TextAlign.center),
          TextButton.icon(
            onPressed: query.isEmpty ? null : () => openMap(query),
            icon: const Icon(Icons.directions),
            label: Text(AppStrings.t('fc.open_map')),
          ),
        ],
      ),
    );
  }
}

/// A link opening an http(s) page in the browser; other schemes are not opened.
class WebLinkText extends StatelessWidget {
  const WebLinkText({super.key, required this.text, required this.url, this.onTap});

  final String text;
  final String url;
  final VoidCallback? onTap;

  @override
  Widget build(BuildContext context) {
    final uri = safeUrl(url);
    return InkWell(
      onTap: () {
        if (uri != null) launchUrl(uri, mode: LaunchMode.externalApplication);
        onTap?.call();
      },
      child: Text(
        text,
        style: TextStyle(
          color: Theme.of(context).colorScheme.primary,
          decoration: TextDecoration.underline,
        ),
      ),
    );
  }
}

/// Offline notice, changes waiting to be sent, and conflicts to decide (Resolve opens them).
class SyncBanner extends StatelessWidget {
  const SyncBanner({super.key});

  @override
  Widget build(BuildContext context) {
    return ValueListenableBuilder<SyncStatus>(
      valueListenable: Repository.status,
      builder: (context, status, _) {
        final lines = [
          if (!status.online) AppStrings.t('fc.offline'),
          if (status.pending > 0) AppStrings.format('fc.pending', {'count': status.pending}),
          if (status.failed > 0) AppStrings.format('fc.failed', {'count': status.failed}),
          if (status.conflicts > 0) AppStrings.format('fc.conflicts', {'count': status.conflicts}),
        ];
        if (lines.isEmpty) return const SizedBox.shrink();
        return Material(
          color: Theme.of(context).colorScheme.surfaceContainerHighest,
          child: Padding(
            padding: const EdgeInsets.symmetric(horizontal: 16, vertical: 8),
            child: Row(
              children: [
                Expanded(child: Semantics(liveRegion: true, child: Text(lines.join(' · ')))),
                if (status.conflicts > 0)
                  TextButton(
                    onPressed: () => showConflicts(),
                    child: Text(AppStrings.t('fc.resolve')),
                  ),
              ],
            ),
          ),
        );
      },
    );
  }
}
