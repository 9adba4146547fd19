// Generated from exporters/runtime_ts/src/request.ts by `./dev runtime`: edit the .ts source, not this file.
// What an operation sends and where its answer is: declared parameters (path, query, header),
// the rows at the operation's result path, and the next page by its paging style, within its
// bounds. Shared by every JS target; the platform part only performs the request.
import { isRecord } from "./rt.js";
import { rowsFrom } from "./wire.js";
function has(rec, name) {
    return !!rec && Object.prototype.hasOwnProperty.call(rec, name);
}
function text(value) {
    if (value === null || value === undefined)
        return "";
    return typeof value === "object" ? JSON.stringify(value) : String(value);
}
/** The value of one parameter, or undefined when it has none. */
export function paramValue(p, record, scope, config) {
    let v;
    if (p.field !== undefined)
        v = has(record, p.field) ? record[p.field] : undefined;
    else if (p.scope !== undefined)
        v = has(scope, p.scope) ? scope[p.scope] : undefined;
    else if (p.config !== undefined)
        v = has(config, p.config) ? config[p.config] : undefined;
    else
        v = p.literal;
    return v === null || v === "" ? undefined : v;
}
/** Path values, query pairs and headers of `params`; `missing` names the required ones that
 * have no value. Path parameters also fall back to the record's own field of that name. */
export function paramParts(params, record, scope, config) {
    const out = { path: {}, query: [], headers: {}, missing: [] };
    for (const p of params ?? []) {
        let v = paramValue(p, record, scope, config);
        if (v === undefined && p.in === "path" && has(record, p.name))
            v = record[p.name];
        if (v === undefined || v === null) {
            if (p.required || p.in === "path")
                out.missing.push(p.name);
            continue;
        }
        if (p.in === "path")
            Object.defineProperty(out.path, p.name, { value: v, enumerable: true });
        else if (p.in === "query")
            out.query.push([p.name, text(v)]);
        else if (!/[\r\n\0]/.test(text(v)))
            out.headers[p.name] = text(v);
        else
            out.missing.push(p.name); // a header value that would split the request
    }
    return out;
}
/** `url` with `pairs` appended as an encoded query string. */
export function withQuery(url, pairs) {
    if (!pairs.length)
        return url;
    const qs = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
    return url + (url.includes("?") ? "&" : "?") + qs;
}
/** The value at a path of JSON keys, or undefined. */
export function at(body, path) {
    let v = body;
    for (const key of path) {
        if (!isRecord(v) || !Object.prototype.hasOwnProperty.call(v, key))
            return undefined;
        v = v[key];
    }
    return v;
}
/** The rows of a list response: at the declared result path, else the usual envelopes. */
export function rowsAt(body, result) {
    if (!result || !result.length)
        return rowsFrom(body);
    const rows = at(body, result);
    return Array.isArray(rows) ? rows.filter(isRecord) : [];
}
/** The record of a response at the declared result path, or null. */
export function recordAt(body, result) {
    const rec = result && result.length ? at(body, result) : body;
    return isRecord(rec) ? rec : null;
}
const NEXT_LINKS = [["@odata.nextLink"], ["d", "__next"], ["__next"], ["next"]];
/** The `rel="next"` target of a `Link` header, or null. */
export function linkNext(header) {
    for (const part of String(header ?? "").split(/,(?=\s*<)/)) {
        const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
        if (m && /(?:^|;)\s*rel\s*=\s*"?(?:[^";]*\s)?next(?:\s[^";]*)?"?\s*(?:;|$)/i.test(m[2]))
            return m[1];
    }
    return null;
}
function sizePairs(paging) {
    return paging.size_param ? [[paging.size_param, String(paging.page_size ?? 50)]] : [];
}
/** Query pairs of the first page request. */
export function firstPage(paging) {
    if (!paging || paging.style === "none")
        return [];
    const pairs = sizePairs(paging);
    if (paging.style === "offset" && paging.param)
        pairs.push([paging.param, "0"]);
    if (paging.style === "page" && paging.param)
        pairs.push([paging.param, String(paging.first_page ?? 1)]);
    return pairs;
}
/** What to request after page `index` (0-based) that gave `got` rows, `total` so far: a
 * `link` (a URL to resolve against the base, still on its origin) or `query` pairs, or null
 * when the list is complete or a bound is reached. */
export function nextPage(paging, index, got, total, body, linkHeader) {
    if (!paging || paging.style === "none" || got === 0)
        return null;
    if (index + 1 >= (paging.max_pages ?? 20) || total >= (paging.max_rows ?? 1000))
        return null;
    const size = paging.page_size ?? 50;
    switch (paging.style) {
        case "next_link": {
            const paths = paging.next && paging.next.length ? [paging.next] : NEXT_LINKS;
            for (const path of paths) {
                const v = at(body, path);
                if (typeof v === "string" && v)
                    return { link: v };
            }
            return null;
        }
        case "link_header": {
            const link = linkNext(linkHeader);
            return link ? { link } : null;
        }
        case "cursor": {
            const v = at(body, paging.next ?? []);
            if (v === undefined || v === null || v === "" || v === false || !paging.param)
                return null;
            return { query: [...sizePairs(paging), [paging.param, text(v)]] };
        }
        case "offset":
            if (got < size || !paging.param)
                return null;
            return { query: [...sizePairs(paging), [paging.param, String((index + 1) * size)]] };
        case "page":
            if (got < size || !paging.param)
                return null;
            return { query: [...sizePairs(paging), [paging.param, String((paging.first_page ?? 1) + index + 1)]] };
        default:
            return null;
    }
}
/** A next-page link resolved against `current`, or null when it leaves the base URL's origin
 * (a page link is data from the server: it never takes the app's credentials elsewhere). */
export function pageUrl(link, current, base) {
    try {
        const next = new URL(link, current);
        const home = new URL(base);
        if (next.origin !== home.origin || (next.protocol !== "https:" && next.protocol !== "http:"))
            return null;
        if (next.username || next.password)
            return null;
        return next.href;
    }
    catch {
        return null;
    }
}
/** The protocol headers of a source: OData v2 services take DataServiceVersion (and refuse or
 * misread a v4 OData-Version), v4 services OData-Version; other sources none. */
export function protocolHeaders(kind, odataVersion) {
    if (kind !== "odata")
        return {};
    if (odataVersion === "2.0")
        return { DataServiceVersion: "2.0", MaxDataServiceVersion: "2.0" };
    return { "OData-Version": "4.0", "OData-MaxVersion": "4.0" };
}
/** True when a write needs a CSRF token first (SAP Gateway): a source that declares it, and a
 * method that changes data. */
export function needsCsrf(csrf, method) {
    return !!csrf && !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}
/** True for the answer SAP Gateway gives a write whose token is missing or expired
 * (403 with `x-csrf-token: Required`): fetch a new token and send once more. */
export function csrfRefused(status, tokenHeader) {
    return status === 403 && String(tokenHeader ?? "").toLowerCase() === "required";
}
/** The ETag a back end put in a record (OData v4 `@odata.etag`, v2 `__metadata.etag`), or
 * null; read before annotations are dropped. */
export function etagOf(rec) {
    if (!isRecord(rec))
        return null;
    const v4 = rec["@odata.etag"];
    if (typeof v4 === "string" && v4)
        return v4;
    const meta = rec.__metadata;
    const v2 = isRecord(meta) ? meta.etag : null;
    return typeof v2 === "string" && v2 ? v2 : null;
}
const DATA_URI = /^data:([a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+)((?:;[a-z0-9!#$&^_.+-]+(?:=[^;,]*)?)*),(.*)$/is;
const EXTENSIONS = {
    "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif",
    "image/svg+xml": "svg", "application/pdf": "pdf",
};
/** The file in a data URI, or null when `value` is not one (or does not decode). */
export function dataUriFile(value, filename) {
    if (typeof value !== "string" || value.length < 6 || value.slice(0, 5).toLowerCase() !== "data:") {
        return null;
    }
    const m = DATA_URI.exec(value);
    if (!m)
        return null;
    const type = m[1].toLowerCase();
    const base64 = /;base64$/i.test(m[2]);
    let data = m[3];
    if (base64) {
        data = data.replace(/\s+/g, "");
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data))
            return null;
    }
    else {
        try {
            data = decodeURIComponent(data);
        }
        catch {
            return null;
        }
    }
    return { type, data, base64, filename: `${filename}.${EXTENSIONS[type] ?? "bin"}` };
}
function formText(value) {
    return typeof value === "boolean" ? (value ? "true" : "false") : text(value);
}
function formPair(name, value) {
    const enc = (s) => encodeURIComponent(s).replace(/%20/g, "+");
    return `${enc(name)}=${enc(value)}`;
}
/** The parts of a multipart body: each field a part under its (wire) name, in the record's
 * order; a data-URI value — or a list of them — becomes file parts; nulls are left out. */
export function multipartParts(rec) {
    const parts = [];
    for (const [name, value] of Object.entries(rec)) {
        if (value === null || value === undefined)
            continue;
        const single = dataUriFile(value, name);
        if (single) {
            parts.push({ name, file: single });
            continue;
        }
        if (Array.isArray(value) && value.length && value.every((v) => dataUriFile(v, name))) {
            value.forEach((v, i) => parts.push({ name, file: dataUriFile(v, `${name}-${i + 1}`) }));
            continue;
        }
        parts.push({ name, value: formText(value) });
    }
    return parts;
}
/** A create/update body encoded as the operation says: JSON (the default), an
 * `application/x-www-form-urlencoded` form (nested values as JSON text) or multipart parts. */
export function encodeBody(encoding, rec) {
    if (encoding === "multipart")
        return { contentType: null, parts: multipartParts(rec) };
    if (encoding === "form") {
        const pairs = Object.entries(rec).filter(([, v]) => v !== null && v !== undefined)
            .map(([k, v]) => formPair(k, formText(v)));
        return { contentType: "application/x-www-form-urlencoded", text: pairs.join("&") };
    }
    return { contentType: "application/json", text: JSON.stringify(rec) };
}
