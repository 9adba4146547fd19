// Actions run on events: navigation, forms, records, device features, messages, state, sync.

import { assignPath, evaluate, plain, text, get } from "./shared/rt.js";
import * as data from "./data.js";
import { HttpError } from "./http.js";
import { CallError } from "./calls.js";
import { confirmDialog, toast } from "./ui.js";
import { t } from "./i18n.js";
import { mailHref, mapHref, SAFE_SCHEMES, telHref } from "./shared/links.js";
import { pickPhoto } from "./widgets/camera_photo.js";
import { scanDialog } from "./widgets/barcode_scanner.js";


/** A URL the app may open: an absolute http(s), mailto or tel address only (a relative or
 * scheme-relative `//host` one would take its host from wherever the app is served). */
export function safeUrl(value) {
  try {
    const url = new URL(String(value));
    return SAFE_SCHEMES.includes(url.protocol) ? url.href : null;
  } catch (e) {
    return null;
  }
}

function openExternal(href, newTab = false) {
  const a = document.createElement("a");
  a.href = href;
  if (newTab) { a.target = "_blank"; a.rel = "noopener noreferrer"; }
  document.body.append(a);
  a.click();
  a.remove();
}

export class ActionRunner {
  constructor(router) { this.router = router; }

  /** Run actions in order; stops (resolving false) when one fails or is cancelled. */
  async run(actions, ctx, view) {
    for (const action of actions) {
      let ok;
      try {
        ok = await this.one(action, ctx, view);
      } catch (err) {
        toast(err && err.offline ? t("fc.needs_online")
          : err && err.readOnly ? t("fc.read_only")
          : err instanceof CallError ? t("fc.call_invalid", { names: err.names.join(", ") })
          : err instanceof HttpError ? t("fc.server_refused", { status: err.status })
            : t("fc.action_failed"), "error");
        ok = false;
      }
      view.refresh();
      if (ok === false) return false;
    }
    return true;
  }

  async one(a, ctx, view) {
    const ev = (fn) => evaluate(fn, ctx.scope);
    switch (a.type) {
      case "navigate": {
        const params = {};
        for (const [k, fn] of Object.entries(a.params || {})) params[k] = plain(ev(fn));
        this.router.go(a.screen, params);
        return true;
      }
      case "go_back": this.router.back(); return true;
      case "submit_form": {
        if (!view.validate()) {
          toast(t("fc.fix_errors"), "warning");
          return false;
        }
        const record = a.record ? ev(a.record) : {};
        await data.write(a.source, a.entity, a.operation, record && typeof record === "object" ? record : {});
        if (a.then_navigate) this.router.go(a.then_navigate, {});
        return true;
      }
      case "delete": {
        if (a.confirm && !(await confirmDialog(a.confirm_text))) return false;
        const key = plain(ev(a.key));
        const meta = data.entityMeta(a.source, a.entity);
        const record = key && typeof key === "object" ? key : { [meta.entity.key[0]]: key };
        await data.write(a.source, a.entity, "delete", record);
        return true;
      }
      case "call_operation": {
        const args = {};
        for (const [k, fn] of Object.entries(a.args || {})) args[k] = plain(ev(fn));
        const record = a.record ? plain(ev(a.record)) : null;
        const done = await data.runCall(a.source, a.entity, a.operation, record && typeof record === "object" ? record : null, args, ctx.scope);
        if (done.queued) toast(t("fc.call_queued"), "info");
        else if (a.target) assignPath(view.state, a.target.split("."), done.value);
        else toast(t("fc.call_done"), "success");
        return true;
      }
      case "refresh": await view.loadData(); return true;
      case "call_phone": { const href = telHref(text(ev(a.number)) ?? ""); if (href) openExternal(href); return Boolean(href); }
      case "send_email": { const href = mailHref(text(ev(a.to)) ?? "", text(ev(a.subject)) ?? ""); if (href) openExternal(href); return Boolean(href); }
      case "open_map": { const href = mapHref(text(ev(a.address)) ?? ""); if (href) openExternal(href, true); return Boolean(href); }
      case "open_url": { const href = safeUrl(text(ev(a.url))); if (href) openExternal(href, true); return Boolean(href); }
      case "take_photo": {
        const photo = await pickPhoto();
        if (photo) assignPath(view.state, a.target.split("."), photo);
        return Boolean(photo);
      }
      case "scan_barcode": {
        const code = await scanDialog();
        if (code) assignPath(view.state, a.target.split("."), code);
        return Boolean(code);
      }
      case "show_message": toast(text(ev(a.text)) || "", a.level); return true;
      case "set_variable": assignPath(view.state, a.name.split("."), plain(ev(a.value))); return true;
      case "append_item": {
        const parts = a.target.split(".");
        let items = get(view.state, parts);
        if (!Array.isArray(items)) { items = []; assignPath(view.state, parts, items); }
        const row = {};
        for (const [k, fn] of Object.entries(a.values || {})) row[k] = plain(ev(fn));
        items.push(row);
        return true;
      }
      case "sync_now":
        await data.flush(true);
        await data.prefetch();
        await view.loadData();
        return true;
      default:
        return true;
    }
  }
}
