import { box } from "./_container.js";

export default function scroll(w, ctx) {
  const horizontal = w.p.direction === "horizontal";
  const el = box(w, ctx, "div", horizontal ? "row" : "column");
  el.classList.add(horizontal ? "fc-scroll-x" : "fc-scroll-y");
  return el;
}
