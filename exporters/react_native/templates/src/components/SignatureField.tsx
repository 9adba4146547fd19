import { useRef, useState } from "react";
import { type GestureResponderEvent, StyleSheet, View } from "react-native";
import Svg, { Path } from "react-native-svg";

import { strings } from "../strings";
import { theme } from "../theme";
import { Button } from "./Button";
import { Field, type FieldProps } from "./Field";

export interface SignatureFieldProps extends FieldProps<string | null> {
  penColor?: string;
}

const WIDTH = 320;
const HEIGHT = 160;

function toDataUri(paths: readonly string[], color: string): string {
  const body = paths.map((d) => `<path d="${d}" fill="none" stroke="${color}" stroke-width="2.5"/>`).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}">${body}</svg>`;
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

function at(e: GestureResponderEvent): string {
  return `${e.nativeEvent.locationX.toFixed(1)} ${e.nativeEvent.locationY.toFixed(1)}`;
}

/** A signature drawn with a finger; the value is an SVG image as a data URI. */
export function SignatureField({ label, value, onChange, error, helpText, readOnly,
  accessibilityLabel, style, penColor = "#000000" }: SignatureFieldProps) {
  const [paths, setPaths] = useState<string[]>([]);
  // The strokes as drawn so far, for the gesture handlers (which may run before a re-render)
  const strokes = useRef<string[]>([]);
  const draw = (next: string[]): void => {
    strokes.current = next;
    setPaths(next);
  };
  const clear = (): void => {
    draw([]);
    onChange(null);
  };
  return (
    <Field label={label} error={error} helpText={helpText} style={style}>
      <View
        accessible
        accessibilityRole="image"
        accessibilityLabel={accessibilityLabel || label}
        accessibilityHint={strings.t("fc.sign_here")}
        accessibilityValue={{ text: value ? strings.t("fc.signed") : strings.t("fc.not_signed") }}
        style={[styles.pad, error ? styles.invalid : null]}
        onStartShouldSetResponder={() => !readOnly}
        onMoveShouldSetResponder={() => !readOnly}
        onResponderTerminationRequest={() => false}
        onResponderGrant={(e) => draw([...strokes.current, `M${at(e)}`])}
        onResponderMove={(e) => {
          const all = strokes.current;
          if (all.length) draw([...all.slice(0, -1), `${all[all.length - 1]} L${at(e)}`]);
        }}
        onResponderRelease={() => onChange(toDataUri(strokes.current, penColor))}
      >
        <Svg width="100%" height="100%" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} pointerEvents="none">
          {paths.map((d, i) => (
            <Path key={i} d={d} fill="none" stroke={penColor} strokeWidth={2.5} />
          ))}
        </Svg>
      </View>
      {value || paths.length ? (
        <Button title={strings.t("fc.clear")} variant="text" disabled={readOnly} onPress={clear} />
      ) : null}
    </Field>
  );
}

const styles = StyleSheet.create({
  pad: {
    height: HEIGHT,
    borderWidth: 1,
    borderStyle: "dashed",
    borderColor: theme.colors.border,
    borderRadius: theme.radius,
    backgroundColor: theme.colors.background,
  },
  invalid: { borderColor: theme.colors.danger },
});
