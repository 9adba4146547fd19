// Input widgets: a label above, error or help text below, and a value the screen owns.

import 'package:flutter/material.dart';
import 'package:flutter/services.dart';

/// Label, input and message of every input widget.
class FieldFrame extends StatelessWidget {
  const FieldFrame({super.key, required this.label, required this.child, this.error, this.helpText = ''});

  final String label;
  final Widget child;
  final String? error;
  final String helpText;

  @override
  Widget build(BuildContext context) {
    final theme = Theme.of(context);
    final message = error;
    return Column(
      crossAxisAlignment: CrossAxisAlignment.stretch,
      mainAxisSize: MainAxisSize.min,
      children: [
        if (label.isNotEmpty) Text(label, style: theme.textTheme.labelLarge),
        if (label.isNotEmpty) const SizedBox(height: 4),
        child,
        if (message != null)
          Semantics(liveRegion: true, child: Text(message, style: TextStyle(color: theme.colorScheme.error)))
        else if (helpText.isNotEmpty)
          Text(helpText, style: theme.textTheme.bodySmall),
      ],
    );
  }
}

class TextFieldInput extends StatefulWidget {
  const TextFieldInput({
    super.key,
    required this.label,
    required this.value,
    required this.onChanged,
    this.error,
    this.helpText = '',
    this.readOnly = false,
    this.semanticLabel = '',
    this.inputType = 'text',
    this.placeholder = '',
  });

  final String label;
  final String value;
  final ValueChanged<String> onChanged;
  final String? error;
  final String helpText;
  final bool readOnly;
  final String semanticLabel;
  final String inputType;
  final String placeholder;

  @override
  State<TextFieldInput> createState() => _TextFieldInputState();
}

class _TextFieldInputState extends State<TextFieldInput> {
  late final TextEditingController _controller = TextEditingController(text: widget.value);

  @override
  void didUpdateWidget(TextFieldInput old) {
    super.didUpdateWidget(old);
    if (widget.value != _controller.text) _controller.text = widget.value;
  }

  @override
  void dispose() {
    _controller.dispose();
    super.dispose();
  }

  @override
  Widget build(BuildContext context) {
    const keyboards = {
      'email': TextInputType.emailAddress,
      'phone': TextInputType.phone,
      'multiline': TextInputType.multiline,
    };
    final multiline = widget.inputType == 'multiline';
    return FieldFrame(
      label: widget.label,
      error: widget.error,
      helpText: widget.helpText,
      child: Semantics(
        label: widget.semanticLabel.isEmpty ? widget.label : widget.semanticLabel,
        child: TextField(
          controller: _controller,
          onChanged: widget.onChanged,
          readOnly: widget.readOnly,
          keyboardType: keyboards[widget.inputType] ?? TextInputType.text,
          obscureText: widget.inputType == 'password',
          minLines: multiline ? 3 : 1,
          maxLines: multiline ? 6 : 1,
          decoration: InputDecoration(
            hintText: widget.placeholder,
            border: const OutlineInputBorder(),
            errorText: widget.error == null ? null : '',
            isDense: true,
          ),
        ),
      ),
    );
  }
}

class NumberFieldInput extends StatelessWidget {
  const NumberFieldInput({
    super.key,
    required this.label,
    required this.value,
    required this.onChanged,
    this.error,
    this.helpText = '',
    this.readOnly = false,
    this.semanticLabel = '',
    this.decimals = 0,
    this.placeholder = '',
  });

  final String label;
  final num? value;
  final ValueChanged<num?> onChanged;
  final String? error;
  final String helpText;
  final bool readOnly;
  final String semanticLabel;
  final int decimals;
  final String placeholder;

  @override
  Widget build(BuildContext context) {
    return FieldFrame(
      label: label,
      error: error,
      helpText: helpText,
      child: Semantics(
        label: semanticLabel.isEmpty ? label : semanticLabel,
        child: TextFormField(
          initialValue: value?.toString() ?? '',
          readOnly: readOnly,
          keyboardType: TextInputType.numberWithOptions(decimal: decimals > 0, signed: true),
          inputFormatters: [FilteringTextInputFormatter.allow(RegExp(r'[-0-9.,]'))],
          onChanged: (text) {
            final trimmed = text.trim().replaceAll(',', '.');
            onChanged(trimmed.isEmpty ? null : num.tryParse(trimmed));
          },
          decoration: InputDecoration(hintText: placeholder, border: const OutlineInputBorder(), isDense: true),
        ),
      ),
    );
  }
}

class DateTimeFieldInput extends StatelessWidget {
  const DateTimeFieldInput({
    super.key,
    required this.label,
    required this.value,
    required this.onChanged,
    required this.mode,
    this.error,
    this.helpText = '',
    this.readOnly = false,
  });

  final String label;
  final String? value;
  final ValueChanged<String?> onChanged;
  final String mode;
  final String? error;
  final String helpText;
  final bool readOnly;

  Future<void> _pick(BuildContext context) async {
    if (mode == 'time') {
      final picked = await showTimePicker(context: context, initialTime: TimeOfDay.now());
      if (picked != null) {
        onChanged('${picked.hour.toString().padLeft(2, '0')}:${picked.minute.toString().padLeft(2, '0')}');
      }
      return;
    }
    final current = DateTime.tryParse(value ?? '') ?? DateTime.now();
    final picked = await showDatePicker(
        context: context, initialDate: current, firstDate: DateTime(1900), lastDate: DateTime(2200));
    if (picked != null) onChanged(picked.toIso8601String().substring(0, 10));
  }

  @override
  Widget build(BuildContext context) {
    return FieldFrame(
      label: label,
      error: error,
      helpText: helpText,
      child: OutlinedButton.icon(
        onPressed: readOnly ? null : () => _pick(context),
        icon: Icon(mode == 'time' ? Icons.schedule : Icons.event),
        label: Align(alignment: Alignment.centerLeft, child: Text(value ?? '')),
      ),
    );
  }
}

class SelectFieldInput extends StatelessWidget {
  const SelectFieldInput({
    super.key,
    required this.label,
    required this.value,
    required this.onChanged,
    required this.options,
    this.error,
    this.helpText = '',
    this.readOnly = false,
    this.placeholder = '',
  });

  final String label;
  final String? value;
  final ValueChanged<String?> onChanged;
  final List<({String value, String label})> options;
  final String? error;
  final String helpText;
  final bool readOnly;
  final String placeholder;

  @override
  Widget build(BuildContext context) {
    final known = options.any((o) => o.value == value);
    return FieldFrame(
      label: label,
      error: error,
      helpText: helpText,
      child: DropdownButtonFormField<String>(
        value: known ? value : null,
        hint: Text(placeholder),
        isExpanded: true,
        decoration: const InputDecoration(border: OutlineInputBorder(), isDense: true),
        items: [for (final o in options) DropdownMenuItem(value: o.value, child: Text(o.label))],
        onChanged: readOnly ? null : onChanged,
      ),
    );
  }
}

class RadioGroupInput extends StatelessWidget {
  const RadioGroupInput({
    super.key,
    required this.label,
    required this.value,
    required this.onChanged,
    required this.options,
    this.error,
    this.helpText = '',
    this.readOnly = false,
  });

  final String label;
  final String? value;
  final ValueChanged<String?> onChanged;
  final List<({String value, String label})> options;
  final String? error;
  final String helpText;
  final bool readOnly;

  @override
  Widget build(BuildContext context) {
    return FieldFrame(
      label: label,
      error: error,
      helpText: helpText,
      child: Column(
        mainAxisSize: MainAxisSize.min,
        children: [
          for (final o in options)
            RadioListTile<String>(
              value: o.value,
              groupValue: value,
              title: Text(o.label),
              dense: true,
              onChanged: readOnly ? null : onChanged,
            ),
        ],
      ),
    );
  }
}

class ToggleInput extends StatelessWidget {
  const ToggleInput({
    super.key,
    required this.label,
    required this.value,
    required this.onChanged,
    required this.kind,
    this.error,
    this.helpText = '',
    this.readOnly = false,
  });

  final String label;
  final bool value;
  final ValueChanged<bool> onChanged;
  final String kind;
  final String? error;
  final String helpText;
  final bool readOnly;

  @override
  Widget build(BuildContext context) {
    final tile = kind == 'switch'
        ? SwitchListTile(value: value, title: Text(label), onChanged: readOnly ? null : onChanged)
        : CheckboxListTile(
            value: value,
            title: Text(label),
            controlAffinity: ListTileControlAffinity.leading,
            onChanged: readOnly ? null : (v) => onChanged(v ?? false),
          );
    return FieldFrame(label: '', error: error, helpText: helpText, child: tile);
  }
}

class SliderInput extends StatelessWidget {
  const SliderInput({
    super.key,
    required this.label,
    required this.value,
    required this.onChanged,
    required this.min,
    required this.max,
    required this.step,
    this.error,
    this.helpText = '',
    this.readOnly = false,
  });

  final String label;
  final num? value;
  final ValueChanged<num?> onChanged;
  final double min;
  final double max;
  final double step;
  final String? error;
  final String helpText;
  final bool readOnly;

  @override
  Widget build(BuildContext context) {
    final current = (value ?? min).toDouble().clamp(min, max);
    final divisions = max > min ? ((max - min) / step).round() : null;
    return FieldFrame(
      label: label,
      error: error,
      helpText: helpText,
      child: Slider(
        value: current,
        min: min,
        max: max,
        divisions: divisions != null && divisions > 0 ? divisions : null,
        label: current.toString(),
        onChanged: readOnly ? null : onChanged,
      ),
    );
  }
}
