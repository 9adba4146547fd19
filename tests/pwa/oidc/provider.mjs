// A real OpenID Connect provider (the certified `oidc-provider` package) on 127.0.0.1 for the
// sign-in tests. Settings come as one JSON argument:
//   { client_id, redirect_uris, audience, access_ttl, users: { id: { password, name, email } } }
// It prints `{"issuer": ...}` once listening. Public client, PKCE required (S256), JWT access
// tokens for the audience (RS256, key made at start, published at jwks_uri), refresh tokens
// rotated. A plain login form replaces the package's development pages (those load web fonts).
// Test hooks under /__test/: POST revoke?account=ID drops that user's refresh tokens (as an
// administrator revoking sessions); GET log lists the token grants served.

import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import Provider, { errors } from "oidc-provider";

const settings = JSON.parse(process.argv[2]);
const saved = new Map();  // "Model:id" -> payload (a small in-memory adapter)
const grants = [];        // grant types served at the token endpoint, in order

class Adapter {
  constructor(name) { this.name = name; }
  key(id) { return `${this.name}:${id}`; }
  async upsert(id, payload) { saved.set(this.key(id), payload); }
  async find(id) { return saved.get(this.key(id)); }
  async findByUid(uid) {
    for (const [k, v] of saved) if (k.startsWith(`${this.name}:`) && v.uid === uid) return v;
    return undefined;
  }
  async findByUserCode(code) {
    for (const [k, v] of saved) if (k.startsWith(`${this.name}:`) && v.userCode === code) return v;
    return undefined;
  }
  async consume(id) { const v = saved.get(this.key(id)); if (v) v.consumed = Math.floor(Date.now() / 1000); }
  async destroy(id) { saved.delete(this.key(id)); }
  async revokeByGrantId(grantId) { for (const [k, v] of saved) if (v.grantId === grantId) saved.delete(k); }
}

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: "jwk" }), kid: "test-key", use: "sig", alg: "RS256" };

const server = http.createServer();
server.listen(0, "127.0.0.1", () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const users = settings.users;
  const provider = new Provider(issuer, {
    adapter: Adapter,
    jwks: { keys: [jwk] },
    cookies: { keys: ["fieldcraft-test-cookie-key"] },
    clients: [{
      client_id: settings.client_id, token_endpoint_auth_method: "none", application_type: "web",
      redirect_uris: settings.redirect_uris, grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
    }],
    pkce: { required: () => true },
    scopes: ["openid", "profile", "email", "offline_access", "api"],
    claims: { openid: ["sub"], profile: ["name"], email: ["email"] },
    ttl: { AccessToken: settings.access_ttl, IdToken: 3600, RefreshToken: 86400, Session: 86400,
      Interaction: 600, Grant: 86400, AuthorizationCode: 60 },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => settings.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, indicator) => {
          if (indicator !== settings.audience) throw new errors.InvalidTarget();
          return { scope: "api", audience: settings.audience, accessTokenTTL: settings.access_ttl,
            accessTokenFormat: "jwt", jwt: { sign: { alg: "RS256" } } };
        },
      },
    },
    issueRefreshToken: async (ctx, client) => client.grantTypeAllowed("refresh_token"),
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (ctx, id) => users[id] ? {
      accountId: id, claims: async () => ({ sub: id, name: users[id].name, email: users[id].email }),
    } : undefined,
  });
  provider.on("grant.success", (ctx) => grants.push(ctx.oidc.params.grant_type));
  const callback = provider.callback();

  const read = (req) => new Promise((done) => {
    let body = "";
    req.on("data", (c) => { body += c; });
    req.on("end", () => done(new URLSearchParams(body)));
  });
  const page = (res, html, status = 200) => {
    res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Test provider</title></head><body>${html}</body></html>`);
  };
  const form = (uid, error) => `<form method="post" action="/interaction/${uid}">
    <h1>Test identity provider</h1>${error ? `<p role="alert">${error}</p>` : ""}
    <label>User <input name="login" autocomplete="username"></label>
    <label>Password <input name="password" type="password" autocomplete="current-password"></label>
    <button type="submit">Sign in</button></form>`;

  server.on("request", async (req, res) => {
    const url = new URL(req.url, issuer);
    try {
      if (url.pathname === "/__test/revoke" && req.method === "POST") {
        const account = url.searchParams.get("account");
        let dropped = 0;
        for (const [k, v] of saved) {
          if (k.startsWith("RefreshToken:") && v.accountId === account) { saved.delete(k); dropped++; }
        }
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ dropped }));
        return;
      }
      if (url.pathname === "/favicon.ico") { res.writeHead(204); res.end(); return; }
      if (url.pathname === "/__test/log") {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ grants }));
        return;
      }
      const m = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
      if (m) {
        const details = await provider.interactionDetails(req, res);
        if (details.prompt.name === "consent") {
          // a first-party app: what it asks for is granted without a consent page
          const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details;
          const grant = details.grantId ? await provider.Grant.find(details.grantId)
            : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
          if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(" "));
          if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
          for (const [indicator, scopes] of Object.entries(missingResourceScopes || {})) {
            grant.addResourceScope(indicator, scopes.join(" "));
          }
          const grantId = await grant.save();
          await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
          return;
        }
        if (req.method === "GET") { page(res, form(m[1], "")); return; }
        const body = await read(req);
        const id = body.get("login") || "";
        if (!users[id] || users[id].password !== body.get("password")) {
          page(res, form(m[1], "Wrong user or password"), 401);
          return;
        }
        await provider.interactionFinished(req, res, { login: { accountId: id } },
          { mergeWithLastSubmission: false });
        return;
      }
      callback(req, res);
    } catch (err) {
      page(res, `<p>${String(err && err.message).replace(/[<>&]/g, "")}</p>`, 500);
    }
  });
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
process.on("SIGTERM", () => process.exit(0));
