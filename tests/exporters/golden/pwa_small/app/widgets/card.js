import { h } from "../ui.js";
import { fillBox } from "./_container.js";

export default function card(w, ctx) {
  const el = h("section", { class: `fc-box fc-column fc-card fc-elev-${Number(w.p.elevation) || 0}` });
  const title = h("h3", { class: "fc-card-title" });
  const id = ctx.domId(w, "-title");
  title.id = id;
  ctx.bind(() => { const text = ctx.text(w, "title"); title.textContent = text; title.hidden = !text; });
  el.append(title);
  el.setAttribute("aria-labelledby", id);
  fillBox(el, w, ctx);
  if (w.a && w.a.tap) {
    el.tabIndex = 0;
    el.setAttribute("role", "button");
    el.classList.add("fc-tappable");
    el.addEventListener("click", () => ctx.run(w, "tap"));
    el.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); ctx.run(w, "tap"); } });
  }
  return el;
}
