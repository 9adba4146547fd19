// The pending-changes screen: every change this device has not delivered, in the order it will
// be sent — waiting, held back behind a refused change, refused with the server's message (fix
// and retry, or discard after a confirmation) or waiting for a conflict choice.

import { t } from "./i18n.js";
import { confirmDialog, formatTime, h } from "./ui.js";

const OPS = { create: "fc.change_create", update: "fc.change_update", delete: "fc.change_delete", call: "fc.change_call" };

function reason(change) {
  if (change.state === "held") return t("fc.held");
  if (change.state === "conflict") return t("fc.conflict_title");
  if (change.state === "waiting") return t("fc.waiting");
  const status = change.error && change.error.status;
  return status ? t("fc.refused_status", { status }) : t("fc.refused");
}

function input(field, id) {
  const value = field.value === null || field.value === undefined ? "" : field.value;
  if (field.type === "boolean") {
    return h("input", { id, type: "checkbox", class: "fc-check", checked: Boolean(value) });
  }
  if (field.type === "enum" && field.values.length) {
    return h("select", { id, class: "fc-input" }, [...new Set([...field.values, String(value)])]
      .filter((v) => v !== "" || value === "").map((v) => h("option", { value: v, text: v, selected: v === String(value) })));
  }
  const type = { integer: "number", decimal: "number", date: "date", email: "email", phone: "tel", url: "url" }[field.type] || "text";
  return h("input", { id, type, class: "fc-input", value: String(value), step: field.type === "decimal" ? "any" : null });
}

function read(field, el) {
  if (field.type === "boolean") return el.checked;
  if (field.type === "integer" || field.type === "decimal") return el.value === "" ? null : Number(el.value);
  return el.value;
}

/** The correction form of a refused change: its fields as sent; "Fix and retry" resends it. */
function fixForm(change, data, done) {
  const inputs = change.fields.map((f, i) => {
    const id = `fc-fix-${change.seq}-${i}`;
    return [f, input(f, id), id];
  });
  const form = h("form", { class: "fc-pending-fix" },
    inputs.map(([f, el, id]) => h("div", { class: "fc-field" }, h("label", { for: id, class: "fc-label", text: f.label }), el)),
    h("div", { class: "fc-dialog-actions" },
      h("button", { type: "button", class: "fc-btn fc-btn-text", text: t("fc.cancel"), onclick: () => { form.remove(); done(); } }),
      h("button", { type: "submit", class: "fc-btn fc-btn-primary", text: t("fc.fix") })));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    form.querySelector("button[type=submit]").disabled = true;
    const changes = {};
    for (const [f, el] of inputs) {
      const value = read(f, el);
      if (JSON.stringify(value) !== JSON.stringify(f.value ?? (f.type === "boolean" ? false : f.type === "integer" || f.type === "decimal" ? null : ""))) changes[f.name] = value;
    }
    form.remove();
    await data.retry(change.seq, changes);
    done();
  });
  return form;
}

function row(change, position, data, refresh) {
  const item = h("li", { class: `fc-pending-item fc-pending-${change.state}`, "data-state": change.state });
  const title = change.title ? `${change.entity}: ${change.title}` : change.entity;
  item.append(h("div", { class: "fc-pending-head" },
    h("span", { class: "fc-pending-pos", "aria-hidden": "true", text: String(position) }),
    h("div", {}, h("strong", { text: title }),
      h("div", { class: "fc-pending-op", text: t(OPS[change.op] || "fc.change_update") }))),
    h("p", { class: "fc-pending-reason", text: reason(change) }));
  if (change.state !== "refused") return item;
  if (change.error && change.error.message) {
    item.append(h("blockquote", { class: "fc-pending-message", text: change.error.message }));
  }
  if (change.failedAt) item.append(h("p", { class: "fc-pending-when", text: t("fc.refused_at", { time: formatTime(change.failedAt) }) }));
  const actions = h("div", { class: "fc-dialog-actions" });
  const fix = h("button", { type: "button", class: "fc-btn fc-btn-secondary", text: t("fc.fix_change") });
  fix.addEventListener("click", () => {
    actions.replaceWith(fixForm(change, data, refresh));
  });
  const retry = h("button", { type: "button", class: "fc-btn fc-btn-text", text: t("fc.retry") });
  retry.addEventListener("click", async () => { await data.retry(change.seq); refresh(); });
  const drop = h("button", { type: "button", class: "fc-btn fc-btn-danger", text: t("fc.discard") });
  drop.addEventListener("click", async () => {
    if (await confirmDialog(t("fc.discard_confirm"))) { await data.discard(change.seq); }
    refresh();
  });
  if (change.fields.length) actions.append(fix);
  actions.append(retry, drop);
  item.append(actions);
  return item;
}

/** Open the pending-changes screen (a modal dialog); resolves when it is closed. */
export function pendingScreen(data) {
  return new Promise((resolve) => {
    const previous = document.activeElement;
    const list = h("ol", { class: "fc-pending" });
    const dlg = h("dialog", { class: "fc-dialog fc-pending-dialog", "aria-label": t("fc.pending_title") });
    let open = true;
    const close = () => {
      if (!open) return;
      open = false;
      data.events.removeEventListener("status", refresh);
      dlg.close(); dlg.remove();
      if (previous && previous.focus) previous.focus();
      resolve();
    };
    async function refresh() {
      if (!open || dlg.querySelector(".fc-pending-fix")) return;  // never under a user's typing
      const changes = await data.pendingChanges();
      list.replaceChildren(...(changes.length ? changes.map((c, i) => row(c, i + 1, data, refresh))
        : [h("li", { class: "fc-pending-empty", text: t("fc.nothing_pending") })]));
    }
    dlg.addEventListener("cancel", (e) => { e.preventDefault(); close(); });
    const syncNow = h("button", { type: "button", class: "fc-btn fc-btn-text", text: t("fc.sync_now") });
    syncNow.addEventListener("click", async () => { await data.flush(true); refresh(); });
    dlg.append(h("h2", { class: "fc-dialog-title", text: t("fc.pending_title") }), list,
      h("div", { class: "fc-dialog-actions" }, syncNow,
        h("button", { type: "button", class: "fc-btn fc-btn-primary", text: t("fc.close"), onclick: close })));
    document.body.append(dlg);
    data.events.addEventListener("status", refresh);
    dlg.showModal();
    refresh();
  });
}
