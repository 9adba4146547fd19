import type { ReactNode } from "react";
import { Pressable, StyleSheet, Text, View, type StyleProp, type ViewStyle } from "react-native";

import { theme } from "../theme";

export interface CardProps {
  title?: string;
  elevation?: number;
  onPress?: () => void;
  accessibilityLabel?: string;
  style?: StyleProp<ViewStyle>;
  children?: ReactNode;
}

export function Card({ title, elevation = 1, onPress, accessibilityLabel, style, children }: CardProps) {
  const body = (
    <>
      {title ? <Text accessibilityRole="header" style={styles.title}>{title}</Text> : null}
      {children}
    </>
  );
  const boxStyle = [styles.card, shadow(elevation), style];
  if (onPress) {
    return (
      <Pressable accessibilityRole="button" accessibilityLabel={accessibilityLabel || title}
        onPress={onPress} style={boxStyle}>
        {body}
      </Pressable>
    );
  }
  return <View accessibilityLabel={accessibilityLabel} style={boxStyle}>{body}</View>;
}

function shadow(elevation: number): ViewStyle {
  if (elevation <= 0) return {};
  return {
    elevation,
    shadowColor: "#000000",
    shadowOpacity: 0.08 + elevation * 0.02,
    shadowRadius: elevation * 2,
    shadowOffset: { width: 0, height: elevation },
  };
}

const styles = StyleSheet.create({
  card: {
    backgroundColor: theme.colors.background,
    borderRadius: theme.radius,
    borderWidth: StyleSheet.hairlineWidth,
    borderColor: theme.colors.border,
    padding: 12,
    gap: 6,
  },
  title: { fontSize: 16, fontWeight: "700", color: theme.colors.text, fontFamily: theme.fontFamily },
});
