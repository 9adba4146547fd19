import { h } from "../ui.js";

export default function free(w, ctx) {
  const el = h("div", { class: "fc-free-area" });
  el.style.height = `${Number(w.p.height)}px`;
  for (const child of w.c || []) el.append(ctx.mount(child, "free"));
  return el;
}
