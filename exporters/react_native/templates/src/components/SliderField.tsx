import { StyleSheet, Text, View } from "react-native";

import { strings } from "../strings";
import { theme } from "../theme";
import { Button } from "./Button";
import { Field, type FieldProps } from "./Field";

export interface SliderFieldProps extends FieldProps<number | null> {
  min: number;
  max: number;
  step: number;
}

/** A bounded number changed in steps (an adjustable control screen readers can operate). */
export function SliderField({ label, value, onChange, error, helpText, readOnly, accessibilityLabel,
  style, min, max, step }: SliderFieldProps) {
  const current = value ?? min;
  const set = (next: number): void => onChange(Math.min(max, Math.max(min, next)));
  const share = max > min ? (current - min) / (max - min) : 0;
  return (
    <Field label={label} error={error} helpText={helpText} style={style}>
      <View
        accessible
        accessibilityRole="adjustable"
        accessibilityLabel={accessibilityLabel || label}
        accessibilityValue={{ min, max, now: current }}
        accessibilityActions={[{ name: "increment" }, { name: "decrement" }]}
        onAccessibilityAction={(e) => set(current + (e.nativeEvent.actionName === "increment" ? step : -step))}
        style={styles.row}
      >
        <Button title="−" variant="secondary" disabled={readOnly || current <= min} onPress={() => set(current - step)} accessibilityLabel={strings.format("fc.decrease", { label })} />
        <View style={styles.track}>
          <View style={[styles.fill, { width: `${Math.round(share * 100)}%` }]} />
        </View>
        <Text style={styles.value}>{String(current)}</Text>
        <Button title="+" variant="secondary" disabled={readOnly || current >= max} onPress={() => set(current + step)} accessibilityLabel={strings.format("fc.increase", { label })} />
      </View>
    </Field>
  );
}

const styles = StyleSheet.create({
  row: { flexDirection: "row", alignItems: "center", gap: 8 },
  track: { flex: 1, height: 6, borderRadius: 3, backgroundColor: theme.colors.border, overflow: "hidden" },
  fill: { height: 6, backgroundColor: theme.colors.primary },
  value: { minWidth: 40, textAlign: "center", color: theme.colors.text },
});
