import * as ImagePicker from "expo-image-picker";
import { Image, StyleSheet, View } from "react-native";

import { strings } from "../strings";
import { Button } from "./Button";
import { Field, type FieldProps } from "./Field";

export interface PhotoFieldProps extends FieldProps<string | null> {
  maxPhotos?: number;
}

/** Takes a photo with the camera (expo-image-picker); the value is a data URI. */
export async function takePhoto(): Promise<string | null> {
  const permission = await ImagePicker.requestCameraPermissionsAsync();
  if (!permission.granted) return null;
  const result = await ImagePicker.launchCameraAsync({ quality: 0.6, base64: true });
  const asset = result.canceled ? null : result.assets[0];
  if (!asset) return null;
  return asset.base64 ? `data:${asset.mimeType ?? "image/jpeg"};base64,${asset.base64}` : asset.uri;
}

export function PhotoField({ label, value, onChange, error, helpText, readOnly, accessibilityLabel,
  style }: PhotoFieldProps) {
  const take = async (): Promise<void> => {
    const photo = await takePhoto();
    if (photo) onChange(photo);
  };
  const action = value ? strings.t("fc.retake_photo") : strings.t("fc.take_photo");
  return (
    <Field label={label} error={error} helpText={helpText} style={style}>
      {value ? <Image source={{ uri: value }} style={styles.preview} accessibilityLabel={label} /> : null}
      <View style={styles.row}>
        {/* the name starts with the field and includes the visible text (WCAG 2.5.3) */}
        <Button title={action} icon="photo_camera"
          variant="secondary" disabled={readOnly} onPress={() => void take()}
          accessibilityLabel={`${accessibilityLabel || label}: ${action}`} />
        {value && !readOnly ? (
          <Button title={strings.t("fc.remove")} variant="text" onPress={() => onChange(null)} />
        ) : null}
      </View>
    </Field>
  );
}

const styles = StyleSheet.create({
  preview: { width: "100%", aspectRatio: 4 / 3, borderRadius: 8 },
  row: { flexDirection: "row", gap: 8, flexWrap: "wrap" },
});
