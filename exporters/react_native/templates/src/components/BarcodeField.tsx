import { CameraView, useCameraPermissions, type BarcodeType } from "expo-camera";
import { useEffect, useState } from "react";
import { Modal, StyleSheet, TextInput, View } from "react-native";

import { strings } from "../strings";
import { theme } from "../theme";
import { Button } from "./Button";
import { Field, fieldStyles, type FieldProps } from "./Field";

export type BarcodeFormat = "qr_code" | "ean_13" | "ean_8" | "code_128" | "code_39" | "upc_a" | "data_matrix";

const TYPES: Record<BarcodeFormat, BarcodeType> = {
  qr_code: "qr", ean_13: "ean13", ean_8: "ean8", code_128: "code128", code_39: "code39",
  upc_a: "upc_a", data_matrix: "datamatrix",
};

export interface BarcodeFieldProps extends FieldProps<string | null> {
  formats: readonly BarcodeFormat[];
}

/** A code typed in or scanned with the camera (expo-camera). */
export function BarcodeField({ label, value, onChange, error, helpText, readOnly,
  accessibilityLabel, style, formats }: BarcodeFieldProps) {
  const [scanning, setScanning] = useState(false);
  const [permission, requestPermission] = useCameraPermissions();
  const scan = async (): Promise<void> => {
    const granted = permission?.granted || (await requestPermission()).granted;
    if (granted) setScanning(true);
  };
  return (
    <Field label={label} error={error} helpText={helpText} style={style}>
      <View style={styles.row}>
        <TextInput
          accessibilityLabel={accessibilityLabel || label}
          value={value ?? ""}
          onChangeText={(text) => onChange(text || null)}
          editable={!readOnly}
          autoCapitalize="none"
          placeholderTextColor={theme.colors.muted}
          style={[fieldStyles.input, styles.input, error ? fieldStyles.invalid : null]}
        />
        <Button title={strings.t("fc.scan")} icon="qr_code_scanner" variant="secondary"
          disabled={readOnly} onPress={() => void scan()} />
      </View>
      <Modal visible={scanning} animationType="slide" onRequestClose={() => setScanning(false)}>
        <CameraView
          style={styles.camera}
          facing="back"
          barcodeScannerSettings={{ barcodeTypes: formats.map((f) => TYPES[f]) }}
          onBarcodeScanned={(result) => {
            setScanning(false);
            onChange(result.data);
          }}
        />
        <Button title={strings.t("fc.cancel")} variant="text" onPress={() => setScanning(false)} />
      </Modal>
    </Field>
  );
}

const styles = StyleSheet.create({
  row: { flexDirection: "row", gap: 8, alignItems: "center" },
  input: { flex: 1 },
  camera: { flex: 1 },
});

let scanListener: ((done: (code: string | null) => void) => void) | null = null;

/** Scan one code with the camera (for the scan_barcode action); null if cancelled. */
export function scanBarcode(): Promise<string | null> {
  return new Promise((resolve) => {
    if (scanListener) scanListener(resolve);
    else resolve(null);
  });
}

/** The full-screen scanner the scan_barcode action opens; put it once at the root of the app. */
export function BarcodeScannerHost() {
  const [pending, setPending] = useState<((code: string | null) => void) | null>(null);
  const [permission, requestPermission] = useCameraPermissions();
  useEffect(() => {
    scanListener = (done) => setPending(() => done);
    return () => {
      scanListener = null;
    };
  }, []);
  useEffect(() => {
    if (pending && !permission?.granted) {
      void requestPermission().then((p) => {
        if (!p.granted) finish(null);
      });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pending]);
  const finish = (code: string | null): void => {
    pending?.(code);
    setPending(null);
  };
  return (
    <Modal visible={pending !== null && Boolean(permission?.granted)} animationType="slide"
      onRequestClose={() => finish(null)}>
      <CameraView style={styles.camera} facing="back" onBarcodeScanned={(result) => finish(result.data)} />
      <Button title={strings.t("fc.cancel")} variant="text" onPress={() => finish(null)} />
    </Modal>
  );
}
