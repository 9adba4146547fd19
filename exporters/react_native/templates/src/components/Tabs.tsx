import { useState, type ReactNode } from "react";
import { Pressable, StyleSheet, Text, View, type StyleProp, type ViewStyle } from "react-native";

import { theme } from "../theme";
import { Icon } from "./Icon";

export interface TabPage {
  title: string;
  icon?: string;
  render: () => ReactNode;
}

/** Tab headers with the selected page below. */
export function Tabs({ pages, style }: { pages: readonly TabPage[]; style?: StyleProp<ViewStyle> }) {
  const [selected, setSelected] = useState(0);
  const page = pages[Math.min(selected, pages.length - 1)];
  return (
    <View style={style}>
      <View accessibilityRole="tablist" style={styles.bar}>
        {pages.map((p, i) => (
          <Pressable key={i} accessibilityRole="tab" accessibilityState={{ selected: i === selected }}
            onPress={() => setSelected(i)} style={[styles.tab, i === selected && styles.active]}>
            {p.icon ? <Icon name={p.icon} size={18} color={i === selected ? theme.colors.primary : theme.colors.muted} /> : null}
            <Text style={[styles.title, i === selected && styles.activeTitle]}>{p.title}</Text>
          </Pressable>
        ))}
      </View>
      {page ? page.render() : null}
    </View>
  );
}

const styles = StyleSheet.create({
  bar: { flexDirection: "row", borderBottomWidth: 1, borderColor: theme.colors.border, marginBottom: 8 },
  tab: { flex: 1, alignItems: "center", paddingVertical: 10, gap: 2 },
  active: { borderBottomWidth: 2, borderColor: theme.colors.primary },
  title: { color: theme.colors.muted, fontWeight: "600" },
  activeTitle: { color: theme.colors.primary },
});
