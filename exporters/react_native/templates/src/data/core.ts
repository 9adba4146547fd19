// The data layer shared by every source: reads (network first, device cache per the offline
// policy), writes through an outbox delivered in order with backoff and an idempotency key, and
// conflict resolution per entity policy (server_wins, client_wins, last_write_wins, ask_user),
// and an error archive: a change the server refuses is kept with its message, and later changes
// to its record wait behind it until the user fixes or discards it.
// Fields marked pii are encrypted before anything is written to device storage (./secure).

import AsyncStorage from "@react-native-async-storage/async-storage";
import { AppState, Platform } from "react-native";

import { isRecord, plain, type Rec, type Value } from "../shared/rt";
import * as rules from "../shared/sync";
import type { ConflictPolicy, OfflineMode, WriteKind } from "../shared/sync";
import {
  csrfRefused, encodeBody, etagOf, firstPage, needsCsrf, nextPage, pageUrl, paramParts, protocolHeaders, recordAt,
  rowsAt, withQuery,
  type EncodedBody, type Pairs, type PagingSpec, type ParamSpec,
} from "../shared/request";
import type { CallParam } from "../shared/calls";
import { sourceParams } from "../config";
import {
  authHeaders, fillPath, pathValues as wireValues, recordFrom, renamed,
  type AuthScheme, type Credentials,
} from "../shared/wire";
import { seal, unseal } from "./secure";
import * as bundled from "./bundled";
import { sendCall } from "./calls";

export type { ConflictPolicy, OfflineMode, WriteKind } from "../shared/sync";
export type { Credentials } from "../shared/wire";
export type OperationKind = "list" | "get" | "create" | "update" | "delete" | "call";

export interface Operation {
  kind: OperationKind;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  name?: string;
  default?: boolean;
  /** the operation's own base URL, when not the source's */
  server?: string;
  /** path of JSON keys to the rows (list) or the record in the response */
  result?: readonly string[];
  body?: "json" | "form" | "multipart";
  /** a call's parameters may also be body members (only a call has them) */
  params?: readonly CallParam[];
  paging?: PagingSpec;
}

export interface EntityMeta {
  name: string;
  key: readonly string[];
  fields: readonly string[];
  readOnly: readonly string[];
  /** sent on create, never on update */
  createOnly?: readonly string[];
  /** "etag": the back end checks versions — writes send If-Match, a 412 is a conflict */
  concurrency?: string;
  /** Fields marked pii: encrypted at rest. */
  pii: readonly string[];
  /** The entity's name for people, and `[field, label]` of every field. */
  label: string;
  labels: readonly (readonly [string, string])[];
  /** `[model name, back end's name]` for fields the back end names differently. */
  wire?: readonly (readonly [string, string])[];
  /** `[field, entity]` of reference fields (what a change depends on). */
  refs?: readonly (readonly [string, string])[];
  /** `[field, item entity]` for list/reference fields whose nested records are renamed too. */
  nested?: readonly (readonly [string, string])[];
  operations: readonly Operation[];
  offline: { mode: OfflineMode; conflict: ConflictPolicy; maxAgeHours: number };
}

export interface SourceMeta {
  appId: string;
  name: string;
  kind: "rest" | "odata" | "csv" | "json" | "local";
  /** the rows shipped with the app (a CSV or JSON source), by entity */
  bundled?: Readonly<Record<string, readonly Rec[]>>;
  /** the OData protocol version ("2.0": DataServiceVersion headers) */
  odataVersion?: string;
  /** writes first fetch an x-csrf-token (SAP Gateway) */
  csrf?: boolean;
  baseUrl: string;
  auth: { scheme: AuthScheme; header: string };
  headers: Readonly<Record<string, string>>;
  entities: Readonly<Record<string, EntityMeta>>;
}

export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly body: Value) {
    super(message);
  }
}

/** A request the app refuses to send: its URL could reach a host other than the base URL's. */
export class UrlError extends Error {}

// A base URL the app sends requests to: a plain absolute http(s) address (no user info,
// backslash, whitespace, query or fragment). The same pattern as designer/model/urls.py.
const BASE_URL = /^https?:\/\/(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?(?:\/[^\s\x00-\x1f\x7f\\?#]*)?$/;

/** No connection (no response, a timeout); `neverSynced`: and the device has no copy of the
 * data either (the entity never came from the back end). */
export class OfflineError extends Error {
  constructor(readonly neverSynced = false) {
    super("offline");
  }
}

interface OutboxEntry {
  seq: number;
  id: string;
  source: string;
  entity: string;
  op: WriteKind | "call";
  /** a queued call operation (an action run offline): its name and what it was given */
  call?: { name: string; args: Rec; scope: Rec };
  status: "pending" | "conflict" | "failed";
  record: Rec;
  base: Rec | null;
  server?: Rec;
  /** The user chose this version over the server's (ask_user): sent without a new check. */
  force?: boolean;
  /** the version (ETag) this change is sent over, once the server's copy was seen */
  etag?: string;
  ts: number;
  attempts: number;
  nextTry: number;
  /** Why the server refused it (an archived change): its HTTP status and message. */
  error?: { status: number | null; message: string | null };
  failedAt?: number;
}

/** A change waiting to be sent, as the pending-changes screen shows it (queue order). */
export interface PendingChange {
  source: string;
  seq: number;
  op: WriteKind | "call";
  state: rules.ChangeState;
  entity: string;
  title: string;
  /** Fields the user can correct before a retry: the ones this change set. */
  fields: { name: string; label: string; value: Value }[];
  error: { status: number | null; message: string | null } | null;
  failedAt: number | null;
}

/** What the data layer knows about syncing: the shared runtime's facts (rules.SyncFacts). */
export type SyncStatus = rules.SyncFacts;

export interface Conflict {
  /** The data source whose outbox holds the change (each source numbers its own changes). */
  source: string;
  seq: number;
  entity: string;
  fields: { name: string; mine: Value; server: Value }[];
}

const sources = new Map<string, SourceMeta>();
const credentials = new Map<string, Credentials>();
const listeners = new Set<(status: SyncStatus) => void>();
const changeListeners = new Set<(source: string, entity: string) => void>();
const rekeyListeners = new Set<(aliases: Readonly<Record<string, Value>>) => void>();
const status: SyncStatus = { online: true, syncing: false, pending: 0, conflicts: 0, failed: 0,
  lastSync: null, loadFailed: false };
const failing = new Set<string>(); // source/entity whose last read failed
const settings = { requestTimeoutSeconds: 15, syncIntervalSeconds: 30 };
let flushing: Promise<void> | null = null;
let outboxQueue: Promise<unknown> = Promise.resolve();
let started = false;
let retryTimer: ReturnType<typeof setTimeout> | null = null;

/** Register a source (done by each generated `data/<source>.ts` module). */
export function registerSource(meta: SourceMeta): SourceMeta {
  sources.set(meta.name, meta);
  return meta;
}

export function setCredentials(source: string, value: Credentials): void {
  credentials.set(source, value);
}

export function configureSync(options: Partial<typeof settings>): void {
  Object.assign(settings, options);
}

export function syncStatus(): SyncStatus {
  return { ...status };
}

/** Hear sync status changes; returns the unsubscribe function. */
export function onStatus(listener: (status: SyncStatus) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Hear data changes (after writes and deliveries); returns the unsubscribe function. */
export function onChange(listener: (source: string, entity: string) => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

/** Hear records created offline get the server's keys (`aliases`: temporary key → the
 * server's), for screens holding the temporary ones; returns the unsubscribe function. */
export function onRekey(listener: (aliases: Readonly<Record<string, Value>>) => void): () => void {
  rekeyListeners.add(listener);
  return () => rekeyListeners.delete(listener);
}

/** Where the online state and the last sync time outlive a restart (or a web reload). */
function savedKey(): string | null {
  const first = sources.values().next();
  return first.done ? null : `fc/${first.value.appId}/sync`;
}

function setStatus(patch: Partial<SyncStatus>): void {
  const saved = status.online !== (patch.online ?? status.online)
    || status.lastSync !== (patch.lastSync ?? status.lastSync);
  Object.assign(status, patch);
  const key = savedKey();
  if (saved && key) {
    void AsyncStorage.setItem(key, JSON.stringify({ online: status.online, lastSync: status.lastSync }))
      .catch(() => undefined);
  }
  const snapshot = syncStatus();
  listeners.forEach((listener) => listener(snapshot));
}

/** The state kept by the last run: offline stays offline until a request gets through. */
async function restoreStatus(): Promise<void> {
  const key = savedKey();
  if (!key) return;
  const saved = await readJson<{ online?: unknown; lastSync?: unknown }>(key, {});
  setStatus({
    online: saved.online === false ? false : status.online,
    lastSync: typeof saved.lastSync === "number" ? saved.lastSync : status.lastSync,
  });
}

function readDone(source: SourceMeta, entity: EntityMeta, ok: boolean): void {
  const key = `${source.name}/${entity.name}`;
  if (ok) failing.delete(key);
  else failing.add(key);
  if (status.loadFailed !== failing.size > 0) setStatus({ loadFailed: failing.size > 0 });
}

function changed(source: string, entity: string): void {
  changeListeners.forEach((listener) => listener(source, entity));
}

export function meta(sourceName: string, entityName: string): { source: SourceMeta; entity: EntityMeta } {
  const source = sources.get(sourceName);
  const entity = source?.entities[entityName];
  if (!source || !entity) throw new Error(`unknown entity ${sourceName}.${entityName}`);
  return { source, entity };
}

/** The operation of a kind: the one marked default, else the first. */
function op(entity: EntityMeta, kind: OperationKind): Operation | null {
  return entity.operations.find((o) => o.kind === kind && o.default)
    ?? entity.operations.find((o) => o.kind === kind) ?? null;
}

/** The record in a get/create/update response: at the operation's result path, else the body
 * (or OData v2's `d`). */
function recordOf(operation: Operation, body: Value): Rec | null {
  return operation.result?.length ? recordAt(body, operation.result) : recordFrom(body);
}

function keyOf(entity: EntityMeta, rec: Value): string | null {
  return rules.keyOf(entity.key, rec);
}

function itemOf(source: SourceMeta): (name: string) => EntityMeta | undefined {
  return (name) => source.entities[name];
}

/** A record as the back end names its fields (payloads sent). */
function toWire(source: SourceMeta, entity: EntityMeta, rec: Rec): Rec {
  return renamed(entity, rec, "toWire", source.kind === "odata", itemOf(source));
}

/** A record from the back end under the model's field names (before cache and screens). */
function fromWire(source: SourceMeta, entity: EntityMeta, rec: Rec): Rec {
  const out = renamed(entity, rec, "fromWire", source.kind === "odata", itemOf(source));
  const tag = entity.concurrency === "etag" ? etagOf(rec) : null; // kept as $etag, never sent
  return tag ? { ...out, $etag: tag } : out;
}

/** Values for a path's `{placeholders}`: model names, and wire names the path may use. */
export function pathValues(source: SourceMeta, entity: EntityMeta, rec: Rec): Rec {
  return wireValues(entity, rec, source.kind === "odata", itemOf(source));
}

function storageKey(source: SourceMeta, ...parts: string[]): string {
  return ["fc", source.appId, source.name, ...parts].join("/");
}

async function readJson<T>(key: string, fallback: T): Promise<T> {
  try {
    const raw = await AsyncStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

// -- HTTP -------------------------------------------------------------------------------------

/** A web build may be configured with a same-origin path ("/api"): it is read against the
 * page's own origin, so the request still goes nowhere but the page's host. */
function absoluteBase(baseUrl: string): string {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  return origin && /^\/(?![/\\])/.test(baseUrl) ? origin + baseUrl : baseUrl;
}

/** The join rule: base URL without trailing "/" + operation path ("" or starting with "/"),
 * placeholders filled with encoded values; so the request stays on the base URL's host. */
function requestUrl(source: SourceMeta, operation: Operation, values: Rec): string {
  const base = absoluteBase(operation.server || source.baseUrl);
  if (!BASE_URL.test(base)) {
    throw new UrlError(`${source.name}: the base URL is not a plain absolute http(s) address`);
  }
  if (operation.path && !operation.path.startsWith("/")) {
    throw new UrlError(`${source.name}: an operation path must start with "/"`);
  }
  return base.replace(/\/+$/, "") + fillPath(operation.path, values, source.kind === "odata");
}

interface Response {
  body: Value;
  lastModified: string | null;
  link: string | null;
  url: string;
}

/** Where an operation's declared parameters get their values, and extra query pairs or an
 * already checked next-page URL. */
interface Ask {
  headers?: Record<string, string>;
  record?: Rec | null;
  scope?: Rec | null;
  query?: Pairs;
  url?: string;
}

export async function call(source: SourceMeta, operation: Operation, values: Rec, body?: Rec,
  idempotencyKey?: string, ask: Ask = {}): Promise<Response> {
  const parts = paramParts(operation.params as readonly ParamSpec[] | undefined, ask.record === undefined ? values : ask.record,
    ask.scope ?? null, sourceParams(source.name));
  if (parts.missing.length) {
    throw new UrlError(`${source.name}: ${operation.kind} needs ${parts.missing.join(", ")}`);
  }
  const url = ask.url ?? withQuery(requestUrl(source, operation, { ...values, ...parts.path }),
    [...parts.query, ...(ask.query ?? [])]);
  const headers: Record<string, string> = {
    Accept: "application/json", ...source.headers, ...parts.headers, ...(ask.headers ?? {}),
    ...authHeaders(source.auth.scheme, source.auth.header, credentials.get(source.name) ?? {}),
  };
  Object.assign(headers, protocolHeaders(source.kind, source.odataVersion));
  const encoded = body === undefined ? undefined : encodeBody(operation.body, body);
  if (encoded?.contentType) headers["Content-Type"] = encoded.contentType;
  if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
  const csrf = needsCsrf(source.csrf, operation.method);
  if (csrf) headers["x-csrf-token"] = await csrfToken(source, operation, headers, false);
  let response = await send(url, operation.method, headers, encoded);
  if (csrf && csrfRefused(response.status, response.headers.get("x-csrf-token"))) {
    // the token expired (a session ended): fetch a new one and send once more
    headers["x-csrf-token"] = await csrfToken(source, operation, headers, true);
    response = await send(url, operation.method, headers, encoded);
  }
  const text = await response.text();
  let parsed: Value = null;
  try {
    parsed = text ? (JSON.parse(text) as Value) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    throw new HttpError(response.status, `${operation.kind} ${source.name}: HTTP ${response.status}`, parsed);
  }
  return { body: parsed, lastModified: response.headers.get("Last-Modified"),
    link: response.headers.get("Link"), url };
}

/** The fetch body of an encoded write: its text, or a FormData of its parts. Files go as
 * Blobs on the web and as `{ uri, name, type }` (React Native's FormData file) on devices. */
function payload(encoded: EncodedBody | undefined): string | FormData | undefined {
  if (!encoded) return undefined;
  if (!encoded.parts) return encoded.text;
  const form = new FormData();
  for (const part of encoded.parts) {
    if (!("file" in part)) {
      form.append(part.name, part.value);
      continue;
    }
    const { type, data, base64, filename } = part.file;
    if (Platform.OS === "web") {
      const bytes = base64 ? Uint8Array.from(atob(data), (c) => c.charCodeAt(0)) : data;
      form.append(part.name, new Blob([bytes], { type }), filename);
    } else {
      const uri = `data:${type}${base64 ? ";base64" : ""},${base64 ? data : encodeURIComponent(data)}`;
      form.append(part.name, { uri, name: filename, type } as unknown as Blob);
    }
  }
  return form;
}

/** One HTTP exchange; a request that gets no answer means offline, an answer online. */
async function send(url: string, method: string, headers: Record<string, string>,
  encoded: EncodedBody | undefined): Promise<globalThis.Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), settings.requestTimeoutSeconds * 1000);
  let response: globalThis.Response;
  try {
    response = await fetch(url, {
      method, headers, signal: controller.signal,
      body: payload(encoded),
    });
  } catch {
    // no response or a timeout: offline, whatever the platform's own flag says
    if (status.online) setStatus({ online: false });
    throw new OfflineError();
  } finally {
    clearTimeout(timer);
  }
  if (!status.online) {
    setStatus({ online: true }); // answered: back online, deliver what waits
    void flush(true);
  }
  return response;
}

const csrfTokens = new Map<string, string>(); // source name -> the token its service gave

/** The CSRF token of a SAP Gateway service: fetched with a GET of the service root carrying
 * `x-csrf-token: Fetch`, kept until the service refuses it. */
async function csrfToken(source: SourceMeta, operation: Operation, headers: Record<string, string>,
  renew: boolean): Promise<string> {
  const known = csrfTokens.get(source.name);
  if (!renew && known) return known;
  const root = requestUrl(source, { ...operation, path: "/" }, {});
  const ask: Record<string, string> = { ...headers, "x-csrf-token": "Fetch" };
  delete ask["Content-Type"];
  delete ask["Idempotency-Key"];
  const response = await send(root, "GET", ask, undefined);
  await response.text();
  const token = response.headers.get("x-csrf-token");
  if (!token || token.toLowerCase() === "required") {
    throw new HttpError(response.status, `${source.name}: the service gave no CSRF token`, null);
  }
  csrfTokens.set(source.name, token);
  return token;
}

// -- reads ------------------------------------------------------------------------------------

interface CacheEntry {
  fetched: number;
  rows: Rec[];
}

function piiOf(source: SourceMeta, e: OutboxEntry): readonly string[] {
  return (sources.get(e.source) ?? source).entities[e.entity]?.pii ?? [];
}

/** An outbox entry with its records' pii fields sealed (`seal`) or opened (`unseal`). */
async function mapEntry(source: SourceMeta, e: OutboxEntry,
  fn: (appId: string, record: Rec, pii: readonly string[]) => Promise<Rec>): Promise<OutboxEntry> {
  const pii = piiOf(source, e);
  if (!pii.length) return e;
  const out: OutboxEntry = { ...e, record: await fn(source.appId, e.record, pii),
    base: e.base ? await fn(source.appId, e.base, pii) : null };
  if (e.server) out.server = await fn(source.appId, e.server, pii);
  return out;
}

async function outbox(source: SourceMeta): Promise<OutboxEntry[]> {
  const stored = await readJson<OutboxEntry[]>(storageKey(source, "outbox"), []);
  const entries = await Promise.all(stored.map((e) => mapEntry(source, e, unseal)));
  return entries.sort((a, b) => a.seq - b.seq);
}

async function saveOutbox(source: SourceMeta, entries: OutboxEntry[]): Promise<void> {
  const sealed = await Promise.all(entries.map((e) => mapEntry(source, e, seal)));
  await AsyncStorage.setItem(storageKey(source, "outbox"), JSON.stringify(sealed));
}

/** Run outbox read-modify-write steps one at a time. */
function serial<T>(task: () => Promise<T>): Promise<T> {
  const next = outboxQueue.then(task, task);
  outboxQueue = next.catch(() => undefined);
  return next;
}

/** Server rows with this device's not-yet-delivered changes laid over them. */
async function overlay(source: SourceMeta, entity: EntityMeta, rows: Rec[]): Promise<Rec[]> {
  const queued = (await outbox(source)).filter((e): e is OutboxEntry & { op: WriteKind } =>
    e.entity === entity.name && e.op !== "call");
  return rules.overlay(rows, queued, entity.key);
}

async function readCache(source: SourceMeta, entity: EntityMeta): Promise<Rec[]> {
  const cached = await readJson<CacheEntry | null>(storageKey(source, "rows", entity.name), null);
  const fresh = cached !== null && rules.fresh(cached.fetched, entity.offline.maxAgeHours, Date.now());
  const rows = fresh ? await Promise.all(cached.rows.map((r) => unseal(source.appId, r, entity.pii))) : [];
  return overlay(source, entity, rows);
}

/** All rows of an entity: from the back end when reachable, else from the device cache. */
/** Every row of a list, page after page as the operation pages, within its bounds. */
async function listRows(source: SourceMeta, operation: Operation, scope: Rec | null): Promise<Rec[]> {
  const paging = operation.paging;
  let answer = await call(source, operation, {}, undefined, undefined,
    { record: null, scope, query: firstPage(paging) });
  const rows: Rec[] = [];
  for (let index = 0; ; index++) {
    const page = rowsAt(answer.body, operation.result);
    rows.push(...page);
    const max = paging ? paging.max_rows ?? 1000 : Infinity;
    if (rows.length >= max) {
      rows.length = max;
      break;
    }
    const next = nextPage(paging, index, page.length, rows.length, answer.body, answer.link);
    if (!next) break;
    let url: string | undefined;
    if (next.link) {
      const checked = pageUrl(next.link, answer.url, absoluteBase(operation.server || source.baseUrl));
      if (!checked) break; // a next link off the back end's origin is not followed
      url = checked;
    }
    answer = await call(source, operation, {}, undefined, undefined,
      { record: null, scope, query: next.query, url });
  }
  return rows;
}

export async function list(sourceName: string, entityName: string, scope: Rec | null = null): Promise<Rec[]> {
  const { source, entity } = meta(sourceName, entityName);
  if (source.bundled) return bundled.rows(source, entity);
  const cached = entity.offline.mode !== "online_only" || source.kind === "local";
  const listOp = op(entity, "list");
  if (source.kind !== "local" && listOp) {
    try {
      const rows = (await listRows(source, listOp, scope)).map((r) => fromWire(source, entity, r));
      if (cached) {
        const sealed = await Promise.all(rows.map((r) => seal(source.appId, r, entity.pii)));
        const entry: CacheEntry = { fetched: Date.now(), rows: sealed };
        await AsyncStorage.setItem(storageKey(source, "rows", entity.name), JSON.stringify(entry));
      }
      readDone(source, entity, true);
      setStatus({ lastSync: Date.now() });
      return overlay(source, entity, rows);
    } catch (err) {
      if (!(err instanceof OfflineError) || !cached) {
        readDone(source, entity, false);
        throw err;
      }
    }
  }
  if (!cached) throw new OfflineError();
  if (source.kind !== "local") {
    // the cache stands in only for data that came from the back end at least once
    const stored = await readJson<CacheEntry | null>(storageKey(source, "rows", entity.name), null);
    if (rules.offlineRead(entity.offline.mode, stored ? stored.fetched : null) === "fail") {
      readDone(source, entity, false);
      throw new OfflineError(true);
    }
  }
  return readCache(source, entity);
}

/** `rec` with a copy of itself as loaded (`$base`; `$` keys are never sent): write() takes it
 * as the base of an update, for the conflict check and a PATCH of only the changed fields. */
function loaded(rec: Rec | null): Rec | null {
  if (!rec || rec.$pending) return rec;
  const base: Rec = {};
  for (const [k, v] of Object.entries(rec)) if (!k.startsWith("$")) base[k] = v;
  return { ...rec, $base: base };
}

/** The device's last copy of the server's record with `rec`'s key (no local changes). */
async function cachedRow(source: SourceMeta, entity: EntityMeta, rec: Rec): Promise<Rec | null> {
  const key = keyOf(entity, rec);
  const cached = await readJson<CacheEntry | null>(storageKey(source, "rows", entity.name), null);
  const row = key === null || !cached ? undefined : cached.rows.find((r) => keyOf(entity, r) === key);
  return row ? unseal(source.appId, row, entity.pii) : null;
}

/** One record by key (the key value, or a record holding the key fields); null if none. The
 * record carries its loaded copy (`$base`) for a later update. */
export async function one(sourceName: string, entityName: string, key: Value,
  scope: Rec | null = null): Promise<Rec | null> {
  const { source, entity } = meta(sourceName, entityName);
  const given: Rec = isRecord(key) ? key : Object.fromEntries(entity.key.slice(0, 1).map((k) => [k, key]));
  // a record created offline: the server's key once it has one; else only on this device
  const { record: values, missing } = rules.resolveKeys(given, entity.key, await keyAliases(source));
  const getOp = op(entity, "get");
  if (getOp && source.kind !== "local" && !missing.length) {
    try {
      const body = recordOf(getOp, (await call(source, getOp, pathValues(source, entity, values),
        undefined, undefined, { scope })).body);
      if (body) return loaded((await overlay(source, entity, [fromWire(source, entity, body)]))[0] ?? null);
    } catch (err) {
      if (err instanceof HttpError && err.status === 404) return null;
      if (!(err instanceof OfflineError) || entity.offline.mode === "online_only") throw err;
    }
  }
  const wanted = keyOf(entity, values);
  const rows = await list(sourceName, entityName).catch((err: unknown) => {
    if (err instanceof OfflineError && err.neverSynced) throw err; // the device never had it
    return readCache(source, entity);
  });
  return loaded(rows.find((r) => keyOf(entity, r) === wanted) ?? null);
}

// -- writes and the outbox --------------------------------------------------------------------

function uuid(): string {
  const hex = "0123456789abcdef";
  let out = "";
  for (let i = 0; i < 32; i += 1) out += hex[Math.floor(Math.random() * 16)];
  return `${out.slice(0, 8)}-${out.slice(8, 12)}-4${out.slice(13, 16)}-${out.slice(16, 20)}-${out.slice(20)}`;
}

function bodyFor(source: SourceMeta, entity: EntityMeta, operation: Operation, rec: Rec,
  base: Rec | null): Rec {
  const kind = operation.kind === "create" || operation.kind === "delete" ? operation.kind : "update";
  const fixed = kind === "update" ? [...entity.readOnly, ...(entity.createOnly ?? [])] : entity.readOnly;
  return toWire(source, entity, rules.bodyFor(kind, operation.method, fixed, rec, base));
}

/** Create, update or delete a record; offline-capable entities go through the outbox. An
 * update's base (what the user started from: `base`, the record's `$base` as loaded by one(),
 * else the cached server copy) decides conflicts and which fields a PATCH sends. */
export async function write(sourceName: string, entityName: string, kind: WriteKind, record: Value,
  base: Rec | null = null): Promise<{ queued: boolean }> {
  const { source, entity } = meta(sourceName, entityName);
  const rec = plain(isRecord(record) ? record : {}) as Rec;
  const given = isRecord(rec.$base) ? rec.$base : null;
  delete rec.$pending;
  delete rec.$base;
  if (source.bundled) {
    await bundled.write(source, entity, kind, rec);
    changed(sourceName, entityName);
    return { queued: false };
  }
  const operation = op(entity, kind);
  if (!operation) throw new Error(`${sourceName}.${entityName} has no ${kind} operation`);
  const from = base ?? given ?? (kind === "update" ? await cachedRow(source, entity, rec) : null);
  if (entity.offline.mode !== "offline_read_write") {
    // sent at once: an ETag-checked change carries the version it was made on, as from the outbox
    const tag = entity.concurrency === "etag" && kind !== "create" ? rec.$etag : undefined;
    await call(source, operation, pathValues(source, entity, rec),
      kind === "delete" ? undefined : bodyFor(source, entity, operation, rec, null), undefined,
      { headers: typeof tag === "string" && tag ? { "If-Match": tag } : {} });
    changed(sourceName, entityName);
    return { queued: false };
  }
  const id = uuid();
  // a new record whose key the server assigns: a temporary one that other records can point at
  const queued = kind === "create" ? rules.withTempKey(entity.key, rec, id) : rec;
  await serial(async () => {
    const entries = await outbox(source);
    const seq = entries.reduce((m, e) => Math.max(m, e.seq), 0) + 1;
    entries.push({
      seq, id, source: sourceName, entity: entityName, op: kind, status: "pending",
      record: queued, base: from ? (plain(from) as Rec) : null, ts: Date.now(), attempts: 0, nextTry: 0,
    });
    await saveOutbox(source, entries);
  });
  await refreshCounts();
  changed(sourceName, entityName);
  void flush();
  return { queued: true };
}

/** Queue call operation `name` about `rec` (an action run offline) after the record's own
 * changes; delivered like a write. */
export async function queueCall(source: SourceMeta, entityName: string, rec: Rec,
  call: { name: string; args: Rec; scope: Rec }): Promise<void> {
  await serial(async () => {
    const entries = await outbox(source);
    const seq = entries.reduce((m, e) => Math.max(m, e.seq), 0) + 1;
    entries.push({ seq, id: uuid(), source: source.name, entity: entityName, op: "call", call,
      status: "pending", record: rec, base: null, ts: Date.now(), attempts: 0, nextTry: 0 });
    await saveOutbox(source, entries);
  });
  await refreshCounts();
  void flush();
}

type Outcome = "done" | "conflict";

/** The record a queued change is about, as text (`entity/key`, or the entry's own id for a
 * new record without a key yet). */
function rowKeyOf(entity: EntityMeta | undefined, e: OutboxEntry): string {
  const key = entity ? rules.keyOf(entity.key, e.record) : null;
  return `${e.entity}/${key ?? `~${e.id}`}`;
}

/** Row keys of the records a queued change's reference fields point at. */
function refsOf(source: SourceMeta, e: OutboxEntry): string[] {
  const out: string[] = [];
  for (const [field, target] of source.entities[e.entity]?.refs ?? []) {
    const other = source.entities[target];
    const value = e.record[field];
    if (!other || value === null || value === undefined || value === "") continue;
    const key = rules.keyOf(other.key, isRecord(value) ? value : { [other.key[0] ?? ""]: value });
    if (key !== null) out.push(`${target}/${key}`);
  }
  return out;
}

function heldOf(source: SourceMeta, entries: readonly OutboxEntry[]): boolean[] {
  return rules.heldBack(entries.map((e) => ({ status: e.status, rowKey: rowKeyOf(source.entities[e.entity], e),
    refs: refsOf(source, e) })));
}

/** Where a temporary key can be: the record's own key and what it points at. */
function keyed(entity: EntityMeta): string[] {
  return [...entity.key, ...(entity.refs ?? []).map(([field]) => field)];
}

/** Temporary keys of records created offline → the keys the server gave them. */
function keyAliases(source: SourceMeta): Promise<Record<string, Value>> {
  return readJson<Record<string, Value>>(storageKey(source, "keys"), {});
}

/** A queued change with the server's keys for temporary ones `aliases` maps (true when any
 * changed), and whether it can be sent: not while it points at a record not created yet. */
function resolveEntry(entity: EntityMeta, e: OutboxEntry,
  aliases: Readonly<Record<string, Value>>): { changed: boolean; ready: boolean } {
  const { record, missing } = rules.resolveKeys(e.record, keyed(entity), aliases);
  const own = e.op === "create" ? e.record[entity.key[0] ?? ""] : null; // a create goes without it
  const changed = JSON.stringify(record) !== JSON.stringify(e.record);
  if (changed) {
    e.record = record;
    if (e.base) e.base = rules.resolveKeys(e.base, keyed(entity), aliases).record;
  }
  return { changed, ready: missing.every((k) => k === own) };
}

/** What the server holds after a delivery: its answer's record, else what was sent. */
let delivered: Rec | null = null;

/** The server's copy of a record (null when it is gone) and when it was last changed. */
async function serverCopy(source: SourceMeta, entity: EntityMeta, getOp: Operation,
  rec: Rec): Promise<{ server: Rec | null; serverTime: number | null }> {
  const current = await call(source, getOp, pathValues(source, entity, rec)).catch((err: unknown) => {
    if (err instanceof HttpError && err.status === 404) return null;
    throw err;
  });
  const found = current ? recordOf(getOp, current.body) : null;
  const server = found ? fromWire(source, entity, found) : null;
  return { server, serverTime: server ? rules.modifiedAt(server, current?.lastModified ?? null) : null };
}

/** The entity's conflict policy against the server's copy: an outcome, or null to send. */
function decide(entity: EntityMeta, e: OutboxEntry, server: Rec | null,
  serverTime: number | null): Outcome | null {
  const choice = rules.conflictChoice(entity.offline.conflict, entity.fields, e.base, e.record,
    server, serverTime, e.ts);
  if (choice === "server") {
    delivered = server;
    return "done";
  }
  if (choice === "ask" && server) {
    e.status = "conflict";
    e.server = server;
    return "conflict";
  }
  if (typeof server?.$etag === "string") e.etag = server.$etag; // mine wins: over theirs
  return null;
}

async function deliver(source: SourceMeta, entity: EntityMeta, e: OutboxEntry): Promise<Outcome> {
  delivered = null;
  if (e.op === "call") {  // a queued action: sent once (its Idempotency-Key), then done
    const c = e.call ?? { name: "", args: {}, scope: {} };
    await sendCall(source, entity, c.name, e.record, c.args, c.scope, e.id);
    return "done";
  }
  const getOp = op(entity, "get");
  const etags = entity.concurrency === "etag";
  const checked = e.op === "update" && e.base && getOp && !e.force;
  if (checked && !etags) {
    // no version check on the server: compare with its copy before sending
    const { server, serverTime } = await serverCopy(source, entity, getOp, e.record);
    const outcome = decide(entity, e, server, serverTime);
    if (outcome) return outcome;
  }
  const operation = op(entity, e.op);
  if (!operation) throw new HttpError(405, `${e.entity} has no ${e.op} operation`, null);
  const send = async (): Promise<void> => {
    const tag = etags && e.op !== "create" ? e.etag ?? e.record.$etag : undefined;
    const answer = await call(source, operation, pathValues(source, entity, e.record),
      e.op === "delete" ? undefined : bodyFor(source, entity, operation, e.record, e.base), e.id,
      { headers: typeof tag === "string" && tag ? { "If-Match": tag } : {} });
    const found = e.op === "delete" ? null : recordOf(operation, answer.body);
    delivered = e.op === "delete" ? null : found ? { ...e.record, ...fromWire(source, entity, found) } : e.record;
  };
  try {
    try {
      await send();
    } catch (err) {
      // the server's version check failed: someone changed the record since it was loaded
      if (!(etags && err instanceof HttpError && err.status === 412 && e.base && getOp)) throw err;
      const { server, serverTime } = await serverCopy(source, entity, getOp, e.record);
      const outcome = decide(entity, e, server, serverTime);
      if (outcome) return outcome;
      await send();
    }
  } catch (err) {
    if (!(e.op === "delete" && err instanceof HttpError && err.status === 404)) throw err;
  }
  return "done";
}

async function refreshCounts(): Promise<void> {
  const all = (await Promise.all([...sources.values()].map(outbox))).flat();
  setStatus({
    pending: all.filter((e) => e.status === "pending").length,
    conflicts: all.filter((e) => e.status === "conflict").length,
    failed: all.filter((e) => e.status === "failed").length,
  });
}

function retryable(err: unknown): boolean {
  return rules.retryable(err instanceof OfflineError, err instanceof HttpError ? err.status : null);
}

async function flushSource(source: SourceMeta, force: boolean): Promise<void> {
  const queued = await outbox(source);
  const held = heldOf(source, queued);
  // records with an earlier change not delivered in this pass: nothing overtakes it
  const waiting = new Set<string>();
  for (const [i, q] of queued.entries()) {
    const entity = source.entities[q.entity];
    const rowKey = rowKeyOf(entity, q);
    if (q.status !== "pending") continue;
    if (held[i] || waiting.has(rowKey) || refsOf(source, q).some((r) => waiting.has(r))
        || (!force && q.nextTry > Date.now())) {
      waiting.add(rowKey);
      continue;
    }
    const e = (await outbox(source)).find((x) => x.seq === q.seq);  // may have been re-based
    if (!e || e.status !== "pending") continue;
    if (entity) {
      // a change pointing at a record created offline goes with the server's key, never before
      const resolved = resolveEntry(entity, e, await keyAliases(source));
      if (resolved.changed) {
        await serial(async () => saveOutbox(source, (await outbox(source)).map((x) => (x.seq === e.seq ? e : x))));
      }
      if (!resolved.ready) {
        waiting.add(rowKey);
        continue;
      }
    }
    let outcome: Outcome | "retry" | "failed";
    // whether the app believed it had a connection: a request that gets no answer then may
    // have reached the server (its answer lost) and is an attempt; one made while offline is not
    const reachable = status.online;
    let unanswered = false;
    try {
      outcome = entity ? await deliver(source, entity, e) : "failed";
      if (!entity) e.error = { status: null, message: `${e.entity} is not in this app` };
    } catch (err) {
      outcome = retryable(err) ? "retry" : "failed";
      unanswered = err instanceof OfflineError;
      if (outcome === "failed") {
        // the error archive: the change stays, whole, with what the server said
        e.error = err instanceof HttpError
          ? { status: err.status, message: rules.serverMessage(err.body) }
          : { status: null, message: err instanceof Error ? err.message : String(err) };
        e.failedAt = Date.now();
      }
    }
    const server = outcome === "done" ? delivered : null;
    // a record created with a temporary key: the server's, kept before the entry goes
    const temp = e.op === "create" && entity ? e.record[entity.key[0] ?? ""] : null;
    const given = server && entity ? server[entity.key[0] ?? ""] : null;
    const aliases = rules.isTempKey(temp) && given !== null && given !== undefined && given !== ""
      && !rules.isTempKey(given) ? { [temp as string]: given } : null;
    if (aliases) {
      const key = storageKey(source, "keys");
      await AsyncStorage.setItem(key, JSON.stringify({ ...(await keyAliases(source)), ...aliases }));
    }
    const touched = new Set<string>();
    await serial(async () => {
      const entries = (await outbox(source)).filter((x) => x.seq !== e.seq);
      if (outcome === "retry" && unanswered && !reachable) {
        // still offline: no backoff grows, the next probe is the sync interval away
        e.nextTry = Date.now() + settings.syncIntervalSeconds * 1000;
      } else if (outcome === "retry") {
        // the same entry (same Idempotency-Key) again after the backoff, which a lost answer
        // starts at ~2 s: the server answers a repeat as it answered the first time
        e.attempts += 1;
        e.nextTry = Date.now() + rules.retryDelay(e.attempts);
      } else if (outcome === "failed") {
        e.status = "failed";
      }
      if (outcome !== "done") entries.push(e);
      if (server) {
        // later changes to this record were made on top of this one: re-base them
        for (const later of entries) {
          if (later.seq > e.seq && later.base && rowKeyOf(entity, later) === rowKey) {
            later.record = rules.rebase(later.base, later.record, server);
            later.base = { ...server };
            if (typeof server.$etag === "string") later.etag = server.$etag;
          }
        }
      }
      if (aliases) {
        // the server's key in the changes that point at the new record (or change it)
        for (const later of entries) {
          const other = source.entities[later.entity];
          if (other && resolveEntry(other, later, aliases).changed) touched.add(later.entity);
        }
      }
      await saveOutbox(source, entries.sort((a, b) => a.seq - b.seq));
    });
    if (aliases) {
      touched.forEach((name) => changed(source.name, name));
      rekeyListeners.forEach((listener) => listener(aliases));
    }
    if (outcome === "done") {
      setStatus({ lastSync: Date.now() });
      changed(source.name, e.entity);
    } else {
      waiting.add(rowKey);
    }
    if (outcome === "retry" && !status.online) return;
  }
}

/** Deliver every outbox in order; `force` ignores backoff (reconnect, "Sync now"). */
export function flush(force = false): Promise<void> {
  if (flushing) return flushing;
  flushing = (async () => {
    setStatus({ syncing: true });
    try {
      for (const source of sources.values()) await flushSource(source, force);
    } finally {
      flushing = null;
      await refreshCounts();
      setStatus({ syncing: false });
      await scheduleRetry();
    }
  })();
  return flushing;
}

/** Flush again when the first waiting change's backoff ends (at most the sync interval away),
 * so a change whose answer was lost is sent again in seconds, not at the next interval. */
async function scheduleRetry(): Promise<void> {
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  if (!started) return;
  const all = (await Promise.all([...sources.values()].map(outbox))).flat();
  const next = all.filter((e) => e.status === "pending").map((e) => e.nextTry);
  if (!next.length) return;
  const wait = Math.min(settings.syncIntervalSeconds * 1000, Math.min(...next) - Date.now());
  retryTimer = setTimeout(() => void flush(), Math.max(500, wait));
}

/** Conflicts waiting for the user (entities with the ask_user policy). */
export async function conflicts(): Promise<Conflict[]> {
  const out: Conflict[] = [];
  for (const source of sources.values()) {
    for (const e of await outbox(source)) {
      const entity = source.entities[e.entity];
      if (e.status !== "conflict" || !e.server || !entity) continue;
      const server = e.server;
      const fields = rules.changedFields(entity.fields, e.record, server).map((f) => ({ name: f, mine: e.record[f] ?? null, server: server[f] ?? null }));
      out.push({ source: source.name, seq: e.seq, entity: e.entity, fields });
    }
  }
  return out;
}

/** Resolve a conflict: "mine" sends this device's version, "server" keeps the server's. */
export async function resolve(sourceName: string, seq: number, choice: "mine" | "server"): Promise<void> {
  const source = sources.get(sourceName);
  if (source) {
    await serial(async () => {
      const entries = await outbox(source);
      const e = entries.find((x) => x.seq === seq);
      if (!e) return;
      if (choice === "server") {
        entries.splice(entries.indexOf(e), 1);
      } else {
        // Keep mine: send the fields this device changed (against the original base), so the
        // server's other changes stay.
        e.status = "pending";
        e.force = true;
        if (typeof e.server?.$etag === "string") e.etag = e.server.$etag; // over the version seen
        delete e.server;
        e.nextTry = 0;
      }
      await saveOutbox(source, entries);
    });
  }
  await refreshCounts();
  await flush(true);
}

/** A record's name for people: its name/title field, else its first text, else its key. */
function titleOf(entity: EntityMeta, rec: Rec): string {
  const named = ["name", "title", "label", "subject"].find((f) => typeof rec[f] === "string" && rec[f]);
  if (named) return String(rec[named]);
  const text = entity.fields.find((f) => !entity.key.includes(f) && typeof rec[f] === "string" && rec[f]);
  if (text) return String(rec[text]);
  return entity.key.map((k) => rec[k]).filter((v) => v !== null && v !== undefined && v !== "").join(" · ");
}

/** What waits to be sent, in the order it will be (every source). */
export async function pendingChanges(): Promise<PendingChange[]> {
  const out: PendingChange[] = [];
  for (const source of sources.values()) {
    const entries = await outbox(source);
    const held = heldOf(source, entries);
    entries.forEach((e, i) => {
      const entity = source.entities[e.entity];
      const labels = new Map(entity?.labels ?? []);
      const touched = e.op === "update" && e.base && entity ? rules.changedFields(entity.fields, e.base, e.record) : [];
      const fields = e.op === "delete" || e.op === "call" || !entity ? [] : entity.fields.filter((f) => !entity.readOnly.includes(f)
        && !(e.op === "update" && entity.key.includes(f)) && (!touched.length || touched.includes(f))
        && (e.record[f] === null || e.record[f] === undefined || typeof e.record[f] !== "object"));
      out.push({ source: source.name, seq: e.seq, op: e.op, state: rules.changeState(e.status, held[i]),
        entity: entity?.label ?? e.entity, title: entity ? titleOf(entity, e.record) : "",
        fields: fields.map((f) => ({ name: f, label: labels.get(f) ?? f, value: e.record[f] ?? null })),
        error: e.error ?? null, failedAt: e.failedAt ?? null });
    });
  }
  return out;
}

/** Send a refused change again, with the user's corrections laid over it (a corrected change
 * is another request: a new Idempotency-Key); what waited behind it follows. */
export async function retry(sourceName: string, seq: number, changes: Rec = {}): Promise<void> {
  const source = sources.get(sourceName);
  if (source) {
    await serial(async () => {
      const entries = await outbox(source);
      const e = entries.find((x) => x.seq === seq);
      if (!e || e.status !== "failed") return;
      if (Object.keys(changes).length) {
        e.record = { ...e.record, ...(plain(changes) as Rec) };
        e.id = uuid();
      }
      e.status = "pending";
      e.attempts = 0;
      e.nextTry = 0;
      delete e.error;
      delete e.failedAt;
      await saveOutbox(source, entries);
      changed(source.name, e.entity);
    });
  }
  await refreshCounts();
  await flush(true);
}

/** Drop one refused change for good (the user confirmed it); what waited behind it is sent. */
export async function discard(sourceName: string, seq: number): Promise<void> {
  const source = sources.get(sourceName);
  if (source) {
    await serial(async () => {
      const entries = await outbox(source);
      const e = entries.find((x) => x.seq === seq);
      if (!e || e.status !== "failed") return;
      await saveOutbox(source, entries.filter((x) => x !== e));
      changed(source.name, e.entity);
    });
  }
  await refreshCounts();
  await flush(true);
}

/** Start background sync: on start, when the app comes to the foreground, when the browser
 * reports a connection, and every `syncIntervalSeconds`. */
export function startSync(): () => void {
  if (started) return () => undefined;
  started = true;
  void restoreStatus().then(refreshCounts).then(() => flush(true));
  const timer = setInterval(() => void flush(), settings.syncIntervalSeconds * 1000);
  const sub = AppState.addEventListener("change", (state) => {
    if (state === "active") void flush(true);
  });
  const web = globalThis as { addEventListener?: (type: string, fn: () => void) => void;
    removeEventListener?: (type: string, fn: () => void) => void };
  const online = (): void => {
    setStatus({ online: true });
    void flush(true);
  };
  const offline = (): void => setStatus({ online: false });
  web.addEventListener?.("online", online);
  web.addEventListener?.("offline", offline);
  return () => {
    started = false;
    clearInterval(timer);
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    sub.remove();
    web.removeEventListener?.("online", online);
    web.removeEventListener?.("offline", offline);
  };
}
