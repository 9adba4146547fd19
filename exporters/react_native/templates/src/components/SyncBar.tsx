import { useEffect, useState } from "react";
import { StyleSheet, Text, View } from "react-native";

import { conflicts, onStatus, resolve, syncStatus, type Conflict } from "../data/core";
import { syncState } from "../shared/sync";
import { strings } from "../strings";
import { theme } from "../theme";
import { Button } from "./Button";
import { lastSynced } from "./LoadError";
import { PendingChanges } from "./PendingChanges";

/** Offline notice (with the last sync time), changes waiting to be sent (the pending-changes
 * screen: refused ones to fix or discard), and conflicts to decide. Never a claim of being up to date that the back end did not confirm (syncState); its
 * testID is "fc-sync-idle" once nothing is being sent or waits to be. */
export function SyncBar() {
  const [status, setStatus] = useState(syncStatus());
  const [open, setOpen] = useState<Conflict[]>([]);
  const [showPending, setShowPending] = useState(false);
  useEffect(() => onStatus(setStatus), []);
  useEffect(() => {
    void conflicts().then(setOpen);
  }, [status.conflicts]);
  const lines: string[] = [];
  const state = syncState(status);
  if (state === "offline") lines.push(strings.t("fc.offline"));
  if (status.pending) lines.push(strings.format("fc.pending", { count: status.pending }));
  if (status.failed) lines.push(strings.format("fc.failed", { count: status.failed }));
  if (state === "offline" || state === "never") lines.push(lastSynced(status.lastSync));
  const idle = status.syncing || status.pending ? "fc-sync-busy" : "fc-sync-idle";
  const pending = <PendingChanges visible={showPending} onClose={() => setShowPending(false)} />;
  if (!lines.length && !open.length) return <View testID={idle}>{pending}</View>;
  return (
    <View testID={idle} accessibilityRole="summary" accessibilityLiveRegion="polite" style={styles.bar}>
      {lines.length ? (
        <View style={styles.conflict}>
          <Text style={styles.text}>{lines.join(" · ")}</Text>
          {status.pending || status.failed ? (
            <Button title={strings.t("fc.pending_title")} variant="text"
              accessibilityLabel={`${strings.t("fc.sync_status")}: ${strings.t("fc.pending_title")}`}
              onPress={() => setShowPending(true)} />
          ) : null}
        </View>
      ) : null}
      {pending}
      {open.map((c) => (
        <View key={`${c.source}/${c.seq}`} style={styles.conflict}>
          <Text style={styles.text}>
            {strings.format("fc.conflict", { entity: c.entity, fields: c.fields.map((f) => f.name).join(", ") })}
          </Text>
          <Button title={strings.t("fc.keep_mine")} variant="text" onPress={() => void resolve(c.source, c.seq, "mine")} />
          <Button title={strings.t("fc.use_server")} variant="text" onPress={() => void resolve(c.source, c.seq, "server")} />
        </View>
      ))}
    </View>
  );
}

const styles = StyleSheet.create({
  bar: { backgroundColor: theme.colors.surface, borderTopWidth: 1, borderColor: theme.colors.border,
    paddingHorizontal: 16, paddingVertical: 8, gap: 4 },
  text: { color: theme.colors.text, fontSize: 13 },
  conflict: { flexDirection: "row", alignItems: "center", flexWrap: "wrap", gap: 4 },
});
