// Shared by container widgets: flex box with gap and padding, children mounted in order.

import { h } from "../ui.js";

export function box(w, ctx, tag = "div", direction = "column") {
  const el = h(tag, { class: `fc-box fc-${direction}` });
  fillBox(el, w, ctx);
  return el;
}

export function fillBox(el, w, ctx) {
  el.style.gap = `${Number(w.gap || 0)}px`;
  const p = w.pad || {};
  const values = [p.top, p.right, p.bottom, p.left].map((v) => Number(v || 0));
  // A card without padding keeps the theme's (CSS) padding; anything else is the model's.
  if (!(w.k === "card" && values.every((v) => v === 0))) el.style.padding = values.map((v) => `${v}px`).join(" ");
  for (const child of w.c || []) el.append(ctx.mount(child, w.k));
  return el;
}
