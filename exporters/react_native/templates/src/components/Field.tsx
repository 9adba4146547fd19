import type { ReactNode } from "react";
import { StyleSheet, Text, View, type StyleProp, type ViewStyle } from "react-native";

import { theme } from "../theme";

/** Props every input widget takes. */
export interface FieldProps<T> {
  label: string;
  value: T;
  onChange: (value: T) => void;
  error?: string | null;
  helpText?: string;
  readOnly?: boolean;
  accessibilityLabel?: string;
  style?: StyleProp<ViewStyle>;
}

/** Label above, error or help text below an input. */
export function Field({ label, error, helpText, style, children }: {
  label: string;
  error?: string | null;
  helpText?: string;
  style?: StyleProp<ViewStyle>;
  children: ReactNode;
}) {
  return (
    <View style={[styles.field, style]}>
      {label ? <Text style={styles.label}>{label}</Text> : null}
      {children}
      {error ? (
        <Text accessibilityRole="alert" accessibilityLiveRegion="polite" style={styles.error}>{error}</Text>
      ) : helpText ? (
        <Text style={styles.help}>{helpText}</Text>
      ) : null}
    </View>
  );
}

export const fieldStyles = StyleSheet.create({
  input: {
    minHeight: 44,
    borderWidth: 1,
    borderColor: theme.colors.border,
    borderRadius: theme.radius,
    paddingHorizontal: 12,
    paddingVertical: 8,
    fontSize: 16,
    color: theme.colors.text,
    backgroundColor: theme.colors.background,
    fontFamily: theme.fontFamily,
  },
  invalid: { borderColor: theme.colors.danger },
  readOnly: { backgroundColor: theme.colors.surface },
});

const styles = StyleSheet.create({
  field: { gap: 4 },
  label: { fontSize: 14, fontWeight: "600", color: theme.colors.text, fontFamily: theme.fontFamily },
  error: { fontSize: 13, color: theme.colors.danger },
  help: { fontSize: 13, color: theme.colors.muted },
});
