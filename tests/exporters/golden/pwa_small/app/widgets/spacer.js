import { h } from "../ui.js";

export default function spacer(w) {
  const el = h("div", { "aria-hidden": "true" });
  el.style.minHeight = `${Number(w.p.size)}px`;
  el.style.minWidth = `${Number(w.p.size)}px`;
  return el;
}
