import { useCallback, useEffect, useState } from "react";
import { Modal, ScrollView, StyleSheet, Text, View } from "react-native";

import { discard, flush, onStatus, pendingChanges, retry, type PendingChange } from "../data/core";
import type { Rec, Value } from "../shared/rt";
import { strings } from "../strings";
import { theme } from "../theme";
import { Button } from "./Button";
import { TextField } from "./TextField";

const OPS = { create: "fc.change_create", update: "fc.change_update", delete: "fc.change_delete",
  call: "fc.change_call" } as const;

function reason(c: PendingChange): string {
  if (c.state === "held") return strings.t("fc.held");
  if (c.state === "conflict") return strings.t("fc.conflict_title");
  if (c.state === "waiting") return strings.t("fc.waiting");
  return c.error?.status ? strings.format("fc.refused_status", { status: c.error.status })
    : strings.t("fc.refused");
}

function text(v: Value): string {
  return v === null || v === undefined ? "" : String(v);
}

/** The correction form of a refused change: the fields it set; "Fix and retry" resends it. */
function FixForm({ change, onDone }: { change: PendingChange; onDone: () => void }) {
  const [values, setValues] = useState<Record<string, string>>(
    Object.fromEntries(change.fields.map((f) => [f.name, text(f.value)])));
  const send = async (): Promise<void> => {
    const changes: Rec = {};
    for (const f of change.fields) {
      const typed = values[f.name] ?? "";
      if (typed === text(f.value)) continue;
      changes[f.name] = typeof f.value === "number" && typed.trim() !== "" && !Number.isNaN(Number(typed))
        ? Number(typed) : typeof f.value === "boolean" ? typed === "true" : typed;
    }
    onDone();
    await retry(change.source, change.seq, changes);
  };
  return (
    <View style={styles.fix}>
      {change.fields.map((f) => (
        <TextField key={f.name} label={f.label} value={values[f.name] ?? ""}
          onChange={(v) => setValues((old) => ({ ...old, [f.name]: v }))} />
      ))}
      <View style={styles.actions}>
        <Button title={strings.t("fc.cancel")} variant="text" onPress={onDone} />
        <Button title={strings.t("fc.fix")} onPress={() => void send()} />
      </View>
    </View>
  );
}

function Row({ change, position, onChanged }: { change: PendingChange; position: number; onChanged: () => void }) {
  const [mode, setMode] = useState<"idle" | "fix" | "confirm">("idle");
  const refused = change.state === "refused";
  return (
    <View style={[styles.item, refused && styles.refused]} testID={`fc-pending-${change.state}`}>
      <Text style={styles.title}>{`${position}. ${change.title ? `${change.entity}: ${change.title}` : change.entity}`}</Text>
      <Text style={styles.op}>{strings.t(OPS[change.op])}</Text>
      <Text style={[styles.reason, refused && styles.refusedText, change.state === "held" && styles.heldText]}>{reason(change)}</Text>
      {refused && change.error?.message ? <Text style={styles.message}>{change.error.message}</Text> : null}
      {refused && change.failedAt ? (
        <Text style={styles.when}>{strings.format("fc.refused_at", { time: new Date(change.failedAt).toLocaleString() })}</Text>
      ) : null}
      {refused && mode === "fix" ? <FixForm change={change} onDone={() => { setMode("idle"); onChanged(); }} /> : null}
      {refused && mode === "confirm" ? (
        <View style={styles.fix} accessibilityRole="alert">
          <Text style={styles.reason}>{strings.t("fc.discard_confirm")}</Text>
          <View style={styles.actions}>
            <Button title={strings.t("fc.cancel")} variant="text" onPress={() => setMode("idle")} />
            <Button title={strings.t("fc.ok")} variant="danger"
              onPress={() => { setMode("idle"); void discard(change.source, change.seq).then(onChanged); }} />
          </View>
        </View>
      ) : null}
      {refused && mode === "idle" ? (
        <View style={styles.actions}>
          {change.fields.length ? <Button title={strings.t("fc.fix_change")} variant="secondary" onPress={() => setMode("fix")} /> : null}
          <Button title={strings.t("fc.retry")} variant="text" onPress={() => void retry(change.source, change.seq).then(onChanged)} />
          <Button title={strings.t("fc.discard")} variant="danger" onPress={() => setMode("confirm")} />
        </View>
      ) : null}
    </View>
  );
}

/** The pending-changes screen: what waits to be sent, in order; refused changes with the
 * server's message, to fix and retry or to discard after a confirmation. */
export function PendingChanges({ visible, onClose }: { visible: boolean; onClose: () => void }) {
  const [changes, setChanges] = useState<PendingChange[]>([]);
  const refresh = useCallback(() => { void pendingChanges().then(setChanges); }, []);
  useEffect(() => {
    if (!visible) return undefined;
    refresh();
    return onStatus(refresh);
  }, [visible, refresh]);
  return (
    <Modal visible={visible} transparent animationType="fade" onRequestClose={onClose}>
      <View style={styles.backdrop}>
        <View style={styles.sheet} accessibilityRole="none" accessibilityLabel={strings.t("fc.pending_title")}>
          <Text accessibilityRole="header" style={styles.heading}>{strings.t("fc.pending_title")}</Text>
          <ScrollView style={styles.list} contentContainerStyle={{ gap: 10 }}>
            {changes.length ? changes.map((c, i) => (
              <Row key={`${c.source}/${c.seq}/${c.state}`} change={c} position={i + 1} onChanged={refresh} />
            )) : <Text style={styles.reason}>{strings.t("fc.nothing_pending")}</Text>}
          </ScrollView>
          <View style={styles.actions}>
            <Button title={strings.t("fc.sync_now")} variant="text" onPress={() => void flush(true).then(refresh)} />
            <Button title={strings.t("fc.close")} onPress={onClose} />
          </View>
        </View>
      </View>
    </Modal>
  );
}

const styles = StyleSheet.create({
  backdrop: { flex: 1, backgroundColor: "rgba(16, 24, 40, 0.45)", justifyContent: "center", padding: 16 },
  sheet: { backgroundColor: theme.colors.background, borderRadius: 16, padding: 20, maxHeight: "90%", gap: 12 },
  heading: { fontSize: 19, fontWeight: "700", color: theme.colors.text },
  list: { flexGrow: 0 },
  item: { borderWidth: 1, borderColor: theme.colors.border, borderRadius: 12, padding: 12, gap: 4 },
  refused: { borderColor: "#c62828", backgroundColor: "#fff5f5" },
  title: { fontSize: 15, fontWeight: "700", color: theme.colors.text },
  op: { fontSize: 13, color: theme.colors.muted },
  reason: { fontSize: 14, color: theme.colors.text },
  refusedText: { color: "#b71c1c", fontWeight: "600" },
  heldText: { color: "#8a5a00" },
  message: { fontSize: 14, color: theme.colors.text, borderLeftWidth: 3, borderColor: "#c62828",
    backgroundColor: "#ffffff", paddingHorizontal: 10, paddingVertical: 8 },
  when: { fontSize: 12, color: theme.colors.muted },
  fix: { gap: 10, marginTop: 8 },
  actions: { flexDirection: "row", justifyContent: "flex-end", flexWrap: "wrap", gap: 8, marginTop: 8 },
});
