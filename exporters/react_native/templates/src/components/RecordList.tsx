import { Fragment, useMemo, useState, type ReactNode } from "react";
import { Pressable, StyleSheet, Text, TextInput, View, type StyleProp, type ViewStyle } from "react-native";

import { isRecord, text, type Rec } from "../runtime/rt";
import { theme } from "../theme";
import { Divider } from "./Divider";
import { Icon } from "./Icon";

export interface RecordListProps {
  items: readonly Rec[];
  renderItem: (item: Rec, index: number) => ReactNode;
  onItemPress?: (item: Rec) => void;
  itemLabel?: (item: Rec) => string;
  searchable?: boolean;
  searchPlaceholder?: string;
  emptyText?: string;
  divider?: boolean;
  style?: StyleProp<ViewStyle>;
}

function matches(item: Rec, query: string): boolean {
  return Object.values(item).some((v) => !isRecord(v) && (text(v) ?? "").toLowerCase().includes(query));
}

/** Repeats its item template for every record; optional search box and tap per item. */
export function RecordList({ items, renderItem, onItemPress, itemLabel, searchable, searchPlaceholder,
  emptyText, divider = true, style }: RecordListProps) {
  const [query, setQuery] = useState("");
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? items.filter((item) => matches(item, q)) : items;
  }, [items, query]);
  return (
    <View style={style}>
      {searchable ? (
        <View style={styles.search}>
          <Icon name="search" size={20} color={theme.colors.muted} />
          <TextInput
            accessibilityLabel={searchPlaceholder || "Search"}
            accessibilityRole="search"
            value={query}
            onChangeText={setQuery}
            placeholder={searchPlaceholder}
            placeholderTextColor={theme.colors.muted}
            style={styles.searchInput}
          />
        </View>
      ) : null}
      {shown.length === 0 ? <Text style={styles.empty}>{emptyText}</Text> : null}
      {shown.map((item, index) => (
        <Fragment key={index}>
          {divider && index > 0 ? <Divider /> : null}
          {onItemPress ? (
            <Pressable
              accessibilityRole="button"
              accessibilityLabel={itemLabel?.(item)}
              onPress={() => onItemPress(item)}
              style={({ pressed }) => [styles.item, pressed && styles.pressed]}
            >
              {renderItem(item, index)}
            </Pressable>
          ) : (
            <View style={styles.item}>{renderItem(item, index)}</View>
          )}
        </Fragment>
      ))}
    </View>
  );
}

const styles = StyleSheet.create({
  search: {
    flexDirection: "row",
    alignItems: "center",
    gap: 8,
    paddingHorizontal: 12,
    marginBottom: 8,
    borderRadius: theme.radius,
    backgroundColor: theme.colors.surface,
  },
  searchInput: { flex: 1, minHeight: 44, fontSize: 16, color: theme.colors.text },
  empty: { padding: 16, textAlign: "center", color: theme.colors.muted },
  item: { paddingVertical: 10 },
  pressed: { backgroundColor: theme.colors.surface },
});
