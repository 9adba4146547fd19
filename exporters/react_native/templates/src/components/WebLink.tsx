import { Linking, Pressable, StyleSheet, Text, type StyleProp, type TextStyle } from "react-native";

import { safeUrl } from "../runtime/actions";
import { theme } from "../theme";

export interface WebLinkProps {
  text: string;
  url: string;
  onPress?: () => void;
  accessibilityLabel?: string;
  style?: StyleProp<TextStyle>;
}

/** A link opening an http(s) page in the browser; other schemes are not opened. */
export function WebLink({ text, url, onPress, accessibilityLabel, style }: WebLinkProps) {
  const href = safeUrl(url);
  return (
    <Pressable
      accessibilityRole="link"
      accessibilityLabel={accessibilityLabel || text}
      disabled={!href && !onPress}
      onPress={() => {
        if (href) void Linking.openURL(href);
        onPress?.();
      }}
    >
      <Text style={[styles.link, style]}>{text}</Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  link: { color: theme.colors.primary, textDecorationLine: "underline", fontSize: 15 },
});
