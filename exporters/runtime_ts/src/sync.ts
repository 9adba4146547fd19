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

/** The fields a write sends (model names): no `$` keys and no temporary keys; a create leaves
 * read-only fields out; a PATCH with a base sends only the fields that changed since the base. */
export function bodyFor(kind: WriteKind, method: string, readOnly: readonly string[], rec: Rec,
  base: Rec | null): Rec {
  const out: Rec = {};
  for (const [k, v] of Object.entries(rec)) {
    if (k.startsWith("$") || isTempKey(v)) continue;
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

/** A queued change as the hold-back rule sees it: the record it changes (`rowKey`) and the
 * records its reference fields point at (`refs`, row keys). */
export interface Ordered {
  status: EntryStatus;
  rowKey: string;
  refs?: readonly string[];
}

/** Which queued changes wait, per entry in queue order. A change the server refused, or one
 * waiting for the user's conflict choice, holds back every later change to the same record and
 * to records pointing at it (an order line whose order was refused), down the chain: nothing
 * is sent past a change the server has not taken. */
export function heldBack(entries: readonly Ordered[]): boolean[] {
  const blocked = new Set<string>();
  return entries.map((e) => {
    if (e.status !== "pending") {
      blocked.add(e.rowKey);
      return false;
    }
    const held = blocked.has(e.rowKey) || (e.refs ?? []).some((r) => blocked.has(r));
    if (held) blocked.add(e.rowKey);
    return held;
  });
}

export type ChangeState = "waiting" | "held" | "refused" | "conflict";

/** How the pending-changes screen shows a queued change: waiting to be sent, held back behind
 * a refused change, refused by the server, or waiting for the user's conflict choice. */
export function changeState(status: EntryStatus, held: boolean): ChangeState {
  if (status === "failed") return "refused";
  if (status === "conflict") return "conflict";
  return held ? "held" : "waiting";
}

const MESSAGE_PATHS: readonly (readonly (string | number)[])[] = [
  ["error", "message", "value"],       // OData v2 (SAP Gateway)
  ["error", "message"],                // OData v4, Microsoft Graph, Google APIs
  ["error", "details", 0, "message"],
  ["error_description"],               // OAuth 2.0
  ["detail"],                          // RFC 9457 problem details
  ["title"],
  ["message"],
  ["errors", 0, "message"],            // GraphQL, JSON:API (detail), many REST APIs
  ["errors", 0, "detail"],
  ["errors", 0],
  ["error"],
];

function at(value: Value, path: readonly (string | number)[]): Value {
  let v: Value = value;
  for (const step of path) {
    if (typeof step === "number") v = Array.isArray(v) ? v[step] ?? null : null;
    else v = isRecord(v) && Object.prototype.hasOwnProperty.call(v, step) ? v[step] ?? null : null;
  }
  return v;
}

/** The message a server gave with a refusal (`body`: its parsed JSON, or its text), as one
 * line of at most 300 characters without control characters; null when it gave none (an
 * empty body, an HTML error page). */
export function serverMessage(body: Value): string | null {
  let text: Value = null;
  if (typeof body === "string") {
    text = /^\s*</.test(body) ? null : body;
  } else {
    for (const path of MESSAGE_PATHS) {
      const v = at(body, path);
      if (typeof v === "string" && v.trim()) {
        text = v;
        break;
      }
    }
  }
  if (typeof text !== "string") return null;
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, " ")
    .replace(/\s+/g, " ").trim();
  if (!line) return null;
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** A queued change re-based after an earlier change to its record was delivered: this
 * change's own edits (where `mine` differs from its old `base`) laid over what the server now
 * holds (`server`), which becomes its new base. */
export function rebase(base: Rec, mine: Rec, server: Rec): Rec {
  const out: Rec = { ...server };
  for (const k of new Set([...Object.keys(base), ...Object.keys(mine)])) {
    if (k.startsWith("$") || same(base[k], mine[k])) continue;
    if (Object.prototype.hasOwnProperty.call(mine, k)) out[k] = mine[k];
    else delete out[k];
  }
  return out;
}

// Records created offline whose key the server assigns get a temporary key, so that other
// records can point at them before they are sent (an order's lines); the server's key replaces
// it everywhere once the parent is created, and a temporary key never goes on the wire.
const TEMP_KEY = /^local-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether `value` is a temporary key this device gave a record created offline. */
export function isTempKey(value: Value): boolean {
  return typeof value === "string" && TEMP_KEY.test(value);
}

/** `rec` as queued for a create: its only key field, when empty, holds the temporary key
 * `local-<id>` (`id`: a UUID) until the server gives the record its own; else unchanged. */
export function withTempKey(keyFields: readonly string[], rec: Rec, id: string): Rec {
  if (keyFields.length !== 1 || keyOf(keyFields, rec) !== null) return rec;
  const key = `local-${id.toLowerCase()}`;
  return isTempKey(key) ? { ...rec, [keyFields[0]]: key } : rec;
}

function swap(value: Value, aliases: Readonly<Record<string, Value>>, missing: Set<string>): Value {
  if (!isTempKey(value)) return value;
  const key = value as string;
  if (Object.prototype.hasOwnProperty.call(aliases, key)) return aliases[key] ?? null;
  missing.add(key);
  return value;
}

/** `rec` with the temporary keys in `fields` (key and reference fields: a value, or a value
 * of a referenced record) replaced by the server's keys `aliases` maps them to; `missing`
 * lists those still without one — a change carrying one waits, it is never sent. */
export function resolveKeys(rec: Rec, fields: readonly string[],
  aliases: Readonly<Record<string, Value>>): { record: Rec; missing: string[] } {
  const missing = new Set<string>();
  const record: Rec = { ...rec };
  for (const f of fields) {
    const v = rec[f];
    if (isRecord(v)) {
      record[f] = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x, aliases, missing)]));
    } else if (v !== undefined) {
      record[f] = swap(v, aliases, missing);
    }
  }
  return { record, missing: [...missing] };
}

/** What a screen holds (`value`: parameters, variables, loaded records, deeply) with every
 * temporary key `aliases` maps replaced by the server's key. */
export function replaceKeys(value: Value, aliases: Readonly<Record<string, Value>>): Value {
  if (Array.isArray(value)) return value.map((v) => replaceKeys(v, aliases));
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceKeys(v, aliases)]));
  }
  return isTempKey(value) && Object.prototype.hasOwnProperty.call(aliases, value as string)
    ? aliases[value as string] ?? null : value;
}
