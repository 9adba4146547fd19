// Bootstrap: read config.json, pick the language, build the app shell, route, start syncing.

import APP from "./model/app.js";
import SCREENS from "./model/screens.js";
import { setConfig } from "./http.js";
import { chooseLocale, setLocale, t } from "./i18n.js";
import { useDatabase } from "./store.js";
import * as data from "./data.js";
import { ScreenView } from "./render.js";
import { ActionRunner } from "./actions.js";
import { h, syncIndicator, conflictScreen, toast } from "./ui.js";
import { icon } from "./icons.js";
import { replaceKeys } from "./shared/sync.js";
import * as auth from "./auth.js";
import { accountButton, signInScreen } from "./session.js";

const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

class Router {
  constructor(shell) {
    this.shell = shell;
    this.view = null;
    this.actions = new ActionRunner(this);
    this.memory = new Map();  // history entry id -> params that are not plain text/numbers
    this.seq = 0;
    window.addEventListener("popstate", () => this.fromLocation());  // back/forward or a typed #/screen
    // the address names the server's key once a record created offline has one
    data.events.addEventListener("rekeyed", (e) => {
      const fc = history.state && history.state.fc;
      if (!fc) return;
      const params = replaceKeys(fc.params, e.detail.aliases);
      if (JSON.stringify(params) === JSON.stringify(fc.params)) return;
      history.replaceState({ fc: { ...fc, params } }, "", this.hash(fc.screen, { ...params, ...(this.memory.get(fc.id) || {}) }));
    });
  }

  hash(name, params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (["string", "number", "boolean"].includes(typeof v)) q.set(k, String(v));
    const query = q.toString();
    return `#/${encodeURIComponent(name)}${query ? "?" + query : ""}`;
  }

  entry(name, params, depth) {
    const id = `${Date.now().toString(36)}-${this.seq++}`;
    const simple = {};
    const complex = {};
    for (const [k, v] of Object.entries(params)) (v !== null && typeof v === "object" ? complex : simple)[k] = v;
    if (Object.keys(complex).length) this.memory.set(id, complex);
    return { fc: { id, screen: name, params: simple, depth } };
  }

  depth() { return (history.state && history.state.fc && history.state.fc.depth) || 0; }

  go(name, params = {}) {
    if (!own(SCREENS, name)) return;
    const state = this.entry(name, params, this.depth() + 1);
    history.pushState(state, "", this.hash(name, params));
    this.show(name, params);
  }

  back() {
    if (this.depth() > 0) history.back();
    else this.replace(APP.startScreen, {});
  }

  replace(name, params) {
    history.replaceState(this.entry(name, params, 0), "", this.hash(name, params));
    this.show(name, params);
  }

  restore(state) {
    if (!state || !state.fc || !own(SCREENS, state.fc.screen)) return this.replace(APP.startScreen, {});
    const extra = this.memory.get(state.fc.id) || {};
    return this.show(state.fc.screen, { ...state.fc.params, ...extra });
  }

  fromLocation() {
    if (history.state && history.state.fc) return this.restore(history.state);
    const m = /^#\/([^?]*)(?:\?(.*))?$/.exec(location.hash);
    const name = m ? decodeURIComponent(m[1]) : "";
    if (!m || !own(SCREENS, name)) return this.replace(APP.startScreen, {});
    const params = Object.fromEntries(new URLSearchParams(m[2] || ""));
    return this.replace(name, params);
  }

  async show(name, params) {
    let def;
    try {
      def = (await SCREENS[name]()).default;
    } catch (err) {  // e.g. offline before the service worker had cached the app
      toast(t("fc.screen_unavailable"), "error");
      return;
    }
    for (const p of def.params) {
      if (own(params, p.name) && typeof params[p.name] === "string" && ["integer", "decimal"].includes(p.type)) params[p.name] = Number(params[p.name]);
    }
    if (this.view) this.view.destroy();
    const view = new ScreenView(def, params, this);
    this.view = view;
    const { main, title, backButton } = this.shell;
    title.textContent = def.title || APP.name;
    document.title = def.title ? `${def.title} · ${APP.name}` : APP.name;
    backButton.hidden = this.depth() === 0;
    main.replaceChildren(view.el);
    main.dataset.screen = name;
    main.scrollTop = 0;
    main.focus({ preventScroll: true });
    await view.start();
  }
}

function shell() {
  const backButton = h("button", { type: "button", class: "fc-appbar-back", "aria-label": t("fc.back"), hidden: true }, icon("arrow_back"));
  const title = h("h1", { class: "fc-appbar-title", id: "fc-title" });
  const logo = APP.logo ? h("img", { class: "fc-appbar-logo", src: APP.logo, alt: "" }) : null;
  const main = h("main", { id: "fc-main", class: "fc-main", tabindex: "-1" });
  // an app whose data all ships with it (or stays on the device) has nothing to sync
  const chip = data.hasBackEnd() ? syncIndicator(data) : null;
  const account = auth.enabled() ? accountButton(data) : null;
  const header = h("header", { class: "fc-appbar" }, backButton, logo, title, chip, account);
  document.getElementById("fc-app").replaceChildren(header, main);
  return { main, title, backButton };
}

async function boot() {
  let config = {};
  try {
    const response = await fetch("config.json", { cache: "no-cache" });
    if (response.ok) config = await response.json();
  } catch (e) {
    config = {};
  }
  setConfig(config);
  setLocale(chooseLocale(config.locale));
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("sw.js").catch(() => {});
  if (auth.enabled()) {
    // the signed-in user's own database; without a session, the sign-in screen only
    const state = await auth.start().catch(() => "failed");
    if (state === "sign-in" || state === "failed") {
      signInScreen(state === "failed" ? "fc.sign_in_failed" : null);
      document.body.dataset.booted = "true";
      return;
    }
    auth.authEvents.addEventListener("signin-required", () => signInScreen("fc.session_ended"));
  } else {
    useDatabase(`fieldcraft-${APP.id}`);
  }
  const router = new Router(shell());
  router.shell.backButton.addEventListener("click", () => router.back());
  data.events.addEventListener("conflict", () => conflictScreen(data));
  data.events.addEventListener("message", (e) => toast(t(e.detail.key), e.detail.level));
  await router.fromLocation();
  data.start().then(() => { if (data.syncStatus().conflicts) conflictScreen(data); });
  document.body.dataset.booted = "true";
}

boot();
