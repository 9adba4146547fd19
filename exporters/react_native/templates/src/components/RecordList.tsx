import { Fragment, useMemo, useState, type ReactNode } from "react";
import { Pressable, ScrollView, StyleSheet, Text, TextInput, View, type StyleProp, type ViewStyle } from "react-native";

import { isRecord, text, type Rec } from "../runtime/rt";
import { strings } from "../strings";
import { theme } from "../theme";
import { Divider } from "./Divider";
import { Icon } from "./Icon";

export interface RecordListProps {
  items: readonly Rec[];
  renderItem: (item: Rec, index: number) => ReactNode;
  onItemPress?: (item: Rec) => void;
  searchable?: boolean;
  searchPlaceholder?: string;
  emptyText?: string;
  divider?: boolean;
  /** The list has a bounded height: its items scroll inside it. */
  scrolls?: boolean;
  style?: StyleProp<ViewStyle>;
}

function matches(item: Rec, query: string): boolean {
  return Object.values(item).some((v) => !isRecord(v) && (text(v) ?? "").toLowerCase().includes(query));
}

/** Repeats its item template for every record; optional search box and tap per item. */
export function RecordList({ items, renderItem, onItemPress, searchable, searchPlaceholder,
  emptyText, divider = true, scrolls = false, style }: RecordListProps) {
  const [query, setQuery] = useState("");
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? items.filter((item) => matches(item, q)) : items;
  }, [items, query]);
  const rows = <Rows shown={shown} renderItem={renderItem} onItemPress={onItemPress} divider={divider} />;
  return (
    <View style={[scrolls && styles.bounded, style]}>
      {searchable ? (
        <View style={styles.search}>
          <Icon name="search" size={20} color={theme.colors.muted} />
          <TextInput
            accessibilityLabel={searchPlaceholder || strings.t("fc.search")}
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
      {scrolls ? (
        <ScrollView nestedScrollEnabled style={styles.scroller}>
          {rows}
        </ScrollView>
      ) : rows}
    </View>
  );
}

function Rows({ shown, renderItem, onItemPress, divider }: {
  shown: readonly Rec[];
  renderItem: (item: Rec, index: number) => ReactNode;
  onItemPress?: (item: Rec) => void;
  divider: boolean;
}) {
  return (
    <>
      {shown.map((item, index) => (
        <Fragment key={index}>
          {divider && index > 0 ? <Divider /> : null}
          {onItemPress ? (
            <Pressable
              accessibilityRole="button"
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
    </>
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
  scroller: { flex: 1 },
  bounded: { overflow: "hidden" },
  empty: { padding: 16, textAlign: "center", color: theme.colors.muted },
  item: { paddingVertical: 10 },
  pressed: { backgroundColor: theme.colors.surface },
});
