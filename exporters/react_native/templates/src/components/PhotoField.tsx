import * as ImagePicker from "expo-image-picker";
import { Image, StyleSheet, View } from "react-native";

import type { Value } from "../runtime/rt";
import { strings } from "../strings";
import { Button } from "./Button";
import { Field, type FieldProps } from "./Field";

export interface PhotoFieldProps extends FieldProps<Value> {
  /** More than 1: the value is a list of up to this many photos (data URIs). */
  maxPhotos?: number;
}

/** The photos a field value holds: one data URI, a list of them, or none. */
export function photosOf(value: Value): string[] {
  const items = Array.isArray(value) ? value : value ? [value] : [];
  return items.filter((p): p is string => typeof p === "string" && p !== "");
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
  style, maxPhotos = 1 }: PhotoFieldProps) {
  const max = Math.max(1, Math.floor(maxPhotos));
  const photos = photosOf(value).slice(0, max);
  const set = (next: string[]): void => onChange(max > 1 ? next : (next[0] ?? null));
  const take = async (): Promise<void> => {
    const photo = await takePhoto();
    if (photo) set(max > 1 ? [...photos, photo] : [photo]);
  };
  const single = max === 1;
  const action = single && photos.length > 0 ? strings.t("fc.retake_photo") : strings.t("fc.take_photo");
  return (
    <Field label={label} error={error} helpText={helpText} style={style}>
      {single && photos[0] ? (
        <Image source={{ uri: photos[0] }} style={styles.preview} accessibilityLabel={label} />
      ) : null}
      {!single && photos.length > 0 ? (
        <View style={styles.row}>
          {photos.map((uri, i) => (
            <View key={i} style={styles.thumb}>
              <Image source={{ uri }} style={styles.thumbImage}
                accessibilityLabel={strings.format("fc.photo", { number: i + 1 })} />
              {!readOnly ? (
                <Button title={strings.t("fc.remove")} variant="text"
                  accessibilityLabel={strings.format("fc.remove_photo", { number: i + 1 })}
                  onPress={() => set(photos.filter((_, j) => j !== i))} />
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
      <View style={styles.row}>
        {/* the name starts with the field and includes the visible text (WCAG 2.5.3) */}
        {photos.length < max || single ? (
          <Button title={action} icon="photo_camera"
            variant="secondary" disabled={readOnly} onPress={() => void take()}
            accessibilityLabel={`${accessibilityLabel || label}: ${action}`} />
        ) : null}
        {single && photos[0] && !readOnly ? (
          <Button title={strings.t("fc.remove")} variant="text" onPress={() => set([])} />
        ) : null}
      </View>
    </Field>
  );
}

const styles = StyleSheet.create({
  preview: { width: "100%", aspectRatio: 4 / 3, borderRadius: 8 },
  row: { flexDirection: "row", gap: 8, flexWrap: "wrap" },
  thumb: { alignItems: "center" },
  thumbImage: { width: 96, height: 72, borderRadius: 6 },
});
