// Screen runtime: state, data loading, widget mounting, bindings, layout/style and validation.

import { assignPath, evaluate, plain, scope as childScope, text, rt } from "./shared/rt.js";
import * as auth from "./auth.js";
import { check } from "./shared/validate.js";
import { replaceKeys } from "./shared/sync.js";
import WIDGETS from "./widgets/index.js";
import * as data from "./data.js";
import { h, lastSynced } from "./ui.js";
import { t } from "./i18n.js";

const WEIGHTS = { normal: "400", medium: "500", bold: "700" };
const ALIGN = { start: "flex-start", center: "center", end: "flex-end", stretch: "stretch" };
const TEXT_ALIGN = { start: "start", center: "center", end: "end" };

function px(v) { return `${Number(v)}px`; }

/** Size and place a widget in its parent container (flex column/row or free layout). */
export function applyLayout(el, w, parentKind) {
  const l = Object.assign({ width: "fill", height: "hug", grow: 0, align: "stretch" }, w.l || {});
  const s = el.style;
  const inRow = parentKind === "row";
  if (l.frame && parentKind === "free") {
    Object.assign(s, { position: "absolute", left: px(l.frame.x), top: px(l.frame.y), width: px(l.frame.w), height: px(l.frame.h) });
    return;
  }
  if (inRow) {
    if (l.width === "fixed" && l.fixed_width != null) s.flex = `0 0 ${px(l.fixed_width)}`;
    else if (l.width === "hug") s.flex = `${l.grow || 0} 0 auto`;
    else s.flex = `${l.grow || 1} 1 0`;
    if (l.height === "fixed" && l.fixed_height != null) s.height = px(l.fixed_height);
    s.alignSelf = l.height === "fill" ? "stretch" : ALIGN[l.align] === "stretch" ? "center" : ALIGN[l.align];
  } else if (parentKind !== null) {
    if (l.width === "fixed" && l.fixed_width != null) { s.width = px(l.fixed_width); s.maxWidth = "100%"; }
    s.alignSelf = l.width === "hug" && l.align === "stretch" ? "flex-start" : (l.width === "fill" ? "stretch" : ALIGN[l.align]);
    if (l.height === "fixed" && l.fixed_height != null) { s.height = px(l.fixed_height); s.flex = "0 0 auto"; }
    else if (l.height === "fill" || l.grow) s.flex = `${l.grow || 1} 1 auto`;
  }
  for (const k of ["min_width", "max_width", "min_height", "max_height"]) {
    if (l[k] != null) s[k.replace(/_(\w)/, (_, c) => c.toUpperCase())] = px(l[k]);
  }
  if (l.margin) s.margin = [l.margin.top || 0, l.margin.right || 0, l.margin.bottom || 0, l.margin.left || 0].map(px).join(" ");
}

/** Per-widget style overrides of the theme (values validated by the model; set via CSSOM). */
export function applyStyle(el, st) {
  if (!st) return;
  const s = el.style;
  if (st.background) s.background = st.background;
  if (st.text_color) s.color = st.text_color;
  if (st.border_color) s.borderColor = st.border_color;
  if (st.border_width != null) { s.borderWidth = px(st.border_width); s.borderStyle = "solid"; }
  if (st.corner_radius != null) s.borderRadius = px(st.corner_radius);
  if (st.font_size != null) s.fontSize = px(st.font_size);
  if (st.font_weight) s.fontWeight = WEIGHTS[st.font_weight];
  if (st.padding != null) s.padding = px(st.padding);
  if (st.text_align) s.textAlign = TEXT_ALIGN[st.text_align];
}

/** Where a widget lives: its view, the expression scope and the list of updaters it adds to. */
export class Ctx {
  constructor(view, scopeObj, updaters, suffix = "") {
    this.view = view; this.scope = scopeObj; this.updaters = updaters; this.suffix = suffix;
  }
  child(extra, updaters, suffix) { return new Ctx(this.view, childScope(this.scope, extra), updaters, this.suffix + suffix); }
  /** Run `fn` now and on every refresh. */
  bind(fn) { fn(); this.updaters.push(fn); }
  value(w, prop) {
    return w.b && w.b[prop] ? evaluate(w.b[prop], this.scope) : (w.p[prop] === undefined ? null : w.p[prop]);
  }
  text(w, prop) { const v = this.value(w, prop); const s = text(v); return s === null ? "" : s; }
  domId(w, part = "") { return `fc-${w.id}${this.suffix}${part}`; }
  run(w, event, extra) {
    const actions = w.a && w.a[event];
    if (!actions || !actions.length) return Promise.resolve(true);
    const ctx = extra ? this.child(extra, [], "") : this;
    return this.view.runActions(actions, ctx);
  }
  /** Write an input's value through its two-way binding. */
  write(w, value) {
    if (!w.vp) return;
    assignPath(this.scope, w.vp, value);
    this.view.refresh();
  }
  mount(w, parentKind) { return mount(w, this, parentKind); }
}

export function mount(w, ctx, parentKind = null) {
  const render = WIDGETS[w.k];
  const el = render ? render(w, ctx) : h("div", { class: "fc-unsupported", text: w.k });
  el.classList.add("fc-w", `fc-k-${w.k.replace(/_/g, "-")}`);
  el.dataset.fc = w.n;
  applyLayout(el, w, parentKind);
  applyStyle(el, w.st);
  if (w.vis) ctx.bind(() => { el.hidden = !rt.truthy(evaluate(w.vis, ctx.scope)); });
  return el;
}

/** A rule as the model describes it, with its compiled expression as a test of the scope. */
function asRule(r) {
  return r.rule === "expression" ? { ...r, test: (s) => rt.truthy(evaluate(r.expression, s)) } : r;
}

/** The first failing rule's message for `value`, or null. */
export function checkRules(rules, value, ctx) {
  return check(value, ctx.scope, (rules || []).map(asRule), t);
}

/** One visible screen: its state, data, widget tree and validators. */
export class ScreenView {
  constructor(def, params, router) {
    this.def = def; this.router = router;
    this.updaters = []; this.validators = []; this.pending = false; this.alive = true;
    const s = Object.create(null);
    if (auth.enabled()) s.user = auth.userObject();  // `user.*` (no screen name may be `user`)
    for (const p of def.params) s[p.name] = Object.prototype.hasOwnProperty.call(params, p.name) ? params[p.name] : null;
    for (const v of def.vars) {
      const initial = v.initial ? plain(evaluate(v.initial, s)) : null;
      s[v.name] = initial !== null ? initial : (v.type === "record" ? {} : (v.type === "list" ? [] : null));
    }
    for (const q of def.data) s[q.name] = q.mode === "one" ? null : [];
    this.state = s;
    this.el = h("div", { class: "fc-screen-body" });
    this.status = h("div", { class: "fc-load-error", role: "alert", hidden: true });
    this.ctx = new Ctx(this, this.state, this.updaters);
    this.el.append(this.status, mount(def.root, this.ctx, null));
    this.onChanged = (e) => { if (this.def.data.some((q) => q.mode === "many" && `${q.source}/${q.entity}` === e.detail.se)) this.loadData(true); };
    data.events.addEventListener("changed", this.onChanged);
    // a record created offline got the server's key: what the screen holds takes it
    this.onRekeyed = (e) => {
      let changed = false;
      for (const name of Object.keys(this.state)) {
        const next = replaceKeys(this.state[name], e.detail.aliases);
        if (JSON.stringify(next) !== JSON.stringify(this.state[name])) { this.state[name] = next; changed = true; }
      }
      if (changed) this.loadData();
    };
    data.events.addEventListener("rekeyed", this.onRekeyed);
  }

  destroy() {
    this.alive = false;
    data.events.removeEventListener("changed", this.onChanged);
    data.events.removeEventListener("rekeyed", this.onRekeyed);
  }

  async loadData(onlyMany = false) {
    const failures = [];
    await Promise.all(this.def.data.map(async (q) => {
      if (onlyMany && q.mode === "one") return;
      try {
        if (q.mode === "one") {
          const key = plain(evaluate(q.key, this.state));
          this.state[q.name] = key === null ? null : data.forScreen(await data.one(q.source, q.entity, key, this.state));
        } else {
          let rows = await data.list(q.source, q.entity, this.state);
          if (q.filter) rows = rows.filter((row) => rt.truthy(evaluate(q.filter, childScope(this.state, { row }))));
          if (q.sort) {
            const desc = q.sort.startsWith("-"), field = q.sort.replace(/^-/, "");
            const coll = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
            rows = rows.slice().sort((a, b) => {
              const x = a[field], y = b[field];
              const c = typeof x === "number" && typeof y === "number" ? x - y : coll.compare(text(x) || "", text(y) || "");
              return desc ? -c : c;
            });
          }
          this.state[q.name] = rows;
        }
      } catch (err) {
        failures.push(q.name);
      }
    }));
    if (!this.alive) return;
    this.showLoadError(failures.length > 0);
    this.refresh(true);
  }

  /** The load error (no "nothing here yet" in its place): what failed, when data last came from
   * the back end, and a Retry that syncs and loads again. */
  showLoadError(failed) {
    this.status.hidden = !failed;
    if (failed) this.el.dataset.loadFailed = "true"; else delete this.el.dataset.loadFailed;
    if (!failed) { this.status.replaceChildren(); return; }
    const retry = h("button", { type: "button", class: "fc-btn fc-btn-text fc-retry", text: t("fc.retry"),
      onclick: async () => { retry.disabled = true; await data.flush(true); await this.loadData(); } });
    this.status.replaceChildren(h("p", { text: t("fc.load_failed") }),
      h("p", { class: "fc-last-sync", text: lastSynced(data.syncStatus().lastSync) }), retry);
  }

  async start() {
    this.refresh(true);
    await this.loadData();
    if (this.def.onLoad.length) await this.runActions(this.def.onLoad, this.ctx);
    this.el.dataset.ready = "true";
  }

  /** Re-evaluate every binding (coalesced to one pass per task unless `now`). */
  refresh(now = false) {
    if (now) { this.pending = false; for (const fn of this.updaters) fn(); return; }
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => { if (this.pending) this.refresh(true); });
  }

  /** Validate every visible input; show messages; focus the first invalid one. */
  validate() {
    let first = null;
    for (const v of this.validators) {
      if (!v.el.isConnected || v.el.closest("[hidden]")) continue;
      const message = v.check();
      v.show(message);
      if (message && !first) first = v;
    }
    if (first) first.focus();
    return first === null;
  }

  runActions(actions, ctx) { return this.router.actions.run(actions, ctx, this); }
}
