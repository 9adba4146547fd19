// A map card: no tiles are fetched (works offline); "Open in Maps" hands over to the maps app.

import { h } from "../ui.js";
import { icon } from "../icons.js";
import { t } from "../i18n.js";
import { mapHref } from "../shared/links.js";

export default function map(w, ctx) {
  const address = h("p", { class: "fc-map-address", dir: "auto" });
  const link = h("a", { class: "fc-btn fc-btn-secondary fc-map-open", target: "_blank", rel: "noopener noreferrer" }, icon("map", 20), h("span", { text: t("fc.open_map") }));
  const el = h("div", { class: "fc-map", role: "group" }, h("div", { class: "fc-map-art", "aria-hidden": "true" }, icon("place", 40)), address, link);
  el.style.minHeight = `${Number(w.p.height) || 180}px`;
  el.setAttribute("aria-label", w.al || t("fc.map"));
  ctx.bind(() => {
    const where = ctx.text(w, "coordinates") || ctx.text(w, "address");
    address.textContent = where || t("fc.no_address");
    const href = mapHref(where);
    if (href) { link.href = href; link.hidden = false; } else link.hidden = true;
  });
  if (w.a && w.a.tap) el.addEventListener("click", (e) => { if (e.target !== link) ctx.run(w, "tap"); });
  return el;
}
