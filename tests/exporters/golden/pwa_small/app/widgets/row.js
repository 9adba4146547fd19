import { box } from "./_container.js";

export default function row(w, ctx) {
  const el = box(w, ctx, "div", "row");
  if (w.p.wrap) el.style.flexWrap = "wrap";
  return el;
}
