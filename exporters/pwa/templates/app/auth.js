// Sign-in with OpenID Connect for an app whose model declares `sign_in` (method "oidc"):
// Authorization Code + PKCE (S256) with a redirect back to the app, endpoints from the issuer's
// `.well-known/openid-configuration`, `state` and `nonce` checked. The access token lives in
// memory only and is refreshed before it expires; the refresh token is sealed (AES-GCM) with the
// app's non-extractable device key in the signed-in user's own database, so it never sits in
// clear anywhere and is useless outside this browser profile.
//
// Each user has a database of their own (`fieldcraft-<app>-<hash of issuer and subject>`):
// another user signing in on the same device opens another database and never reads the first
// user's rows, outbox, photos or keys.

import APP from "./model/app.js";
import * as store from "./store.js";
import { seal, unseal } from "./crypto.js";

const CONFIG = APP.signIn || { method: "none" };
const HINT = `fc-${APP.id}-user`;          // localStorage: whose database to open (a hash, no token)
const FLOW = `fc-${APP.id}-signin`;        // sessionStorage: state, nonce, verifier of a redirect
const FRESH = `fc-${APP.id}-prompt-login`; // sessionStorage: ask for a login (after a sign-out)
const SEALED = ["refresh", "claims"];

export const authEvents = new EventTarget();
let discovery = null;
let access = null;        // { token, expiresAt }
let refreshToken = null;  // in memory; sealed on disk
let claims = null;        // the ID token's claims
let refreshing = null;
let timer = null;

/** The user must sign in (again): no refresh token, or the provider refused it. */
export class SignInRequired extends Error {
  constructor(message = "sign-in required") { super(message); this.name = "SignInRequired"; }
}

export function enabled() { return CONFIG.method === "oidc"; }

/** The signed-in user's claims ({ sub, name, email, … }) or null. */
export function currentUser() { return claims; }

/** The user as expressions read it (`user.*`): the ID token's claims, with `id` the subject
 * and `roles` a list; a claim the token lacks reads as null. */
export function userObject() {
  const c = claims || {};
  return { ...c, id: c.sub ?? null, name: c.name ?? null, email: c.email ?? null,
    roles: Array.isArray(c.roles) ? c.roles.filter((r) => typeof r === "string") : [] };
}

function b64url(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function random(size) { return b64url(crypto.getRandomValues(new Uint8Array(size))); }

async function sha256(text) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/** Where the provider sends the user back: the app's page (or the model's redirect path). */
export function redirectUri() {
  return new URL(CONFIG.redirectPath || ".", location.href).href.replace(/[?#].*$/, "");
}

function issuer() { return String(CONFIG.issuer).replace(/\/+$/, ""); }

async function discover() {
  if (discovery) return discovery;
  const response = await fetch(`${issuer()}/.well-known/openid-configuration`,
    { credentials: "omit", cache: "no-store" });
  if (!response.ok) throw new Error(`discovery: HTTP ${response.status}`);
  const doc = await response.json();
  if (String(doc.issuer || "").replace(/\/+$/, "") !== issuer()) throw new Error("discovery: another issuer");
  for (const name of ["authorization_endpoint", "token_endpoint"]) {
    if (!/^https?:\/\//.test(String(doc[name] || ""))) throw new Error(`discovery: no ${name}`);
  }
  const methods = doc.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes("S256")) throw new Error("discovery: no PKCE S256");
  discovery = doc;
  return doc;
}

function scopes() {
  const list = [...(CONFIG.scopes || [])];
  if (!list.includes("openid")) list.unshift("openid");
  return list.join(" ");
}

/** Leave for the provider's sign-in page (PKCE S256, state and nonce kept for the return). */
export async function signIn() {
  const doc = await discover();
  const verifier = random(32);
  const flow = { verifier, state: random(16), nonce: random(16), hash: location.hash };
  sessionStorage.setItem(FLOW, JSON.stringify(flow));
  const query = new URLSearchParams({
    response_type: "code", client_id: CONFIG.clientId, redirect_uri: redirectUri(), scope: scopes(),
    state: flow.state, nonce: flow.nonce, code_challenge: b64url(await sha256(verifier)),
    code_challenge_method: "S256",
  });
  if (CONFIG.audience) query.set("resource", CONFIG.audience);
  if (sessionStorage.getItem(FRESH)) query.set("prompt", "login");
  const endpoint = doc.authorization_endpoint;
  location.assign(`${endpoint}${endpoint.includes("?") ? "&" : "?"}${query}`);
}

async function tokenRequest(params) {
  const doc = await discover();
  const body = new URLSearchParams({ client_id: CONFIG.clientId, ...params });
  if (CONFIG.audience) body.set("resource", CONFIG.audience);
  const response = await fetch(doc.token_endpoint, { method: "POST", body, credentials: "omit",
    cache: "no-store", headers: { Accept: "application/json" } });
  let answer = null;
  try { answer = await response.json(); } catch (e) { answer = null; }
  if (!response.ok || !answer || !answer.access_token) {
    const code = answer && typeof answer.error === "string" ? answer.error : `HTTP ${response.status}`;
    throw Object.assign(new Error(`token endpoint: ${code}`), { oauth: code, status: response.status });
  }
  return answer;
}

function jwtClaims(token) {
  const part = String(token || "").split(".")[1];
  if (!part) throw new Error("no ID token");
  const text = atob(part.replace(/-/g, "+").replace(/_/g, "/"));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(text, (c) => c.charCodeAt(0))));
}

/** The ID token's claims, checked: issuer, audience, nonce, expiry. Its signature is not checked
 * here: it came straight from the token endpoint over TLS (OpenID Connect Core 3.1.3.7). */
function checkedClaims(idToken, doc, nonce) {
  const c = jwtClaims(idToken);
  const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
  if (c.iss !== doc.issuer) throw new Error("ID token: another issuer");
  if (!aud.includes(CONFIG.clientId)) throw new Error("ID token: not for this app");
  if (nonce !== null && c.nonce !== nonce) throw new Error("ID token: nonce mismatch");
  if (typeof c.exp === "number" && c.exp * 1000 < Date.now() - 60000) throw new Error("ID token: expired");
  if (typeof c.sub !== "string" || !c.sub) throw new Error("ID token: no subject");
  return c;
}

async function userHash(sub) {
  return [...(await sha256(`${issuer()} ${sub}`)).subarray(0, 12)]
    .map((b) => b.toString(16).padStart(2, "0")).join("");
}

function databaseOf(hash) { return `fieldcraft-${APP.id}-${hash}`; }

async function saveSession() {
  const record = await seal({ refresh: refreshToken, claims }, SEALED);
  if (record.refresh) await store.put("keys", record, "session");  // never unsealed on disk
}

function keep(answer) {
  const lifetime = 1000 * (Number(answer.expires_in) > 0 ? Number(answer.expires_in) : 300);
  access = { token: answer.access_token, expiresAt: Date.now() + lifetime };
  if (answer.refresh_token) refreshToken = answer.refresh_token;
  clearTimeout(timer);
  // silent refresh before expiry: at three quarters of the lifetime (at most a minute early)
  if (refreshToken) {
    timer = setTimeout(() => refresh().catch(() => {}), Math.max(lifetime * 0.75, lifetime - 60000));
  }
}

/** The redirect's answer (`?code=…&state=…`): exchanged for tokens; the address is cleaned. */
async function callback(params) {
  const flow = JSON.parse(sessionStorage.getItem(FLOW) || "null");
  sessionStorage.removeItem(FLOW);
  history.replaceState(null, "", redirectUri() + ((flow && flow.hash) || ""));
  if (params.get("error")) throw new Error(`provider: ${params.get("error")}`);
  if (!flow || params.get("state") !== flow.state) throw new Error("state mismatch");
  const doc = await discover();
  if (params.has("iss") && params.get("iss") !== doc.issuer) throw new Error("another issuer answered");
  const answer = await tokenRequest({ grant_type: "authorization_code", code: params.get("code") || "",
    redirect_uri: redirectUri(), code_verifier: flow.verifier });
  claims = checkedClaims(answer.id_token, doc, flow.nonce);
  sessionStorage.removeItem(FRESH);
  const hash = await userHash(claims.sub);
  localStorage.setItem(HINT, hash);
  store.useDatabase(databaseOf(hash));
  keep(answer);
  await saveSession();
}

/** At start: finish a redirect, else reopen the last user's session with the sealed refresh
 * token. Resolves to "signed-in", "offline" (the user's data, no token until reconnected) or
 * "sign-in" (show the sign-in screen); rejects when a redirect's answer is refused. */
export async function start() {
  const params = new URLSearchParams(location.search);
  if (sessionStorage.getItem(FLOW) && (params.has("code") || params.has("error"))) {
    await callback(params);
    return "signed-in";
  }
  const hash = localStorage.getItem(HINT);
  if (!hash || !/^[0-9a-f]{24}$/.test(hash)) return "sign-in";
  store.useDatabase(databaseOf(hash));
  const saved = await store.getOne("keys", "session");
  const opened = saved ? await unseal(saved, SEALED) : null;
  if (!opened || !opened.refresh) return "sign-in";
  refreshToken = opened.refresh;
  claims = opened.claims;
  try {
    await refresh();
    return "signed-in";
  } catch (err) {
    return err instanceof SignInRequired ? "sign-in" : "offline";
  }
}

/** New tokens with the refresh token (one request at a time). A refusal ends the session: the
 * sign-in screen is asked for, the user's database (outbox included) stays. */
export function refresh() {
  if (refreshing) return refreshing;
  refreshing = (async () => {
    if (!refreshToken) throw new SignInRequired();
    let answer;
    try {
      answer = await tokenRequest({ grant_type: "refresh_token", refresh_token: refreshToken });
    } catch (err) {
      if (err.oauth) { await ended(); throw new SignInRequired(err.message); }
      throw err;  // no connection: try again later
    }
    if (answer.id_token) {
      try { claims = { ...claims, ...checkedClaims(answer.id_token, await discover(), null) }; } catch (e) { /* keep */ }
    }
    keep(answer);
    await saveSession();
    authEvents.dispatchEvent(new CustomEvent("refreshed"));
    return access.token;
  })().finally(() => { refreshing = null; });
  return refreshing;
}

/** The access token for a request: the one in memory, refreshed first when (nearly) expired. */
export async function accessToken() {
  if (refreshing) await refreshing.catch(() => {});
  if (access && Date.now() < access.expiresAt - 2000) return access.token;
  return refresh();
}

/** The session is over (the provider refused the refresh token, or a new token was refused). */
export async function ended() {
  clearTimeout(timer);
  access = null;
  refreshToken = null;
  await store.remove("keys", "session").catch(() => {});
  authEvents.dispatchEvent(new CustomEvent("signin-required"));
}

/** Sign out. `keep`: the user's queued changes stay for their next sign-in (only the refresh
 * token goes); else the user's database (cache, outbox, photos, keys) and saved state go. */
export async function signOut({ keep: keepData = false } = {}) {
  clearTimeout(timer);
  const token = refreshToken;
  access = null;
  refreshToken = null;
  if (token && discovery && discovery.revocation_endpoint) {
    await fetch(discovery.revocation_endpoint, { method: "POST", credentials: "omit",
      body: new URLSearchParams({ client_id: CONFIG.clientId, token, token_type_hint: "refresh_token" }) })
      .catch(() => {});
  }
  if (keepData) {
    await store.remove("keys", "session").catch(() => {});
  } else {
    await store.destroy();
    const prefix = `fc-${APP.id}-`;
    for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
  }
  localStorage.removeItem(HINT);
  claims = null;
  sessionStorage.setItem(FRESH, "1");  // the next sign-in asks who is signing in
}
