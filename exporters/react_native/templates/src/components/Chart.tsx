import { StyleSheet, Text, View } from "react-native";

import { get, number, str, type Rec } from "../runtime/rt";
import { theme } from "../theme";

export interface ChartProps {
  type: "bar" | "line" | "pie";
  title: string;
  items: readonly Rec[];
  labelField: string;
  valueField: string;
  height?: number;
  accessibilityLabel?: string;
}

/** A horizontal bar chart of `valueField` per `labelField` (line and pie data are drawn as bars). */
export function Chart({ title, items, labelField, valueField, height = 200, accessibilityLabel }: ChartProps) {
  const points = items.map((item) => ({
    label: str(get(item, [labelField])),
    value: number(get(item, [valueField])) ?? 0,
  }));
  const top = Math.max(1, ...points.map((p) => Math.abs(p.value)));
  const summary = points.map((p) => `${p.label}: ${p.value}`).join(", ");
  return (
    <View accessible accessibilityLabel={accessibilityLabel || title} accessibilityValue={{ text: summary }}
      style={[styles.chart, { minHeight: Math.min(height, 80) }]}>
      {title ? <Text style={styles.title}>{title}</Text> : null}
      {points.map((p, i) => (
        <View key={i} style={styles.row}>
          <Text numberOfLines={1} style={styles.label}>{p.label}</Text>
          <View style={styles.track}>
            <View style={[styles.bar, { width: `${Math.round((Math.abs(p.value) / top) * 100)}%` }]} />
          </View>
          <Text style={styles.value}>{String(p.value)}</Text>
        </View>
      ))}
    </View>
  );
}

const styles = StyleSheet.create({
  chart: { gap: 6, padding: 8, borderRadius: theme.radius, backgroundColor: theme.colors.surface },
  title: { fontWeight: "700", color: theme.colors.text },
  row: { flexDirection: "row", alignItems: "center", gap: 8 },
  label: { width: 96, fontSize: 12, color: theme.colors.muted },
  track: { flex: 1, height: 12 },
  bar: { height: 12, borderRadius: 3, backgroundColor: theme.colors.secondary },
  value: { minWidth: 48, fontSize: 12, textAlign: "right", color: theme.colors.text },
});
