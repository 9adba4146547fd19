import { h } from "../ui.js";

export default function label(w, ctx) {
  const el = h("p", { class: "fc-text", dir: "auto" });
  if (w.p.max_lines) { el.classList.add("fc-clamp"); el.style.webkitLineClamp = String(w.p.max_lines); }
  if (w.al) el.setAttribute("aria-label", w.al);
  ctx.bind(() => { el.textContent = ctx.text(w, "text"); });
  return el;
}
