// REST / OData / JSON clients: one request per model operation. Endpoints and credentials come
// from config.json at run time; nothing secret is compiled into the app.

import { authHeaders, fillPath } from "./shared/wire.js";

let config = { sources: {}, sync: {} };

export function setConfig(value) { config = value || config; }
export function getConfig() { return config; }

export class HttpError extends Error {
  constructor(status, message, body) { super(message); this.status = status; this.body = body; }
}

/** True for errors that mean "no connection" (retry later), not "the server said no". */
export function isNetworkError(err) {
  return err && (err.name === "TypeError" || err.name === "AbortError" || err.offline === true);
}

function sourceConfig(source) {
  const found = config.sources && Object.prototype.hasOwnProperty.call(config.sources, source.name)
    ? config.sources[source.name] : {};
  return found || {};
}

/** Perform `operation` of `source`; resolves to { body, headers, status }. */
export async function call(source, operation, { values = {}, body = undefined, idempotencyKey = null } = {}) {
  if (!navigator.onLine) throw Object.assign(new Error("offline"), { offline: true });
  const cfg = sourceConfig(source);
  const base = String(cfg.base_url || "").replace(/\/+$/, "");
  const url = base + fillPath(operation.path || "", values, source.kind === "odata");
  const headers = { Accept: "application/json", ...source.headers, ...(cfg.headers || {}),
    ...authHeaders(source.auth.scheme, source.auth.header, cfg.auth || {}) };
  if (source.kind === "odata") headers["OData-Version"] = "4.0";
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
  const timeout = 1000 * ((config.sync && config.sync.request_timeout_seconds) || 15);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  let response;
  try {
    response = await fetch(url, { method: operation.method || "GET", headers, signal: controller.signal,
      body: body === undefined ? undefined : JSON.stringify(body), credentials: "omit", cache: "no-store" });
  } finally {
    clearTimeout(timer);
  }
  const textBody = await response.text();
  let parsed = null;
  if (textBody) { try { parsed = JSON.parse(textBody); } catch (e) { parsed = null; } }
  if (!response.ok) {
    throw new HttpError(response.status, `${operation.kind} ${source.name}: HTTP ${response.status}`, parsed);
  }
  return { body: parsed, headers: response.headers, status: response.status };
}
