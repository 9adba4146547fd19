import { h } from "../ui.js";

export default function heading(w, ctx) {
  const level = Math.min(3, Math.max(1, Number(w.p.level) || 1));
  const el = h(`h${level + 1}`, { class: `fc-heading fc-heading-${level}`, dir: "auto" });
  ctx.bind(() => { el.textContent = ctx.text(w, "text"); });
  return el;
}
