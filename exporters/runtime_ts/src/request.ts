// What an operation sends and where its answer is: declared parameters (path, query, header),
// the rows at the operation's result path, and the next page by its paging style, within its
// bounds. Shared by every JS target; the platform part only performs the request.

import { isRecord, type Rec, type Value } from "./rt";
import { rowsFrom } from "./wire";

/** Where a parameter's value comes from, as the exporter classified its expression. */
export interface ParamSpec {
  in: "path" | "query" | "header";
  /** The placeholder (path) or the back end's name (query key, header name). */
  name: string;
  required: boolean;
  /** `record.<field>` */
  field?: string;
  /** a screen parameter or variable by name */
  scope?: string;
  /** a run-time configuration value by name (config.json `params`, app config extra) */
  config?: string;
  literal?: Value;
}

export interface PagingSpec {
  style: "none" | "next_link" | "link_header" | "cursor" | "offset" | "page";
  next?: readonly string[];
  param?: string;
  size_param?: string;
  page_size?: number;
  first_page?: number;
  max_pages?: number;
  max_rows?: number;
}

export type Pairs = [string, string][];

export interface Parts {
  /** values for the path's placeholders */
  path: Rec;
  query: Pairs;
  headers: Record<string, string>;
  /** required parameters that got no value (the call is not made) */
  missing: string[];
}

function has(rec: Rec | null | undefined, name: string): boolean {
  return !!rec && Object.prototype.hasOwnProperty.call(rec, name);
}

function text(value: Value): string {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** The value of one parameter, or undefined when it has none. */
export function paramValue(p: ParamSpec, record: Rec | null, scope: Rec | null,
  config: Rec | null): Value | undefined {
  let v: Value | undefined;
  if (p.field !== undefined) v = has(record, p.field) ? (record as Rec)[p.field] : undefined;
  else if (p.scope !== undefined) v = has(scope, p.scope) ? (scope as Rec)[p.scope] : undefined;
  else if (p.config !== undefined) v = has(config, p.config) ? (config as Rec)[p.config] : undefined;
  else v = p.literal;
  return v === null || v === "" ? undefined : v;
}

/** Path values, query pairs and headers of `params`; `missing` names the required ones that
 * have no value. Path parameters also fall back to the record's own field of that name. */
export function paramParts(params: readonly ParamSpec[] | undefined, record: Rec | null,
  scope: Rec | null, config: Rec | null): Parts {
  const out: Parts = { path: {}, query: [], headers: {}, missing: [] };
  for (const p of params ?? []) {
    let v = paramValue(p, record, scope, config);
    if (v === undefined && p.in === "path" && has(record, p.name)) v = (record as Rec)[p.name];
    if (v === undefined || v === null) {
      if (p.required || p.in === "path") out.missing.push(p.name);
      continue;
    }
    if (p.in === "path") Object.defineProperty(out.path, p.name, { value: v, enumerable: true });
    else if (p.in === "query") out.query.push([p.name, text(v)]);
    else if (!/[\r\n\0]/.test(text(v))) out.headers[p.name] = text(v);
    else out.missing.push(p.name);  // a header value that would split the request
  }
  return out;
}

/** `url` with `pairs` appended as an encoded query string. */
export function withQuery(url: string, pairs: Pairs): string {
  if (!pairs.length) return url;
  const qs = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  return url + (url.includes("?") ? "&" : "?") + qs;
}

/** The value at a path of JSON keys, or undefined. */
export function at(body: Value, path: readonly string[]): Value | undefined {
  let v: Value | undefined = body;
  for (const key of path) {
    if (!isRecord(v) || !Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    v = v[key];
  }
  return v;
}

/** The rows of a list response: at the declared result path, else the usual envelopes. */
export function rowsAt(body: Value, result: readonly string[] | undefined): Rec[] {
  if (!result || !result.length) return rowsFrom(body);
  const rows = at(body, result);
  return Array.isArray(rows) ? rows.filter(isRecord) : [];
}

/** The record of a response at the declared result path, or null. */
export function recordAt(body: Value, result: readonly string[] | undefined): Rec | null {
  const rec = result && result.length ? at(body, result) : body;
  return isRecord(rec) ? rec : null;
}

const NEXT_LINKS: readonly (readonly string[])[] = [["@odata.nextLink"], ["d", "__next"], ["__next"], ["next"]];

/** The `rel="next"` target of a `Link` header, or null. */
export function linkNext(header: string | null | undefined): string | null {
  for (const part of String(header ?? "").split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (m && /(?:^|;)\s*rel\s*=\s*"?(?:[^";]*\s)?next(?:\s[^";]*)?"?\s*(?:;|$)/i.test(m[2])) return m[1];
  }
  return null;
}

function sizePairs(paging: PagingSpec): Pairs {
  return paging.size_param ? [[paging.size_param, String(paging.page_size ?? 50)]] : [];
}

/** Query pairs of the first page request. */
export function firstPage(paging: PagingSpec | undefined): Pairs {
  if (!paging || paging.style === "none") return [];
  const pairs = sizePairs(paging);
  if (paging.style === "offset" && paging.param) pairs.push([paging.param, "0"]);
  if (paging.style === "page" && paging.param) pairs.push([paging.param, String(paging.first_page ?? 1)]);
  return pairs;
}

/** What to request after page `index` (0-based) that gave `got` rows, `total` so far: a
 * `link` (a URL to resolve against the base, still on its origin) or `query` pairs, or null
 * when the list is complete or a bound is reached. */
export function nextPage(paging: PagingSpec | undefined, index: number, got: number, total: number,
  body: Value, linkHeader: string | null): { link?: string; query?: Pairs } | null {
  if (!paging || paging.style === "none" || got === 0) return null;
  if (index + 1 >= (paging.max_pages ?? 20) || total >= (paging.max_rows ?? 1000)) return null;
  const size = paging.page_size ?? 50;
  switch (paging.style) {
    case "next_link": {
      const paths = paging.next && paging.next.length ? [paging.next] : NEXT_LINKS;
      for (const path of paths) {
        const v = at(body, path);
        if (typeof v === "string" && v) return { link: v };
      }
      return null;
    }
    case "link_header": {
      const link = linkNext(linkHeader);
      return link ? { link } : null;
    }
    case "cursor": {
      const v = at(body, paging.next ?? []);
      if (v === undefined || v === null || v === "" || v === false || !paging.param) return null;
      return { query: [...sizePairs(paging), [paging.param, text(v)]] };
    }
    case "offset":
      if (got < size || !paging.param) return null;
      return { query: [...sizePairs(paging), [paging.param, String((index + 1) * size)]] };
    case "page":
      if (got < size || !paging.param) return null;
      return { query: [...sizePairs(paging), [paging.param, String((paging.first_page ?? 1) + index + 1)]] };
    default:
      return null;
  }
}

/** A next-page link resolved against `current`, or null when it leaves the base URL's origin
 * (a page link is data from the server: it never takes the app's credentials elsewhere). */
export function pageUrl(link: string, current: string, base: string): string | null {
  try {
    const next = new URL(link, current);
    const home = new URL(base);
    if (next.origin !== home.origin || (next.protocol !== "https:" && next.protocol !== "http:")) return null;
    if (next.username || next.password) return null;
    return next.href;
  } catch {
    return null;
  }
}

/** The protocol headers of a source: OData v2 services take DataServiceVersion (and refuse or
 * misread a v4 OData-Version), v4 services OData-Version; other sources none. */
export function protocolHeaders(kind: string, odataVersion: string | null | undefined): Record<string, string> {
  if (kind !== "odata") return {};
  if (odataVersion === "2.0") return { DataServiceVersion: "2.0", MaxDataServiceVersion: "2.0" };
  return { "OData-Version": "4.0", "OData-MaxVersion": "4.0" };
}

/** True when a write needs a CSRF token first (SAP Gateway): a source that declares it, and a
 * method that changes data. */
export function needsCsrf(csrf: boolean | undefined, method: string): boolean {
  return !!csrf && !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

/** True for the answer SAP Gateway gives a write whose token is missing or expired
 * (403 with `x-csrf-token: Required`): fetch a new token and send once more. */
export function csrfRefused(status: number, tokenHeader: string | null | undefined): boolean {
  return status === 403 && String(tokenHeader ?? "").toLowerCase() === "required";
}

/** The ETag a back end put in a record (OData v4 `@odata.etag`, v2 `__metadata.etag`), or
 * null; read before annotations are dropped. */
export function etagOf(rec: Value): string | null {
  if (!isRecord(rec)) return null;
  const v4 = rec["@odata.etag"];
  if (typeof v4 === "string" && v4) return v4;
  const meta = rec.__metadata;
  const v2 = isRecord(meta) ? meta.etag : null;
  return typeof v2 === "string" && v2 ? v2 : null;
}

/** A file carried by a data URI (`data:image/png;base64,…`, `data:image/svg+xml;utf8,…`). */
export interface FilePart {
  type: string;
  /** base64 text when `base64`, else the decoded text itself */
  data: string;
  base64: boolean;
  filename: string;
}

/** One part of a multipart body: a text value, or a file. */
export type BodyPart = { name: string; value: string } | { name: string; file: FilePart };

/** A write's body as the operation encodes it: `text` (JSON, form) or multipart `parts`. */
export interface EncodedBody {
  /** null for multipart: the platform's FormData sets the type with its boundary */
  contentType: string | null;
  text?: string;
  parts?: BodyPart[];
}

const DATA_URI = /^data:([a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+)((?:;[a-z0-9!#$&^_.+-]+(?:=[^;,]*)?)*),(.*)$/is;
const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif",
  "image/svg+xml": "svg", "application/pdf": "pdf",
};

/** The file in a data URI, or null when `value` is not one (or does not decode). */
export function dataUriFile(value: Value, filename: string): FilePart | null {
  if (typeof value !== "string" || value.length < 6 || value.slice(0, 5).toLowerCase() !== "data:") {
    return null;
  }
  const m = DATA_URI.exec(value);
  if (!m) return null;
  const type = m[1].toLowerCase();
  const base64 = /;base64$/i.test(m[2]);
  let data = m[3];
  if (base64) {
    data = data.replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return null;
  } else {
    try {
      data = decodeURIComponent(data);
    } catch {
      return null;
    }
  }
  return { type, data, base64, filename: `${filename}.${EXTENSIONS[type] ?? "bin"}` };
}

function formText(value: Value): string {
  return typeof value === "boolean" ? (value ? "true" : "false") : text(value);
}

function formPair(name: string, value: string): string {
  const enc = (s: string): string => encodeURIComponent(s).replace(/%20/g, "+");
  return `${enc(name)}=${enc(value)}`;
}

/** The parts of a multipart body: each field a part under its (wire) name, in the record's
 * order; a data-URI value — or a list of them — becomes file parts; nulls are left out. */
export function multipartParts(rec: Rec): BodyPart[] {
  const parts: BodyPart[] = [];
  for (const [name, value] of Object.entries(rec)) {
    if (value === null || value === undefined) continue;
    const single = dataUriFile(value, name);
    if (single) {
      parts.push({ name, file: single });
      continue;
    }
    if (Array.isArray(value) && value.length && value.every((v) => dataUriFile(v, name))) {
      value.forEach((v, i) => parts.push({ name, file: dataUriFile(v, `${name}-${i + 1}`) as FilePart }));
      continue;
    }
    parts.push({ name, value: formText(value) });
  }
  return parts;
}

/** A create/update body encoded as the operation says: JSON (the default), an
 * `application/x-www-form-urlencoded` form (nested values as JSON text) or multipart parts. */
export function encodeBody(encoding: string | undefined, rec: Rec): EncodedBody {
  if (encoding === "multipart") return { contentType: null, parts: multipartParts(rec) };
  if (encoding === "form") {
    const pairs = Object.entries(rec).filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => formPair(k, formText(v)));
    return { contentType: "application/x-www-form-urlencoded", text: pairs.join("&") };
  }
  return { contentType: "application/json", text: JSON.stringify(rec) };
}
