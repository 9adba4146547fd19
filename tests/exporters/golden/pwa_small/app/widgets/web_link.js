import { h } from "../ui.js";
import { icon } from "../icons.js";
import { safeUrl } from "../actions.js";

export default function webLink(w, ctx) {
  const label = h("span");
  const el = h("a", { class: "fc-link", target: "_blank", rel: "noopener noreferrer" }, label, icon("open_in_new", 18));
  ctx.bind(() => {
    label.textContent = ctx.text(w, "text");
    const href = safeUrl(ctx.value(w, "url"));
    if (href) el.href = href; else el.removeAttribute("href");
  });
  if (w.a && w.a.tap) el.addEventListener("click", () => ctx.run(w, "tap"));
  return el;
}
