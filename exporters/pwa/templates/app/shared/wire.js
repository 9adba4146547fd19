// Generated from exporters/runtime_ts/src/wire.ts by `./dev runtime`: edit the .ts source, not this file.
// The back end's side of records: field names on the wire, OData envelopes and annotations,
// paths with {placeholders}, and the authorization header. Shared by every JS target.
import { isRecord } from "./rt.js";
/** Nested records deeper than this are passed through as they are. */
export const MAX_DEPTH = 8;
const names = new WeakMap();
function namesOf(entity) {
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
export function annotation(key, value) {
    return key === "__metadata" || key.includes("@") ||
        (isRecord(value) && Object.keys(value).length === 1 && "__deferred" in value);
}
/** `rec` with keys renamed (dropping the other name of a renamed field, which would collide),
 * nested records of list/reference fields renamed through their own entity, recursively; OData
 * annotations dropped. */
export function renamed(entity, rec, dir, odata, itemOf, depth = 0) {
    const n = namesOf(entity);
    if (!odata && !n.toWire.size && !n.nested.size)
        return rec;
    const shadowed = dir === "toWire" ? n.fromWire : n.toWire;
    const out = {};
    for (const [k, v] of Object.entries(rec)) {
        if (odata && annotation(k, v))
            continue;
        const name = n[dir].get(k);
        if (name === undefined && shadowed.has(k))
            continue;
        const key = name ?? k;
        const itemName = n.nested.get(dir === "toWire" ? k : key);
        const item = itemName === undefined ? undefined : itemOf(itemName);
        const inner = (x) => item && isRecord(x) && depth < MAX_DEPTH ? renamed(item, x, dir, odata, itemOf, depth + 1) : x;
        // an own property even for a back end's `__proto__` field (plain `out[key] =` drops it)
        Object.defineProperty(out, key, { enumerable: true, writable: true, configurable: true,
            value: Array.isArray(v) ? v.map(inner) : inner(v) });
    }
    return out;
}
/** Values for a path's `{placeholders}`: model names, and wire names the path may use. */
export function pathValues(entity, rec, odata, itemOf) {
    return entity.wire?.length ? { ...renamed(entity, rec, "toWire", odata, itemOf), ...rec } : rec;
}
/** `path` with `{name}` filled from `values`, URL-encoded (OData doubles single quotes). */
export function fillPath(path, values, odata) {
    return path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name) => {
        const v = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : null;
        const text = v === null || v === undefined ? "" : String(v);
        return encodeURIComponent(odata ? text.replace(/'/g, "''") : text);
    });
}
/** Rows out of a list response: an array, OData `value`/`d.results`, or `items`/`data`/…. */
export function rowsFrom(body) {
    if (Array.isArray(body))
        return body.filter(isRecord);
    if (isRecord(body)) {
        for (const k of ["value", "items", "data", "results", "records"]) {
            const rows = body[k];
            if (Array.isArray(rows))
                return rows.filter(isRecord);
        }
        const d = body.d;
        if (isRecord(d) && Array.isArray(d.results))
            return d.results.filter(isRecord);
    }
    return [];
}
/** The record of a get/create/update response: the body, or OData v2's `{ "d": {…} }`. */
export function recordFrom(body) {
    if (!isRecord(body))
        return null;
    const d = body.d;
    return Object.keys(body).length === 1 && isRecord(d) && !Array.isArray(d.results) ? d : body;
}
function base64(text) {
    let binary = "";
    for (const byte of new TextEncoder().encode(text))
        binary += String.fromCharCode(byte);
    return btoa(binary);
}
/** The authorization header for `scheme` (empty without the credential it needs). */
export function authHeaders(scheme, header, auth) {
    if ((scheme === "bearer" || scheme === "oauth2") && auth.token) {
        return { Authorization: `Bearer ${auth.token}` };
    }
    if (scheme === "basic" && (auth.username || auth.password)) {
        return { Authorization: `Basic ${base64(`${auth.username ?? ""}:${auth.password ?? ""}`)}` };
    }
    if (scheme === "api_key" && auth.key)
        return { [header || "X-API-Key"]: auth.key };
    return {};
}
