import { CameraView, useCameraPermissions, type BarcodeType } from "expo-camera";
import { useEffect, useState } from "react";
import { Modal, StyleSheet, Text, TextInput, View } from "react-native";

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
  const [problem, setProblem] = useState<string | null>(null);
  const [permission, requestPermission] = useCameraPermissions();
  const scan = async (): Promise<void> => {
    const ready = await cameraReady(Boolean(permission?.granted), requestPermission);
    setProblem(ready ? null : strings.t("fc.barcode_no_camera"));
    if (ready) setScanning(true);
  };
  return (
    <Field label={label} error={error ?? problem} helpText={helpText} style={style}>
      <View style={styles.row}>
        <TextInput
          accessibilityLabel={accessibilityLabel || label}
          value={value ?? ""}
          onChangeText={(text) => onChange(text || null)}
          editable={!readOnly}
          autoCapitalize="none"
          placeholder={strings.t("fc.barcode_manual")}
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
  backdrop: { flex: 1, justifyContent: "center", padding: 24, backgroundColor: "rgba(0,0,0,0.4)" },
  dialog: { gap: 12, padding: 20, borderRadius: theme.radius, backgroundColor: theme.colors.background },
  title: { fontSize: 18, fontWeight: "600", color: theme.colors.text, fontFamily: theme.fontFamily },
  actions: { flexDirection: "row", justifyContent: "flex-end", gap: 8 },
});

let scanListener: ((done: (code: string | null) => void) => void) | null = null;

/** Scan one code with the camera (for the scan_barcode action); null if cancelled. */
export function scanBarcode(): Promise<string | null> {
  return new Promise((resolve) => {
    if (scanListener) scanListener(resolve);
    else resolve(null);
  });
}

/** Whether this device has a camera the app may use (asks for permission if needed). */
async function cameraReady(granted: boolean,
  request: () => Promise<{ granted: boolean }>): Promise<boolean> {
  const available = await CameraView.isAvailableAsync().catch(() => false);
  if (!available) return false;
  if (granted) return true;
  return (await request().catch(() => ({ granted: false }))).granted;
}

/** The manual fallback: a dialog where the user types the code (Enter or OK submits). */
function TypeCodeDialog({ onDone }: { onDone: (code: string | null) => void }) {
  const [code, setCode] = useState("");
  const submit = (): void => onDone(code.trim() || null);
  return (
    <Modal visible transparent animationType="fade" onRequestClose={() => onDone(null)}>
      <View style={styles.backdrop}>
        <View style={styles.dialog} role="dialog" aria-modal
          accessibilityLabel={strings.t("fc.barcode_type_title")}>
          <Text role="heading" style={styles.title}>{strings.t("fc.barcode_type_title")}</Text>
          <TextInput
            accessibilityLabel={strings.t("fc.barcode_code")}
            value={code}
            onChangeText={setCode}
            onSubmitEditing={submit}
            autoFocus
            autoCapitalize="none"
            autoCorrect={false}
            returnKeyType="done"
            style={fieldStyles.input}
          />
          <View style={styles.actions}>
            <Button title={strings.t("fc.cancel")} variant="text" onPress={() => onDone(null)} />
            <Button title={strings.t("fc.ok")} onPress={submit} />
          </View>
        </View>
      </View>
    </Modal>
  );
}

/** The full-screen scanner the scan_barcode action opens; put it once at the root of the app.
 * Without a camera, or when camera permission is refused, the user types the code instead. */
export function BarcodeScannerHost() {
  const [pending, setPending] = useState<((code: string | null) => void) | null>(null);
  const [mode, setMode] = useState<"camera" | "type" | null>(null);
  const [permission, requestPermission] = useCameraPermissions();
  useEffect(() => {
    scanListener = (done) => setPending(() => done);
    return () => {
      scanListener = null;
    };
  }, []);
  useEffect(() => {
    if (!pending) return;
    let live = true;
    void cameraReady(Boolean(permission?.granted), requestPermission).then((ready) => {
      if (live) setMode(ready ? "camera" : "type");
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pending]);
  const finish = (code: string | null): void => {
    pending?.(code);
    setPending(null);
    setMode(null);
  };
  if (pending !== null && mode === "type") return <TypeCodeDialog onDone={finish} />;
  return (
    <Modal visible={pending !== null && mode === "camera"} animationType="slide"
      onRequestClose={() => finish(null)}>
      <CameraView style={styles.camera} facing="back" onBarcodeScanned={(result) => finish(result.data)} />
      <Button title={strings.t("fc.cancel")} variant="text" onPress={() => finish(null)} />
    </Modal>
  );
}
