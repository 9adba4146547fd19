// Shared UI pieces: element builder, toasts, dialogs, the sync indicator and the conflict screen.

import { icon } from "./icons.js";
import { t } from "./i18n.js";
import { pendingScreen } from "./pending.js";
import { syncState } from "./shared/sync.js";

/** Create an element; `props` sets properties/attributes, children are nodes or plain text. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k in el && !k.startsWith("aria") && k !== "role" && k !== "list") el[k] = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

let toastHost = null;

/** A short message at the bottom of the screen, announced to screen readers. */
export function toast(message, level = "info") {
  if (!toastHost) {
    toastHost = h("div", { class: "fc-toasts", role: "status", "aria-live": "polite" });
    document.body.append(toastHost);
  }
  const names = { success: "check", warning: "warning", error: "error", info: "info" };
  const item = h("div", { class: `fc-toast fc-toast-${level}` }, icon(names[level] || "info", 20), h("span", { text: message }));
  toastHost.append(item);
  setTimeout(() => item.classList.add("fc-toast-out"), 3600);
  setTimeout(() => item.remove(), 4000);
}

/** A modal dialog; resolves to the value of the button pressed (or null when dismissed). */
export function dialog({ title, body = [], buttons = [], label = title }) {
  return new Promise((resolve) => {
    const previous = document.activeElement;
    const dlg = h("dialog", { class: "fc-dialog", "aria-label": label });
    const close = (value) => { dlg.close(); dlg.remove(); if (previous && previous.focus) previous.focus(); resolve(value); };
    dlg.addEventListener("cancel", (e) => { e.preventDefault(); close(null); });
    const actions = h("div", { class: "fc-dialog-actions" },
      buttons.map((b) => h("button", { type: "button", class: `fc-btn fc-btn-${b.variant || "text"}`, text: b.text, onclick: () => close(b.value) })));
    dlg.append(h("h2", { class: "fc-dialog-title", text: title }), h("div", { class: "fc-dialog-body" }, body), actions);
    document.body.append(dlg);
    dlg.showModal();
    const primary = actions.querySelector(".fc-btn-primary") || actions.querySelector("button");
    if (primary) primary.focus();
  });
}

export function confirmDialog(message) {
  return dialog({ title: message, buttons: [
    { text: t("fc.cancel"), value: false },
    { text: t("fc.ok"), value: true, variant: "primary" }] }).then(Boolean);
}

function display(v) {
  if (v === null || v === undefined || v === "") return "—";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** The conflict screen: per record, the fields that differ and a choice of version. */
export async function conflictScreen(data) {
  for (const c of await data.conflicts()) {
    const table = h("table", { class: "fc-conflict" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t("fc.field") }),
        h("th", { scope: "col", text: t("fc.yours") }), h("th", { scope: "col", text: t("fc.server") }))),
      h("tbody", {}, c.fields.map((f) => h("tr", {}, h("th", { scope: "row", text: f.label }),
        h("td", { class: "fc-conflict-mine", text: display(f.mine) }), h("td", { class: "fc-conflict-server", text: display(f.server) })))));
    const choice = await dialog({
      title: t("fc.conflict_title"),
      body: [h("p", { text: t("fc.conflict_text", { record: c.label }) }), table],
      buttons: [{ text: t("fc.use_server"), value: "server" },
        { text: t("fc.keep_mine"), value: "mine", variant: "primary" }],
    });
    if (choice) await data.resolve(c.seq, choice);
  }
}

/** A moment as the user reads it ("5 Dec 2026, 12:03"), in the app's language. */
export function formatTime(time) {
  return new Intl.DateTimeFormat(document.documentElement.lang || undefined,
    { dateStyle: "medium", timeStyle: "short" }).format(new Date(time));
}

/** When data last came from the back end, as the user reads it ("Last synced 5 Dec, 12:03"). */
export function lastSynced(time) {
  if (time === null || time === undefined) return t("fc.never_synced");
  return t("fc.last_sync", { time: formatTime(time) });
}

const CHIP = {
  conflict: ["warning", (s) => t("fc.conflicts", { count: s.conflicts })],
  offline: ["cloud_off", (s) => s.pending ? `${t("fc.offline")} · ${t("fc.pending", { count: s.pending })}` : t("fc.offline")],
  syncing: ["sync", () => t("fc.syncing")],
  failed: ["error", (s) => t("fc.failed", { count: s.failed })],
  load_failed: ["error", () => t("fc.not_up_to_date")],
  pending: ["cloud_upload", (s) => t("fc.pending", { count: s.pending })],
  never: ["cloud_off", () => t("fc.never_synced")],
  synced: ["cloud_done", () => t("fc.synced")],
};

/** The sync status chip in the app bar; tapping it opens the conflicts, else the pending
 * changes when something waits or was refused, else syncs now. It
 * claims "up to date" only when the back end was reached (shared rule: syncState); its
 * `data-testid` is "fc-sync-idle" once nothing is being sent or waits to be. */
export function syncIndicator(data) {
  const label = h("span", { class: "fc-sync-label" });
  const glyph = h("span", { class: "fc-sync-glyph" });
  const chip = h("button", { type: "button", id: "fc-sync", class: "fc-sync", "aria-live": "polite" }, glyph, label);
  const update = (s) => {
    const state = syncState(s);
    const [name, text] = CHIP[state];
    const since = state === "synced" || state === "syncing" ? "" : ` (${lastSynced(s.lastSync)})`;
    chip.dataset.state = state;
    chip.setAttribute("data-testid", !s.syncing && !s.pending ? "fc-sync-idle" : "fc-sync-busy");
    chip.setAttribute("aria-label", `${t("fc.sync_status")}: ${text(s)}${state === "never" ? "" : since}`);
    chip.title = state === "never" ? "" : lastSynced(s.lastSync);
    label.textContent = text(s);
    glyph.replaceChildren(icon(name, 18));
  };
  chip.addEventListener("click", async () => {
    const s = data.syncStatus();
    if (s.conflicts) return conflictScreen(data);
    if (s.failed || s.pending) {
      return pendingScreen(data);
    }
    await data.flush(true);
    await data.prefetch();
  });
  data.events.addEventListener("status", (e) => update(e.detail));
  update(data.syncStatus());
  return chip;
}
