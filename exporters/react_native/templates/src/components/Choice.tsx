import { useState } from "react";
import { Modal, Pressable, ScrollView, StyleSheet, Switch, Text, View } from "react-native";

import { theme } from "../theme";
import { Field, fieldStyles, type FieldProps } from "./Field";

export interface Option {
  value: string;
  label: string;
}

export interface ChoiceProps extends FieldProps<string | null> {
  options: readonly Option[];
  placeholder?: string;
}

/** A dropdown: the current choice, opening a list of options. */
export function SelectField({ label, value, onChange, error, helpText, readOnly, accessibilityLabel,
  style, options, placeholder }: ChoiceProps) {
  const [open, setOpen] = useState(false);
  const current = options.find((o) => o.value === value);
  return (
    <Field label={label} error={error} helpText={helpText} style={style}>
      <Pressable
        accessibilityRole="button"
        accessibilityLabel={accessibilityLabel || label}
        accessibilityState={{ disabled: Boolean(readOnly), expanded: open }}
        disabled={readOnly}
        onPress={() => setOpen(true)}
        style={[fieldStyles.input, styles.select, error ? fieldStyles.invalid : null]}
      >
        <Text style={current ? styles.value : styles.placeholder}>{current?.label ?? placeholder ?? ""}</Text>
      </Pressable>
      <Modal visible={open} transparent animationType="fade" onRequestClose={() => setOpen(false)}>
        <Pressable style={styles.backdrop} onPress={() => setOpen(false)}>
          <View style={styles.sheet}>
            <ScrollView>
              {options.map((o) => (
                <Pressable
                  key={o.value}
                  accessibilityRole="menuitem"
                  accessibilityState={{ selected: o.value === value }}
                  onPress={() => {
                    onChange(o.value);
                    setOpen(false);
                  }}
                  style={styles.option}
                >
                  <Text style={[styles.value, o.value === value && styles.selected]}>{o.label}</Text>
                </Pressable>
              ))}
            </ScrollView>
          </View>
        </Pressable>
      </Modal>
    </Field>
  );
}

export function RadioGroup({ label, value, onChange, error, helpText, readOnly, style,
  options }: ChoiceProps) {
  return (
    <Field label={label} error={error} helpText={helpText} style={style}>
      <View accessibilityRole="radiogroup" accessibilityLabel={label} style={styles.group}>
        {options.map((o) => (
          <Pressable
            key={o.value}
            accessibilityRole="radio"
            accessibilityLabel={o.label}
            accessibilityState={{ checked: o.value === value, disabled: Boolean(readOnly) }}
            disabled={readOnly}
            onPress={() => onChange(o.value)}
            style={styles.radio}
          >
            <View style={[styles.dot, o.value === value && styles.dotOn]} />
            <Text style={styles.value}>{o.label}</Text>
          </Pressable>
        ))}
      </View>
    </Field>
  );
}

export interface ToggleProps extends FieldProps<boolean> {
  kind: "checkbox" | "switch";
}

export function ToggleField({ label, value, onChange, error, helpText, readOnly, accessibilityLabel,
  style, kind }: ToggleProps) {
  const control = kind === "switch" ? (
    <Switch
      accessibilityLabel={accessibilityLabel || label}
      value={value}
      onValueChange={onChange}
      disabled={readOnly}
      trackColor={{ true: theme.colors.primary, false: theme.colors.border }}
    />
  ) : (
    <Pressable
      accessibilityRole="checkbox"
      accessibilityLabel={accessibilityLabel || label}
      accessibilityState={{ checked: value, disabled: Boolean(readOnly) }}
      disabled={readOnly}
      onPress={() => onChange(!value)}
      style={[styles.box, value && styles.boxOn]}
    >
      {value ? <Text style={styles.tick}>✓</Text> : null}
    </Pressable>
  );
  return (
    <Field label="" error={error} helpText={helpText} style={style}>
      <View style={styles.toggle}>
        {control}
        <Text style={styles.value}>{label}</Text>
      </View>
    </Field>
  );
}

const styles = StyleSheet.create({
  select: { justifyContent: "center" },
  value: { fontSize: 16, color: theme.colors.text, fontFamily: theme.fontFamily },
  placeholder: { fontSize: 16, color: theme.colors.muted },
  selected: { fontWeight: "700", color: theme.colors.primary },
  backdrop: { flex: 1, backgroundColor: "rgba(0,0,0,0.35)", justifyContent: "center", padding: 24 },
  sheet: { backgroundColor: theme.colors.background, borderRadius: theme.radius, maxHeight: "70%", paddingVertical: 8 },
  option: { paddingHorizontal: 16, paddingVertical: 12 },
  group: { gap: 8 },
  radio: { flexDirection: "row", alignItems: "center", gap: 10, minHeight: 36 },
  dot: { width: 20, height: 20, borderRadius: 10, borderWidth: 2, borderColor: theme.colors.muted },
  dotOn: { borderColor: theme.colors.primary, borderWidth: 6 },
  toggle: { flexDirection: "row", alignItems: "center", gap: 10, minHeight: 40 },
  box: { width: 24, height: 24, borderRadius: 4, borderWidth: 2, borderColor: theme.colors.muted,
    alignItems: "center", justifyContent: "center" },
  boxOn: { backgroundColor: theme.colors.primary, borderColor: theme.colors.primary },
  tick: { color: theme.colors.onPrimary, fontWeight: "700" },
});
