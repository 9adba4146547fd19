import * as Location from "expo-location";
import { useState } from "react";
import { StyleSheet, Text, View } from "react-native";

import { strings } from "../strings";
import { theme } from "../theme";
import { Button } from "./Button";
import { Field, type FieldProps } from "./Field";

export interface LocationFieldProps extends FieldProps<string | null> {
  highAccuracy?: boolean;
}

/** The device position as `latitude,longitude` (expo-location). The field's label names the
 * group; the button is named by its action (`fc.use_location`, localisable). */
export function LocationField({ label, value, onChange, error, helpText, readOnly,
  accessibilityLabel, style, highAccuracy = true }: LocationFieldProps) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const locate = async (): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      const permission = await Location.requestForegroundPermissionsAsync();
      if (!permission.granted) {
        setProblem(strings.t("fc.location_denied"));
        return;
      }
      const position = await Location.getCurrentPositionAsync({
        accuracy: highAccuracy ? Location.Accuracy.High : Location.Accuracy.Balanced,
      });
      onChange(`${position.coords.latitude.toFixed(6)},${position.coords.longitude.toFixed(6)}`);
    } catch {
      setProblem(strings.t("fc.location_failed"));
    } finally {
      setBusy(false);
    }
  };
  const action = busy ? strings.t("fc.locating") : strings.t("fc.use_location");
  return (
    <Field label={label} error={error ?? problem} helpText={helpText} style={style}>
      <View style={styles.row} role="group" accessibilityLabel={accessibilityLabel || label}>
        <Text style={styles.value}>{value ?? strings.t("fc.no_location")}</Text>
        <Button title={action} icon="my_location" variant="secondary" disabled={readOnly || busy}
          onPress={() => void locate()} accessibilityLabel={action} />
      </View>
    </Field>
  );
}

const styles = StyleSheet.create({
  row: { flexDirection: "row", alignItems: "center", gap: 8, flexWrap: "wrap" },
  value: { flex: 1, color: theme.colors.text, fontSize: 15 },
});
