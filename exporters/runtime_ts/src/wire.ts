// The back end's side of records: field names on the wire, OData envelopes and annotations,
// paths with {placeholders}, and the authorization header. Shared by every JS target.

import { isRecord, type Rec, type Value } from "./rt";

/** `[model name, back end's name]` (wire) or `[field, item entity]` (nested) pairs. */
export type Pairs = readonly (readonly [string, string])[];

/** What renaming needs of an entity: its renamed fields and its nested record fields. */
export interface WireEntity {
  wire?: Pairs | null;
  nested?: Pairs | null;
}

export type Direction = "toWire" | "fromWire";
/** The entity of a nested field's records, by name. */
export type ItemOf = (entity: string) => WireEntity | undefined;

/** Nested records deeper than this are passed through as they are. */
export const MAX_DEPTH = 8;

interface Names {
  toWire: ReadonlyMap<string, string>;
  fromWire: ReadonlyMap<string, string>;
  nested: ReadonlyMap<string, string>;
}

const names = new WeakMap<WireEntity, Names>();

function namesOf(entity: WireEntity): Names {
  let found = names.get(entity);
  if (!found) {
    const pairs = entity.wire ?? [];
    found = {
      toWire: new Map(pairs), fromWire: new Map(pairs.map(([m, w]) => [w, m])),
      nested: new Map(entity.nested ?? []),
    };
    names.set(entity, found);
  }
  return found;
}

/** OData control information and annotations (v2 `__metadata`, unexpanded `__deferred` links,
 * v4 `@odata.*` and `Name@…`): never cached, shown or sent back. */
export function annotation(key: string, value: Value): boolean {
  return key === "__metadata" || key.includes("@") ||
    (isRecord(value) && Object.keys(value).length === 1 && "__deferred" in value);
}

/** `rec` with keys renamed (dropping the other name of a renamed field, which would collide),
 * nested records of list/reference fields renamed through their own entity, recursively; OData
 * annotations dropped. */
export function renamed(entity: WireEntity, rec: Rec, dir: Direction, odata: boolean,
  itemOf: ItemOf, depth = 0): Rec {
  const n = namesOf(entity);
  if (!odata && !n.toWire.size && !n.nested.size) return rec;
  const shadowed = dir === "toWire" ? n.fromWire : n.toWire;
  const out: Rec = {};
  for (const [k, v] of Object.entries(rec)) {
    if (odata && annotation(k, v)) continue;
    const name = n[dir].get(k);
    if (name === undefined && shadowed.has(k)) continue;
    const key = name ?? k;
    const itemName = n.nested.get(dir === "toWire" ? k : key);
    const item = itemName === undefined ? undefined : itemOf(itemName);
    const inner = (x: Value): Value =>
      item && isRecord(x) && depth < MAX_DEPTH ? renamed(item, x, dir, odata, itemOf, depth + 1) : x;
    // an own property even for a back end's `__proto__` field (plain `out[key] =` drops it)
    Object.defineProperty(out, key, { enumerable: true, writable: true, configurable: true,
      value: Array.isArray(v) ? v.map(inner) : inner(v) });
  }
  return out;
}

/** Values for a path's `{placeholders}`: model names, and wire names the path may use. */
export function pathValues(entity: WireEntity, rec: Rec, odata: boolean, itemOf: ItemOf): Rec {
  return entity.wire?.length ? { ...renamed(entity, rec, "toWire", odata, itemOf), ...rec } : rec;
}

/** `path` with `{name}` filled from `values`, URL-encoded (OData doubles single quotes). */
export function fillPath(path: string, values: Rec, odata: boolean): string {
  return path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const v = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : null;
    const text = v === null || v === undefined ? "" : String(v);
    return encodeURIComponent(odata ? text.replace(/'/g, "''") : text);
  });
}

/** Rows out of a list response: an array, OData `value`/`d.results`, or `items`/`data`/…. */
export function rowsFrom(body: Value): Rec[] {
  if (Array.isArray(body)) return body.filter(isRecord);
  if (isRecord(body)) {
    for (const k of ["value", "items", "data", "results", "records"]) {
      const rows = body[k];
      if (Array.isArray(rows)) return rows.filter(isRecord);
    }
    const d = body.d;
    if (isRecord(d) && Array.isArray(d.results)) return d.results.filter(isRecord);
  }
  return [];
}

/** The record of a get/create/update response: the body, or OData v2's `{ "d": {…} }`. */
export function recordFrom(body: Value): Rec | null {
  if (!isRecord(body)) return null;
  const d = body.d;
  return Object.keys(body).length === 1 && isRecord(d) && !Array.isArray(d.results) ? d : body;
}

export type AuthScheme = "none" | "basic" | "bearer" | "api_key" | "oauth2";

/** Credentials are never part of an export: apps set them at run time (config, login). */
export interface Credentials {
  token?: string;
  username?: string;
  password?: string;
  key?: string;
}

function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The authorization header for `scheme` (empty without the credential it needs). */
export function authHeaders(scheme: AuthScheme, header: string | null | undefined,
  auth: Credentials): Record<string, string> {
  if ((scheme === "bearer" || scheme === "oauth2") && auth.token) {
    return { Authorization: `Bearer ${auth.token}` };
  }
  if (scheme === "basic" && (auth.username || auth.password)) {
    return { Authorization: `Basic ${base64(`${auth.username ?? ""}:${auth.password ?? ""}`)}` };
  }
  if (scheme === "api_key" && auth.key) return { [header || "X-API-Key"]: auth.key };
  return {};
}
