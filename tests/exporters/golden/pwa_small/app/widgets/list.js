// Repeating list with search and virtual scrolling: only the rows in view exist in the DOM, so
// 10,000 rows scroll smoothly. Rows are announced as a list with their position.

import { h } from "../ui.js";
import { icon } from "../icons.js";
import { t } from "../i18n.js";

const VIRTUAL_FROM = 60;   // lists longer than this render only the visible rows
const OVERSCAN = 6;
const searchText = new WeakMap();

function fold(s) {
  return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function haystack(item) {
  if (item === null || typeof item !== "object") return fold(item ?? "");
  let found = searchText.get(item);
  if (found === undefined) {
    const parts = [];
    for (const v of Object.values(item)) {
      if (typeof v === "string" || typeof v === "number") parts.push(v);
      else if (v && typeof v === "object" && !Array.isArray(v)) for (const x of Object.values(v)) if (typeof x === "string" || typeof x === "number") parts.push(x);
    }
    found = fold(parts.join("\u0001"));
    searchText.set(item, found);
  }
  return found;
}

export default function list(w, ctx) {
  const alias = w.p.item_alias || "item";
  const tappable = Boolean(w.a && w.a.item_tap);
  const el = h("div", { class: "fc-list-wrap" });
  let query = "";
  if (w.p.searchable) {
    const id = ctx.domId(w, "-search");
    const input = h("input", { type: "search", id, class: "fc-search-input", placeholder: w.p.search_placeholder || "", autocomplete: "off", enterKeyHint: "search" });
    input.setAttribute("aria-label", w.p.search_placeholder || t("fc.search"));
    let timer = null;
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => { query = fold(input.value.trim()); render(true); }, 120); });
    el.append(h("label", { class: "fc-search" }, icon("search", 20), input));  // the whole 48px pill focuses the input
  }
  const viewport = h("div", { class: "fc-list", role: "list" });
  if (w.al) viewport.setAttribute("aria-label", w.al);
  const spacer = h("div", { class: "fc-list-spacer" });
  viewport.append(spacer);
  const empty = h("div", { class: "fc-empty", hidden: true }, icon("inbox", 32), h("p", { text: w.p.empty_text || "" }));
  const count = h("div", { class: "fc-visually-hidden", "aria-live": "polite" });
  el.append(viewport, empty, count);

  let source = null, sourceLength = -1, items = [], rowHeight = 0, rendered = new Map(), virtual = false;
  const fixedHeight = w.l && w.l.height === "fixed" && w.l.fixed_height ? Number(w.l.fixed_height) : null;
  if (fixedHeight) { viewport.style.height = `${fixedHeight}px`; viewport.classList.add("fc-list-scroll"); }

  const makeRow = (item, index) => {
    const updaters = [];
    const rowCtx = ctx.child({ [alias]: item }, updaters, `-r${index}`);
    const body = h("div", { class: "fc-row-body" });
    for (const c of w.c || []) body.append(rowCtx.mount(c, "column"));
    const row = h("div", { class: `fc-row${w.p.divider ? " fc-row-divider" : ""}`, role: "listitem" }, body);
    row.setAttribute("aria-posinset", String(index + 1));
    row.setAttribute("aria-setsize", String(items.length));
    row.dataset.index = String(index);
    if (tappable) {
      body.setAttribute("role", "button");
      body.tabIndex = 0;
      body.classList.add("fc-tappable");
      body.append(icon("chevron_right", 20));
      const go = () => rowCtx.run(w, "item_tap", { [alias]: item });
      body.addEventListener("click", go);
      body.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); } });
    }
    return { row, updaters };
  };

  const paintWindow = () => {
    let first = 0, last = items.length;
    if (virtual) {
      const top = viewport.scrollTop;
      first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
      last = Math.min(items.length, Math.ceil((top + viewport.clientHeight) / rowHeight) + OVERSCAN);
    }
    for (const [i, r] of rendered) if (i < first || i >= last) { r.row.remove(); rendered.delete(i); }
    for (let i = first; i < last; i++) {
      if (rendered.has(i)) continue;
      const r = makeRow(items[i], i);
      if (virtual) { r.row.style.position = "absolute"; r.row.style.top = `${i * rowHeight}px`; r.row.style.left = "0"; r.row.style.right = "0"; }
      const next = [...rendered.keys()].filter((k) => k > i).sort((a, b) => a - b)[0];
      spacer.insertBefore(r.row, next === undefined ? null : rendered.get(next).row);
      rendered.set(i, r);
    }
  };

  const sizeViewport = () => {
    if (!virtual || fixedHeight) return;
    const top = viewport.getBoundingClientRect().top;
    const bottom = viewport.closest(".fc-main") ? viewport.closest(".fc-main").getBoundingClientRect().bottom : window.innerHeight;
    viewport.style.height = `${Math.max(240, Math.min(items.length * rowHeight, bottom - Math.max(top, 0) - 16))}px`;
  };

  function render(force) {
    const raw = ctx.value(w, "items");
    const all = Array.isArray(raw) ? raw : [];
    if (!force && all === source && all.length === sourceLength) {
      for (const r of rendered.values()) for (const fn of r.updaters) fn();
      return;
    }
    source = all; sourceLength = all.length;
    items = query ? all.filter((it) => haystack(it).includes(query)) : all;
    for (const r of rendered.values()) r.row.remove();
    rendered = new Map();
    virtual = items.length > VIRTUAL_FROM;
    viewport.classList.toggle("fc-list-virtual", virtual);
    spacer.style.height = "";
    if (virtual) {
      if (!rowHeight) {
        const probe = makeRow(items[0], 0);
        spacer.append(probe.row);
        rowHeight = Math.max(48, probe.row.offsetHeight || 64);
        probe.row.remove();
      }
      spacer.style.height = `${items.length * rowHeight}px`;
      sizeViewport();
    } else if (!fixedHeight) {
      viewport.style.height = "";
    }
    paintWindow();
    empty.hidden = items.length > 0;
    viewport.hidden = items.length === 0;
    count.textContent = query ? t("fc.results", { count: items.length }) : "";
  }

  let ticking = false;
  viewport.addEventListener("scroll", () => {
    if (!virtual || ticking) return;
    ticking = true;
    requestAnimationFrame(() => { ticking = false; paintWindow(); });
  }, { passive: true });
  window.addEventListener("resize", () => { if (el.isConnected && virtual) { sizeViewport(); paintWindow(); } });
  requestAnimationFrame(() => { if (virtual && !rowHeight) render(true); else if (virtual) { sizeViewport(); paintWindow(); } });
  ctx.bind(() => render(false));
  return el;
}
