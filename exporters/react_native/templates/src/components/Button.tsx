import { Pressable, StyleSheet, Text, View, type StyleProp, type ViewStyle } from "react-native";

import { theme } from "../theme";
import { Icon } from "./Icon";

export type ButtonVariant = "primary" | "secondary" | "danger" | "text";

export interface ButtonProps {
  title: string;
  variant?: ButtonVariant;
  icon?: string;
  disabled?: boolean;
  onPress?: () => void;
  accessibilityLabel?: string;
  style?: StyleProp<ViewStyle>;
}

export function Button({ title, variant = "primary", icon, disabled, onPress, accessibilityLabel,
  style }: ButtonProps) {
  const tone = tones[variant];
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={accessibilityLabel || title}
      accessibilityState={{ disabled: Boolean(disabled) }}
      disabled={disabled}
      onPress={onPress}
      style={({ pressed }) => [styles.button, tone.box, pressed && styles.pressed,
        disabled && styles.disabled, style]}
    >
      <View style={styles.content}>
        {icon ? <Icon name={icon} size={18} color={tone.text.color} /> : null}
        <Text style={[styles.label, tone.text]}>{title}</Text>
      </View>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  button: {
    minHeight: 44,
    paddingHorizontal: 16,
    borderRadius: theme.radius,
    justifyContent: "center",
    alignItems: "center",
  },
  content: { flexDirection: "row", alignItems: "center", gap: 6 },
  label: { fontSize: 15, fontWeight: "600", fontFamily: theme.fontFamily },
  pressed: { opacity: 0.75 },
  disabled: { opacity: 0.45 },
});

const tones = {
  primary: StyleSheet.create({
    box: { backgroundColor: theme.colors.primary },
    text: { color: theme.colors.onPrimary },
  }),
  secondary: StyleSheet.create({
    box: { backgroundColor: theme.colors.surface, borderWidth: 1, borderColor: theme.colors.primary },
    text: { color: theme.colors.primary },
  }),
  danger: StyleSheet.create({
    box: { backgroundColor: theme.colors.danger },
    text: { color: theme.colors.onPrimary },
  }),
  text: StyleSheet.create({
    box: { backgroundColor: "transparent", paddingHorizontal: 8 },
    text: { color: theme.colors.primary },
  }),
};
