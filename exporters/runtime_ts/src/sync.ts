// The outbox's rules, shared by every JS target: record keys, what a write sends, how queued
// changes lie over server rows, when a failed delivery is retried, and conflict decisions per
// entity policy. Storage and HTTP stay with each platform; these functions only decide.

import { isRecord, type Rec, type Value } from "./rt";

export type OfflineMode = "online_only" | "cached_read" | "offline_read_write";
export type ConflictPolicy = "server_wins" | "client_wins" | "last_write_wins" | "ask_user";
export type WriteKind = "create" | "update" | "delete";
export type EntryStatus = "pending" | "conflict" | "failed";

/** What the rules need of a queued change. */
export interface Queued {
  op: WriteKind;
  status: EntryStatus;
  record: Rec;
}

/** The record's key as text (its key fields' values), or null when a key field is empty. */
export function keyOf(keyFields: readonly string[], rec: Value): string | null {
  if (!keyFields.length || !isRecord(rec)) return null;
  const values = keyFields.map((k) => rec[k] ?? null);
  return values.some((v) => v === null || v === "") ? null : JSON.stringify(values);
}

/** Server rows with this device's not-yet-delivered changes laid over them, in queue order:
 * updates replace their row, deletes remove it, new records come last marked `$pending`;
 * failed entries are left out. */
export function overlay(rows: readonly Rec[], entries: readonly Queued[],
  keyFields: readonly string[]): Rec[] {
  const out = rows.slice();
  for (const e of entries) {
    if (e.status === "failed") continue;
    const key = keyOf(keyFields, e.record);
    const at = key === null ? -1 : out.findIndex((r) => keyOf(keyFields, r) === key);
    if (e.op === "delete") {
      if (at >= 0) out.splice(at, 1);
    } else if (at >= 0) {
      out[at] = e.record;
    } else {
      out.push({ ...e.record, $pending: true });
    }
  }
  return out;
}

function same(a: Value, b: Value): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The fields a write sends (model names): no `$` keys; a create leaves read-only fields out;
 * a PATCH with a base sends only the fields that changed since the base. */
export function bodyFor(kind: WriteKind, method: string, readOnly: readonly string[], rec: Rec,
  base: Rec | null): Rec {
  const out: Rec = {};
  for (const [k, v] of Object.entries(rec)) {
    if (k.startsWith("$")) continue;
    if (kind === "create" && readOnly.includes(k)) continue;
    if (kind === "update" && method === "PATCH" && base && JSON.stringify(base[k]) === JSON.stringify(v)) {
      continue;
    }
    out[k] = v;
  }
  return out;
}

const MODIFIED_FIELDS = ["updated_at", "modified_at", "last_modified", "updatedAt", "modifiedAt",
  "lastModified"];

/** When the server last changed `rec` (ms): a modified-at field, else the Last-Modified header. */
export function modifiedAt(rec: Rec, header: string | null): number | null {
  for (const f of MODIFIED_FIELDS) {
    const v = rec[f];
    if (typeof v === "string" && !Number.isNaN(Date.parse(v))) return Date.parse(v);
  }
  const parsed = header ? Date.parse(header) : NaN;
  return Number.isNaN(parsed) ? null : parsed;
}

/** The model fields whose values differ between `a` and `b` (missing reads as null). */
export function changedFields(fields: readonly string[], a: Rec, b: Rec): string[] {
  return fields.filter((f) => !same(a[f], b[f]));
}

/** What to do with a queued update when the server's record is `server`: "send" it, keep the
 * "server"'s version (drop the change), or "ask" the user. Only a real conflict — the server
 * changed since `base` and differs from `mine` — goes to the entity's policy. */
export function conflictChoice(policy: ConflictPolicy, fields: readonly string[], base: Rec | null,
  mine: Rec, server: Rec | null, serverTime: number | null, queuedAt: number): "send" | "server" | "ask" {
  if (!base || !server) return "send";
  if (!changedFields(fields, server, base).length || !changedFields(fields, server, mine).length) {
    return "send";
  }
  if (policy === "server_wins") return "server";
  if (policy === "ask_user") return "ask";
  if (policy === "last_write_wins" && serverTime !== null && serverTime > queuedAt) return "server";
  return "send";
}

/** Whether a failed delivery is tried again later: no connection, a timeout, rate limiting or
 * a server error. Anything else (4xx) fails the entry for the user to see. */
export function retryable(offline: boolean, status: number | null): boolean {
  return offline || (status !== null && (status === 408 || status === 429 || status >= 500));
}

/** Milliseconds before attempt `attempts + 1`: doubling from 2 s, at most 5 min, ±25 % jitter
 * (`random` in [0, 1)). */
export function retryDelay(attempts: number, random: () => number = Math.random): number {
  return Math.min(300_000, 1000 * 2 ** attempts) * (0.75 + random() / 2);
}

/** Whether a cache filled at `fetched` is still usable (`maxAgeHours` 0: no limit). */
export function fresh(fetched: number, maxAgeHours: number, now: number): boolean {
  return maxAgeHours === 0 || now - fetched <= maxAgeHours * 3600 * 1000;
}

/** What `list()` gives when the back end cannot be reached: the device cache ("cache") only for
 * an entity kept offline that was synced at least once (`fetched`: ms, or null when never);
 * else it fails ("fail") — an empty cache never stands in for data the device never had. */
export function offlineRead(mode: OfflineMode, fetched: number | null): "cache" | "fail" {
  return mode !== "online_only" && fetched !== null ? "cache" : "fail";
}

/** What the data layer knows about syncing. `online` is false after a request failed for lack
 * of a connection (whatever the platform's own flag says) until one succeeds again;
 * `lastSync` is when data last came from the back end (ms, null when never); `loadFailed`:
 * the last read of some entity failed. */
export interface SyncFacts {
  online: boolean;
  syncing: boolean;
  pending: number;
  conflicts: number;
  failed: number;
  lastSync: number | null;
  loadFailed: boolean;
}

export type SyncState = "conflict" | "offline" | "syncing" | "failed" | "load_failed" | "pending"
  | "never" | "synced";

/** The state a sync indicator shows, most urgent first. "synced" (up to date) only when the
 * back end was reached, nothing failed to load and nothing waits. */
export function syncState(s: SyncFacts): SyncState {
  if (s.conflicts) return "conflict";
  if (!s.online) return "offline";
  if (s.syncing) return "syncing";
  if (s.failed) return "failed";
  if (s.loadFailed) return "load_failed";
  if (s.pending) return "pending";
  return s.lastSync === null ? "never" : "synced";
}
