// REST / OData / JSON clients: one request per model operation. Endpoints and credentials come
// from config.json at run time; nothing secret is compiled into the app.

import { authHeaders, fillPath } from "./shared/wire.js";
import { csrfRefused, encodeBody, needsCsrf, paramParts, protocolHeaders, withQuery } from "./shared/request.js";
import { accessToken, ended, refresh, SignInRequired } from "./auth.js";

let config = { sources: {}, sync: {} };

export function setConfig(value) { config = value || config; }
export function getConfig() { return config; }

export class HttpError extends Error {
  constructor(status, message, body) { super(message); this.status = status; this.body = body; }
}

/** A request the app refuses to send: its URL could reach a host other than the base URL's. */
export class UrlError extends Error {
  constructor(message) { super(message); this.name = "UrlError"; }
}

// A base URL the app sends requests to: a plain absolute http(s) address (no user info,
// backslash, whitespace, query or fragment). The same pattern as designer/model/urls.py.
const BASE_URL = /^https?:\/\/(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?(?:\/[^\s\x00-\x1f\x7f\\?#]*)?$/;

/** The join rule: base URL without trailing "/" + operation path ("" or starting with "/"),
 * placeholders filled with encoded values; so the request stays on the base URL's host. */
export function requestUrl(source, baseUrl, path, values) {
  const base = String(baseUrl || "");
  if (!BASE_URL.test(base)) throw new UrlError(`${source.name}: the base URL is not a plain absolute http(s) address`);
  if (path && !path.startsWith("/")) throw new UrlError(`${source.name}: an operation path must start with "/"`);
  return base.replace(/\/+$/, "") + fillPath(path, values, source.kind === "odata");
}

/** True for errors that mean "no connection" (retry later), not "the server said no". */
export function isNetworkError(err) {
  return err && (err.name === "TypeError" || err.name === "AbortError" || err.offline === true);
}

let connection = () => {};

/** Hear whether requests get through: `false` when one fails for lack of a connection (no
 * response, a timeout), `true` when one is answered — whatever `navigator.onLine` says. */
export function onConnection(listener) { connection = listener; }

function offline(cause) {
  connection(false);
  return Object.assign(new Error("offline"), { offline: true, cause });
}

/** A request that waits for the user to sign in again: the outbox keeps it (as offline) and
 * the app shows the sign-in screen. */
function signInNeeded(cause) {
  return Object.assign(new Error("sign-in required"), { offline: true, signIn: true, cause });
}

/** `Authorization` for a source of auth scheme `user`: the signed-in user's access token. */
async function userAuth(renew) {
  try {
    return { Authorization: `Bearer ${renew ? await refresh() : await accessToken()}` };
  } catch (err) {
    if (err instanceof SignInRequired) throw signInNeeded(err);
    throw offline(err);  // the provider is out of reach
  }
}

function sourceConfig(source) {
  const found = config.sources && Object.prototype.hasOwnProperty.call(config.sources, source.name)
    ? config.sources[source.name] : {};
  return found || {};
}

/** Path values, query pairs and headers of an operation's declared parameters, from the
 * record read or written, the screen's scope and config.json's `params` of the source. */
export function paramsOf(source, operation, record, scope) {
  const parts = paramParts(operation.params, record, scope, sourceConfig(source).params || {});
  if (parts.missing.length) {
    throw new UrlError(`${source.name}: ${operation.kind} needs ${parts.missing.join(", ")}`);
  }
  return parts;
}

/** The base URL of an operation: its own server, else the source's from config.json. */
export function baseOf(source, operation) { return operation.server || sourceConfig(source).base_url; }

/** Perform `operation` of `source`; resolves to { body, headers, status, url }. `values` fill
 * the path, `query`/`headers` come from the declared parameters; `url` (a next page the
 * caller checked) replaces the built address. */
export async function call(source, operation, { values = {}, body = undefined, idempotencyKey = null,
  query = [], headers: extra = {}, url: next = null } = {}) {
  if (!navigator.onLine) throw offline(null);  // a browser that knows it is offline is right
  const cfg = sourceConfig(source);
  const url = next || withQuery(requestUrl(source, baseOf(source, operation), operation.path || "", values), query);
  const headers = { Accept: "application/json", ...source.headers, ...(cfg.headers || {}), ...extra,
    ...authHeaders(source.auth.scheme, source.auth.header, cfg.auth || {}) };
  Object.assign(headers, protocolHeaders(source.kind, source.odataVersion));
  const encoded = body === undefined ? undefined : encodeBody(operation.body, body);
  if (encoded && encoded.contentType) headers["Content-Type"] = encoded.contentType;
  if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
  const method = operation.method || "GET";
  const csrf = needsCsrf(source.csrf, method);
  if (csrf) headers["x-csrf-token"] = await csrfToken(source, operation, headers, false);
  const user = source.auth.scheme === "user";
  if (user) Object.assign(headers, await userAuth(false));
  let answer = await send(source, operation, url, method, headers, encoded);
  if (user && answer.response.status === 401) {
    // the token was refused: one refresh and once more; refused again, the user signs in
    Object.assign(headers, await userAuth(true));
    answer = await send(source, operation, url, method, headers, encoded);
    if (answer.response.status === 401) { await ended(); throw signInNeeded(null); }
  }
  if (csrf && csrfRefused(answer.response.status, answer.response.headers.get("x-csrf-token"))) {
    // the token expired (a session ended): fetch a new one and send once more
    headers["x-csrf-token"] = await csrfToken(source, operation, headers, true);
    answer = await send(source, operation, url, method, headers, encoded);
  }
  const { response, textBody } = answer;
  let parsed = null;
  if (textBody) { try { parsed = JSON.parse(textBody); } catch (e) { parsed = null; } }
  if (!response.ok) {
    // the body as JSON, else as text (a plain-text refusal still carries the server's message)
    throw new HttpError(response.status, `${operation.kind} ${source.name}: HTTP ${response.status}`,
      parsed === null && textBody ? textBody : parsed);
  }
  return { body: parsed, headers: response.headers, status: response.status, url };
}

/** What fetch sends for an encoded write: its text, or a FormData of its parts (files as
 * Blobs; the browser sets the multipart boundary). Built anew for every attempt. */
function payload(encoded) {
  if (!encoded) return undefined;
  if (!encoded.parts) return encoded.text;
  const form = new FormData();
  for (const part of encoded.parts) {
    if (!part.file) { form.append(part.name, part.value); continue; }
    const { type, data, base64, filename } = part.file;
    const bytes = base64 ? Uint8Array.from(atob(data), (c) => c.charCodeAt(0)) : data;
    form.append(part.name, new Blob([bytes], { type }), filename);
  }
  return form;
}

async function send(source, operation, url, method, headers, encoded) {
  const timeout = 1000 * ((config.sync && config.sync.request_timeout_seconds) || 15);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  try {
    const response = await fetch(url, { method, headers, signal: controller.signal,
      body: payload(encoded), credentials: "omit", cache: "no-store" });
    const textBody = await response.text();
    connection(true);
    return { response, textBody };
  } catch (err) {
    throw offline(err);  // no response (or the body broke off): the network failed, not the server
  } finally {
    clearTimeout(timer);
  }
}

const csrfTokens = new Map();  // source name -> the token its service gave

/** The CSRF token of a SAP Gateway service: fetched with a GET of the service root carrying
 * `x-csrf-token: Fetch`, kept until the service refuses it. */
async function csrfToken(source, operation, headers, renew) {
  if (!renew && csrfTokens.has(source.name)) return csrfTokens.get(source.name);
  const root = requestUrl(source, baseOf(source, operation), "/", {});
  const ask = { ...headers, "x-csrf-token": "Fetch" };
  delete ask["Content-Type"];
  delete ask["Idempotency-Key"];
  const { response } = await send(source, operation, root, "GET", ask, undefined);
  const token = response.headers.get("x-csrf-token");
  if (!token || token.toLowerCase() === "required") {
    throw new HttpError(response.status, `${source.name}: the service gave no CSRF token`, null);
  }
  csrfTokens.set(source.name, token);
  return token;
}
