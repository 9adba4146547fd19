import { StyleSheet, Text, View } from "react-native";

import { syncStatus } from "../data/core";
import { strings } from "../strings";
import { theme } from "../theme";
import { Button } from "./Button";

/** When data last came from the back end, as the user reads it. */
export function lastSynced(time: number | null): string {
  return time === null ? strings.t("fc.never_synced")
    : strings.format("fc.last_sync", { time: new Date(time).toLocaleString() });
}

/** A screen's data could not be loaded: what failed, the last sync time and a Retry. */
export function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View accessibilityRole="alert" style={styles.box}>
      <Text style={styles.text}>{message}</Text>
      <Text style={styles.since}>{lastSynced(syncStatus().lastSync)}</Text>
      <Button title={strings.t("fc.retry")} variant="text" onPress={onRetry} />
    </View>
  );
}

const styles = StyleSheet.create({
  box: { margin: 16, padding: 12, borderRadius: theme.radius, backgroundColor: "#fdecea", gap: 4,
    alignItems: "flex-start" },
  text: { color: "#8a1c12", fontSize: 15 },
  since: { color: "#8a1c12", fontSize: 13 },
});
