import { h } from "../ui.js";
import { icon } from "../icons.js";
import { rt, evaluate } from "../shared/rt.js";

export default function button(w, ctx) {
  const label = h("span", { class: "fc-btn-label" });
  const el = h("button", { type: "button", class: `fc-btn fc-btn-${w.p.variant}` }, w.p.icon ? icon(w.p.icon, 20) : null, label);
  if (w.al) el.setAttribute("aria-label", w.al);
  let busy = false;
  ctx.bind(() => {
    label.textContent = ctx.text(w, "text");
    const enabled = w.b && w.b.enabled ? rt.truthy(evaluate(w.b.enabled, ctx.scope)) : true;
    el.disabled = busy || !enabled;
  });
  el.addEventListener("click", async () => {
    if (busy) return;
    busy = true;  // one tap runs the actions once: no double submits
    el.disabled = true;
    el.setAttribute("aria-busy", "true");
    try { await ctx.run(w, "tap"); } finally {
      busy = false;
      el.removeAttribute("aria-busy");
      ctx.view.refresh(true);
      if (!el.isConnected) return;
      const enabled = w.b && w.b.enabled ? rt.truthy(evaluate(w.b.enabled, ctx.scope)) : true;
      el.disabled = !enabled;
    }
  });
  return el;
}
