import { Linking, StyleSheet, Text, View } from "react-native";

import { strings } from "../strings";
import { theme } from "../theme";
import { Button } from "./Button";
import { Icon } from "./Icon";

export interface MapPreviewProps {
  address: string;
  coordinates?: string;
  height?: number;
  accessibilityLabel?: string;
}

/** Where a place is, with a button opening the device's maps app (no embedded map tiles). */
export function MapPreview({ address, coordinates, height = 180, accessibilityLabel }: MapPreviewProps) {
  const query = coordinates || address;
  const open = (): void => {
    if (query) void Linking.openURL(`https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(query)}`);
  };
  return (
    <View accessibilityLabel={accessibilityLabel} style={[styles.box, { minHeight: Math.min(height, 120) }]}>
      <Icon name="place" size={32} color={theme.colors.primary} />
      <Text style={styles.address}>{address || coordinates || ""}</Text>
      <Button title={strings.t("fc.open_map")} variant="text" icon="directions" disabled={!query} onPress={open} />
    </View>
  );
}

const styles = StyleSheet.create({
  box: {
    alignItems: "center",
    justifyContent: "center",
    gap: 4,
    padding: 12,
    borderRadius: theme.radius,
    backgroundColor: theme.colors.surface,
  },
  address: { color: theme.colors.text, textAlign: "center" },
});
