// Bundled data: a CSV or JSON source's rows ship with the app (data/<source>.json, precached by
// the service worker), so a price list or a catalogue reads offline from the first start. They
// are read-only, unless the entity's offline mode is offline_read_write: then creates, edits and
// deletes stay on this device, laid over the shipped rows by key (a new app version's rows show
// through wherever this device changed nothing).

import * as store from "./store.js";
import { seal, unseal } from "./crypto.js";
import { keyOf } from "./shared/sync.js";

const files = new Map();  // path -> promise of { entity name: rows }

/** Whether the entity's rows are bundled with the app. */
export function isBundled(source) { return typeof source.bundled === "string"; }

/** Whether this device may change the bundled rows of the entity. */
export function writable(meta) { return meta.policy.mode === "offline_read_write"; }

function shipped(path) {
  if (!files.has(path)) {
    files.set(path, fetch(new URL(path, document.baseURI)).then((answer) => {
      if (!answer.ok) throw new Error(`${path}: HTTP ${answer.status}`);
      return answer.json();
    }).catch((err) => { files.delete(path); throw err; }));
  }
  return files.get(path);
}

const rowId = (meta, rec, fallback) => {
  const key = keyOf(meta.entity.key, rec);
  return `${meta.se}/${key === null ? "#" + fallback : key}`;
};

/** The entity's rows: as shipped, with this device's own changes laid over them. */
export async function rows(meta) {
  const base = (await shipped(meta.source.bundled))[meta.entity.name] || [];
  if (!writable(meta)) return base.map((r) => structuredClone(r));
  const mine = new Map((await store.rowsOf(meta.se)).map((r) => [r.k, r]));
  const out = [];
  for (const [i, row] of base.entries()) {
    const k = rowId(meta, row, `s${i}`);
    const changed = mine.get(k);
    mine.delete(k);
    if (!changed) out.push(structuredClone(row));
    else if (!changed.gone) out.push(await unseal(changed.rec, meta.pii));
  }
  const added = [...mine.values()].filter((r) => !r.gone).sort((a, b) => a.pos - b.pos);
  for (const r of added) out.push(await unseal(r.rec, meta.pii));
  return out;
}

/** Create, update or delete a bundled record on this device; refused when read-only. */
export async function write(meta, kind, rec) {
  if (!writable(meta)) throw Object.assign(new Error(`${meta.se} is read-only`), { readOnly: true });
  const now = Date.now();
  if (kind !== "create" && keyOf(meta.entity.key, rec) === null) {
    throw new Error(`${meta.se} has no key: a record of it can't be changed`);
  }
  const k = rowId(meta, rec, `d${now}`);
  if (kind === "delete") await store.put("records", { k, se: meta.se, pos: now, gone: true });
  else await store.put("records", { k, se: meta.se, pos: now, rec: await seal(rec, meta.pii) });
}
