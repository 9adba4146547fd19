// The data layer: reads (network first, IndexedDB cache per the offline policy), writes through
// an outbox delivered exactly once with backoff, conflict resolution per entity policy, and an
// error archive: a change the server refuses is kept with its message, later changes to that
// record (and to records pointing at it) wait behind it until the user fixes or discards it.
// A record created offline whose key the server assigns has a temporary key until its create
// is delivered; changes pointing at it wait for it and then carry the server's key.

import APP from "./model/app.js";
import { baseOf, call, getConfig, HttpError, isNetworkError, onConnection, paramsOf } from "./http.js";
import * as store from "./store.js";
import * as bundled from "./bundled.js";
import { seal, unseal } from "./crypto.js";
import { plain } from "./shared/rt.js";
import * as rules from "./shared/sync.js";
import { pathValues as wireValues, recordFrom, renamed } from "./shared/wire.js";
import { callOp, isAction, scopeOf, sendCall } from "./calls.js";
import { etagOf, firstPage, nextPage, pageUrl, recordAt, rowsAt } from "./shared/request.js";

export const events = new EventTarget();
const memo = new Map();          // se -> rows (decrypted, in memory only)
const origins = new WeakMap();   // record handed to a screen -> copy as loaded (conflict base)
const metas = new Map();         // se -> entityMeta
// Whether requests get through and when data last came from the back end outlive a reload
// (a page reloaded offline starts offline, whatever navigator.onLine says).
const SAVED = `fc-${APP.id}-sync`;
function saved() {
  try { return JSON.parse(localStorage.getItem(SAVED)) || {}; } catch (e) { return {}; }
}
const status = { online: navigator.onLine && saved().online !== false, syncing: false, pending: 0,
  conflicts: 0, failed: 0, lastSync: Number.isFinite(saved().lastSync) ? saved().lastSync : null, loadFailed: false };
const failing = new Set();       // se of entities whose last read failed
let busy = 0;                    // flushes and prefetches under way
let flushing = null;
let prefetching = null;
let retryTimer = null;

export function syncStatus() { return { ...status }; }
/** Whether any source is a back end (not rows shipped with the app or kept on the device). */
export function hasBackEnd() { return APP.sources.some((s) => s.kind !== "local" && !bundled.isBundled(s)); }
function emit(type, detail) { events.dispatchEvent(new CustomEvent(type, { detail })); }
function setStatus(patch) {
  Object.assign(status, patch);
  try { localStorage.setItem(SAVED, JSON.stringify({ online: status.online, lastSync: status.lastSync })); } catch (e) { /* private mode */ }
  emit("status", syncStatus());
}
function working(delta) { busy += delta; setStatus({ syncing: busy > 0 }); }
function reached() { setStatus({ lastSync: Date.now() }); }
function loaded(meta, ok) {
  if (ok) failing.delete(meta.se); else failing.add(meta.se);
  if (status.loadFailed !== failing.size > 0) setStatus({ loadFailed: failing.size > 0 });
}

// A failed request means offline, an answered one online (whatever navigator.onLine says);
// coming back delivers the outbox and refreshes the cache.
onConnection((up) => {
  if (status.online === up) return;
  setStatus({ online: up });
  if (up) flush(true).then(() => prefetch());
});

/** Everything the data layer knows about one entity. */
export function entityMeta(sourceName, entityName) {
  const known = metas.get(`${sourceName}/${entityName}`);
  if (known) return known;
  const source = APP.sources.find((s) => s.name === sourceName);
  const entity = source && source.entities.find((e) => e.name === entityName);
  if (!source || !entity) throw new Error(`unknown entity ${sourceName}.${entityName}`);
  // the operation of a kind: the one marked default, else the first
  const op = (kind) => entity.operations.find((o) => o.kind === kind && o.default)
    || entity.operations.find((o) => o.kind === kind) || null;
  const wire = entity.wire ? new Map(entity.wire) : null;  // model name -> back end's name
  const nested = entity.nested ? new Map(entity.nested) : null;  // field -> item entity
  const meta = {
    source, entity, op, se: `${source.name}/${entity.name}`,
    toWire: wire, fromWire: wire && new Map([...wire].map(([m, w]) => [w, m])),
    nested, odata: source.kind === "odata",
    pii: entity.fields.filter((f) => f.pii).map((f) => f.name),
    fields: entity.fields.map((f) => f.name),
    readOnly: entity.fields.filter((f) => f.read_only).map((f) => f.name),
    // not sent on update: read-only fields and those only a create sets
    fixed: entity.fields.filter((f) => f.read_only || f.create_only).map((f) => f.name),
    refs: entity.fields.filter((f) => f.type === "reference" && f.entity).map((f) => [f.name, f.entity]),
    // where a temporary key can be: the record's own key and what it points at
    keyed: [...entity.key, ...entity.fields.filter((f) => f.type === "reference").map((f) => f.name)],
    policy: entity.offline,
    cached: entity.offline.mode !== "online_only" && source.kind !== "local" && !bundled.isBundled(source),
    local: source.kind === "local",
    bundled: bundled.isBundled(source),  // rows shipped with the app (a CSV or JSON source)
    etag: entity.concurrency === "etag",  // writes send If-Match; a 412 is a conflict
  };
  metas.set(meta.se, meta);
  return meta;
}

/** The entity of a nested field's records (for renaming them too). */
function itemOf(meta) { return (name) => entityMeta(meta.source.name, name).entity; }

/** A record as the back end names its fields (payloads sent). */
function toWire(meta, rec) { return renamed(meta.entity, rec, "toWire", meta.odata, itemOf(meta)); }

/** A record from the back end with the model's field names (before cache and screens); null
 * for a body that holds no record. */
function fromWire(meta, rec) {
  if (!rec || typeof rec !== "object" || Array.isArray(rec)) return null;
  const out = renamed(meta.entity, rec, "fromWire", meta.odata, itemOf(meta));
  const tag = meta.etag ? etagOf(rec) : null;  // kept as $etag: never shown, never sent as a field
  return tag ? { ...out, $etag: tag } : out;
}

/** Values for a path's `{placeholders}`: model names, and wire names the path may use. */
function pathValues(meta, rec) { return wireValues(meta.entity, rec, meta.odata, itemOf(meta)); }

/** Call `op` for the record `rec` (or none): its declared parameters filled from the record,
 * the screen's `scope` and config.json. */
function request(meta, op, rec, scope, options = {}) {
  const parts = paramsOf(meta.source, op, rec, scope);
  return call(meta.source, op, { ...options, query: [...parts.query, ...(options.query || [])],
    headers: { ...parts.headers, ...(options.headers || {}) },
    values: { ...(rec ? pathValues(meta, rec) : {}), ...parts.path } });
}

/** The record in a get/create/update response: at the operation's result path, else the body
 * (or OData v2's `d`). */
function recordOf(op, body) { return op.result && op.result.length ? recordAt(body, op.result) : recordFrom(body); }

/** Every row of a list, page after page as the operation pages, within its bounds. */
async function listRows(meta, op, scope) {
  const paging = op.paging;
  let result = await request(meta, op, null, scope, { query: firstPage(paging) });
  const rows = [];
  for (let index = 0; ; index++) {
    const page = rowsAt(result.body, op.result);
    rows.push(...page);
    const max = paging ? paging.max_rows || 1000 : Infinity;
    if (rows.length >= max) { rows.length = max; break; }
    const next = nextPage(paging, index, page.length, rows.length, result.body,
      result.headers.get("Link"));
    if (!next) break;
    if (next.link) {
      const url = pageUrl(next.link, result.url, baseOf(meta.source, op));
      if (!url) break;  // a next link off the back end's origin is not followed
      result = await call(meta.source, op, { url, headers: paramsOf(meta.source, op, null, scope).headers });
    } else {
      result = await request(meta, op, null, scope, { query: next.query });
    }
  }
  return rows;
}

function keyOf(meta, rec) { return rules.keyOf(meta.entity.key, rec); }

/** Row keys of the records `rec`'s reference fields point at (what a change depends on). */
function refsOf(meta, rec) {
  const out = [];
  for (const [field, target] of meta.refs) {
    const value = rec[field];
    if (value === null || value === undefined || value === "") continue;
    const other = entityMeta(meta.source.name, target);
    const key = keyOf(other, value && typeof value === "object" ? value
      : Object.fromEntries(other.entity.key.slice(0, 1).map((k) => [k, value])));
    if (key !== null) out.push(`${other.se}/${key}`);
  }
  return out;
}

function rowKey(meta, rec, index) {
  const key = keyOf(meta, rec);
  return `${meta.se}/${key === null ? "#" + index : key}`;
}

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A copy for a screen to edit; remembers the original as the base for conflict checks. */
export function forScreen(rec) {
  if (!rec || typeof rec !== "object") return rec;
  const copy = structuredClone(rec);
  origins.set(copy, structuredClone(rec));
  return copy;
}

async function readCache(meta) {
  const info = await store.getOne("meta", meta.se);
  const rows = await store.rowsOf(meta.se);
  const fresh = rows.filter((r) => r.local || r.dirty
    || (info && rules.fresh(info.fetched, meta.policy.max_age_hours, Date.now())));
  return Promise.all(fresh.map((r) => unseal(r.rec, meta.pii)));
}

async function outboxEntries() {
  return (await store.all("outbox")).sort((a, b) => a.seq - b.seq);
}

/** Server rows with this device's not-yet-delivered changes laid over them. */
async function overlay(meta, rows) {
  const entries = (await outboxEntries()).filter((e) => e.se === meta.se && e.status !== "failed");
  const queued = await Promise.all(entries.map(async (e) => ({ ...e, record: await unseal(e.record, meta.pii) })));
  return rules.overlay(rows, queued, meta.entity.key);
}

async function writeCache(meta, rows) {
  const pendingKeys = new Set();
  for (const e of await outboxEntries()) if (e.se === meta.se && e.rowKey) pendingKeys.add(e.rowKey);
  const sealed = await Promise.all(rows.map(async (rec, i) => ({
    k: rowKey(meta, rec, i), se: meta.se, pos: i, rec: await seal(plain(rec), meta.pii) })));
  await store.replaceRows(meta.se, sealed, pendingKeys);
}

/** All rows of an entity: from the back end when reachable, else from the device cache — which
 * only stands in once the entity was synced: a read that never reached the back end fails. */
export async function list(sourceName, entityName, scope = null) {
  const meta = entityMeta(sourceName, entityName);
  if (meta.local) return readCache(meta);
  if (meta.bundled) return bundled.rows(meta);
  const op = meta.op("list");
  if (op) {
    try {
      const rows = (await listRows(meta, op, scope)).map((r) => fromWire(meta, r));
      if (meta.cached) await writeCache(meta, rows);
      const merged = await overlay(meta, rows);
      memo.set(meta.se, merged);
      loaded(meta, true);
      reached();
      return merged;
    } catch (err) {
      if (!isNetworkError(err) || !meta.cached) { loaded(meta, false); throw err; }
    }
  }
  if (memo.has(meta.se)) return memo.get(meta.se);
  const info = meta.cached ? await store.getOne("meta", meta.se) : null;
  if (rules.offlineRead(meta.policy.mode, info ? info.fetched : null) === "fail") {
    loaded(meta, false);
    throw Object.assign(new Error("offline"), { offline: true, neverSynced: !info });
  }
  const rows = await readCache(meta);
  memo.set(meta.se, rows);
  return rows;
}

/** One record by key (key = the key value, or a record holding the key fields). */
export async function one(sourceName, entityName, key, scope = null) {
  const meta = entityMeta(sourceName, entityName);
  const given = key && typeof key === "object" ? key
    : Object.fromEntries(meta.entity.key.slice(0, 1).map((k) => [k, key]));
  // a record created offline: the server's key once it has one; else only on this device
  const { record: values, missing } = rules.resolveKeys(given, meta.entity.key, await keyAliases());
  const wanted = keyOf(meta, values);
  const op = meta.op("get");
  if (op && !meta.local && !missing.length) {
    try {
      const body = recordOf(op, (await request(meta, op, values, scope)).body);
      if (body && typeof body === "object" && !Array.isArray(body)) {
        const [rec] = await overlay(meta, [fromWire(meta, body)]);
        return rec;
      }
    } catch (err) {
      if (err instanceof HttpError && err.status === 404) return null;
      if (!isNetworkError(err) || !meta.cached) throw err;
    }
  }
  const rows = await list(sourceName, entityName, scope).catch((err) => {
    if (err && err.neverSynced) throw err;  // the device never had this data: say so
    return [];
  });
  return rows.find((r) => keyOf(meta, r) === wanted) || null;
}

async function refreshCounts() {
  const entries = await outboxEntries();
  setStatus({
    pending: entries.filter((e) => e.status === "pending").length,
    conflicts: entries.filter((e) => e.status === "conflict").length,
    failed: entries.filter((e) => e.status === "failed").length,
  });
}

function bodyFor(meta, op, rec, base) {
  return toWire(meta, rules.bodyFor(op.kind, op.method, op.kind === "update" ? meta.fixed : meta.readOnly, rec, base));
}

/** Create, update or delete a record. Offline-capable entities go through the outbox. */
export async function write(sourceName, entityName, kind, record) {
  const meta = entityMeta(sourceName, entityName);
  let rec = plain(record || {});
  delete rec.$pending;
  const op = meta.op(kind);
  if (meta.bundled) {
    await bundled.write(meta, kind, rec);
    memo.delete(meta.se);
    emit("changed", { se: meta.se });
    return { queued: false };
  }
  if (meta.local) {
    const k = rowKey(meta, rec, Date.now());
    if (kind === "delete") await store.remove("records", k);
    else await store.put("records", { k, se: meta.se, pos: Date.now(), rec: await seal(rec, meta.pii) });
    memo.delete(meta.se);
    emit("changed", { se: meta.se });
    return { queued: false };
  }
  if (!op) throw new Error(`${meta.se} has no ${kind} operation`);
  if (meta.policy.mode !== "offline_read_write") {
    // sent at once: an ETag-checked change carries the version it was made on, as from the outbox
    const tag = meta.etag && kind !== "create" ? rec.$etag || null : null;
    const result = await request(meta, op, rec, null, { body: kind === "delete" ? undefined : bodyFor(meta, op, rec, null),
      headers: tag ? { "If-Match": tag } : {} });
    memo.delete(meta.se);
    emit("changed", { se: meta.se });
    return { queued: false, body: fromWire(meta, recordOf(op, result.body)) };
  }
  const base = origins.get(record) || null;
  const id = uuid();
  if (kind === "create") rec = rules.withTempKey(meta.entity.key, rec, id);
  const key = keyOf(meta, rec);
  const entry = {
    id, se: meta.se, source: sourceName, entity: entityName, op: kind, status: "pending",
    record: await seal(rec, meta.pii), base: base ? await seal(plain(base), meta.pii) : null,
    rowKey: key === null ? `${meta.se}/~${id}` : `${meta.se}/${key}`, refs: refsOf(meta, rec),
    ts: Date.now(), attempts: 0, nextTry: 0,
  };
  await store.put("outbox", entry);
  if (kind === "delete") await store.remove("records", entry.rowKey);
  else await store.put("records", { k: entry.rowKey, se: meta.se, pos: Number.MAX_SAFE_INTEGER, local: key === null || kind === "create", dirty: true, rec: entry.record });
  if (base) origins.set(record, structuredClone(rec));
  memo.delete(meta.se);
  await refreshCounts();
  emit("changed", { se: meta.se });
  flush();
  return { queued: true, record: rec };
}

/** Run call operation `name` about `record` with `args`: at once when online; offline, an
 * action of an offline-capable entity waits in the outbox (after the record's own changes),
 * a function fails as needing a connection. Resolves to { queued, value }. */
export async function runCall(sourceName, entityName, name, record, args, scope) {
  const meta = entityMeta(sourceName, entityName);
  const op = callOp(meta, name);
  const rec = plain(record || {});
  const queue = isAction(op) && meta.policy.mode === "offline_read_write";
  if (!queue || navigator.onLine) {
    try {
      return { queued: false, value: await sendCall(meta, op, rec, plain(args), scope, pathValues(meta, rec)) };
    } catch (err) {
      if (!queue || !isNetworkError(err)) throw err;
    }
  }
  const key = keyOf(meta, rec), id = uuid();
  await store.put("outbox", { id, se: `${meta.se}#call`, source: sourceName, entity: entityName, op: "call", call: name,
    args: plain(args), scope: scopeOf(op, scope), record: await seal(rec, meta.pii), base: null,
    rowKey: key === null ? `${meta.se}/~${id}` : `${meta.se}/${key}`, refs: refsOf(meta, rec),
    status: "pending", ts: Date.now(), attempts: 0, nextTry: 0 });
  await refreshCounts();
  flush();
  return { queued: true, value: null };
}

async function finish(entry, meta, serverRec, sent = null) {
  const temp = entry.op === "create" && sent && meta.entity.key.length === 1 ? sent[meta.entity.key[0]] : null;
  const given = serverRec && typeof serverRec === "object" ? serverRec[meta.entity.key[0]] : null;
  if (rules.isTempKey(temp) && given !== null && given !== undefined && given !== "" && !rules.isTempKey(given)) {
    // kept before the entry goes: a change still carrying the temporary key finds the server's
    await saveAlias(temp, given);
  }
  await store.remove("outbox", entry.seq);
  await store.remove("records", entry.rowKey);
  const isRec = serverRec && typeof serverRec === "object" && !Array.isArray(serverRec);
  if (isRec && keyOf(meta, serverRec) !== null) {
    await store.put("records", { k: rowKey(meta, serverRec, 0), se: meta.se, pos: Number.MAX_SAFE_INTEGER - 1, rec: await seal(serverRec, meta.pii) });
  }
  if (isRec) {
    // later changes to this record were made on top of this one: what the server now holds is
    // their base (else the server's answer to this change reads as someone else's edit)
    for (const later of await outboxEntries()) {
      if (later.rowKey !== entry.rowKey || later.seq === entry.seq || !later.base) continue;
      const mine = rules.rebase(await unseal(later.base, meta.pii), await unseal(later.record, meta.pii), plain(serverRec));
      later.record = await seal(mine, meta.pii);
      later.base = await seal(plain(serverRec), meta.pii);
      if (serverRec.$etag) later.etag = serverRec.$etag;
      await store.put("outbox", later);
    }
  }
  memo.delete(meta.se);
  emit("changed", { se: meta.se });
  const to = rules.isTempKey(temp) ? (await keyAliases())[temp] : undefined;
  if (to !== undefined) await rekey({ [temp]: to });
}

/** Temporary keys of records created offline → the keys the server gave them. */
async function keyAliases() {
  const saved = await store.getOne("meta", "~keys");
  return (saved && saved.aliases) || {};
}

async function saveAlias(temp, key) {
  const aliases = await keyAliases();
  aliases[temp] = key;
  await store.put("meta", { k: "~keys", aliases });
}

/** The server's keys in place of temporary ones (`aliases`) in queued changes, in the device
 * cache and on screen (the "rekeyed" event). */
async function rekey(aliases) {
  const touched = new Set();
  for (const e of await outboxEntries()) {
    if (await resolveEntry(e, aliases)) touched.add(e.se);
  }
  for (const row of await store.all("records")) {
    if (!row.dirty) continue;  // rows from the server never hold a temporary key
    const meta = entityMeta(row.se.split("/")[0], row.se.split("/").slice(1).join("/"));
    const rec = await unseal(row.rec, meta.pii);
    const { record } = rules.resolveKeys(rec, meta.keyed, aliases);
    if (JSON.stringify(record) === JSON.stringify(rec)) continue;
    await store.remove("records", row.k);
    const key = keyOf(meta, record);
    await store.put("records", { ...row, k: key === null ? row.k : `${meta.se}/${key}`, rec: await seal(record, meta.pii) });
    touched.add(meta.se);
  }
  for (const se of touched) { memo.delete(se); emit("changed", { se }); }
  emit("rekeyed", { aliases });
}

/** A queued change with the server's keys for temporary ones (saved when any changed); false
 * while it still points at a record the server has not created: it waits. */
async function resolveEntry(entry, aliases) {
  const meta = entityMeta(entry.source, entry.entity);
  const rec = await unseal(entry.record, meta.pii);
  const { record, missing } = rules.resolveKeys(rec, meta.keyed, aliases);
  const own = entry.op === "create" ? rec[meta.entity.key[0]] : null;  // a create goes without it
  if (JSON.stringify(record) !== JSON.stringify(rec)) {
    entry.record = await seal(record, meta.pii);
    if (entry.base) {
      const base = rules.resolveKeys(await unseal(entry.base, meta.pii), meta.keyed, aliases).record;
      entry.base = await seal(base, meta.pii);
    }
    const key = keyOf(meta, record);
    if (key !== null) entry.rowKey = `${meta.se}/${key}`;
    entry.refs = refsOf(meta, record);
    await store.put("outbox", entry);
  }
  return missing.every((k) => k === own);
}

async function send(entry, meta, rec, base) {
  const op = meta.op(entry.op);
  // an ETag-checked entity: the version this change was made on (or the server's, once the
  // user or the policy chose this change over it)
  const tag = meta.etag && entry.op !== "create" ? (entry.etag || rec.$etag || null) : null;
  const result = await request(meta, op, rec, null, {
    idempotencyKey: entry.id, body: entry.op === "delete" ? undefined : bodyFor(meta, op, rec, base),
    headers: tag ? { "If-Match": tag } : {},
  }).catch((err) => {
    if (entry.op === "delete" && err instanceof HttpError && err.status === 404) return { body: null };
    throw err;
  });
  await finish(entry, meta, entry.op === "delete" ? null : (fromWire(meta, recordOf(op, result.body)) || rec), rec);
  reached();
}

/** The server's copy of the record, or null when it is gone. */
async function current(meta, rec) {
  const got = await request(meta, meta.op("get"), rec, null).catch((err) => {
    if (err instanceof HttpError && err.status === 404) return null;
    throw err;
  });
  if (!got) return { serverRec: null, serverTime: null };
  const serverRec = fromWire(meta, recordOf(meta.op("get"), got.body));
  return { serverRec, serverTime: serverRec && rules.modifiedAt(serverRec, got.headers.get("Last-Modified")) };
}

/** The entity's conflict policy against the server's copy: true when this change goes on. */
async function decide(entry, meta, rec, base, serverRec, serverTime) {
  const choice = rules.conflictChoice(meta.policy.conflict, meta.fields, base, rec, serverRec,
    serverTime, entry.ts);
  if (choice === "server") {
    await finish(entry, meta, serverRec);
    emit("message", { level: "warning", key: "fc.conflict_server" });
    return false;
  }
  if (choice === "ask") {
    entry.status = "conflict";
    entry.server = await seal(serverRec, meta.pii);
    await store.put("outbox", entry);
    emit("conflict", { seq: entry.seq });
    return false;
  }
  if (serverRec && serverRec.$etag) entry.etag = serverRec.$etag;  // mine wins: over theirs
  return true;
}

async function deliver(entry) {
  const meta = entityMeta(entry.source, entry.entity);
  const rec = await unseal(entry.record, meta.pii);
  const base = entry.base ? await unseal(entry.base, meta.pii) : null;
  if (entry.op === "call") {  // a queued action: sent once (its Idempotency-Key), then done
    await sendCall(meta, callOp(meta, entry.call), rec, entry.args, entry.scope, pathValues(meta, rec), entry.id);
    await store.remove("outbox", entry.seq);
    return reached();
  }
  const checked = entry.op === "update" && base && meta.op("get") && !entry.force;
  if (checked && !meta.etag) {
    // no version check on the server: compare with its copy before sending
    const { serverRec, serverTime } = await current(meta, rec);
    if (!(await decide(entry, meta, rec, base, serverRec, serverTime))) return;
  }
  try {
    await send(entry, meta, rec, base);
  } catch (err) {
    // the server's version check failed: someone changed the record since it was loaded
    if (!(meta.etag && err instanceof HttpError && err.status === 412 && base && meta.op("get"))) throw err;
    const { serverRec, serverTime } = await current(meta, rec);
    if (!(await decide(entry, meta, rec, base, serverRec, serverTime))) return;
    await send(entry, meta, rec, base);
  }
}

function backoff(entry) {
  entry.attempts += 1;
  entry.nextTry = Date.now() + rules.retryDelay(entry.attempts);
}

function schedule(entries) {
  clearTimeout(retryTimer);
  const next = entries.filter((e) => e.status === "pending").map((e) => e.nextTry);
  if (!next.length) return;
  const interval = 1000 * ((getConfig().sync && getConfig().sync.interval_seconds) || 30);
  retryTimer = setTimeout(() => flush(), Math.max(500, Math.min(interval, Math.min(...next) - Date.now())));
}

async function withLock(fn) {
  if (navigator.locks && navigator.locks.request) return navigator.locks.request(`fc-outbox-${APP.id}`, fn);
  return fn();
}

/** Deliver the outbox in order. `force` ignores backoff (reconnect, "Sync now"). */
export function flush(force = false) {
  if (flushing) return flushing;
  working(1);
  flushing = (async () => {
    await withLock(async () => {
      const entries = await outboxEntries();
      const held = rules.heldBack(entries.map((e) => ({ status: e.status, rowKey: e.rowKey, refs: e.refs || [] })));
      // records with an earlier change not delivered in this pass: a later change to one of
      // them (or to a record pointing at one) must not overtake it
      const waiting = new Set();
      for (const [i, queued] of entries.entries()) {
        if (queued.status !== "pending") continue;
        if (held[i] || waiting.has(queued.rowKey) || (queued.refs || []).some((r) => waiting.has(r))
            || (!force && queued.nextTry > Date.now())) {
          waiting.add(queued.rowKey);
          continue;
        }
        const entry = await store.getOne("outbox", queued.seq);  // a delivery before may have rebased it
        if (!entry || entry.status !== "pending") continue;
        // a change pointing at a record created offline goes with the server's key, never before
        if (!(await resolveEntry(entry, await keyAliases()))) {
          waiting.add(entry.rowKey);
          continue;
        }
        try {
          await deliver(entry);
          if (entry.status === "conflict") waiting.add(entry.rowKey);
        } catch (err) {
          waiting.add(entry.rowKey);
          if (rules.retryable(isNetworkError(err), err instanceof HttpError ? err.status : null)) {
            backoff(entry);
            await store.put("outbox", entry);
            if (isNetworkError(err)) break;
          } else {
            // the error archive: the change stays, whole, with what the server said
            entry.status = "failed";
            entry.error = err instanceof HttpError
              ? { status: err.status, message: rules.serverMessage(err.body) }
              : { status: null, message: String((err && err.message) || err) };
            entry.failedAt = Date.now();
            await store.put("outbox", entry);
          }
        }
      }
    });
  })().catch(() => {}).finally(async () => {
    flushing = null;
    const entries = await outboxEntries();
    await refreshCounts();
    working(-1);
    schedule(entries);
  });
  return flushing;
}

/** Fill the device cache for every entity the app may need offline (stops at the first
 * request the network refuses: the others would fail the same way). */
export function prefetch() {
  if (prefetching) return prefetching;
  working(1);
  prefetching = (async () => {
    for (const source of APP.sources) {
      for (const entity of source.entities) {
        const meta = entityMeta(source.name, entity.name);
        if (!meta.cached || !meta.op("list")) continue;
        const err = await list(source.name, entity.name).then(() => null, (e) => e);
        if (isNetworkError(err)) return;
      }
    }
  })().finally(() => { prefetching = null; working(-1); });
  return prefetching;
}

/** Conflicts waiting for the user: [{ seq, label, fields: [{ name, label, mine, server }] }]. */
export async function conflicts() {
  const out = [];
  for (const e of await outboxEntries()) {
    if (e.status !== "conflict") continue;
    const meta = entityMeta(e.source, e.entity);
    const mine = await unseal(e.record, meta.pii);
    const server = await unseal(e.server, meta.pii);
    const changed = rules.changedFields(meta.fields, mine, server);
    const fields = meta.entity.fields.filter((f) => changed.includes(f.name)).map((f) => ({ name: f.name, label: f.label || f.name, mine: mine[f.name] ?? null, server: server[f.name] ?? null }));
    out.push({ seq: e.seq, label: meta.entity.label || meta.entity.name, fields });
  }
  return out;
}

/** Resolve a conflict: "mine" sends this device's version, "server" keeps the server's. */
export async function resolve(seq, choice) {
  const entry = (await outboxEntries()).find((e) => e.seq === seq);
  if (!entry) return;
  const meta = entityMeta(entry.source, entry.entity);
  if (choice === "server") {
    await finish(entry, meta, await unseal(entry.server, meta.pii));
  } else {
    entry.status = "pending";
    entry.force = true;  // the user chose this version: send it without another check
    const server = entry.server ? await unseal(entry.server, meta.pii) : null;
    if (server && server.$etag) entry.etag = server.$etag;  // over the version the user saw
    delete entry.server;
    entry.nextTry = 0;
    await store.put("outbox", entry);
  }
  await refreshCounts();
  await flush(true);
}

/** A record's name for people: its name/title field, else its first text, else its key. */
function titleOf(meta, rec) {
  const fields = meta.entity.fields;
  const named = fields.find((f) => ["name", "title", "label", "subject"].includes(f.name) && typeof rec[f.name] === "string" && rec[f.name]);
  const text = named || fields.find((f) => !meta.entity.key.includes(f.name) && (f.type || "string") === "string" && typeof rec[f.name] === "string" && rec[f.name]);
  if (text) return rec[text.name];
  const key = meta.entity.key.map((k) => rec[k]).filter((v) => v !== null && v !== undefined && v !== "");
  return key.length ? key.join(" · ") : "";
}

/** What waits to be sent, in the order it will be: [{ seq, op, state ("waiting" | "held" |
 * "refused" | "conflict"), entity, title, record, fields, error: { status, message } | null,
 * failedAt, ts }]; `fields` are the entity's fields a user can correct before a retry. */
export async function pendingChanges() {
  const entries = await outboxEntries();
  const held = rules.heldBack(entries.map((e) => ({ status: e.status, rowKey: e.rowKey, refs: e.refs || [] })));
  const out = [];
  for (const [i, e] of entries.entries()) {
    const meta = entityMeta(e.source, e.entity);
    const record = await unseal(e.record, meta.pii);
    // an edit offers the fields it changed; a new record every field a user can fill
    const base = e.op === "update" && e.base ? await unseal(e.base, meta.pii) : null;
    const touched = base ? rules.changedFields(meta.fields, base, record) : [];
    const fields = e.op === "delete" || e.op === "call" ? [] : meta.entity.fields.filter((f) =>
      !f.read_only && !(e.op === "update" && meta.entity.key.includes(f.name))
      && (!touched.length || touched.includes(f.name))
      && ["string", "text", "email", "phone", "url", "integer", "decimal", "boolean", "date", "enum", undefined].includes(f.type))
      .map((f) => ({ name: f.name, label: f.label || f.name, type: f.type || "string", values: f.enum_values || [], value: record[f.name] ?? null }));
    out.push({ seq: e.seq, op: e.op, state: rules.changeState(e.status, held[i]),
      entity: meta.entity.label || meta.entity.name, title: titleOf(meta, record), record, fields,
      error: e.error && typeof e.error === "object" ? e.error : e.error ? { status: null, message: String(e.error) } : null,
      failedAt: e.failedAt || null, ts: e.ts });
  }
  return out;
}

/** Send a refused change again, with the user's corrections (`changes`: field → value) laid
 * over it; the changes held back behind it follow. */
export async function retry(seq, changes = {}) {
  const entry = (await outboxEntries()).find((e) => e.seq === seq);
  if (!entry || entry.status !== "failed") return;
  const meta = entityMeta(entry.source, entry.entity);
  if (Object.keys(changes).length) {
    const rec = { ...(await unseal(entry.record, meta.pii)), ...plain(changes) };
    entry.record = await seal(rec, meta.pii);
    entry.id = uuid();  // another request: a server keeps an Idempotency-Key to one body
    if (entry.op !== "delete") {
      await store.put("records", { k: entry.rowKey, se: meta.se, pos: Number.MAX_SAFE_INTEGER, local: keyOf(meta, rec) === null, dirty: true, rec: entry.record });
    }
  }
  entry.status = "pending";
  entry.attempts = 0;
  entry.nextTry = 0;
  delete entry.error;
  delete entry.failedAt;
  await store.put("outbox", entry);
  memo.delete(meta.se);
  await refreshCounts();
  emit("changed", { se: meta.se });
  await flush(true);
}

/** Drop one refused change for good (the user confirmed it); what waited behind it is sent. */
export async function discard(seq) {
  const entries = await outboxEntries();
  const entry = entries.find((e) => e.seq === seq);
  if (!entry || entry.status !== "failed") return;
  await store.remove("outbox", entry.seq);
  if (!entries.some((e) => e.seq !== seq && e.rowKey === entry.rowKey)) {
    await store.remove("records", entry.rowKey);  // the device shows the server's version again
  }
  const meta = entityMeta(entry.source, entry.entity);
  memo.delete(meta.se);
  await refreshCounts();
  emit("changed", { se: meta.se });
  await flush(true);
}

export async function start() {
  await refreshCounts();
  window.addEventListener("online", () => { setStatus({ online: true }); flush(true).then(() => prefetch()); });
  window.addEventListener("offline", () => setStatus({ online: false }));
  document.addEventListener("visibilitychange", () => { if (!document.hidden) flush(); });
  await flush(true);
  await prefetch();
}
