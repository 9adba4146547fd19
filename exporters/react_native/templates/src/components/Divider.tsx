import { StyleSheet, View, type StyleProp, type ViewStyle } from "react-native";

import { theme } from "../theme";

export function Divider({ style }: { style?: StyleProp<ViewStyle> }) {
  return <View accessibilityRole="none" style={[styles.divider, style]} />;
}

const styles = StyleSheet.create({
  divider: { height: StyleSheet.hairlineWidth, backgroundColor: theme.colors.border, alignSelf: "stretch" },
});
