import { h } from "../ui.js";
import { icon as glyph } from "../icons.js";

export default function icon(w, ctx) {
  const size = Number(w.p.size) || 24;
  const tappable = Boolean(w.a && w.a.tap);
  const el = h(tappable ? "button" : "span", { class: "fc-icon-box", type: tappable ? "button" : null }, glyph(w.p.icon, size));
  if (w.al) el.setAttribute("aria-label", w.al); else if (!tappable) el.setAttribute("aria-hidden", "true");
  if (!w.al && tappable) el.setAttribute("aria-label", w.p.icon.replace(/_/g, " "));
  if (w.al && !tappable) el.setAttribute("role", "img");
  if (tappable) el.addEventListener("click", () => ctx.run(w, "tap"));
  return el;
}
