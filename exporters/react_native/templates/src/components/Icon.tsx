import MaterialIcons from "@expo/vector-icons/MaterialIcons";
import type { ComponentProps } from "react";
import type { StyleProp, TextStyle } from "react-native";

type GlyphName = ComponentProps<typeof MaterialIcons>["name"];

export interface IconProps {
  /** Material icon name as in the model (`add_shopping_cart`); unknown names show a dot. */
  name: string;
  size?: number;
  color?: string;
  style?: StyleProp<TextStyle>;
  accessibilityLabel?: string;
}

function glyph(name: string): GlyphName {
  const dashed = name.replace(/_/g, "-");
  return (dashed in MaterialIcons.glyphMap ? dashed : "circle") as GlyphName;
}

export function Icon({ name, size = 24, color, style, accessibilityLabel }: IconProps) {
  return (
    <MaterialIcons
      name={glyph(name)}
      size={size}
      color={color}
      style={style}
      accessibilityLabel={accessibilityLabel}
      accessibilityElementsHidden={!accessibilityLabel}
      importantForAccessibility={accessibilityLabel ? "yes" : "no-hide-descendants"}
    />
  );
}
